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

    // The player's keys, when the video or audio has focus (listed beside it, "Keyboard
    // shortcuts"): Space or K play/pause, J/L 10 s back/forward, Left/Right 5 s, Up/Down
    // volume, M mute, F full screen (videos), C captions on/off. Keys typed anywhere else
    // (a form field, the speed menu) never reach these handlers.
    var SEEKS = { ArrowLeft: -5, ArrowRight: 5, j: -10, l: 10 };
    var VOLUMES = { ArrowUp: 0.1, ArrowDown: -0.1 };

    function action(event, media) {
        if (event.ctrlKey || event.metaKey || event.altKey) return null;
        var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
        if (key === " " || key === "k") return "toggle";
        if (key in SEEKS) return "seek";
        if (key in VOLUMES) return "volume";
        if (key === "m") return "mute";
        if (key === "f" && media.tagName === "VIDEO") return "fullscreen";
        if (key === "c" && media.textTracks && media.textTracks.length) return "captions";
        return null;
    }

    function toggleCaptions(media, player) {
        var tracks = Array.prototype.slice.call(media.textTracks);
        var showing = tracks.filter(function (track) { return track.mode === "showing"; });
        if (showing.length) {
            player.dataset.lastCaptions = tracks.indexOf(showing[0]);
            showing.forEach(function (track) { track.mode = "disabled"; });
        } else {
            var wanted = tracks[parseInt(player.dataset.lastCaptions || "0", 10)] || tracks[0];
            wanted.mode = "showing";
        }
    }

    function toggleFullscreen(media) {
        if (document.fullscreenElement) {
            document.exitFullscreen();
        } else if (media.requestFullscreen) {
            media.requestFullscreen();
        }
    }

    // Chromium's own controls also act on some of these keys (Space, Up/Down…) when the
    // media has focus — some when the key goes down, before the page hears it, some when it
    // is released — and cancelling the key does not stop them: the player played and paused
    // at once. So a key notes the state it asks for, from the state the media's last events
    // reported (``settled``: the browser's own change has not reported yet), and once the
    // key is released the player brings the media to that state, whatever the browser did
    // meanwhile. Seeking is the player's alone, at once (and again while the key is held).
    function wanted(what, key, media, settled) {
        if (what === "toggle") return { paused: !settled.paused };
        if (what === "volume") {
            return { volume: Math.round(Math.max(0, Math.min(1, settled.volume + VOLUMES[key])) * 10) / 10 };
        }
        if (what === "mute") return { muted: !settled.muted };
        if (what === "fullscreen") return { fullscreen: !document.fullscreenElement };
        if (what === "captions") return { captions: !Array.prototype.some.call(media.textTracks, showing) };
        return null;
    }

    function showing(track) { return track.mode === "showing"; }

    function reach(state, media, player) {
        if ("paused" in state && media.paused !== state.paused) {
            if (state.paused) { media.pause(); } else { media.play(); }
        }
        if ("volume" in state) {
            media.volume = state.volume;
            if (state.volume > 0) media.muted = false;
        }
        if ("muted" in state) media.muted = state.muted;
        if ("fullscreen" in state && !!document.fullscreenElement !== state.fullscreen) toggleFullscreen(media);
        if ("captions" in state && Array.prototype.some.call(media.textTracks, showing) !== state.captions) {
            toggleCaptions(media, player);
        }
    }

    function seek(key, media) {
        media.currentTime = Math.max(0, Math.min(media.duration || Infinity, media.currentTime + SEEKS[key]));
    }

    function keyName(event) {
        return event.key.length === 1 ? event.key.toLowerCase() : event.key;
    }

    function onKeyDown(event, player, media, pending, settled) {
        var what = action(event, media);
        if (!what) return;
        event.preventDefault(); // no page scroll
        if (what === "seek") {
            seek(keyName(event), media); // at once, and again while held
        } else if (!event.repeat) {
            pending[keyName(event)] = wanted(what, keyName(event), media, settled);
        }
    }

    function onKeyUp(event, player, media, pending, settle) {
        var key = keyName(event);
        var state = pending[key];
        if (!state) return;
        delete pending[key];
        event.preventDefault();
        // The media's own events (pause, play) may come after the next key: what the player
        // just did is the settled state at once.
        window.setTimeout(function () { reach(state, media, player); settle(); }, 0);
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

        var pending = {}; // key → the state it asks for (onKeyDown)
        var settled = { paused: media.paused, volume: media.volume, muted: media.muted };
        function settle() {
            settled.paused = media.paused;
            settled.volume = media.volume;
            settled.muted = media.muted;
        }
        ["play", "pause", "volumechange"].forEach(function (type) { media.addEventListener(type, settle); });
        media.addEventListener("keydown", function (event) { onKeyDown(event, player, media, pending, settled); });
        media.addEventListener("keyup", function (event) { onKeyUp(event, player, media, pending, settle); });

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
