/* Admin page, part 3: one renderer per dashboard panel. Each shows "no data" for an empty set and
 * never makes a number up: a null from the API is shown as "no data" or "n/a", not as 0. */
(function () {
  'use strict';
  var A = window.OpiniaAdmin;
  var el = A.el, one = A.one, count = A.count, isNumber = A.isNumber;
  var LOW_SAMPLE = 30;

  function share(part, n) { return isNumber(part) && n > 0 ? ' (' + (100 * part / n).toFixed(1) + ' %)' : ''; }
  function scaleText(s) { return s == null ? '—' : String(s).replace('-', '–'); }

  function facts(pairs) {
    var dl = el('dl', 'facts');
    pairs.forEach(function (p) {
      if (p[1] == null) return;
      var row = el('div');
      var dd = el('dd');
      if (p[1] instanceof Node) dd.appendChild(p[1]); else dd.textContent = p[1];
      row.append(el('dt', null, p[0]), dd);
      dl.appendChild(row);
    });
    return dl;
  }

  function headline(valueText, unit, extra) {
    var p = el('p', 'headline');
    p.appendChild(el('span', 'score', valueText));
    if (unit) p.appendChild(el('span', 'unit', unit));
    if (extra) p.appendChild(el('span', 'moe', extra));
    return p;
  }

  function cardNoData(body) {
    body.append(headline('no data'), el('p', 'n', 'n = 0'));
    body.parentNode.classList.add('empty');
  }

  // "n = 12" as a button that lists those answers.
  function nLine(n, drill, what) {
    var p = el('p', 'n');
    p.appendChild(A.drillButton('n = ' + n, drill, 'n = ' + n + ': show the ' + what + ' answers'));
    return p;
  }

  A.renderNps = function (nps) {
    var body = A.panelBody('nps-card');
    if (!nps || !(nps.n > 0) || !isNumber(nps.score)) { cardNoData(body); return; }
    body.appendChild(headline(one(nps.score), null, isNumber(nps.moe95) ? '± ' + one(nps.moe95) : null));
    body.appendChild(nLine(nps.n, { type: 'nps' }, 'NPS'));
    if (nps.low_sample) body.appendChild(el('p', 'badge', 'Low sample (n < 30): read with care'));
    body.appendChild(facts([
      ['Promoters (9–10)', A.drillButton(count(nps.promoters) + share(nps.promoters, nps.n), { type: 'nps', min: 9, max: 10 }, 'Promoters: ' + count(nps.promoters) + ', show them')],
      ['Passives (7–8)', A.drillButton(count(nps.passives) + share(nps.passives, nps.n), { type: 'nps', min: 7, max: 8 }, 'Passives: ' + count(nps.passives) + ', show them')],
      ['Detractors (0–6)', A.drillButton(count(nps.detractors) + share(nps.detractors, nps.n), { type: 'nps', min: 0, max: 6 }, 'Detractors: ' + count(nps.detractors) + ', show them')]
    ]));
  };

  function byScaleTable(list, percentKey, countKey, countLabel, percentLabel) {
    return A.table('By scale', ['Scale', percentLabel, 'n', countLabel, 'Mean'], list.map(function (row) {
      var empty = !(row.n > 0);
      return [scaleText(row.scale), empty ? 'no data' : one(row[percentKey]) + ' %', count(row.n),
        row[countKey] == null ? '—' : count(row[countKey]), empty ? '—' : one(row.mean)];
    }), 'by-scale');
  }

  A.renderRating = function (cardId, type, m, percentKey, countKey, countLabel, percentLabel) {
    var body = A.panelBody(cardId);
    if (!m || !(m.n > 0)) { cardNoData(body); return; }
    // Answers on several scales are never pooled: the headline then points at the table.
    body.appendChild(isNumber(m[percentKey]) ? headline(one(m[percentKey]), '%') : headline('see by scale'));
    body.appendChild(nLine(m.n, { type: type }, type.toUpperCase()));
    if (m.n < LOW_SAMPLE) body.appendChild(el('p', 'badge', 'Low sample (n < 30): read with care'));
    body.appendChild(facts([
      [countLabel, m[countKey] == null ? null : count(m[countKey]) + share(m[countKey], m.n)],
      ['Mean', isNumber(m.mean) ? one(m.mean) : null],
      ['Scale', m.scale == null ? null : scaleText(m.scale)]
    ]));
    if (Array.isArray(m.by_scale) && m.by_scale.length) body.appendChild(byScaleTable(m.by_scale, percentKey, countKey, countLabel, percentLabel));
  };

  A.renderDistribution = function (nps, onPick) {
    var body = A.panelBody('distribution-panel');
    var counts = nps && Array.isArray(nps.distribution) && nps.distribution.length === 11 ? nps.distribution : null;
    if (!counts || !(nps.n > 0)) { A.noData(body, 'no NPS answers'); return; }
    body.appendChild(A.distributionChart(counts, onPick));
    body.appendChild(A.table('Answers per score', ['Score', 'Answers'], counts.map(function (c, i) {
      return [String(i), c > 0 ? A.drillButton(String(c), { type: 'nps', min: i, max: i }, c + ' answers with score ' + i + ': show them') : '0'];
    }), 'compact'));
  };

  var TREND_METRICS = {
    nps: { label: 'NPS', value: function (p) { return p.nps && p.nps.score; }, n: function (p) { return p.nps ? p.nps.n || 0 : 0; } },
    csat: { label: 'CSAT %', value: function (p) { return p.csat && p.csat.percent; }, n: function (p) { return p.csat ? p.csat.n || 0 : 0; } },
    ces: { label: 'CES % easy', value: function (p) { return p.ces && p.ces.percent_easy; }, n: function (p) { return p.ces ? p.ces.n || 0 : 0; } }
  };

  A.renderTrend = function (trend, metric) {
    var body = A.panelBody('trend-panel');
    var points = (trend && trend.points) || [];
    var m = TREND_METRICS[metric] || TREND_METRICS.nps;
    if (!points.some(function (p) { return m.n(p) > 0; })) { A.noData(body, 'no ' + m.label + ' answers in this period'); return; }
    body.appendChild(el('p', 'note', 'By ' + (trend.bucket || 'bucket') + ', time zone ' + (trend.tz || 'UTC') + '.'));
    body.appendChild(A.trendChart(points, m.label, m.value, m.n));
    body.appendChild(A.table(m.label + ' per bucket', ['Starting', m.label, 'n', ''], points.map(function (p) {
      var n = m.n(p), v = m.value(p);
      return { className: n > 0 && n < LOW_SAMPLE ? 'low' : '',
        cells: [p.start, n > 0 && isNumber(v) ? one(v) : 'no data', String(n), n === 0 ? '' : n < LOW_SAMPLE ? 'low sample' : ''] };
    }), 'compact'));
  };

  A.renderSegments = function (result, dimension) {
    var body = A.panelBody('segments-panel');
    var rows = (result && result.segments) || [];
    if (!rows.length) { A.noData(body, 'no answers to split'); return; }
    body.appendChild(A.table('Scores by ' + (result.dimension || dimension), [result.dimension || dimension, 'Score answers', 'NPS', '± MoE', 'CSAT %', 'CES % easy'], rows.map(function (r) {
      var value = r.value === '' || r.value == null ? '(not recorded)' : r.value;
      var pick = A.drillButton(String(r.n), {}, r.n + ' answers for ' + value + ': show this segment');
      pick.dataset.segment = (result.dimension || dimension) + ':' + (r.value == null ? '' : r.value);
      var nps = r.nps || {}, csat = r.csat || {}, ces = r.ces || {};
      // Each score carries its own n; the row is dimmed only when no score in it has a usable sample.
      var usable = [nps.n, csat.n, ces.n].some(function (n) { return n >= LOW_SAMPLE; });
      return { className: usable ? '' : 'low', cells: [value,
        r.n > 0 ? pick : '0',
        nps.n > 0 ? one(nps.score) + ' (n = ' + nps.n + ')' : 'no data', nps.n > 0 ? one(nps.moe95) : '—',
        csat.n > 0 && isNumber(csat.percent) ? one(csat.percent) + ' (n = ' + csat.n + ')' : 'no data',
        ces.n > 0 && isNumber(ces.percent_easy) ? one(ces.percent_easy) + ' (n = ' + ces.n + ')' : 'no data'] };
    })));
  };

  A.renderFunnel = function (f) {
    var body = A.panelBody('funnel-panel');
    if (!f || !(f.offered > 0 || f.started > 0)) { A.noData(body, 'no surveys offered'); return; }
    var labels = ['Offered', 'Started', 'Completed', 'Explained'];
    var counts = [f.offered, f.started, f.completed, f.explained].map(function (c) { return c || 0; });
    body.appendChild(A.funnelChart('funnel', labels, counts));
    body.appendChild(facts([
      ['Response rate (started ÷ offered)', A.percent(f.response_rate)],
      ['Completion rate (completed ÷ started)', A.percent(f.completion_rate)]
    ]));
    body.appendChild(A.table(null, ['Step', 'Count'], labels.map(function (l, i) { return [l, String(counts[i])]; }), 'compact'));
  };

  // Churn and journey count customers: a segment on conversations (agent, channel …) cannot cut them.
  function notCutBySegment(body, view) {
    if (view && view.segment_cuts_customers === false)
      body.appendChild(A.el('p', 'note', 'All customers: the segment is not a customer attribute, so it does not cut this panel.'));
  }

  A.renderChurn = function (c) {
    var body = A.panelBody('churn-panel');
    if (!c) { A.noData(body); return; }
    notCutBySegment(body, c);
    var cohort = c.period || {};
    if (!(cohort.start > 0) && !(c.snapshot && c.snapshot.customers > 0)) { A.noData(body, 'no customers imported for this period'); return; }
    if (!(cohort.start > 0)) body.appendChild(A.el('p', 'note', 'Pick a From and To date for the cohort churn rate of a period.'));
    if (cohort.start > 0) {
      body.appendChild(headline(A.percent(cohort.churn_rate), null, 'churn rate, cohort (L ÷ S)'));
      body.appendChild(el('p', 'n', 'S = ' + cohort.start + ' customers at the start'));
      body.appendChild(A.churnChart(cohort.monthly_equivalent, cohort.yearly_equivalent, c.benchmarks || []));
      body.appendChild(facts([
        ['Left (L)', String(cohort.left)], ['Joined (N)', String(cohort.joined)],
        ['New-customer churn', A.percent(cohort.new_customer_churn)], ['Net change (S − E) ÷ S', A.percent(cohort.net_change)],
        ['Per month (equivalent)', A.percent(cohort.monthly_equivalent)], ['Per year (equivalent)', A.percent(cohort.yearly_equivalent)]
      ]));
    }
    if (c.snapshot && c.snapshot.customers > 0) {
      var s = c.snapshot;
      body.appendChild(el('p', 'note', 'Snapshot: ' + s.churned + ' of ' + s.customers + ' customers churned (' + A.percent(s.rate) + ').'));
      if (Array.isArray(s.values)) body.appendChild(A.table('By ' + s.by, [s.by, 'Customers', 'Churned', 'Rate'], s.values.map(function (v) {
        return [v.value, String(v.customers), String(v.churned), A.percent(v.rate)];
      }), 'compact'));
    }
    if (Array.isArray(c.benchmarks) && c.benchmarks.length) {
      body.appendChild(el('p', 'note', 'Reference bands: ' + c.benchmarks.map(function (b) {
        return b.name + ' ' + (100 * b.low).toFixed(0) + (b.high !== b.low ? '–' + (100 * b.high).toFixed(0) : '') + ' % a ' + b.per;
      }).join('; ') + '.'));
    }
  };

  A.renderJourney = function (j) {
    var body = A.panelBody('journey-panel');
    var stages = (j && j.stages) || [];
    notCutBySegment(body, j);
    if (!stages.some(function (s) { return s.customers > 0; })) { A.noData(body, 'no journey events'); return; }
    body.appendChild(A.funnelChart('journey', stages.map(function (s) { return s.stage; }), stages.map(function (s) { return s.customers; })));
    body.appendChild(A.table(null, ['Stage', 'Customers', 'Step', 'Overall'], stages.map(function (s, i) {
      return [s.stage, String(s.customers), i === 0 ? '—' : A.percent(s.step_conversion), i === 0 ? '—' : A.percent(s.overall_conversion)];
    }), 'compact'));
    var between = (j.time_between || []).filter(function (t) { return t.customers > 0; });
    if (between.length) body.appendChild(A.table('Median time between stages', ['From', 'To', 'Customers', 'Median'], between.map(function (t) {
      return [t.from, t.to, String(t.customers), isNumber(t.median_seconds) ? (t.median_seconds / 86400).toFixed(1) + ' days' : 'n/a'];
    }), 'compact'));
  };

  var REASONS = { nps_detractor: 'NPS detractor', csat_not_satisfied: 'CSAT not satisfied', ces_difficult: 'CES difficult' };

  A.renderRisk = function (r) {
    var body = A.panelBody('risk-panel');
    var list = (r && r.customers) || [];
    if (!list.length) { A.noData(body, 'nobody at risk by the rules'); return; }
    body.appendChild(el('p', 'note', (r.high || 0) + ' high, ' + (r.watch || 0) + ' to watch.'));
    body.appendChild(A.table(null, ['Customer', 'Level', 'Why'], list.map(function (c) {
      var why = el('ul', 'reasons');
      (c.signals || []).forEach(function (s) {
        var li = el('li');
        var label = (REASONS[s.reason] || s.reason) + ': ' + s.value + ' on ' + scaleText(s.scale);
        if (s.conversation) {
          var b = el('button', 'drill', label);
          b.type = 'button';
          b.dataset.conversation = s.conversation;
          b.setAttribute('aria-label', label + ', open the conversation');
          li.appendChild(b);
        } else li.textContent = label;
        why.appendChild(li);
      });
      return { className: c.level === 'high' ? 'high' : '', cells: [c.customer, c.level, why] };
    })));
  };

  A.renderThemes = function (t) {
    var body = A.panelBody('themes-panel');
    var groups = ((t && t.groups) || []).filter(function (g) { return g.comments > 0; });
    if (!groups.length) { A.noData(body, 'no comments'); return; }
    var grid = el('div', 'themes');
    groups.forEach(function (g) {
      var box = el('section', 'theme-group');
      box.appendChild(el('h3', null, g.group + ' (' + g.comments + ' comments)'));
      var ul = el('ul');
      (g.phrases || []).concat(g.terms || []).slice(0, 10).forEach(function (th) {
        var li = el('li');
        var b = A.drillButton(th.text + ' · ' + th.count, { q: th.text }, 'Theme “' + th.text + '”, ' + th.count + ' comments: show them');
        li.appendChild(b);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      grid.appendChild(box);
    });
    body.appendChild(grid);
  };
})();
