// The completion page's "Copy" button: copies the certificate's verification link and
// says so (a status line read by screen readers); where the clipboard is refused, the
// link is selected for the learner to copy.
(function () {
    "use strict";

    function setup(box) {
        var source = box.querySelector("[data-aula-copy-source]");
        var button = box.querySelector("[data-aula-copy-button]");
        var status = box.parentNode.querySelector("[data-aula-copy-status]");
        if (!source || !button) return;
        button.addEventListener("click", function () {
            function done(message) { if (status) status.textContent = message; }
            function fallback() { source.select(); done(button.dataset.failed); }
            if (!navigator.clipboard) { fallback(); return; }
            navigator.clipboard.writeText(source.value).then(function () { done(button.dataset.copied); }, fallback);
        });
    }

    function init() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-aula-copy]"), setup);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
