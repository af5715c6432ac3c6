// The catalog's filters apply as soon as one changes (the Search button does the same
// without JavaScript). The keyword box applies on Enter, as any search box.
(function () {
    "use strict";
    document.querySelectorAll("form[data-aula-autosubmit]").forEach(function (form) {
        form.querySelectorAll("select").forEach(function (select) {
            select.addEventListener("change", function () {
                if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
            });
        });
    });
})();
