// Draws the charts of accounts/templates/accounts/admin/includes/school_figures.html with the
// vendored Chart.js (lms_site/static/vendor/chartjs, `make vendor-charts`). The figures come
// from the page (json_script); each chart has its table below it, so nothing is lost without
// this script. A drawn canvas gets data-drawn="true" (the browser tests wait for it).
(function () {
    "use strict";

    function draw() {
        var source = document.getElementById("aula-figures-data");
        if (!source || typeof window.Chart === "undefined") {
            return;
        }
        var data = JSON.parse(source.textContent);
        var style = getComputedStyle(document.documentElement);
        var colour = style.getPropertyValue("--w-color-secondary").trim() || "#007d7e";
        var text = style.getPropertyValue("--w-color-text-context").trim() || "#262626";
        data.charts.forEach(function (chart) {
            var canvas = document.querySelector('canvas[data-aula-chart="' + chart.key + '"]');
            if (!canvas) {
                return;
            }
            new window.Chart(canvas, {
                type: "bar",
                data: {
                    labels: data.labels,
                    datasets: [{ label: chart.title, data: chart.values, backgroundColor: colour, borderColor: colour }],
                },
                options: {
                    animation: false,
                    responsive: true,
                    maintainAspectRatio: false,
                    plugins: { legend: { display: false } },
                    scales: {
                        x: { ticks: { color: text, maxRotation: 0, autoSkip: true } },
                        y: { beginAtZero: true, ticks: { color: text, precision: 0 } },
                    },
                },
            });
            canvas.dataset.drawn = "true";
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", draw);
    } else {
        draw();
    }
})();
