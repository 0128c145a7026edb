/* Admin page, part 5: management lists — API keys (never the secret), sites with their allowed
 * origins, and flows with their versions and which one is live. Read from the API as it exists. */
(function () {
  'use strict';
  var A = window.OpiniaAdmin;

  function when(iso) { return iso ? A.formatTime(iso) : '—'; }

  function keys() {
    var body = A.panelBody('keys-panel');
    return A.get('/api/v1/keys').then(function (r) {
      var list = (r && r.keys) || [];
      if (!list.length) { A.noData(body, 'no keys'); return; }
      body.appendChild(A.table(null, ['#', 'Name', 'Role', 'Created', 'Last used', 'Revoked'], list.map(function (k) {
        return { className: k.revoked_at ? 'revoked' : '', cells: [String(k.id), k.name, k.role, when(k.created_at), when(k.last_used_at), k.revoked_at ? when(k.revoked_at) : 'no'] };
      })));
    }, function (err) { A.unavailable(body, err); });
  }

  function sites() {
    var body = A.panelBody('sites-panel');
    return A.get('/api/v1/sites').then(function (r) {
      var list = (r && r.sites) || [];
      if (!list.length) { A.noData(body, 'no sites'); return; }
      body.appendChild(A.table(null, ['Name', 'Public key', 'Origins', 'Created'], list.map(function (s) {
        return [s.name, s.public_key || s.key, (s.origins || []).join(', ') || '(this server only)', when(s.created_at)];
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
