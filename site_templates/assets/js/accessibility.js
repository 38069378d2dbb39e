/* Let printed charts fit the paper.
 *
 * Plotly draws each chart's SVG at the width the screen gave it and sets that width in pixels,
 * so a chart drawn on a wide screen runs off a printed A4 page. Giving each SVG a viewBox equal
 * to its drawn size changes nothing on screen, and lets the print stylesheet
 * (accessibility.css) scale the whole chart down to the paper's width.
 */
(function () {
  "use strict";

  function fit(plot) {
    var svgs = plot.querySelectorAll("svg.main-svg");
    Array.prototype.forEach.call(svgs, function (svg) {
      var width = svg.getAttribute("width");
      var height = svg.getAttribute("height");
      if (width && height) {
        svg.setAttribute("viewBox", "0 0 " + width + " " + height);
        svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
        plot.style.setProperty("--ss-chart-width", width);
        plot.style.setProperty("--ss-chart-height", height);
      }
    });
  }

  function watch() {
    var plots = document.querySelectorAll(".ss-chart__plot");
    Array.prototype.forEach.call(plots, function (plot) {
      if (plot.dataset.ssPrintFit) {
        return;
      }
      plot.dataset.ssPrintFit = "true";
      // Plotly redraws on resize and when the colour scheme changes; refit after each drawing.
      new MutationObserver(function () { fit(plot); }).observe(plot, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["width", "height"],
      });
      fit(plot);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(watch);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
