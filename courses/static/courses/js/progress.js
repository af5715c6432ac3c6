// Playback progress: resume where the student stopped, and report position and watched
// time every few seconds so progress survives reloads and follows them to other devices.
// The page says how a resource completes (data-aula-completion, from the blocks'
// declarations); only "playback" resources are followed here.
(function () {
    "use strict";

    var REPORT_EVERY_MS = 5000;

    function setup(container) {
        var media = container.querySelector("video, audio");
        if (!media) return;
        var url = container.dataset.aulaProgress;
        var csrf = container.dataset.csrf;
        var resumeAt = parseFloat(container.dataset.resumeAt) || 0;
        var watched = 0;
        var last = null;
        var sending = false;

        // An explicit start ("?t=", player.js) wins over resuming where the student stopped.
        var explicitStart = /^\d+(\.\d+)?$/.test(new URLSearchParams(window.location.search).get("t") || "");
        function resume() {
            if (explicitStart) return;
            if (resumeAt > 0 && resumeAt < (media.duration || Infinity)) media.currentTime = resumeAt;
        }
        if (media.readyState >= 1) { resume(); } else { media.addEventListener("loadedmetadata", resume, { once: true }); }

        media.addEventListener("timeupdate", function () {
            var now = media.currentTime;
            if (last !== null && !media.paused && !media.seeking) {
                var delta = now - last;
                if (delta > 0 && delta < 3) watched += delta;  // a jump is a seek, not watching
            }
            last = now;
        });
        media.addEventListener("seeking", function () { last = null; });

        // leaving: a keepalive request outlives the page (sendBeacon cannot send the CSRF header)
        function report(leaving) {
            if ((sending && !leaving) || !media.duration || !isFinite(media.duration)) return;
            // the server knows the media's duration and its clock caps "watched": only report
            var body = JSON.stringify({ position: media.currentTime, watched: watched });
            watched = 0;
            sending = true;
            fetch(url, {
                method: "POST",
                keepalive: leaving,
                credentials: "same-origin",
                headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" },
                body: body
            }).then(function (response) {
                return response.ok ? response.json() : null;
            }).then(function (data) {
                if (data && data.completed) markDone(data);
            }).catch(function () { /* offline: the next report carries on */ })
              .finally(function () { sending = false; });
        }

        function markDone(data) {
            if (window.aulaApplyProgress) { window.aulaApplyProgress(data); return; }
            var hint = document.querySelector("[data-aula-completion-hint]");
            var done = document.querySelector("[data-aula-completion-done]");
            if (hint) hint.hidden = true;
            if (done) done.hidden = false;
        }

        // the first report starts the server's clock: send it as soon as playback starts
        media.addEventListener("playing", function () { report(false); }, { once: true });
        setInterval(function () { if (!media.paused) report(false); }, REPORT_EVERY_MS);
        media.addEventListener("pause", function () { report(false); });
        media.addEventListener("ended", function () { report(false); });
        document.addEventListener("visibilitychange", function () {
            if (document.visibilityState === "hidden") report(true);
        });
    }

    function init() {
        document.querySelectorAll('[data-aula-completion="playback"][data-aula-progress]').forEach(setup);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
