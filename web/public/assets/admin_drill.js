/* Admin page, part 4: the answers behind a number (drill-down), comment search, a conversation's
 * transcript, and export of exactly the rows on screen (CSV with formula-safe cells, case H08, or NDJSON). */
(function () {
  'use strict';
  var A = window.OpiniaAdmin;
  var el = A.el;
  var ROW_LIMIT = 200;        // answers listed for a drill-down or a search
  var LATEST_LIMIT = 25;      // comments listed when nothing is picked
  var DRILL_KEYS = ['type', 'min', 'max', 'q', 'customer'];
  var shown = [];   // the rows on screen, exported as they are
  var answersGeneration = 0;

  A.DRILL_KEYS = DRILL_KEYS;

  function describe(drill) {
    var parts = [];
    if (drill.type) parts.push(drill.type.toUpperCase() + (drill.min != null ? ' ' + drill.min + (drill.max !== drill.min ? '–' + drill.max : '') : ''));
    if (drill.customer) parts.push('customer ' + drill.customer);
    if (drill.q) parts.push('containing “' + drill.q + '”');
    return parts.join(', ');
  }

  function containsText(row, q) {
    return !q || String(row.text || '').toLowerCase().indexOf(String(q).toLowerCase()) >= 0;
  }

  // Without a score or customer picked: the latest comments, or those containing the search text.
  function commentRows(filters, drill) {
    return A.get('/api/v1/comments', Object.assign({}, filters, { q: drill.q, limit: String(drill.q ? ROW_LIMIT : LATEST_LIMIT) }))
      .then(function (body) { return { rows: (body && body.comments) || [], note: '' }; });
  }

  // Conversations carry their NPS, CSAT, CES and first comment; the server picks them by score range.
  function responseRows(filters, drill) {
    var params = Object.assign({}, filters, { limit: String(ROW_LIMIT) });
    DRILL_KEYS.forEach(function (k) { if (drill[k] != null && drill[k] !== '') params[k] = String(drill[k]); });
    delete params.q;
    return A.get('/api/v1/conversations', params).then(function (body) {
      var rows = ((body && body.conversations) || []).map(function (c) { return Object.assign({ text: c.comment }, c); });
      return { rows: rows.filter(function (r) { return containsText(r, drill.q); }), note: '' };
    });
  }

  function row(c) {
    var li = el('li', 'comment');
    if (c.text != null && c.text !== '') li.appendChild(el('blockquote', 'text', c.text));
    var meta = el('p', 'meta');
    [['NPS', c.nps], ['CSAT', c.csat], ['CES', c.ces]].forEach(function (s) {
      if (typeof s[1] === 'number') meta.appendChild(el('span', 'pill', s[0] + ' ' + s[1]));
    });
    if (c.question_type && typeof c.value === 'number') meta.appendChild(el('span', 'pill', c.question_type.toUpperCase() + ' ' + c.value));
    if (c.flow) meta.appendChild(el('span', 'flow', 'flow ' + c.flow));
    if (c.customer) meta.appendChild(el('span', 'flow', 'customer ' + c.customer));
    var time = el('time', null, A.formatTime(c.created_at));
    if (c.created_at) time.dateTime = String(c.created_at);
    meta.appendChild(time);
    if (c.conversation) {
      var open = el('button', 'drill', 'Conversation');
      open.type = 'button';
      open.dataset.conversation = c.conversation;
      open.setAttribute('aria-label', 'Open the conversation of this answer');
      meta.appendChild(open);
    }
    li.appendChild(meta);
    return li;
  }

  // Loads and lists the answers for the filters plus the drill (an empty drill: the latest comments).
  A.loadAnswers = function (filters, drill) {
    var title = A.$('answers-title');
    var list = A.$('comments');
    var described = describe(drill);
    title.textContent = described ? 'Answers: ' + described : 'Latest comments';
    A.$('drill-clear').hidden = !described;
    A.$('search').value = drill.q || '';
    // Only the newest request may fill the list: an older, slower one must not overwrite it.
    var generation = ++answersGeneration;
    list.setAttribute('aria-busy', 'true');
    var load = drill.type || drill.customer ? responseRows(filters, drill) : commentRows(filters, drill);
    return load.then(function (result) {
      if (generation !== answersGeneration) return;
      list.removeAttribute('aria-busy');
      shown = result.rows;
      list.textContent = '';
      A.$('answers-note').textContent = result.note + (shown.length ? ' ' + shown.length + ' shown.' : '');
      if (!shown.length) { list.appendChild(el('li', 'none', described ? 'No answers match.' : 'No comments for this selection.')); return; }
      shown.forEach(function (c) { list.appendChild(row(c)); });
    });
  };

  // Shows a new comment at the top without reloading (live feed).
  A.prependAnswer = function (c) {
    var list = A.$('comments');
    var none = list.querySelector('.none');
    if (none) none.remove();
    shown.unshift(c);
    list.insertBefore(row(c), list.firstChild);
  };

  // Who answered, where and when: the context an agent or integration attached to the conversation.
  function contextList(c) {
    var facts = [['Flow', c.flow ? c.flow + ' v' + c.flow_version : ''], ['Status', c.status], ['Started', c.created_at],
      ['Customer', c.customer ? c.customer + (c.customer_verified ? ' (verified)' : '') : ''], ['Agent', c.agent],
      ['Channel', c.channel], ['Touchpoint', c.touchpoint], ['Journey stage', c.stage], ['Interaction', c.interaction],
      ['Language', c.locale], ['Source', c.source]];
    var list = el('dl', 'context');
    facts.forEach(function (f) {
      if (!f[1]) return;
      list.appendChild(el('dt', null, f[0]));
      list.appendChild(el('dd', null, String(f[1])));
    });
    return list;
  }

  A.openTranscript = function (conversation) {
    var dialog = A.$('transcript');
    var body = dialog.querySelector('.body');
    body.textContent = '';
    body.appendChild(el('p', 'note', 'Conversation ' + conversation));
    if (!dialog.open) dialog.showModal();
    return A.get('/api/v1/conversations/' + encodeURIComponent(conversation)).then(function (c) {
      body.appendChild(contextList(c || {}));
      var lines = el('ol', 'transcript');
      var entries = (c && c.answers) || [];
      if (!entries.length) { body.appendChild(el('p', 'no-data', 'no messages stored')); return; }
      entries.forEach(function (m) {
        var li = el('li', 'line me');
        if (m.step) li.appendChild(el('span', 'step', m.step + ': '));
        li.appendChild(el('span', 'said', m.text != null ? m.text : m.raw_text != null ? m.raw_text : String(m.value)));
        lines.appendChild(li);
      });
      body.appendChild(lines);
    }).catch(function (err) { A.unavailable(body, err); });
  };

  // Spreadsheets run cells that start with = + - @ tab or CR as formulas: a leading ' keeps them text.
  function csvCell(v) {
    if (v == null) return '';
    if (typeof v === 'number') return String(v);
    var s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  A.exportShown = function (format) {
    var columns = ['created_at', 'flow', 'conversation', 'customer', 'step', 'question_type', 'value', 'nps', 'csat', 'ces', 'text'];
    var text = format === 'csv'
      ? [columns.join(',')].concat(shown.map(function (r) { return columns.map(function (k) { return csvCell(r[k]); }).join(','); })).join('\r\n') + '\r\n'
      : shown.map(function (r) { return JSON.stringify(r); }).join('\n') + (shown.length ? '\n' : '');
    var blob = new Blob([text], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson' });
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'opinia-answers.' + (format === 'csv' ? 'csv' : 'ndjson');
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    return text;
  };
  A.csvCell = csvCell;
})();
