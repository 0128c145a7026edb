/* Admin page: signs in with an admin API key (kept in sessionStorage), then shows the NPS, CSAT
 * and CES summary and the latest comments for the filters in the address (?flow=&from=&to=).
 * Every string from the API is put on the page with textContent, never as HTML (case H07). */
(function () {
  'use strict';
  var KEY_STORAGE = 'opinia.adminKey';
  var COMMENT_LIMIT = 50;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  var $ = function (id) { return document.getElementById(id); };
  var loadGeneration = 0;

  function readKey() { try { return sessionStorage.getItem(KEY_STORAGE); } catch (e) { return null; } }
  function writeKey(key) {
    try { if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE); } catch (e) { /* no storage: key lives until reload */ }
    memoryKey = key;
  }
  var memoryKey = readKey();

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message || ('HTTP ' + status);
  }

  function api(path, params) {
    var url = new URL(path, location.origin);
    Object.keys(params || {}).forEach(function (k) { if (params[k]) url.searchParams.set(k, params[k]); });
    return fetch(url, { headers: { Authorization: 'Bearer ' + memoryKey, Accept: 'application/json' }, cache: 'no-store' })
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (body) {
          if (!res.ok) {
            var e = (body && body.error) || {};
            throw new ApiError(res.status, e.code, e.message);
          }
          return body;
        });
      });
  }

  // ---- small DOM helpers: every text goes through textContent ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text != null) e.textContent = String(text);
    return e;
  }
  function isNumber(x) { return typeof x === 'number' && isFinite(x); }
  function one(x) { return isNumber(x) ? x.toFixed(1) : '—'; }
  function count(x) { return isNumber(x) ? String(x) : '0'; }
  function share(part, n) { return isNumber(part) && n > 0 ? ' (' + (100 * part / n).toFixed(1) + ' %)' : ''; }
  function scaleText(s) { return s == null ? '—' : String(s).replace('-', '–'); }

  function facts(pairs) {
    var dl = el('dl', 'facts');
    pairs.forEach(function (p) {
      if (p[1] == null) return;
      var row = el('div');
      row.append(el('dt', null, p[0]), el('dd', null, p[1]));
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

  function noData(body) {
    body.append(headline('no data'), el('p', 'n', 'n = 0'));
    body.parentNode.classList.add('empty');
  }

  function lowSampleBadge(body) {
    body.appendChild(el('p', 'badge', 'Low sample (n < 30): read with care'));
  }

  function resetCard(id) {
    var card = $(id);
    card.classList.remove('empty');
    var body = card.querySelector('.body');
    body.textContent = '';
    return body;
  }

  function renderNps(nps) {
    var body = resetCard('nps-card');
    if (!nps || !(nps.n > 0) || !isNumber(nps.score)) { noData(body); return; }
    body.appendChild(headline(one(nps.score), null, isNumber(nps.moe95) ? '± ' + one(nps.moe95) : null));
    body.appendChild(el('p', 'n', 'n = ' + nps.n));
    if (nps.low_sample) lowSampleBadge(body);
    body.appendChild(facts([
      ['Promoters (9–10)', count(nps.promoters) + share(nps.promoters, nps.n)],
      ['Passives (7–8)', count(nps.passives) + share(nps.passives, nps.n)],
      ['Detractors (0–6)', count(nps.detractors) + share(nps.detractors, nps.n)]
    ]));
    if (Array.isArray(nps.distribution) && nps.distribution.length === 11) body.appendChild(distribution(nps.distribution));
  }

  // The 0–10 distribution as SVG bars (attributes only, so a strict CSP needs no inline styles).
  function distribution(counts) {
    var max = Math.max.apply(null, counts.concat([1]));
    var slot = 30, top = 16, chart = 100;
    var described = counts.map(function (c, i) { return i + ': ' + c; }).join(', ');
    var figure = el('figure', 'distribution');
    var image = svg('svg', { viewBox: '0 0 ' + (slot * 11) + ' ' + (top + chart + 20), role: 'img',
                             'aria-label': 'Answers per score, 0 to 10 — ' + described });
    counts.forEach(function (c, i) {
      var h = c > 0 ? Math.max(2, Math.round(chart * c / max)) : 0;
      var x = i * slot + 4;
      var group = i <= 6 ? 'detractor' : i <= 8 ? 'passive' : 'promoter';
      image.appendChild(svg('rect', { x: x, y: top + chart - h, width: slot - 8, height: h, 'class': 'bar ' + group }));
      image.appendChild(svg('text', { x: x + (slot - 8) / 2, y: top + chart - h - 4, 'class': 'count' }, c));
      image.appendChild(svg('text', { x: x + (slot - 8) / 2, y: top + chart + 15, 'class': 'label' }, i));
    });
    image.appendChild(svg('line', { x1: 0, x2: slot * 11, y1: top + chart, y2: top + chart, 'class': 'axis' }));
    figure.appendChild(image);
    figure.appendChild(el('figcaption', null, 'Answers per score (0–10)'));
    return figure;
  }

  function byScaleTable(list, percentKey, countKey, countLabel, percentLabel) {
    var table = el('table', 'by-scale');
    table.appendChild(el('caption', null, 'By scale'));
    var head = el('tr');
    ['Scale', percentLabel, 'n', countLabel, 'Mean'].forEach(function (h) {
      var th = el('th', null, h);
      th.scope = 'col';
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el('tbody');
    list.forEach(function (row) {
      var tr = el('tr');
      var empty = !(row.n > 0);
      [scaleText(row.scale), empty ? 'no data' : one(row[percentKey]) + ' %', count(row.n),
       row[countKey] == null ? '—' : count(row[countKey]), empty ? '—' : one(row.mean)].forEach(function (v) {
        tr.appendChild(el('td', null, v));
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    return table;
  }

  function renderRating(cardId, m, percentKey, countKey, countLabel, percentLabel) {
    var body = resetCard(cardId);
    var hasByScale = m && Array.isArray(m.by_scale) && m.by_scale.length > 0;
    if (!m || !(m.n > 0)) { noData(body); return; }
    if (isNumber(m[percentKey])) {
      body.appendChild(headline(one(m[percentKey]), '%'));
    } else {
      body.appendChild(headline('see by scale'));  // answers on several scales are never pooled
    }
    body.appendChild(el('p', 'n', 'n = ' + m.n));
    body.appendChild(facts([
      [countLabel, m[countKey] == null ? null : count(m[countKey]) + share(m[countKey], m.n)],
      ['Mean', isNumber(m.mean) ? one(m.mean) : null],
      ['Scale', m.scale == null ? null : scaleText(m.scale)]
    ]));
    if (hasByScale) body.appendChild(byScaleTable(m.by_scale, percentKey, countKey, countLabel, percentLabel));
  }

  function formatTime(iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) return String(iso || '');
    return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function renderComments(list) {
    var ol = $('comments');
    ol.textContent = '';
    if (!list || list.length === 0) {
      ol.appendChild(el('li', 'none', 'No comments for this selection.'));
      return;
    }
    list.forEach(function (c) {
      var li = el('li', 'comment');
      li.appendChild(el('blockquote', 'text', c.text));
      var meta = el('p', 'meta');
      [['NPS', c.nps], ['CSAT', c.csat], ['CES', c.ces]].forEach(function (s) {
        if (isNumber(s[1])) meta.appendChild(el('span', 'pill', s[0] + ' ' + s[1]));
      });
      if (c.flow) meta.appendChild(el('span', 'flow', 'flow ' + c.flow));
      var time = el('time', null, formatTime(c.created_at));
      if (c.created_at) time.dateTime = String(c.created_at);
      meta.appendChild(time);
      li.appendChild(meta);
      ol.appendChild(li);
    });
  }

  // ---- filters live in the address, so a view can be shared ----
  function filtersFromUrl() {
    var q = new URLSearchParams(location.search);
    var f = { flow: q.get('flow') || '', from: q.get('from') || '', to: q.get('to') || '' };
    if (!DATE.test(f.from)) f.from = '';
    if (!DATE.test(f.to)) f.to = '';
    return f;
  }
  function showFilters(f) {
    var select = $('flow');
    if (f.flow && !Array.prototype.some.call(select.options, function (o) { return o.value === f.flow; })) {
      select.appendChild(new Option(f.flow, f.flow));
    }
    select.value = f.flow;
    $('from').value = f.from;
    $('to').value = f.to;
  }
  function filtersFromForm() {
    return { flow: $('flow').value, from: $('from').value, to: $('to').value };
  }
  function urlFor(f) {
    var q = new URLSearchParams();
    ['flow', 'from', 'to'].forEach(function (k) { if (f[k]) q.set(k, f[k]); });
    var s = q.toString();
    return location.pathname + (s ? '?' + s : '');
  }

  function setStatus(text, isError) {
    var s = $('status');
    s.textContent = text || '';
    s.classList.toggle('error', !!isError);
  }

  function showLogin(message) {
    $('dashboard').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-message').textContent = message || '';
    $('api-key').value = '';
    $('api-key').focus();
  }

  function showDashboard() {
    $('login').hidden = true;
    $('dashboard').hidden = false;
    $('logout').hidden = false;
  }

  function handleFailure(err) {
    if (err instanceof ApiError && err.status === 401) {
      writeKey(null);
      showLogin('That key was not accepted (HTTP 401). Check the key and sign in again.');
    } else if (err instanceof ApiError && err.status === 403) {
      writeKey(null);
      showLogin('That key is not an admin key (HTTP 403). Sign in with a key created with --role admin.');
    } else {
      var detail = err instanceof ApiError ? err.message + ' (HTTP ' + err.status + ')' : 'the server could not be reached';
      setStatus('Could not load the dashboard: ' + detail + '.', true);
    }
  }

  function loadFlows() {
    return api('/api/v1/flows').then(function (body) {
      var select = $('flow');
      var chosen = select.value;
      var names = [];
      ((body && body.flows) || []).forEach(function (f) { if (f && f.name && names.indexOf(f.name) < 0) names.push(String(f.name)); });
      while (select.options.length > 1) select.remove(1);
      names.sort().forEach(function (name) { select.appendChild(new Option(name, name)); });
      showFilters({ flow: chosen, from: $('from').value, to: $('to').value });
    });
  }

  function load() {
    var f = filtersFromUrl();
    showFilters(f);
    if (f.from && f.to && f.from > f.to) {
      setStatus('“From” is after “To”: nothing can match. Change the dates.', true);
      return Promise.resolve();
    }
    var generation = ++loadGeneration;
    setStatus('Loading…');
    $('dashboard').setAttribute('aria-busy', 'true');
    return Promise.all([
      api('/api/v1/metrics/summary', f),
      api('/api/v1/comments', { flow: f.flow, from: f.from, to: f.to, limit: String(COMMENT_LIMIT) })
    ]).then(function (r) {
      if (generation !== loadGeneration) return;
      var summary = r[0] || {};
      renderNps(summary.nps);
      renderRating('csat-card', summary.csat, 'percent', 'satisfied', 'Satisfied', 'CSAT');
      renderRating('ces-card', summary.ces, 'percent_easy', 'easy', 'Easy', '% easy');
      renderComments((r[1] && r[1].comments) || []);
      var range = f.from || f.to ? (f.from || '…') + ' to ' + (f.to || '…') : 'all time';
      setStatus('Showing ' + (f.flow ? 'flow ' + f.flow : 'all flows') + ', ' + range + '.');
    }).catch(function (err) {
      if (generation === loadGeneration) handleFailure(err);
    }).then(function () {
      $('dashboard').removeAttribute('aria-busy');
    });
  }

  function signedIn() {
    showDashboard();
    return loadFlows().then(load, function (err) {
      // Without the flow list the filter still works with "All flows"; only a bad key stops here.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) handleFailure(err);
      else return load();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('login-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var key = $('api-key').value.trim();
      if (!key) { $('login-message').textContent = 'Enter a key first.'; return; }
      writeKey(key);
      signedIn();
    });
    $('logout').addEventListener('click', function () {
      writeKey(null);
      showLogin('Signed out.');
    });
    $('filters').addEventListener('submit', function (e) {
      e.preventDefault();
      history.pushState(null, '', urlFor(filtersFromForm()));
      load();
    });
    $('reset').addEventListener('click', function () {
      history.pushState(null, '', urlFor({}));
      load();
    });
    window.addEventListener('popstate', function () { if (memoryKey) load(); });

    showFilters(filtersFromUrl());
    if (memoryKey) signedIn(); else showLogin('');
  });
})();
