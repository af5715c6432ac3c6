// `make css`: Bootstrap's stylesheet (from the bootstrap-wrapper wheel) reduced to the rules
// Aula's pages use, written to lms_site/static/css/bootstrap.min.css (committed: CI and
// deployments need no npm). PurgeCSS keeps a rule when a word of its selector appears in any
// template, Python module (form widgets' classes) or script of ours; the safelist holds the
// classes that only Bootstrap's JavaScript adds, or that a template builds from parts.
// lms_site/tests/test_built_css.py fails when a template uses a Bootstrap class this lacks.
module.exports = {
    css: [process.env.BOOTSTRAP_CSS],
    content: ["**/templates/**/*.html", "**/*.py", "**/static/**/*.js"],
    skippedContentGlobs: [".venv/**", "node_modules/**", "staticfiles/**", "**/migrations/**", "bench/**", "e2e/**"],
    output: "lms_site/static/css/",
    safelist: {
        standard: [
            // Bootstrap's JavaScript: collapse (navbar), dropdown (language menu), transitions.
            "show", "showing", "hiding", "collapse", "collapsing", "collapse-horizontal", "fade",
            "dropdown-menu-end", "dropdown-menu-start", "dropup", "dropend", "dropstart",
            // Forms and messages whose class is built from parts or set by Python.
            "is-invalid", "is-valid", "was-validated", "invalid-feedback", "valid-feedback",
            "visually-hidden", "visually-hidden-focusable", "active", "disabled",
            /^alert-/, /^btn-(primary|secondary|success|danger|warning|info|light|dark|outline-)/,
            // Rich text and markdown bodies (Wagtail and the markdown block write bare elements).
            "table", "blockquote", "figure", "figure-img", "figure-caption", "img-fluid",
            "abbr", "code", "kbd", "pre", "samp", "mark", "small", "sub", "sup", "dl", "dt", "dd", "hr",
        ],
        // [data-bs-theme=dark]: the colour mode is a site setting, set on <html> at run time;
        // [data-bs-popper]: set by the dropdown script on the open menu.
        greedy: [/data-bs-theme/, /data-bs-popper/],
    },
};
