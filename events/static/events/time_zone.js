// Master-class times in the reader's own time zone (the page, shared by every anonymous
// visitor, says them in the site's zone, named: that is what shows without scripts).
// A signed-in user without a time zone has the browser's kept in their profile, once.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;
  var lang = document.documentElement.lang || undefined;
  // A signed-in user's profile zone is what the server used: keep it.
  var keep = document.querySelector("[data-keep-zone]");
  if (!keep) document.querySelectorAll("time[data-local-time]").forEach(function (node) {
    var when = new Date(node.getAttribute("datetime"));
    if (isNaN(when)) return;
    var options = node.hasAttribute("data-time-only")
      ? { timeStyle: "short" }
      : { dateStyle: "long", timeStyle: "short" };
    node.textContent = new Intl.DateTimeFormat(lang, options).format(when);
  });
  if (!keep) document.querySelectorAll("[data-time-zone-name]").forEach(function (node) {
    node.textContent = "(" + zone + ")";
  });
  var detect = document.querySelector("[data-detect-time-zone]");
  if (detect) {
    var body = new URLSearchParams({ time_zone: zone });
    fetch(detect.getAttribute("data-detect-time-zone"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": detect.getAttribute("data-csrf") },
    });
  }
})();
