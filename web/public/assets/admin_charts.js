/* Admin page, part 2: charts with Chart.js (the npm package, served at /assets/vendor/chart.umd.js).
 * Each chart is a canvas with role="img" and a text description; the same numbers are also in a
 * table beside it, so nothing is only in pixels. */
(function () {
  'use strict';
  var A = window.OpiniaAdmin;
  var charts = {};   // one live Chart per slot, destroyed before it is drawn again
  var COLORS = { detractor: '#dc2626', passive: '#b45309', promoter: '#15803d', line: '#1d4ed8', n: '#9ca3af', band: 'rgba(217, 119, 6, 0.18)' };

  function canvasFor(slot, description) {
    if (charts[slot]) { charts[slot].destroy(); delete charts[slot]; }
    var figure = A.el('figure', 'chart');
    var box = A.el('div', 'chart-box');
    var canvas = A.el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', description);
    box.appendChild(canvas);
    figure.appendChild(box);
    return { figure: figure, canvas: canvas };
  }

  function draw(slot, canvas, config) {
    if (!window.Chart) return null;   // no Chart.js: the table beside it still has every number
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    charts[slot] = new window.Chart(canvas, config);
    return charts[slot];
  }

  // NPS 0–10 bars; a click on a bar asks for the answers with that score.
  A.distributionChart = function (counts, onPick) {
    var description = 'Answers per NPS score, 0 to 10: ' + counts.map(function (c, i) { return i + ': ' + c; }).join(', ');
    var c = canvasFor('distribution', description);
    var labels = counts.map(function (_, i) { return String(i); });
    draw('distribution', c.canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: 'Answers', data: counts,
        backgroundColor: counts.map(function (_, i) { return i <= 6 ? COLORS.detractor : i <= 8 ? COLORS.passive : COLORS.promoter; }) }] },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: function (_, elements) { if (elements.length) onPick(elements[0].index); }
      }
    });
    c.figure.appendChild(A.el('figcaption', null, 'Click a bar, or a count in the table, for the answers behind it.'));
    return c.figure;
  };

  // The chosen score per bucket as a line (gaps where a bucket has no answers) over bars of n.
  A.trendChart = function (points, metricLabel, valueOf, nOf) {
    var description = metricLabel + ' per bucket: ' + points.map(function (p) {
      var v = valueOf(p);
      return p.start + ' ' + (A.isNumber(v) ? v.toFixed(1) : 'no data') + ' (n = ' + nOf(p) + ')';
    }).join('; ');
    var c = canvasFor('trend', description);
    draw('trend', c.canvas, {
      type: 'bar',
      data: {
        labels: points.map(function (p) { return p.start; }),
        datasets: [
          { type: 'line', label: metricLabel, data: points.map(function (p) { var v = valueOf(p); return A.isNumber(v) ? v : null; }),
            borderColor: COLORS.line, backgroundColor: COLORS.line, spanGaps: false, yAxisID: 'score',
            pointRadius: points.map(function (p) { return nOf(p) > 0 && nOf(p) < 30 ? 5 : 3; }),
            pointStyle: points.map(function (p) { return nOf(p) > 0 && nOf(p) < 30 ? 'triangle' : 'circle'; }) },
          { type: 'bar', label: 'n (answers)', data: points.map(nOf), backgroundColor: COLORS.n, yAxisID: 'n' }
        ]
      },
      options: {
        scales: {
          score: { position: 'left', title: { display: true, text: metricLabel } },
          n: { position: 'right', beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false }, title: { display: true, text: 'n' } }
        }
      }
    });
    c.figure.appendChild(A.el('figcaption', null, 'Triangles mark buckets with fewer than 30 answers; a gap is a bucket with none.'));
    return c.figure;
  };

  // Horizontal bars for a funnel (counts per step).
  A.funnelChart = function (slot, labels, counts) {
    var c = canvasFor(slot, labels.map(function (l, i) { return l + ': ' + counts[i]; }).join(', '));
    draw(slot, c.canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: 'Count', data: counts, backgroundColor: COLORS.line }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
    return c.figure;
  };

  // The period's churn rate against the seed's benchmark bands (as % per month and per year).
  A.churnChart = function (monthly, yearly, bands) {
    var labels = ['per month', 'per year'];
    var values = [monthly, yearly].map(function (r) { return A.isNumber(r) ? 100 * r : null; });
    var c = canvasFor('churn', 'Churn: ' + labels.map(function (l, i) { return l + ' ' + (values[i] == null ? 'no data' : values[i].toFixed(1) + ' %'); }).join(', ') +
      '. Benchmarks: ' + bands.map(function (b) { return b.name + ' ' + (100 * b.low).toFixed(0) + '–' + (100 * b.high).toFixed(0) + ' % per ' + b.per; }).join('; '));
    var bandSets = bands.map(function (b) {
      var lowHigh = labels.map(function (l) { return l === 'per ' + b.per ? [100 * b.low, Math.max(100 * b.high, 100 * b.low + 0.3)] : null; });
      return { label: 'Benchmark: ' + b.name, data: lowHigh, backgroundColor: COLORS.band, borderColor: COLORS.passive, borderWidth: 1, grouped: false, order: 2 };
    });
    draw('churn', c.canvas, {
      type: 'bar',
      data: { labels: labels, datasets: bandSets.concat([{ label: 'This period', data: values, backgroundColor: COLORS.detractor, barPercentage: 0.4, grouped: false, order: 1 }]) },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: '% of customers' } } } }
    });
    return c.figure;
  };
})();
