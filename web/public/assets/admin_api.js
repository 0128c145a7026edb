/* Admin page, part 1: talking to the API (the session cookie rides along; no key is kept in the
 * page) and the small DOM helpers every panel uses. Every string from the API goes on the page
 * through textContent, never as HTML (case H07). */
(function () {
  'use strict';
  var A = window.OpiniaAdmin = window.OpiniaAdmin || {};

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code || '';
    this.message = message || ('HTTP ' + status);
  }
  A.ApiError = ApiError;

  function request(method, path, params, body) {
    var url = new URL(path, location.origin);
    Object.keys(params || {}).forEach(function (k) { if (params[k]) url.searchParams.set(k, params[k]); });
    var init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (json) {
        if (!res.ok) {
          var e = (json && json.error) || {};
          throw new ApiError(res.status, e.code, e.message);
        }
        return json;
      });
    });
  }
  A.get = function (path, params) { return request('GET', path, params); };
  A.post = function (path, body) { return request('POST', path, null, body === undefined ? {} : body); };
  A.del = function (path) { return request('DELETE', path); };

  // A route another part of Opinia has not shipped yet answers 404 with code not_found.
  A.isMissingRoute = function (err) { return err instanceof ApiError && err.status === 404 && err.code === 'not_found'; };

  A.$ = function (id) { return document.getElementById(id); };
  A.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  };
  A.isNumber = function (x) { return typeof x === 'number' && isFinite(x); };
  A.one = function (x) { return A.isNumber(x) ? x.toFixed(1) : '—'; };
  A.percent = function (ratio) { return A.isNumber(ratio) ? (100 * ratio).toFixed(1) + ' %' : 'n/a'; };
  A.count = function (x) { return A.isNumber(x) ? String(x) : '0'; };
  A.formatTime = function (iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) return String(iso || '');
    return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  };

  // Empties a panel's body and returns it.
  A.panelBody = function (id) {
    var panel = A.$(id);
    panel.classList.remove('empty');
    var body = panel.querySelector('.body');
    body.textContent = '';
    return body;
  };
  A.noData = function (body, what) {
    body.parentNode.classList.add('empty');
    body.appendChild(A.el('p', 'no-data', 'no data' + (what ? ' — ' + what : '')));
  };
  A.unavailable = function (body, err) {
    body.parentNode.classList.add('empty');
    body.appendChild(A.el('p', 'no-data', A.isMissingRoute(err)
      ? 'not available on this server yet'
      : 'could not load: ' + (err && err.message ? err.message : 'the server could not be reached')));
  };

  // A table from column headings and rows of cells (text or nodes).
  A.table = function (caption, headings, rows, cls) {
    var table = A.el('table', 'data' + (cls ? ' ' + cls : ''));
    if (caption) table.appendChild(A.el('caption', null, caption));
    var head = A.el('tr');
    headings.forEach(function (h) {
      var th = A.el('th', null, h);
      th.scope = 'col';
      head.appendChild(th);
    });
    var thead = A.el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = A.el('tbody');
    rows.forEach(function (row) {
      var tr = A.el('tr');
      if (row.className) tr.className = row.className;
      (row.cells || row).forEach(function (cell) {
        var td = A.el('td');
        if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell == null ? '—' : String(cell);
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var wrap = A.el('div', 'table-wrap');
    wrap.appendChild(table);
    return wrap;
  };

  // A button that opens the answers behind a number (drill-down); `query` is added to the filters.
  A.drillButton = function (label, query, describedAs) {
    var b = A.el('button', 'drill', label);
    b.type = 'button';
    b.dataset.drill = JSON.stringify(query);
    if (describedAs) b.setAttribute('aria-label', describedAs);
    return b;
  };
})();
