// Aula's media players: playback speed, keyboard seeking, and transcripts that follow
// playback (click a line to jump there). No dependencies; works with the native controls.
(function () {
    "use strict";

    // "?t=83" in the page's address: the first player starts at that second (the site
    // search links each transcript line there). progress.js does not resume over it.
    function startSecond() {
        var t = new URLSearchParams(window.location.search).get("t");
        return t !== null && /^\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
    }

    function startAt(player, media, second) {
        function seek() {
            media.currentTime = isFinite(media.duration) ? Math.min(second, media.duration) : second;
        }
        if (media.readyState >= 1) { seek(); } else { media.addEventListener("loadedmetadata", seek, { once: true }); }
        player.scrollIntoView({ block: "center" });
    }

    function setupPlayer(player, index) {
        var media = player.querySelector("video, audio");
        if (!media) return;
        var second = startSecond();
        if (index === 0 && second !== null) startAt(player, media, second);

        var speed = player.querySelector("[data-aula-speed]");
        if (speed) {
            speed.addEventListener("change", function () {
                media.playbackRate = parseFloat(speed.value) || 1;
            });
        }

        // Arrow keys seek 5 s, j/l 10 s, k or space toggles play, when the media has focus.
        media.addEventListener("keydown", function (event) {
            var step = { ArrowLeft: -5, ArrowRight: 5, j: -10, l: 10 }[event.key];
            if (step) {
                media.currentTime = Math.max(0, Math.min(media.duration || Infinity, media.currentTime + step));
                event.preventDefault();
            } else if (event.key === "k" || event.key === " ") {
                if (media.paused) { media.play(); } else { media.pause(); }
                event.preventDefault();
            }
        });

        var transcript = player.querySelector("[data-aula-transcript]");
        if (!transcript) return;
        var lines = Array.prototype.slice.call(transcript.querySelectorAll("[data-start]"));
        lines.forEach(function (button) {
            button.addEventListener("click", function () {
                media.currentTime = parseFloat(button.dataset.start);
                media.play();
            });
        });
        var current = null;
        media.addEventListener("timeupdate", function () {
            var t = media.currentTime;
            var found = null;
            lines.forEach(function (button) {
                if (t >= parseFloat(button.dataset.start) && t < parseFloat(button.dataset.end)) found = button;
            });
            if (found === current) return;
            if (current) {
                current.closest("li").classList.remove("is-current");
                current.removeAttribute("aria-current");
            }
            current = found;
            if (current) {
                current.closest("li").classList.add("is-current");
                current.setAttribute("aria-current", "true");
            }
        });
    }

    function init() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-aula-player]"), setupPlayer);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
