/* Admin page, main: sign-in (password or key → session cookie), the filters in the address so a
 * view can be shared, loading every panel, live updates, and the clicks that drill down. */
(function () {
  'use strict';
  var A = window.OpiniaAdmin;
  var $ = A.$;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var FILTER_KEYS = ['flow', 'from', 'to', 'tz', 'segment', 'metric', 'bucket', 'by'];
  var LIVE_POLL_MS = 5000;         // polling period when the live feed (SSE) is not there
  var LIVE_DEBOUNCE_MS = 250;      // answers arriving this close together refresh the page once
  var loadGeneration = 0;
  var live = null;

  // ---- the address holds the whole view: filters, then the drill-down ----
  function viewFromUrl() {
    var q = new URLSearchParams(location.search);
    var f = {};
    FILTER_KEYS.forEach(function (k) { f[k] = q.get(k) || ''; });
    if (!DATE.test(f.from)) f.from = '';
    if (!DATE.test(f.to)) f.to = '';
    if (['day', 'week', 'month'].indexOf(f.bucket) < 0) f.bucket = '';
    if (['nps', 'csat', 'ces'].indexOf(f.metric) < 0) f.metric = '';
    var drill = {};
    A.DRILL_KEYS.forEach(function (k) { if (q.get(k) != null && q.get(k) !== '') drill[k] = q.get(k); });
    return { filters: f, drill: drill };
  }
  function urlFor(filters, drill) {
    var q = new URLSearchParams();
    FILTER_KEYS.forEach(function (k) { if (filters[k]) q.set(k, filters[k]); });
    A.DRILL_KEYS.forEach(function (k) { if (drill && drill[k] != null && drill[k] !== '') q.set(k, String(drill[k])); });
    var s = q.toString();
    return location.pathname + (s ? '?' + s : '') + location.hash;
  }
  function showFilters(f) {
    var select = $('flow');
    if (f.flow && !Array.prototype.some.call(select.options, function (o) { return o.value === f.flow; })) select.appendChild(new Option(f.flow, f.flow));
    select.value = f.flow;
    $('from').value = f.from;
    $('to').value = f.to;
    $('tz').value = f.tz;
    $('metric').value = f.metric || 'nps';
    $('bucket').value = f.bucket || 'week';
    $('segment').value = f.segment;
    $('by').value = f.by || 'channel';
  }
  function filtersFromForm() {
    return { flow: $('flow').value, from: $('from').value, to: $('to').value, tz: $('tz').value.trim(),
      segment: $('segment').value.trim(), metric: $('metric').value === 'nps' ? '' : $('metric').value, bucket: $('bucket').value === 'week' ? '' : $('bucket').value,
      by: $('by').value === 'channel' ? '' : $('by').value };
  }
  // The filters every API call takes; `segment` is "dimension:value", e.g. channel:email.
  function baseOf(f) { return { flow: f.flow, from: f.from, to: f.to, tz: f.tz, segment: f.segment }; }
  A.baseOf = baseOf;

  function navigate(filters, drill) {
    history.pushState(null, '', urlFor(filters, drill));
    return load();
  }

  function setStatus(text, isError) {
    var s = $('status');
    s.textContent = text || '';
    s.classList.toggle('error', !!isError);
  }

  // ---- signed in or not ----
  function showLogin(message) {
    stopLive();
    ['dashboard', 'manage', 'nav', 'logout', 'live'].forEach(function (id) { $(id).hidden = true; });
    $('login').hidden = false;
    $('login-message').textContent = message || '';
    $('admin-password').value = '';
    $('api-key').value = '';
  }
  function showSection() {
    var manage = location.hash === '#manage';
    $('login').hidden = true;
    $('nav').hidden = false;
    $('logout').hidden = false;
    $('dashboard').hidden = manage;
    $('manage').hidden = !manage;
    Array.prototype.forEach.call($('nav').querySelectorAll('a'), function (a) {
      if (a.getAttribute('href') === (manage ? '#manage' : '#dashboard')) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    if (manage) A.loadManagement();
  }
  function handleAuthFailure(err) {
    if (err instanceof A.ApiError && (err.status === 401 || err.status === 403)) {
      showLogin('Your session has ended (HTTP ' + err.status + '). Sign in again.');
      return true;
    }
    return false;
  }

  function signIn(body) {
    $('login-message').textContent = '';
    return A.post('/api/v1/admin/login', body).then(signedIn, function (err) {
      $('login-message').textContent = err.status === 401
        ? (body.key ? 'That key was not accepted (HTTP 401).' : 'That password is not right (HTTP 401).')
        : err.status === 403 ? 'That key is not an admin key (HTTP 403).' : 'Could not sign in: ' + err.message;
    });
  }
  function signedIn() {
    showSection();
    startLive();
    return loadFlows().then(load, function (err) { if (!handleAuthFailure(err)) return load(); });
  }

  function loadFlows() {
    return A.get('/api/v1/flows').then(function (body) {
      var select = $('flow');
      var chosen = viewFromUrl().filters.flow;
      var names = [];
      ((body && body.flows) || []).forEach(function (f) { if (f && f.name && names.indexOf(f.name) < 0) names.push(String(f.name)); });
      // Flows with answers but no loaded definition (an imported survey) can be picked too.
      ((body && body.answered) || []).forEach(function (name) { if (typeof name === 'string' && name && names.indexOf(name) < 0) names.push(name); });
      while (select.options.length > 1) select.remove(1);
      names.sort().forEach(function (name) { select.appendChild(new Option(name, name)); });
      showFilters(Object.assign(viewFromUrl().filters, { flow: chosen }));
    });
  }

  // ---- loading: each panel on its own, so one missing route never blanks the others ----
  function panel(promise, render, id) {
    return promise.then(render, function (err) {
      if (handleAuthFailure(err)) throw err;
      A.unavailable(A.panelBody(id), err);
    });
  }

  function load() {
    var view = viewFromUrl();
    var f = view.filters;
    showFilters(f);
    if (f.from && f.to && f.from > f.to) { setStatus('“From” is after “To”: nothing can match. Change the dates.', true); return Promise.resolve(); }
    var generation = ++loadGeneration;
    var base = baseOf(f);
    var by = f.by || 'channel';
    var fresh = function (render) { return function (x) { if (generation === loadGeneration) render(x); }; };
    setStatus('Loading…');
    $('dashboard').setAttribute('aria-busy', 'true');
    var summary = A.get('/api/v1/metrics/summary', base);
    return Promise.all([
      summary.then(fresh(function (s) {
        A.renderNps(s.nps);
        A.renderRating('csat-card', 'csat', s.csat, 'percent', 'satisfied', 'Satisfied', 'CSAT');
        A.renderRating('ces-card', 'ces', s.ces, 'percent_easy', 'easy', 'Easy', '% easy');
        A.renderDistribution(s.nps, function (score) { navigate(f, { type: 'nps', min: score, max: score }).then(focusAnswers); });
      })),
      panel(A.get('/api/v1/metrics/trend', Object.assign({ bucket: f.bucket || 'week' }, base)), fresh(function (t) { A.renderTrend(t, f.metric || 'nps'); }), 'trend-panel'),
      panel(A.get('/api/v1/metrics/segments', Object.assign({ by: by }, base)), fresh(function (s) { A.renderSegments(s, by); }), 'segments-panel'),
      panel(A.get('/api/v1/metrics/funnel', base), fresh(A.renderFunnel), 'funnel-panel'),
      // Split by a customer attribute: the churn snapshot is split by it too.
      panel(A.get('/api/v1/metrics/churn', Object.assign({}, base, attributeOf(by) ? { by: attributeOf(by) } : {})),
        fresh(function (c) { offerAttributes(c.attributes, by); A.renderChurn(c); }), 'churn-panel'),
      panel(A.get('/api/v1/metrics/journey', base), fresh(A.renderJourney), 'journey-panel'),
      panel(A.get('/api/v1/metrics/at-risk', base), fresh(A.renderRisk), 'risk-panel'),
      panel(A.get('/api/v1/metrics/themes', base), fresh(A.renderThemes), 'themes-panel'),
      A.loadAnswers(base, view.drill)
    ]).then(function () {
      if (generation !== loadGeneration) return;
      var range = f.from || f.to ? (f.from || '…') + ' to ' + (f.to || '…') : 'all time';
      setStatus('Showing ' + (f.flow ? 'flow ' + f.flow : 'all flows') + (f.segment ? ', segment ' + f.segment : '') + ', ' + range + (f.tz ? ' (' + f.tz + ')' : '') + '.');
    }).catch(function (err) {
      if (generation !== loadGeneration || handleAuthFailure(err)) return;
      var detail = err instanceof A.ApiError ? err.message + ' (HTTP ' + err.status + ')' : 'the server could not be reached';
      setStatus('Could not load the dashboard: ' + detail + '.', true);
    }).then(function () { $('dashboard').removeAttribute('aria-busy'); });
  }

  function attributeOf(by) { return by.indexOf('attribute:') === 0 ? by.slice('attribute:'.length) : ''; }

  // Customer attributes (imported with the customers) join the "Split by" choices once known.
  function offerAttributes(names, selected) {
    var select = $('by');
    (names || []).forEach(function (name) {
      var value = 'attribute:' + name;
      if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) return;
      var option = document.createElement('option');
      option.value = value;
      option.textContent = 'Customer ' + name;
      select.appendChild(option);
    });
    select.value = selected;
  }

  function focusAnswers() {
    var title = $('answers-title');
    title.tabIndex = -1;
    title.focus();
    title.scrollIntoView({ block: 'start' });
  }

  // ---- live: server-sent events from /api/v1/live; polling when the server has no feed ----
  function liveStatus(text) { var l = $('live'); l.hidden = false; l.textContent = text; }
  var refreshTimer = null;
  function onNewAnswer() {
    // One refresh for a burst of answers (an import sends hundreds at once).
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshLive, LIVE_DEBOUNCE_MS);
  }
  function refreshLive() {
    // Only the cards and the list change per answer; the heavier panels wait for the next Apply.
    var view = viewFromUrl();
    var base = baseOf(view.filters);
    A.get('/api/v1/metrics/summary', base).then(function (s) {
      A.renderNps(s.nps);
      A.renderRating('csat-card', 'csat', s.csat, 'percent', 'satisfied', 'Satisfied', 'CSAT');
      A.renderRating('ces-card', 'ces', s.ces, 'percent_easy', 'easy', 'Easy', '% easy');
      A.renderDistribution(s.nps, function (score) { navigate(view.filters, { type: 'nps', min: score, max: score }).then(focusAnswers); });
    }).catch(handleAuthFailure);
    A.loadAnswers(base, view.drill).catch(handleAuthFailure);
  }
  function startLive() {
    stopLive();
    var opened = false;
    var source = new EventSource('/api/v1/live');
    live = { source: source, timer: null };
    source.addEventListener('open', function () { opened = true; liveStatus('Live'); });
    source.addEventListener('answer', function (e) {
      var a = JSON.parse(e.data);
      A.lastLiveAnswer = a;   // tests and the status line read it
      liveStatus('Live — last answer ' + A.formatTime(a.created_at));
      onNewAnswer();
    });
    source.addEventListener('error', function () {
      if (opened) { liveStatus('Live (reconnecting…)'); return; }   // EventSource retries by itself
      source.close();
      startPolling();
    });
  }
  function startPolling() {
    var last = null;
    liveStatus('Live (every ' + LIVE_POLL_MS / 1000 + ' s)');
    live = { source: null, timer: setInterval(function () {
      A.get('/api/v1/comments', { limit: '1' }).then(function (b) {
        var c = b && b.comments && b.comments[0];
        var mark = c ? c.conversation + '|' + c.created_at : '';
        if (last !== null && mark !== last) onNewAnswer();
        last = mark;
      }).catch(function (err) { if (!handleAuthFailure(err)) liveStatus('Live (retrying…)'); });
    }, LIVE_POLL_MS) };
  }
  function stopLive() {
    if (!live) return;
    if (live.source) live.source.close();
    if (live.timer) clearInterval(live.timer);
    live = null;
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('password-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var password = $('admin-password').value;
      if (!password) { $('login-message').textContent = 'Enter the password first.'; return; }
      signIn({ password: password });
    });
    $('key-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var key = $('api-key').value.trim();
      if (!key) { $('login-message').textContent = 'Enter a key first.'; return; }
      signIn({ key: key });
    });
    $('logout').addEventListener('click', function () {
      A.post('/api/v1/admin/logout').catch(function () {}).then(function () { showLogin('Signed out.'); });
    });
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); navigate(filtersFromForm(), {}); });
    $('reset').addEventListener('click', function () { navigate({}, {}); });
    $('search-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var q = $('search').value.trim();
      navigate(viewFromUrl().filters, q ? { q: q } : {});
    });
    $('drill-clear').addEventListener('click', function () { navigate(viewFromUrl().filters, {}); });
    $('export-csv').addEventListener('click', function () { A.exportShown('csv'); });
    $('export-ndjson').addEventListener('click', function () { A.exportShown('ndjson'); });
    // Every drill-down button on the page, present and future: one listener.
    document.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('button.drill');
      if (!b) return;
      if (b.dataset.conversation) { A.openTranscript(b.dataset.conversation); return; }
      if (b.dataset.segment) { navigate(Object.assign(viewFromUrl().filters, { segment: b.dataset.segment }), {}).then(focusAnswers); return; }
      if (b.dataset.drill) navigate(viewFromUrl().filters, JSON.parse(b.dataset.drill)).then(focusAnswers);
    });
    window.addEventListener('popstate', function () { if (!$('login').hidden) return; load(); });
    window.addEventListener('hashchange', function () { if ($('login').hidden) showSection(); });
    try {
      (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Europe/Warsaw', 'Europe/London', 'America/New_York']).forEach(function (z) {
        $('tz-list').appendChild(new Option(z, z));
      });
    } catch (err) { /* no list: the field still takes any IANA name */ }

    showFilters(viewFromUrl().filters);
    A.get('/api/v1/admin/session').then(signedIn, function () { showLogin(''); });
  });
})();
