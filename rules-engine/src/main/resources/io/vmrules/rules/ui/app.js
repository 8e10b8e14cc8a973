// vmrules web UI: search as you type, copy buttons, auto-refresh. The pages work without it.
(function () {
  'use strict';
  var form = document.getElementById('filter');
  var search = document.getElementById('search');

  // Filter controls that need rows the server did not send (states, health) reload the page.
  document.querySelectorAll('[data-submit]').forEach(function (el) {
    el.addEventListener('change', function () { form.submit(); });
  });

  // The search box filters the rendered rows at once. A section (a rule, a group) stays when its
  // own text matches (then all its rows) or when one of its rows matches.
  var serverQuery = search ? search.value.trim().toLowerCase() : '';
  var sections = Array.prototype.slice.call(document.querySelectorAll('[data-filter-section]'));
  var rows = sections.map(function (s) {
    return Array.prototype.slice.call(s.querySelectorAll('[data-filter-row]'));
  });
  function applySearch() {
    var q = search.value.trim().toLowerCase();
    if (serverQuery && q.indexOf(serverQuery) < 0) {
      form.submit(); // wider than what the server sent: ask it again
      return;
    }
    var shown = 0;
    for (var i = 0; i < sections.length; i++) {
      var s = sections[i];
      var own = q === '' || s.getAttribute('data-text').indexOf(q) >= 0;
      var any = false;
      for (var j = 0; j < rows[i].length; j++) {
        var r = rows[i][j];
        var match = own || r.getAttribute('data-text').indexOf(q) >= 0;
        r.hidden = !match;
        any = any || match;
      }
      s.hidden = !(own || any);
      if (!s.hidden) { shown++; }
    }
    var none = document.getElementById('none');
    if (none) { none.hidden = shown > 0 || sections.length === 0; }
    var counter = document.getElementById('shown');
    if (counter) { counter.textContent = shown + (shown === 1 ? ' shown' : ' shown'); }
    // keep the search in the address (relative: a URL with credentials in it cannot be pushed),
    // so a reload or a shared link shows the same rows
    var params = new URLSearchParams(window.location.search);
    if (q) { params.set('q', search.value.trim()); } else { params.delete('q'); }
    var query = params.toString();
    try {
      window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash);
    } catch (e) { /* the address stays as it was */ }
  }
  if (search) {
    var timer = null;
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(applySearch, sections.length > 2000 ? 150 : 0);
    });
    form.addEventListener('submit', function (e) {
      var q = search.value.trim().toLowerCase();
      if (!serverQuery || q.indexOf(serverQuery) >= 0) {
        e.preventDefault();
        applySearch();
      }
    });
  }

  // Copy buttons (the curl of an evaluation): shown only where this script runs.
  document.querySelectorAll('button[data-copy]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var text = document.getElementById(b.getAttribute('data-copy')).textContent;
      var done = function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {
        var t = document.createElement('textarea');
        t.value = text; document.body.appendChild(t); t.select();
        try { document.execCommand('copy'); done(); } finally { document.body.removeChild(t); }
      }
    });
  });

  // Auto-refresh every 30 s while the toggle is on (remembered in this browser), paused while the
  // user reads: for 20 s after any scroll, key, click or pointer move, while text is selected,
  // and while the tab is hidden.
  var PERIOD = 30000, QUIET = 20000;
  var box = document.getElementById('autorefresh');
  var label = box && box.closest('label');
  var state = document.getElementById('refresh-state');
  if (!box) { return; }
  label.hidden = false;
  var KEY = 'vmrules.autorefresh';
  try { box.checked = window.localStorage.getItem(KEY) === 'on'; } catch (e) { /* storage off */ }
  var lastActivity = 0, due = Date.now() + PERIOD;
  ['scroll', 'keydown', 'mousedown', 'pointermove', 'wheel', 'touchstart'].forEach(function (ev) {
    window.addEventListener(ev, function () { lastActivity = Date.now(); }, { passive: true });
  });
  box.addEventListener('change', function () {
    try { window.localStorage.setItem(KEY, box.checked ? 'on' : 'off'); } catch (e) { /* storage off */ }
    due = Date.now() + PERIOD;
    tick();
  });
  function tick() {
    if (!box.checked) { state.textContent = ''; return; }
    var now = Date.now();
    var reading = now - lastActivity < QUIET || document.hidden ||
        String(window.getSelection ? window.getSelection() : '') !== '';
    if (reading) {
      state.textContent = '(paused while you read)';
      due = Math.max(due, now + 5000);
      return;
    }
    var left = Math.max(0, Math.round((due - now) / 1000));
    state.textContent = '(' + left + 's)';
    if (now >= due) { window.location.reload(); }
  }
  setInterval(tick, 1000);
  tick();
})();
