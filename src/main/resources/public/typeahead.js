// Type-ahead for the municipality field. Optional: without JavaScript the server resolves the typed text.
(function () {
  var input = document.querySelector('input[data-typeahead]');
  if (!input || !window.fetch) { return; }
  var list = document.createElement('ul');
  list.className = 'typeahead';
  list.setAttribute('role', 'listbox');
  list.id = 'municipality-suggestions';
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  input.parentNode.appendChild(list);
  var country = document.getElementById('country');
  var timer = null, seq = 0;
  function clear() { list.innerHTML = ''; }
  function pick(m) {
    // "Name (AGS)" is resolved exactly by the server, also when two municipalities share a name.
    input.value = m.name + ' (' + m.ags + ')';
    clear();
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || (country && country.value !== 'DE')) { clear(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch(input.getAttribute('data-typeahead') + '?limit=8&q=' + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          if (mine !== seq) { return; }
          clear();
          items.filter(function (m) { return m.ags; }).forEach(function (m) {
            var li = document.createElement('li');
            li.setAttribute('role', 'option');
            li.tabIndex = 0;
            li.textContent = m.name + ' – ' + [m.type, m.district, m.state].filter(Boolean).join(', ');
            li.addEventListener('click', function () { pick(m); });
            li.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); pick(m); } });
            list.appendChild(li);
          });
        })
        .catch(clear);
    }, 150);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && list.firstChild) { e.preventDefault(); list.firstChild.focus(); }
    if (e.key === 'Escape') { clear(); }
  });
})();
