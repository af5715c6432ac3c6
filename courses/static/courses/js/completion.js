// Completing a resource updates the page at once: the "Mark as complete" button posts
// with fetch and the answer (courses/views/learning.py's progress_report) moves every
// progress bar and ticks the outline; without JavaScript the form posts and redirects.
// progress.js (video and audio) hands its answers to the same window.aulaApplyProgress.
(function () {
    "use strict";

    // The outline's icon becomes the sprite's check (outline_tags.py draws the same).
    function showDone(icon) {
        var use = icon.querySelector("use");
        var check = icon.ownerDocument.querySelector("svg.icon use[href$='#circle-check']");
        if (check) icon.setAttribute("viewBox", check.parentNode.getAttribute("viewBox"));
        if (use) use.setAttribute("href", use.getAttribute("href").replace(/#.*$/, "#circle-check"));
        icon.setAttribute("class", "icon mt-1 outline-done");
    }

    function applyProgress(report) {
        if (!report || !report.completed) return;
        document.querySelectorAll("[data-aula-meter]").forEach(function (bar) {
            var progress = bar.querySelector("progress");
            var percent = bar.querySelector("[data-aula-percent]");
            var summary = bar.querySelector("[data-aula-summary]");
            if (progress) { progress.value = report.percent; progress.textContent = report.percent + "%"; }
            if (percent) percent.textContent = report.percent + "%";
            if (summary && report.summary) summary.textContent = report.summary;
        });
        var keys = report.completed_keys || [];
        document.querySelectorAll("li[data-resource-key]").forEach(function (item) {
            if (keys.indexOf(item.dataset.resourceKey) === -1 || item.dataset.aulaDone) return;
            item.dataset.aulaDone = "1";
            var icon = item.querySelector("svg.icon");
            if (icon) showDone(icon);
            var note = item.querySelector(".visually-hidden");
            if (note && report.done_note) note.textContent = note.textContent.replace(/\)$/, ", " + report.done_note + ")");
        });
        document.querySelectorAll("[data-aula-completion-hint]").forEach(function (el) { el.hidden = true; });
        document.querySelectorAll("[data-aula-completion-done]").forEach(function (el) { el.hidden = false; });
        if (report.course_completed) {
            document.querySelectorAll("[data-aula-course-done]").forEach(function (el) {
                var link = el.querySelector("a");
                if (link && report.completion_url) link.href = report.completion_url;
                el.hidden = false;
            });
        }
    }
    window.aulaApplyProgress = applyProgress;

    function showError(form, message) {
        var error = form.parentNode.querySelector("[data-aula-completion-error]");
        if (!error) return;
        error.textContent = message;
        error.hidden = false;
    }

    document.querySelectorAll("form[data-aula-complete]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var button = form.querySelector("button");
            if (button) button.disabled = true;
            fetch(form.action, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Accept": "application/json" },
                body: new FormData(form)
            }).then(function (response) {
                return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
                if (result.ok) { applyProgress(result.data); } else {
                    if (button) button.disabled = false;
                    showError(form, result.data.error || "");
                }
            }).catch(function () {
                form.submit();  // the answer did not arrive: post the ordinary way
            });
        });
    });
})();
