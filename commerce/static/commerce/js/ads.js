// Fill each AdSense slot on the page (no inline script: the CSP forbids it).
document.querySelectorAll("ins.adsbygoogle").forEach(function () {
  (window.adsbygoogle = window.adsbygoogle || []).push({});
});
