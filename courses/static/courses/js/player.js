// Aula's media players: playback speed, keyboard seeking, and transcripts that follow
// playback (click a line to jump there). No dependencies; works with the native controls.
(function () {
    "use strict";

    // "?t=83" in the page's address: a player starts at that second (the site search links
    // each transcript line there). "&track=<caption file URL>" names the <track> the line
    // is in: the player holding it starts there (with that track's captions shown), else
    // the first player. progress.js does not resume over it.
    function startSecond() {
        var t = new URLSearchParams(window.location.search).get("t");
        return t !== null && /^\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
    }

    function namedTrack(players) {
        var src = new URLSearchParams(window.location.search).get("track");
        if (!src) return null;
        var wanted;
        try { wanted = new URL(src, window.location.href).href; } catch (error) { return null; }
        for (var i = 0; i < players.length; i++) {
            var tracks = players[i].querySelectorAll("track");
            for (var j = 0; j < tracks.length; j++) {
                if (tracks[j].src === wanted) return tracks[j];
            }
        }
        return null;
    }

    function startAt(player, media, second, track) {
        function seek() {
            media.currentTime = isFinite(media.duration) ? Math.min(second, media.duration) : second;
        }
        if (media.readyState >= 1) { seek(); } else { media.addEventListener("loadedmetadata", seek, { once: true }); }
        if (track && track.track) {
            Array.prototype.forEach.call(media.textTracks, function (other) {
                if (other !== track.track && other.mode === "showing") other.mode = "disabled";
            });
            track.track.mode = "showing";
        }
        player.scrollIntoView({ block: "center" });
    }

    function setupPlayer(player) {
        var media = player.querySelector("video, audio");
        if (!media) return;

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
        var players = Array.prototype.filter.call(document.querySelectorAll("[data-aula-player]"), function (player) {
            return player.querySelector("video, audio");
        });
        players.forEach(setupPlayer);
        var second = startSecond();
        if (second === null || !players.length) return;
        var track = namedTrack(players);
        var player = track ? track.closest("[data-aula-player]") : players[0];
        startAt(player, player.querySelector("video, audio"), second, track);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
