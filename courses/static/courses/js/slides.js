// Slide decks (the slides block, courses/templates/courses/blocks/slides.html).
//
// Our own small script rather than a deck library: reveal.js and its kind take over the
// page (their own layout, fonts, routing and keyboard map) for ~100 kB, and their markup is
// not a readable list without JavaScript. A deck here is an ordered list of slides that
// this script shows one at a time: previous/next buttons; Left/Right, Page Up/Page Down,
// Home/End while the deck has focus; F for full screen (Fullscreen API); "Slide 3 of 12"
// announced through an aria-live region. Speaker notes stay in their <details> toggle.
(function () {
    "use strict";

    function setUp(deck) {
        var slides = Array.prototype.slice.call(deck.querySelectorAll(".aula-slide"));
        var stage = deck.querySelector(".aula-deck-stage");
        var controls = deck.querySelector("[data-deck-controls]");
        var position = deck.querySelector("[data-deck-position]");
        var previous = deck.querySelector("[data-deck-previous]");
        var next = deck.querySelector("[data-deck-next]");
        var fullscreen = deck.querySelector("[data-deck-fullscreen]");
        var help = deck.querySelector("[data-deck-help]");
        var current = 0;
        if (!slides.length || deck.dataset.deckReady) return;
        deck.dataset.deckReady = "1";

        function show(index) {
            current = Math.max(0, Math.min(slides.length - 1, index));
            slides.forEach(function (slide, i) { slide.hidden = i !== current; });
            previous.disabled = current === 0;
            next.disabled = current === slides.length - 1;
            position.textContent = position.dataset.template
                .replace("%(number)s", String(current + 1))
                .replace("%(count)s", String(slides.length));
        }

        function toggleFullscreen() {
            if (document.fullscreenElement === deck) {
                document.exitFullscreen();
            } else if (deck.requestFullscreen) {
                deck.requestFullscreen().then(function () { stage.focus(); }).catch(function () {});
            }
        }

        previous.addEventListener("click", function () { show(current - 1); });
        next.addEventListener("click", function () { show(current + 1); });
        fullscreen.addEventListener("click", toggleFullscreen);
        document.addEventListener("fullscreenchange", function () {
            var on = document.fullscreenElement === deck;
            deck.classList.toggle("aula-deck-fullscreen", on);
            fullscreen.textContent = on ? fullscreen.dataset.exit : fullscreen.dataset.enter;
            fullscreen.setAttribute("aria-pressed", on ? "true" : "false");
        });
        if (!document.fullscreenEnabled) fullscreen.hidden = true;

        deck.addEventListener("keydown", function (event) {
            var target = event.target;
            if (event.altKey || event.ctrlKey || event.metaKey) return;
            if (target.closest("summary, input, textarea, select, [contenteditable]")) return;
            var moves = {
                ArrowLeft: current - 1, PageUp: current - 1,
                ArrowRight: current + 1, PageDown: current + 1,
                Home: 0, End: slides.length - 1,
            };
            if (Object.prototype.hasOwnProperty.call(moves, event.key)) {
                event.preventDefault();
                show(moves[event.key]);
            } else if ((event.key === "f" || event.key === "F") && !fullscreen.hidden) {
                event.preventDefault();
                toggleFullscreen();
            }
        });

        stage.tabIndex = 0;
        stage.setAttribute("aria-describedby", help.id || (help.id = "aula-deck-help-" + Math.random().toString(36).slice(2)));
        controls.hidden = false;
        help.hidden = false;
        deck.classList.add("aula-deck-ready");
        show(0);
    }

    function setUpAll() {
        document.querySelectorAll("[data-aula-deck]").forEach(setUp);
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
    else setUpAll();
})();
