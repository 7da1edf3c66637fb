// Type-ahead for the municipality field as a WAI-ARIA combobox (list autocomplete): arrow keys move through
// all suggestions while focus stays in the field, Enter takes one, Escape closes. Optional: without JavaScript
// the server resolves the typed text.
(function () {
  var input = document.querySelector('input[data-typeahead]');
  if (!input || !window.fetch) { return; }
  var list = document.createElement('ul');
  list.className = 'typeahead';
  list.id = 'municipality-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', document.querySelector('label[for="' + input.id + '"]').textContent);
  list.hidden = true;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.parentNode.appendChild(list);
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  input.parentNode.appendChild(status);
  var country = document.getElementById('country');
  var timer = null, seq = 0, items = [], active = -1;

  function close() {
    list.innerHTML = '';
    list.hidden = true;
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function highlight(i) {
    var options = list.children;
    if (active >= 0 && options[active]) { options[active].setAttribute('aria-selected', 'false'); }
    active = i;
    if (i < 0) { input.removeAttribute('aria-activedescendant'); return; }
    options[i].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', options[i].id);
    options[i].scrollIntoView({ block: 'nearest' });
  }
  function pick(i) {
    var m = items[i];
    // "Name (AGS)" is resolved exactly by the server, also when two municipalities share a name.
    input.value = m.name + ' (' + m.ags + ')';
    close();
    input.focus();
  }
  function show(found) {
    close();
    items = found;
    found.forEach(function (m, i) {
      var li = document.createElement('li');
      li.id = list.id + '-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = m.name + ' – ' + [m.type, m.district, m.state].filter(Boolean).join(', ');
      // mousedown, not click: the field keeps focus
      li.addEventListener('mousedown', function (e) { e.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    if (found.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    status.textContent = input.getAttribute('data-count-' + (found.length === 1 ? 'one' : 'other'))
      ? input.getAttribute('data-count-' + (found.length === 1 ? 'one' : 'other')).replace('#', found.length) : '';
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2 || (country && country.value !== 'DE')) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch(input.getAttribute('data-typeahead') + '?limit=8&q=' + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) {
          if (mine !== seq) { return; }
          list.setAttribute('data-query', q); // which typed text the list answers (the browser tests wait for it)
          show(found.filter(function (m) { return m.ags; }));
        })
        .catch(close);
    }, 150);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      highlight(active + 1 < items.length ? active + 1 : 0);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      highlight(active > 0 ? active - 1 : items.length - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', function () { setTimeout(close, 100); });
})();
