// Draws the bilan charts from the JSON blocks of the page (no inline script: the CSP forbids it).
// Each canvas gets data-rendered="true" once its first animation has completed, for the browser tests.
(function () {
  'use strict';

  // Numbers as PortalFormat writes them: English groups with commas; French and Arabic with spaces and Western digits.
  var locale = document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR';
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  var percent = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function read(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // The legend as an HTML list under the chart: it wraps at phone width, where Chart.js's own legend cuts long names.
  function htmlLegend(canvas, items) {
    var list = document.createElement('ul');
    list.className = 'bilan-legend list-unstyled small mt-2';
    items.forEach(function (item) {
      var entry = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'bilan-swatch';
      swatch.style.backgroundColor = item.color;
      entry.appendChild(swatch);
      entry.appendChild(document.createTextNode(item.text));
      list.appendChild(entry);
    });
    canvas.parentElement.insertAdjacentElement('afterend', list);
  }

  function markRendered(canvas) {
    return function () { canvas.dataset.rendered = 'true'; };
  }

  function pies(data) {
    data.charts.forEach(function (chart) {
      var canvas = document.getElementById(chart.id);
      if (!canvas) { return; }
      // An edition's charts each carry their year's domains and colours; a year's page shares them.
      var names = chart.labels || data.labels;
      var colors = chart.colors || data.colors;
      var labels = names.map(function (label, i) {
        return label + ' : ' + number.format(chart.values[i]) + ' ' + chart.unit + ' (' + percent.format(chart.percents[i]) + ' %)';
      });
      new Chart(canvas, {
        type: 'pie',
        data: { labels: labels, datasets: [{ data: chart.values, backgroundColor: colors, borderColor: '#fff', borderWidth: 2 }] },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: { onComplete: markRendered(canvas) },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (context) { return labels[context.dataIndex]; } } }
          }
        }
      });
      htmlLegend(canvas, labels.map(function (text, i) { return { text: text, color: colors[i] }; }));
    });
  }

  function bars(data) {
    document.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
      var series = canvas.dataset.series;
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: data.years.map(String),
          datasets: data.datasets.map(function (d) {
            return { label: d.label, data: d[series], backgroundColor: d.color };
          })
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: { onComplete: markRendered(canvas) },
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return number.format(v); } } } },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ' : ' + number.format(c.parsed.y); } } }
          }
        }
      });
      htmlLegend(canvas, data.datasets.map(function (d) { return { text: d.label, color: d.color }; }));
    });
  }

  var year = read('bilan-data');
  if (year) { pies(year); }
  var comparison = read('bilan-comparison-data');
  if (comparison) { bars(comparison); }
})();
