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
  // read once: the texts to match and the rows' current visibility (only changes are written,
  // so a keystroke on a page of thousands of alerts touches only the rows that change)
  var sections = Array.prototype.map.call(document.querySelectorAll('[data-filter-section]'), function (s) {
    return {
      el: s, text: s.getAttribute('data-text'), shown: !s.hidden,
      rows: Array.prototype.map.call(s.querySelectorAll('[data-filter-row]'), function (r) {
        return { el: r, text: r.getAttribute('data-text'), shown: !r.hidden };
      })
    };
  });
  function show(item, visible) {
    if (item.shown !== visible) { item.el.hidden = !visible; item.shown = visible; }
  }
  function applySearch() {
    var q = search.value.trim().toLowerCase();
    if (serverQuery && q.indexOf(serverQuery) < 0) {
      form.submit(); // wider than what the server sent: ask it again
      return;
    }
    var shown = 0;
    for (var i = 0; i < sections.length; i++) {
      var s = sections[i];
      var own = q === '' || s.text.indexOf(q) >= 0;
      var any = false;
      for (var j = 0; j < s.rows.length; j++) {
        var r = s.rows[j];
        var match = own || r.text.indexOf(q) >= 0;
        show(r, match);
        any = any || match;
      }
      show(s, own || any);
      if (s.shown) { shown++; }
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
      timer = setTimeout(applySearch, 0);
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
