/* Demo page: the flow links start another survey through the widget's public API
 * (Opinia.start), and ?flow=NAME in the address does the same on load. */
(function () {
  'use strict';
  var FLOW_NAME = /^[a-z0-9_]{1,40}$/;

  function whenReady(fn) {
    if (window.Opinia && window.Opinia.version) fn(window.Opinia);
    else window.addEventListener('opinia:ready', function () { fn(window.Opinia); }, { once: true });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('a[data-flow]').forEach(function (link) {
      link.addEventListener('click', function (e) {
        if (!window.Opinia) return;  // not loaded yet: let the link reload with ?flow=
        e.preventDefault();
        var flow = link.dataset.flow;
        history.replaceState(null, '', '?flow=' + encodeURIComponent(flow));
        window.Opinia.start({ flow: flow });
      });
    });
  });

  var flow = new URLSearchParams(location.search).get('flow');
  if (flow && FLOW_NAME.test(flow)) whenReady(function (opinia) { opinia.start({ flow: flow }); });
})();
