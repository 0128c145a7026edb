/* Opinia chat widget: one <script> tag embeds a feedback chat that speaks chat protocol v1
 * (shared/spec/chat-protocol.md) over a WebSocket to the server the script was loaded from.
 *
 *   <script src="https://HOST/widget.js" data-site="SITE_KEY" data-flow="nps" async></script>
 *
 * Attributes: data-site, data-flow, data-invite (survey invite token), data-locale,
 * data-open="true" (open at once), data-layout="page" (fill the page, no launcher; the hosted
 * survey page). API: window.Opinia = {open(), close(), start({flow, invite, customer, context}),
 * on(event, fn)} with events "answer" and "done"; window fires "opinia:ready" once installed.
 *
 * Everything from the server or the customer is rendered with textContent, never as HTML (H07).
 * No socket is opened until the chat is opened. */
(function () {
  'use strict';
  if (window.Opinia && window.Opinia.version) return;

  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-site],script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var scriptUrl = new URL((script && script.src) || '/widget.js', location.href);
  var wsUrl = (scriptUrl.protocol === 'https:' ? 'wss://' : 'ws://') + scriptUrl.host + '/ws';

  var TEXT = {
    en: {
      launcher: 'Give feedback', title: 'Feedback', close: 'Close', send: 'Send', skip: 'Skip',
      skipped: 'Skipped', answer: 'Your answer', you: 'You:', placeholder: 'Type your answer…',
      thanks: 'Thank you!', connecting: 'Connecting…', reconnecting: 'Connection lost. Reconnecting…',
      expired: 'This survey has expired. Thank you for your time.', failed: 'Something went wrong. Please try again later.',
      elsewhere: 'This conversation continues in another window.'
    },
    pl: {
      launcher: 'Oceń nas', title: 'Twoja opinia', close: 'Zamknij', send: 'Wyślij', skip: 'Pomiń',
      skipped: 'Pominięto', answer: 'Twoja odpowiedź', you: 'Ty:', placeholder: 'Wpisz odpowiedź…',
      thanks: 'Dziękujemy!', connecting: 'Łączenie…', reconnecting: 'Utracono połączenie. Ponowne łączenie…',
      expired: 'Ta ankieta wygasła. Dziękujemy za poświęcony czas.', failed: 'Coś poszło nie tak. Spróbuj ponownie później.',
      elsewhere: 'Ta rozmowa jest kontynuowana w innym oknie.'
    }
  };
  var MAX_BACKOFF_MS = 30000;
  var MAX_TRANSCRIPT = 60;

  function pickLocale(tag) {
    var primary = String(tag || '').toLowerCase().split(/[-_]/)[0];
    return TEXT[primary] ? primary : 'en';
  }
  var requestedLocale = data.locale || document.documentElement.lang || navigator.language || 'en';
  var locale = pickLocale(requestedLocale);
  var sentLocale = String(requestedLocale).toLowerCase().split(/[-_]/)[0] || locale;
  function t(key) { return TEXT[locale][key]; }

  var layoutPage = data.layout === 'page';
  var options = { site: data.site, flow: data.flow, invite: data.invite };

  // Conversation state, persisted per site + flow (or invite) so a reload resumes.
  var state = null;      // {conversation, token, last_seq, counter, ask, pending, lines}
  var socket = null;
  var attempts = 0;
  var reconnectTimer = 0;
  var current = null;    // the ask being answered
  var listeners = { answer: [], done: [] };
  var ui = null;
  var finished = false;  // done or expired: reopening shows the transcript, Opinia.start() begins anew

  function storageKey() {
    return 'opinia:' + (options.site || '') + ':' + (options.invite ? 'invite:' + options.invite : (options.flow || ''));
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey()) || 'null'); } catch (e) { return null; }
  }
  function save() {
    try {
      if (state && state.conversation) localStorage.setItem(storageKey(), JSON.stringify(state));
      else localStorage.removeItem(storageKey());
    } catch (e) { /* private mode: the chat still works, it just cannot resume after a reload */ }
  }
  function freshState() { return { conversation: null, token: null, last_seq: 0, counter: 0, ask: null, pending: null, lines: [], open: false }; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var CSS = [
    ':host{all:initial}',
    '*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:999px;padding:12px 20px;',
    'background:#1d4ed8;color:#fff;font-size:15px;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}',
    '.launcher:hover{background:#1e40af}',
    'button:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}',
    '.panel{position:fixed;right:20px;bottom:20px;z-index:2147483001;width:min(380px,calc(100vw - 40px));',
    'height:min(580px,calc(100vh - 40px));display:flex;flex-direction:column;background:#fff;color:#111827;',
    'border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden;font-size:15px;line-height:1.4}',
    '.panel[hidden]{display:none}',
    '.page{height:100%}.page .panel{position:static;width:100%;max-width:640px;height:100%;margin:0 auto;border-radius:0;box-shadow:none}',
    '@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100%;border-radius:0}}',
    'header{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;background:#1d4ed8;color:#fff}',
    'h2{margin:0;font-size:17px}',
    '.close{border:0;background:transparent;color:#fff;font-size:24px;line-height:1;cursor:pointer;padding:2px 8px;border-radius:6px}',
    '.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:8px}',
    '.msg{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}',
    '.bot{align-self:flex-start;background:#f3f4f6}',
    '.me{align-self:flex-end;background:#1d4ed8;color:#fff}',
    '.note{align-self:center;color:#4b5563;font-size:13px;text-align:center}',
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '.status{padding:0 16px;font-size:13px;color:#92400e}',
    '.status:empty{display:none}',
    '.controls{border-top:1px solid #e5e7eb;padding:12px 16px;display:flex;flex-direction:column;gap:8px}',
    '.controls:empty{display:none}',
    '.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(40px,1fr));gap:6px}',
    '.choices.labels{grid-template-columns:1fr}',
    '.opt{min-height:40px;border:1px solid #1d4ed8;border-radius:8px;background:#fff;color:#1d4ed8;font-size:15px;font-weight:600;cursor:pointer}',
    '.opt:hover{background:#eff6ff}',
    '.ends{display:flex;justify-content:space-between;font-size:12px;color:#4b5563}',
    '.row{display:flex;gap:8px;align-items:flex-end}',
    'textarea{flex:1;resize:none;min-height:40px;max-height:120px;padding:9px 10px;border:1px solid #9ca3af;border-radius:8px;font-size:15px;color:#111827;background:#fff}',
    '.send{min-height:40px;padding:0 14px;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font-size:15px;font-weight:600;cursor:pointer}',
    '.skip{align-self:flex-start;border:0;background:transparent;color:#1d4ed8;text-decoration:underline;cursor:pointer;font-size:14px;padding:4px 0}'
  ].join('');

  function applyStyles(root) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];  // not subject to a page's style-src CSP
    } catch (e) {
      root.appendChild(el('style', null, CSS));
    }
  }

  function build() {
    var host = el('div');
    host.id = 'opinia-widget';
    var root = host.attachShadow({ mode: 'open' });
    applyStyles(root);
    var wrap = el('div', layoutPage ? 'page' : '');
    if (layoutPage) {
      host.style.display = 'block';
      host.style.height = '100%';
    }
    var launcher = el('button', 'launcher', t('launcher'));
    launcher.type = 'button';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'opinia-panel');
    launcher.hidden = layoutPage;
    var panel = el('section', 'panel');
    panel.id = 'opinia-panel';
    panel.hidden = true;
    panel.setAttribute('aria-labelledby', 'opinia-title');
    var header = el('header');
    var title = el('h2', null, t('title'));
    title.id = 'opinia-title';
    var close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('close'));
    close.hidden = layoutPage;
    header.append(title, close);
    var log = el('div', 'log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.setAttribute('aria-relevant', 'additions');
    var status = el('div', 'status');
    status.setAttribute('role', 'status');
    var controls = el('div', 'controls');
    panel.append(header, log, status, controls);
    wrap.append(launcher, panel);
    root.appendChild(wrap);
    (layoutPage ? (document.getElementById('opinia-root') || document.body) : document.body).appendChild(host);

    launcher.addEventListener('click', function () { open(); });
    close.addEventListener('click', function () { hide(); });
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !layoutPage) { hide(); }
    });
    ui = { root: root, launcher: launcher, panel: panel, title: title, close: close, log: log, status: status, controls: controls };
  }

  function relabel() {
    ui.launcher.textContent = t('launcher');
    ui.title.textContent = t('title');
    ui.close.setAttribute('aria-label', t('close'));
  }

  // who: "bot" | "me" | "note"
  function line(who, text, remember) {
    var m = el('div', 'msg ' + who);
    if (who === 'me') m.appendChild(el('span', 'sr', t('you') + ' '));
    m.appendChild(document.createTextNode(String(text)));
    ui.log.appendChild(m);
    ui.log.scrollTop = ui.log.scrollHeight;
    if (remember && state) {
      state.lines.push([who, String(text)]);
      if (state.lines.length > MAX_TRANSCRIPT) state.lines.shift();
    }
  }
  function lastBotText() {
    var l = state && state.lines;
    for (var i = l ? l.length - 1 : -1; i >= 0; i--) if (l[i][0] === 'bot') return l[i][1];
    return null;
  }
  function setStatus(text) { ui.status.textContent = text || ''; }

  function focusInPanel() {
    var a = ui.root.activeElement;
    return layoutPage || (a && ui.panel.contains(a));
  }

  function clearControls() { ui.controls.textContent = ''; delete ui.controls.dataset.step; current = null; }

  function optionButton(label, onPick) {
    var b = el('button', 'opt', label);
    b.type = 'button';
    b.addEventListener('click', onPick);
    return b;
  }

  // Renders the inputs for an ask: quick-reply buttons for scales and choices, and always a
  // textbox, so a customer can type "8 out of 10" as well as click.
  function renderAsk(ask) {
    var hadFocus = focusInPanel();
    // Text typed while this question was on its way (after a click on the last one) is kept.
    var previousBox = ui.controls.querySelector('textarea');
    var typedEarly = previousBox ? previousBox.value : '';
    clearControls();
    current = ask;
    ui.controls.dataset.step = ask.step;
    var input = ask.input || {};
    var first = null;
    if (input.kind === 'scale' || input.kind === 'choice') {
      var group = el('div', 'choices' + (input.kind === 'choice' ? ' labels' : ''));
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', ask.text || '');
      if (input.kind === 'scale') {
        for (var v = input.min; v <= input.max; v++) {
          group.appendChild(optionButton(String(v), pickValue(v, String(v))));
        }
      } else {
        (input.options || []).forEach(function (o) {
          group.appendChild(optionButton(String(o.label), pickValue(o.value, String(o.label))));
        });
      }
      first = group.firstChild;
      ui.controls.appendChild(group);
      if (input.kind === 'scale' && input.labels) {
        var ends = el('div', 'ends');
        ends.append(el('span', null, input.min + ' = ' + (input.labels.min || '')),
                    el('span', null, input.max + ' = ' + (input.labels.max || '')));
        ui.controls.appendChild(ends);
      }
    }
    var row = el('div', 'row');
    var label = el('label', 'sr', t('answer'));
    label.htmlFor = 'opinia-text';
    var box = el('textarea');
    box.id = 'opinia-text';
    box.rows = 1;
    box.placeholder = t('placeholder');
    if (input.kind === 'text' && input.max_length) box.maxLength = input.max_length;
    box.value = box.maxLength > 0 ? typedEarly.slice(0, box.maxLength) : typedEarly;
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendTyped(box); }
    });
    var send = el('button', 'send', t('send'));
    send.type = 'button';
    send.addEventListener('click', function () { sendTyped(box); });
    row.append(label, box, send);
    ui.controls.appendChild(row);
    if (input.kind === 'text' && input.optional) {
      var skip = el('button', 'skip', t('skip'));
      skip.type = 'button';
      skip.addEventListener('click', function () { answer({ text: '' }, t('skipped')); });
      ui.controls.appendChild(skip);
    }
    if (hadFocus) (input.kind === 'text' || !first ? box : first).focus();
  }

  function pickValue(value, shown) {
    return function () { answer({ value: value }, shown); };
  }
  function sendTyped(box) {
    var text = box.value;
    var sent;
    if (!text.trim()) {
      if (!(current && current.input && current.input.kind === 'text' && current.input.optional)) return;
      sent = answer({ text: '' }, t('skipped'));
    } else {
      sent = answer({ text: text }, text);
    }
    if (sent) box.value = '';   // an answer still waiting for its ack keeps what was typed next
  }

  // Sends an answer to the current question; false when one is already on its way.
  function answer(payload, shown) {
    if (!current || (state.pending && state.pending.step === current.step)) return false;
    state.counter += 1;
    var msg = { type: 'answer', id: 'm' + state.counter, step: current.step };
    if ('value' in payload) msg.value = payload.value; else msg.text = payload.text;
    state.pending = msg;
    line('me', shown, true);
    save();
    emit('answer', { step: msg.step, value: msg.value, text: msg.text });
    send(msg);
    return true;
  }

  function send(msg) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(msg));
  }

  function emit(name, detail) {
    listeners[name].forEach(function (fn) { try { fn(detail); } catch (e) { /* a host page's handler must not break the chat */ } });
  }

  function connect() {
    if (socket || !ui) return;
    clearTimeout(reconnectTimer);
    if (!attempts) setStatus(t('connecting'));
    var ws = new WebSocket(wsUrl);
    socket = ws;
    ws.onopen = function () {
      setStatus('');
      if (state.conversation) {
        ws.send(JSON.stringify({ type: 'resume', conversation: state.conversation, token: state.token, last_seq: state.last_seq }));
        if (state.pending) ws.send(JSON.stringify(state.pending));  // same id: stored at most once
      } else {
        var start = { type: 'start', locale: sentLocale };
        if (options.invite) start.invite = options.invite; else start.flow = options.flow || 'nps';
        if (options.site) start.site = options.site;
        if (options.customer) start.customer = options.customer;
        if (options.context) start.context = options.context;
        ws.send(JSON.stringify(start));
      }
    };
    ws.onmessage = function (e) {
      var m;
      try { m = JSON.parse(e.data); } catch (err) { return; }
      if (m && typeof m === 'object') handle(m);
    };
    ws.onclose = function (e) {
      if (socket !== ws) return;
      socket = null;
      if (!state || finished || (ui.panel.hidden && !state.conversation)) return;
      // 4000-4999: the server closed us on purpose (e.g. another tab resumed this conversation).
      // Another window took the conversation over: this one must not take answers it cannot send.
      if (e.code >= 4000 && e.code < 5000) { clearControls(); setStatus(t('elsewhere')); return; }
      attempts += 1;
      setStatus(t('reconnecting'));
      var delay = Math.min(MAX_BACKOFF_MS, 500 * Math.pow(2, attempts)) * (0.75 + Math.random() * 0.5);
      reconnectTimer = setTimeout(connect, delay);
    };
  }

  function disconnect() {
    clearTimeout(reconnectTimer);
    var ws = socket;
    socket = null;
    if (ws) ws.close(1000);
  }

  function finish(text, note) {
    clearControls();
    line(note ? 'note' : 'bot', text, false);
    state = freshState();
    save();
    finished = true;
    disconnect();
  }

  function handle(m) {
    var replay = typeof m.seq === 'number' && m.seq <= state.last_seq;
    if (typeof m.seq === 'number' && m.seq > state.last_seq) state.last_seq = m.seq;
    attempts = 0;
    switch (m.type) {
      case 'conversation':
        if (replay) break;
        state.conversation = m.conversation;
        state.token = m.token;
        if (m.locale && TEXT[pickLocale(m.locale)] && pickLocale(m.locale) !== locale) { locale = pickLocale(m.locale); relabel(); }
        break;
      case 'say':
        if (!replay) line('bot', m.text, true);
        break;
      case 'ask':
        // After a resume the pending ask may come again (old or fresh seq): keep the one on screen.
        if (current && current.step === m.step) break;
        if (lastBotText() !== m.text) line('bot', m.text, true);
        state.ask = { step: m.step, text: m.text, input: m.input };
        if (state.pending && state.pending.step !== m.step) state.pending = null;
        renderAsk(state.ask);
        break;
      case 'ack':
        if (state.pending && state.pending.id === m.id) { state.pending = null; state.ask = null; }
        break;
      case 'retry':
        if (state.pending && state.pending.id === m.id) state.pending = null;
        if (!replay) line('bot', m.text, true);
        break;
      case 'done':
        emit('done', { conversation: state.conversation });
        finish(m.text || t('thanks'));
        return;
      case 'error':
        handleError(m);
        return;
    }
    save();
  }

  function handleError(m) {
    if (m.code === 'expired' || m.code === 'invalid_invite' || m.code === 'unknown_flow') {
      finish(m.message || (m.code === 'expired' ? t('expired') : t('failed')), true);
    } else if (m.code === 'already_answered' || m.code === 'not_current_step') {
      // The server moved on without us (another tab?): forget the answer and re-sync.
      state.pending = null;
      save();
      send({ type: 'resume', conversation: state.conversation, token: state.token, last_seq: state.last_seq });
    } else {
      if (state.pending && (!m.id || m.id === state.pending.id)) state.pending = null;
      save();
      setStatus(m.message || t('failed'));
    }
  }

  function restore() {
    state = load() || freshState();
    if (!state.lines) state.lines = [];
    ui.log.textContent = '';
    state.lines.forEach(function (l) { line(l[0], l[1], false); });
    if (state.ask) renderAsk(state.ask);
  }

  function open() {
    if (!ui) return;
    if (!state) restore();
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'true');
    if (!finished) { state.open = true; save(); connect(); }
    var target = ui.controls.querySelector('button,textarea') || ui.close;
    if (!layoutPage && target) target.focus();
  }

  function hide() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.focus();
    if (state) { state.open = false; save(); }
  }

  // Starts a new conversation (dropping any stored one for that flow) and opens the chat.
  function start(opts) {
    opts = opts || {};
    disconnect();
    options = { site: options.site, flow: opts.flow || (opts.invite ? null : options.flow), invite: opts.invite || null,
                customer: opts.customer, context: opts.context };
    state = freshState();
    save();
    clearControls();
    ui.log.textContent = '';
    attempts = 0;
    finished = false;
    open();
  }

  window.Opinia = {
    version: '1',
    open: open,
    close: function () { if (ui) hide(); },
    start: start,
    on: function (name, fn) { if (listeners[name] && typeof fn === 'function') listeners[name].push(fn); }
  };

  function install() {
    build();
    var saved = load();
    // A reload mid-survey with the chat open reopens it and resumes; otherwise no socket until open().
    if (data.open === 'true' || layoutPage || (saved && saved.open && saved.conversation)) open();
    else if (saved) restore();
    window.dispatchEvent(new Event('opinia:ready'));
  }
  if (document.body) install(); else document.addEventListener('DOMContentLoaded', install);
})();
