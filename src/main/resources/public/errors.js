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
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) { return; }
    e.preventDefault();
    // like GOV.UK: the field's label (or the fieldset's legend) at the top, then the field itself
    var label = field.closest('fieldset') ? field.closest('fieldset').querySelector('legend')
      : document.querySelector('label[for="' + field.id + '"]');
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
