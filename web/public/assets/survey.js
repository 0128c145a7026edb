/* Hosted survey page (GET /s/TOKEN): the chat alone, full screen. The token in the path is a
 * survey invite; /s/?flow=NAME starts a flow without an invite. ?locale= picks the language. */
(function () {
  'use strict';
  var TOKEN = /^[A-Za-z0-9_-]{8,200}$/;
  var FLOW_NAME = /^[a-z0-9_]{1,40}$/;
  var LOCALE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

  var query = new URLSearchParams(location.search);
  var match = /^\/s\/([^/]+)\/?$/.exec(location.pathname);
  var token = match ? decodeURIComponent(match[1]) : '';
  var flow = query.get('flow') || '';
  var locale = query.get('locale') || navigator.language || 'en';
  var root = document.getElementById('opinia-root');

  function fail(text) {
    var p = document.createElement('p');
    p.className = 'message';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    root.appendChild(p);
  }

  if (!LOCALE.test(locale)) locale = 'en';
  document.documentElement.lang = locale.split(/[-_]/)[0].toLowerCase();

  var widget = document.createElement('script');
  widget.src = '/widget.js';
  widget.async = true;
  widget.dataset.open = 'true';
  widget.dataset.layout = 'page';
  widget.dataset.locale = locale;
  if (query.get('site')) widget.dataset.site = query.get('site');
  if (token) {
    if (!TOKEN.test(token)) { fail('This survey link is not valid. Please check the address.'); return; }
    widget.dataset.invite = token;
  } else {
    if (!flow) flow = 'nps';
    if (!FLOW_NAME.test(flow)) { fail('This survey link is not valid. Please check the address.'); return; }
    widget.dataset.flow = flow;
  }
  document.body.appendChild(widget);
})();
