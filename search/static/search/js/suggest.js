// Suggestions as you type for the search field: the ARIA 1.2 combobox pattern (a list
// box of page titles). Arrow keys move through the suggestions, Enter opens the chosen
// one (or searches when none is chosen), Escape closes the list. Without JavaScript the
// field is a plain search form.
(function () {
    "use strict";

    var DELAY_MS = 200;

    function setup(form) {
        var input = form.querySelector("[role=combobox]");
        var list = form.querySelector("[role=listbox]");
        var status = form.querySelector("[data-suggest-status]");
        if (!input || !list) return;
        var url = form.dataset.suggestUrl;
        var timer = null;
        var active = -1;
        var controller = null;
        var lastQuery = "";

        function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

        function close() {
            list.hidden = true;
            list.innerHTML = "";
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function choose(index) {
            var items = options();
            items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
            active = index;
            if (index >= 0 && items[index]) {
                input.setAttribute("aria-activedescendant", items[index].id);
                items[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(suggestions) {
            list.innerHTML = "";
            suggestions.forEach(function (suggestion, i) {
                var item = document.createElement("li");
                item.id = "search-suggestion-" + i;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.dataset.url = suggestion.url;
                var title = document.createElement("span");
                title.textContent = suggestion.title;  // text, never HTML
                var kind = document.createElement("span");
                kind.className = "suggestion-type";
                kind.textContent = suggestion.type;
                item.appendChild(title);
                item.appendChild(kind);
                item.addEventListener("mousedown", function (event) { event.preventDefault(); });
                item.addEventListener("click", function () { window.location.href = suggestion.url; });
                list.appendChild(item);
            });
            var open = suggestions.length > 0;
            list.hidden = !open;
            input.setAttribute("aria-expanded", open ? "true" : "false");
            active = -1;
            if (status) status.textContent = open ? suggestions.length + " " + status.dataset.suggestCount : "";
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) return;
            lastQuery = query;
            if (query.length < 2) { close(); return; }
            if (controller) controller.abort();
            controller = new AbortController();
            fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", signal: controller.signal })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) { if (input.value.trim() === query) show(data.suggestions || []); })
                .catch(function () { /* aborted or offline: the form still works */ });
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(fetchSuggestions, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            var items = options();
            if (event.key === "ArrowDown" && items.length) {
                event.preventDefault();
                if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
                choose((active + 1) % items.length);
            } else if (event.key === "ArrowUp" && items.length) {
                event.preventDefault();
                choose(active <= 0 ? items.length - 1 : active - 1);
            } else if (event.key === "Enter" && !list.hidden && active >= 0 && items[active]) {
                event.preventDefault();
                window.location.href = items[active].dataset.url;
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 100); });
    }

    function init() { document.querySelectorAll("[data-aula-search]").forEach(setup); }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
