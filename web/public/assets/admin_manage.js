/* Admin page, part 5: management — API keys (create, revoke; the secret is shown once, never listed),
 * sites with their allowed origins (create, delete; the signing secret is shown once), and flows with
 * their live version. Buttons that destroy something ask for a second click instead of a dialog. */
(function () {
  'use strict';
  var A = window.OpiniaAdmin;
  var el = A.el;

  function when(iso) { return iso ? A.formatTime(iso) : '—'; }

  function field(labelText, input) {
    var wrap = el('div');
    var label = el('label', null, labelText);
    label.htmlFor = input.id;
    wrap.append(label, input);
    return wrap;
  }
  function input(id, type) {
    var i = el('input');
    i.id = id;
    i.type = type || 'text';
    i.spellcheck = false;
    i.autocomplete = 'off';
    return i;
  }
  // A secret shown once, as text, in a live region so screen readers announce it.
  function shownOnce(body, label, secret) {
    var p = el('p', 'secret');
    p.setAttribute('role', 'status');
    p.append(el('span', null, label + ' (shown only now): '), el('code', null, secret));
    body.insertBefore(p, body.firstChild);
  }
  // First click arms the button, the second does it.
  function confirmButton(label, armedLabel, action) {
    var b = el('button', 'secondary danger', label);
    b.type = 'button';
    b.addEventListener('click', function () {
      if (!b.dataset.armed) { b.dataset.armed = '1'; b.textContent = armedLabel; return; }
      b.disabled = true;
      action();
    });
    return b;
  }
  function failure(body) {
    return function (err) {
      var p = el('p', 'error', 'Failed: ' + (err && err.message ? err.message : 'the server could not be reached'));
      p.setAttribute('role', 'alert');
      body.insertBefore(p, body.firstChild);
    };
  }

  function keys(notice) {
    var body = A.panelBody('keys-panel');
    var form = el('form', 'inline-form');
    var name = input('new-key-name');
    var role = el('select');
    role.id = 'new-key-role';
    role.append(new Option('agent', 'agent'), new Option('admin', 'admin'));
    var create = el('button', null, 'Create key');
    create.type = 'submit';
    form.append(field('Name', name), field('Role', role), create);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      A.post('/api/v1/keys', { name: name.value.trim() || 'unnamed', role: role.value })
        .then(function (k) { return keys(['New ' + k.role + ' key #' + k.id, k.key]); }, failure(body));
    });
    body.appendChild(form);
    if (notice) shownOnce(body, notice[0], notice[1]);
    return A.get('/api/v1/keys').then(function (r) {
      var list = (r && r.keys) || [];
      if (!list.length) { A.noData(body, 'no keys'); return; }
      body.appendChild(A.table(null, ['#', 'Name', 'Role', 'Created', 'Last used', 'Revoked'], list.map(function (k) {
        var revoked = k.revoked_at ? when(k.revoked_at)
          : confirmButton('Revoke', 'Really revoke key #' + k.id + '?', function () { A.del('/api/v1/keys/' + k.id).then(function () { keys(); }, failure(body)); });
        return { className: k.revoked_at ? 'revoked' : '', cells: [String(k.id), k.name, k.role, when(k.created_at), when(k.last_used_at), revoked] };
      })));
    }, function (err) { A.unavailable(body, err); });
  }

  function sites(notice) {
    var body = A.panelBody('sites-panel');
    var form = el('form', 'inline-form');
    var name = input('new-site-name');
    var origins = input('new-site-origins');
    origins.placeholder = 'https://shop.example, https://www.shop.example';
    var create = el('button', null, 'Add site');
    create.type = 'submit';
    form.append(field('Site name', name), field('Allowed origins', origins), create);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var list = origins.value.split(/[\s,]+/).filter(Boolean);
      A.post('/api/v1/sites', { name: name.value.trim(), origins: list })
        .then(function (s) { return sites(['Secret of site ' + s.name, s.secret]); }, failure(body));
    });
    body.appendChild(form);
    if (notice) shownOnce(body, notice[0], notice[1]);
    return A.get('/api/v1/sites').then(function (r) {
      var list = (r && r.sites) || [];
      if (!list.length) { A.noData(body, 'no sites yet'); return; }
      body.appendChild(A.table(null, ['Name', 'Site key (data-site)', 'Origins', 'Created', ''], list.map(function (s) {
        return [s.name, s.key, (s.origins || []).join(', ') || '(this server only)', when(s.created_at),
          confirmButton('Delete', 'Really delete ' + s.name + '?', function () { A.del('/api/v1/sites/' + encodeURIComponent(s.key)).then(function () { sites(); }, failure(body)); })];
      })));
    }, function (err) { A.unavailable(body, err); });
  }

  function flows() {
    var body = A.panelBody('flows-panel');
    return A.get('/api/v1/flows').then(function (r) {
      var list = (r && r.flows) || [];
      if (!list.length) { A.noData(body, 'no flows'); return; }
      body.appendChild(A.table(null, ['Flow', 'Live version', 'Versions'], list.map(function (f) {
        var versions = Array.isArray(f.versions) ? f.versions.map(function (v) { return typeof v === 'object' ? v.version : v; }).join(', ') : String(f.version);
        return [f.name, String(f.live_version != null ? f.live_version : f.version), versions];
      })));
    }, function (err) { A.unavailable(body, err); });
  }

  A.loadManagement = function () { return Promise.all([keys(), sites(), flows()]); };
})();
