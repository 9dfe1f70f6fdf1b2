// Keyboard shortcuts for the review UI. Served as a file so the Content-Security-Policy can forbid inline scripts.
// Queue: j/k move, o/Enter open, a/r approve/reject the current row, x select, Shift+A/Shift+R bulk, / filter.
// Event page: a/r approve/reject, u back to the queue. Everywhere: ? help.
(function () {
  'use strict';
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

  function typing(e) {
    var t = e.target;
    // Keys typed into a field, or Enter/Space on a focused button or link, belong to that element.
    return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable ||
      ((t.tagName === 'BUTTON' || t.tagName === 'A') && (e.key === 'Enter' || e.key === ' ')));
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll('table.queue tbody tr[data-id]')); }
  var cursor = 0;

  function setCursor(i) {
    var list = rows();
    if (!list.length) return;
    cursor = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (r, n) { r.classList.toggle('cursor', n === cursor); });
    list[cursor].scrollIntoView({ block: 'nearest' });
  }

  function current() { return rows()[cursor]; }

  function setStatus(row, status) {
    var id = row.getAttribute('data-id');
    row.classList.add('busy');
    return fetch('/api/events/' + id + '/status', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Accept': 'application/json' },
      body: JSON.stringify({ status: status })
    }).then(function (res) {
      row.classList.remove('busy');
      if (!res.ok) throw new Error('HTTP ' + res.status);
      row.setAttribute('data-status', status);
      var badge = row.querySelector('td.status .badge');
      if (badge) { badge.textContent = status; badge.className = 'badge b-' + status; }
    }).catch(function (err) { window.alert('Could not save: ' + err.message); });
  }

  function bulk(action) {
    var checked = document.querySelectorAll('table.queue tbody input[name="ids"]:checked');
    if (!checked.length) { var r = current(); if (r) r.querySelector('input[name="ids"]').checked = true; }
    var button = document.getElementById(action === 'approve' ? 'bulk-approve' : 'bulk-reject');
    if (button) button.click();
  }

  function onQueueKey(e) {
    var row = current();
    switch (e.key) {
      case 'j': setCursor(cursor + 1); break;
      case 'k': setCursor(cursor - 1); break;
      case 'o': case 'Enter': if (row) row.querySelector('a.open').click(); break;
      case 'x': if (row) { var box = row.querySelector('input[name="ids"]'); box.checked = !box.checked; } break;
      case 'a': if (row) setStatus(row, 'approved').then(function () { setCursor(cursor + 1); }); break;
      case 'r': if (row) setStatus(row, 'rejected').then(function () { setCursor(cursor + 1); }); break;
      case 'A': bulk('approve'); break;
      case 'R': bulk('reject'); break;
      case '/': var first = document.querySelector('#filters input[name="firm"]'); if (first) first.focus(); break;
      default: return false;
    }
    return true;
  }

  function onEventKey(e) {
    var id = { a: 'approve', r: 'reject' }[e.key];
    if (id) { document.getElementById(id).click(); return true; }
    if (e.key === 'u') { document.getElementById('back').click(); return true; }
    return false;
  }

  // "Merge into…": each keystroke asks the server for matching entities, so any entity can be found, not only a first
  // page of search results. Options carry "name · key #id"; the server reads the id back.
  function typeahead(input) {
    var list = document.getElementById(input.getAttribute('list'));
    var source = input.getAttribute('data-typeahead');
    var asked = '';
    input.addEventListener('input', function () {
      var q = input.value.trim();
      if (!q || q === asked || /#\d+$/.test(q)) return;
      asked = q;
      fetch(source + '&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : { entities: [] }; })
        .then(function (body) {
          if (input.value.trim() !== q) return; // a newer keystroke has asked again
          list.textContent = '';
          body.entities.forEach(function (ent) {
            var o = document.createElement('option');
            o.value = ent.label;
            list.appendChild(o);
          });
        })
        .catch(function () { asked = ''; });
    });
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    if (e.key === '?') { var h = document.getElementById('help'); h.hidden = !h.hidden; e.preventDefault(); return; }
    var handled = document.body.classList.contains('page-queue') ? onQueueKey(e)
      : document.body.classList.contains('page-event') ? onEventKey(e) : false;
    if (handled) e.preventDefault();
  });

  document.addEventListener('DOMContentLoaded', function () {
    if (document.body.classList.contains('page-queue')) setCursor(0);
    var all = document.getElementById('select-all');
    if (all) all.addEventListener('change', function () {
      rows().forEach(function (r) { r.querySelector('input[name="ids"]').checked = all.checked; });
    });
    rows().forEach(function (r, n) { r.addEventListener('click', function (ev) { if (ev.target.tagName !== 'INPUT' && ev.target.tagName !== 'BUTTON') setCursor(n); }); });
    Array.prototype.forEach.call(document.querySelectorAll('form.confirm'), function (f) {
      f.addEventListener('submit', function (ev) { if (!window.confirm(f.getAttribute('data-confirm'))) ev.preventDefault(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[data-typeahead]'), typeahead);
    var ev = document.getElementById('evidence');
    if (ev) ev.scrollIntoView({ block: 'center' });
  });
})();
