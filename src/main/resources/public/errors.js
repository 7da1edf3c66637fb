// GOV.UK error summary: after a failed submit it takes focus (so screen readers read it and it is in view);
// its links move focus to the field and scroll its label into view too.
(function () {
  var summary = document.querySelector('[data-error-summary]');
  if (!summary) { return; }
  summary.focus();
  // the browser's own jump to #form (the form's action) comes after the parser; focus again once it is done
  window.addEventListener('load', function () {
    if (document.activeElement === document.body) { summary.focus(); }
  });
  summary.addEventListener('click', function (e) {
    var link = e.target.closest('a[href^="#"]');
    if (!link) { return; }
    var id = link.getAttribute('href').slice(1);
    var field = document.getElementById(id);
    if (!field) {
      // a group of fields (date and time, check boxes): its first field, found through the message
      var message = document.getElementById(id + '-error');
      var group = message && (message.closest('fieldset') || message.parentNode);
      field = group && group.querySelector('input, select, textarea');
    }
    if (!field) { return; }
    e.preventDefault();
    // like GOV.UK: the field's label (or the fieldset's legend) at the top, then the field itself
    var label = field.closest('fieldset') ? field.closest('fieldset').querySelector('legend')
      : document.querySelector('label[for="' + field.id + '"]');
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
// Forms whose fields the template does not mark itself (console): tie each message to its field.
(function () {
  Array.prototype.forEach.call(document.querySelectorAll('.field-error[id$="-error"]'), function (message) {
    var field = document.getElementById(message.id.slice(0, -'-error'.length));
    if (!field || field.hasAttribute('aria-invalid')) { return; }
    field.setAttribute('aria-invalid', 'true');
    var described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (described.indexOf(message.id) < 0) { described.push(message.id); }
    field.setAttribute('aria-describedby', described.join(' '));
  });
})();
