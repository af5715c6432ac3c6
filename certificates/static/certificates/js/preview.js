// The editor's preview of a certificate: the sheet (297 mm wide for A4) scaled down to the
// width of the preview panel, which is often a phone's, so the whole design shows at once.
(function () {
  "use strict";
  function fit() {
    var root = document.documentElement;
    root.style.zoom = "";
    var needed = document.body.offsetWidth + 32; // the sheet and its margin
    var scale = Math.min(1, root.clientWidth / needed);
    root.style.zoom = scale < 1 ? String(scale) : "";
  }
  window.addEventListener("resize", fit);
  fit();
})();
