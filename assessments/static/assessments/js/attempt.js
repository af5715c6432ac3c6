// An attempt: autosave each answer as it changes (fetch with the CSRF token) and count
// down a timed attempt, announcing the time left to screen readers at sensible moments.
// A refused submission: focus on the first error, the summary's links move focus to their
// question. "Submit" with questions left unanswered asks first, in a <dialog>.
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
    function interpolate(text, values) {
        var i = 0;
        return text.replace(/%s/g, function () { return String(values[i++]); });
    }

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
            fetch(form.dataset.autosaveUrl, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRFToken": form.dataset.csrf },
                body: JSON.stringify({ question: fieldset.dataset.question, response: responseOf(fieldset) })
            }).then(function (response) {
                return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
                showError(fieldset, result.ok ? "" : result.data.error);
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

    // The fields of a question that say they are in error (text fields; a choice question's
    // group carries it on the fieldset).
    function showError(fieldset, message) {
        var error = fieldset.querySelector("[data-aula-question-error]");
        error.textContent = "";
        if (message) {
            var strong = document.createElement("strong");
            strong.textContent = gettextOr("Error:");
            error.append(strong, " " + message);
        }
        var field = fieldset.querySelector("input[type=text], textarea");
        var ids = field ? (field.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== error.id; }) : [];
        if (message) ids.push(error.id);
        if (field) {
            if (message) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
            if (ids.length) field.setAttribute("aria-describedby", ids.join(" ")); else field.removeAttribute("aria-describedby");
        }
        if (message) fieldset.setAttribute("aria-describedby", error.id); else fieldset.removeAttribute("aria-describedby");
        fieldset.closest(".card").classList.toggle("evaluation-card-error", Boolean(message));
        fieldset.querySelectorAll("input, textarea").forEach(function (input) { input.classList.toggle("is-invalid", Boolean(message)); });
    }

    function focusQuestion(target) {
        target.focus({ preventScroll: true });
        var group = target.closest("[data-question]");
        (group ? group.querySelector("legend") : target).scrollIntoView({ block: "center" });
    }

    function setupErrors() {
        var summary = document.querySelector("[data-aula-error-summary]");
        if (!summary) return;
        summary.addEventListener("click", function (event) {
            var link = event.target.closest("[data-aula-error-link]");
            if (!link) return;
            var target = document.getElementById(link.getAttribute("href").slice(1));
            if (!target) return;
            event.preventDefault();
            focusQuestion(target);
        });
        var first = document.querySelector("[autofocus]:not(dialog [autofocus])");
        if (first && document.activeElement !== first) focusQuestion(first);
    }

    function isAnswered(fieldset) {
        var response = responseOf(fieldset);
        return Array.isArray(response) ? response.length > 0 : Boolean(response && String(response).trim());
    }

    function setupConfirmation(form) {
        var dialog = document.querySelector("[data-aula-confirm]");
        if (!dialog || typeof dialog.showModal !== "function") return;  // no <dialog>: the server accepts
        var confirmed = false, unanswered = [];
        form.addEventListener("submit", function (event) {
            if (confirmed) return;
            unanswered = Array.prototype.filter.call(form.querySelectorAll("[data-question]"), function (f) { return !isAnswered(f); });
            if (!unanswered.length) return;
            event.preventDefault();
            var numbers = unanswered.map(function (f) { return f.dataset.number; });
            dialog.querySelector("[data-aula-confirm-text]").textContent = numbers.length === 1
                ? interpolate(gettextOr("Question %s has no answer. An unanswered question scores no points."), numbers)
                : interpolate(gettextOr("%s questions have no answer: %s. An unanswered question scores no points."), [numbers.length, numbers.join(", ")]);
            dialog.showModal();
        });
        dialog.querySelector("[data-aula-confirm-submit]").addEventListener("click", function () {
            confirmed = true;
            dialog.close();
            form.submit();
        });
        dialog.querySelector("[data-aula-confirm-back]").addEventListener("click", function () {
            dialog.close();
            if (unanswered.length) focusQuestion(unanswered[0].querySelector("input, textarea"));
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var form = document.querySelector("[data-aula-attempt]");
        if (!form) return;
        var catalogue = document.getElementById("aula-attempt-messages");
        if (catalogue) MESSAGES = JSON.parse(catalogue.textContent);
        setupAutosave(form);
        setupErrors();
        setupConfirmation(form);
        var timer = document.querySelector("[data-aula-timer]");
        if (timer) setupTimer(timer, form);
    });
})();
