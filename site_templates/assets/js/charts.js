/* Draw each measure's chart from the figure JSON embedded in the page.
 *
 * Charts are drawn after the page has loaded, into the width the page actually has, so they fit a
 * 375 px phone screen (a chart rendered into the HTML at build time overflows until resized).
 * The page already states the message in text and gives the numbers in a table; the chart is an
 * extra, hidden from assistive technology, and nothing is lost if this script never runs.
 */
(function () {
  "use strict";

  // Axis and label text follow the page's colour scheme (light or dark).
  function schemeFont() {
    var style = getComputedStyle(document.body);
    return style.getPropertyValue("--md-typeset-color").trim() || "#1f1f1f";
  }

  function draw() {
    if (!window.Plotly) {
      return;
    }
    var plots = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(plots, function (plot) {
      var source = document.getElementById(plot.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      figure.layout.font = { color: schemeFont() };
      window.Plotly.newPlot(plot, figure.data, figure.layout, figure.config);
    });
  }

  // Redraw when the reader switches between light and dark, so the text stays readable.
  function watchScheme() {
    new MutationObserver(draw).observe(document.body, {
      attributes: true,
      attributeFilter: ["data-md-color-scheme"],
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(draw);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  watchScheme();
})();
