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

  A.DRILL_KEYS = DRILL_KEYS;

  function describe(drill) {
    var parts = [];
    if (drill.type) parts.push(drill.type.toUpperCase() + (drill.min != null ? ' ' + drill.min + (drill.max !== drill.min ? '–' + drill.max : '') : ''));
    if (drill.customer) parts.push('customer ' + drill.customer);
    if (drill.q) parts.push('containing “' + drill.q + '”');
    return parts.join(', ');
  }

  function matches(row, drill) {
    if (drill.type) {
      var v = row[drill.type];
      if (typeof v !== 'number') return false;
      if (drill.min != null && v < Number(drill.min)) return false;
      if (drill.max != null && v > Number(drill.max)) return false;
    }
    if (drill.q && String(row.text || '').toLowerCase().indexOf(String(drill.q).toLowerCase()) < 0) return false;
    return true;
  }

  // Comments carry their conversation's NPS/CSAT/CES, so a drill by score or text runs on them; a split
  // by agent or channel needs the responses API.
  function commentRows(filters, drill) {
    return A.get('/api/v1/comments', Object.assign({}, filters, { q: drill.q, limit: '500' }))
      .then(function (body) {
        var rows = ((body && body.comments) || []).filter(function (c) { return matches(c, { type: drill.type, min: drill.min, max: drill.max }); });
        return { rows: rows.slice(0, drill.type || drill.q ? ROW_LIMIT : LATEST_LIMIT), note: drill.type ? 'Answers with a comment (this server has no responses API yet).' : '' };
      });
  }

  function responseRows(filters, drill) {
    var params = Object.assign({}, filters, { limit: String(ROW_LIMIT) });
    DRILL_KEYS.forEach(function (k) { if (drill[k] != null && drill[k] !== '') params[k] = String(drill[k]); });
    // The responses API filters by score group; a single score is then picked out here.
    if (drill.type === 'nps') params.group = Number(drill.max) <= 6 ? 'detractors' : Number(drill.min) >= 9 ? 'promoters' : Number(drill.min) >= 7 && Number(drill.max) <= 8 ? 'passives' : '';
    return A.get('/api/v1/responses', params).then(function (body) {
      var rows = (body && (body.responses || body.answers)) || [];
      return { rows: rows.filter(function (r) { return matches(r, r[drill.type] !== undefined ? drill : { q: drill.q }); }), note: '' };
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
    var load = drill.type || drill.customer
      ? responseRows(filters, drill).catch(function (err) { if (A.isMissingRoute(err)) return commentRows(filters, drill); throw err; })
      : commentRows(filters, drill);
    return load.then(function (result) {
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

  A.openTranscript = function (conversation) {
    var dialog = A.$('transcript');
    var body = dialog.querySelector('.body');
    body.textContent = '';
    body.appendChild(el('p', 'note', 'Conversation ' + conversation));
    if (!dialog.open) dialog.showModal();
    return A.get('/api/v1/conversations/' + encodeURIComponent(conversation)).then(function (c) {
      var lines = el('ol', 'transcript');
      var entries = (c && (c.messages || c.transcript || c.answers)) || [];
      if (!entries.length) { body.appendChild(el('p', 'no-data', 'no messages stored')); return; }
      entries.forEach(function (m) {
        var who = m.from || m.role || (m.step ? 'customer' : '');
        var li = el('li', 'line ' + (who === 'bot' ? 'bot' : 'me'));
        if (m.step) li.appendChild(el('span', 'step', m.step + ': '));
        li.appendChild(el('span', 'said', m.text != null ? m.text : m.raw_text != null ? m.raw_text : String(m.value)));
        lines.appendChild(li);
      });
      body.appendChild(lines);
    }).catch(function (err) {
      // Without a conversations API, show what the comments list knows about it.
      var known = shown.filter(function (r) { return r.conversation === conversation; });
      if (!A.isMissingRoute(err) || !known.length) { A.unavailable(body, err); return; }
      body.appendChild(el('p', 'note', 'The full transcript is not available on this server yet; its answers:'));
      var ul = el('ul', 'transcript');
      known.forEach(function (r) { ul.appendChild(row(r)); });
      body.appendChild(ul);
    });
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
