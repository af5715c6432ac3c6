// An attempt: autosave each answer as it changes (fetch with the CSRF token) and count
// down a timed attempt, announcing the time left to screen readers at sensible moments.
// Without JavaScript the page is a plain form: "Submit" sends every answer at once.
(function () {
    "use strict";

    var ANNOUNCE_AT = [1800, 900, 600, 300, 120, 60, 30, 10];  // seconds left

    function format(seconds) {
        var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
        var mm = (h ? String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
        return h ? h + ":" + mm : mm;
    }

    function spoken(seconds) {
        var minutes = Math.round(seconds / 60);
        if (seconds >= 120) return interpolate(gettextOr("%s minutes left"), [minutes]);
        if (seconds >= 60) return gettextOr("1 minute left");
        return interpolate(gettextOr("%s seconds left"), [seconds]);
    }

    var MESSAGES = {};  // translated by the page (json_script "aula-attempt-messages")
    function gettextOr(text) { return MESSAGES[text] || text; }
    function interpolate(text, values) { return text.replace("%s", values[0]); }

    function setupTimer(timer, form) {
        var left = parseInt(timer.dataset.secondsLeft, 10);
        var display = timer.querySelector("[data-aula-timer-display]");
        var announce = timer.querySelector("[data-aula-timer-announce]");
        var end = Date.now() + left * 1000;
        var before = left;  // seconds left at the previous tick
        function tick() {
            var now = Math.max(0, Math.round((end - Date.now()) / 1000));
            display.textContent = format(now);
            // The moments passed since the last tick: a late or throttled tick (a background
            // tab) skips seconds, and an announcement must not be skipped with them.
            var passed = ANNOUNCE_AT.filter(function (at) { return at < before && at >= now; });
            if (passed.length && now > 0) announce.textContent = spoken(now);
            before = now;
            if (now <= 0) {
                clearInterval(interval);
                announce.textContent = gettextOr("Time is up. Your answers are being submitted.");
                form.submit();  // the server grades as of the deadline whatever arrives
            }
        }
        var interval = setInterval(tick, 1000);
        tick();
    }

    function responseOf(fieldset) {
        var type = fieldset.dataset.type;
        if (type === "multiple_choice") {
            return Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
        }
        if (type === "single_choice" || type === "true_false") {
            var checked = fieldset.querySelector("input:checked");
            return checked ? checked.value : null;
        }
        return fieldset.querySelector("input, textarea").value;
    }

    function setupAutosave(form) {
        var status = document.querySelector("[data-aula-save-status]");
        var timers = {};
        function save(fieldset) {
            var error = fieldset.querySelector("[data-aula-question-error]");
            fetch(form.dataset.autosaveUrl, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRFToken": form.dataset.csrf },
                body: JSON.stringify({ question: fieldset.dataset.question, response: responseOf(fieldset) })
            }).then(function (response) {
                return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
                error.textContent = result.ok ? "" : result.data.error;
                if (result.ok) status.textContent = gettextOr("Saved.");
            }).catch(function () {
                status.textContent = gettextOr("Not saved: check your connection. Your answer is sent again when you submit.");
            });
        }
        form.addEventListener("change", function (event) {
            var fieldset = event.target.closest("[data-question]");
            if (fieldset) save(fieldset);
        });
        form.addEventListener("input", function (event) {  // typing: save after a pause
            var fieldset = event.target.closest("[data-question]");
            if (!fieldset || event.target.type === "radio" || event.target.type === "checkbox") return;
            clearTimeout(timers[fieldset.dataset.question]);
            timers[fieldset.dataset.question] = setTimeout(function () { save(fieldset); }, 800);
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var form = document.querySelector("[data-aula-attempt]");
        if (!form) return;
        var catalogue = document.getElementById("aula-attempt-messages");
        if (catalogue) MESSAGES = JSON.parse(catalogue.textContent);
        setupAutosave(form);
        var timer = document.querySelector("[data-aula-timer]");
        if (timer) setupTimer(timer, form);
    });
})();
