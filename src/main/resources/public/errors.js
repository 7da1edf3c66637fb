// GOV.UK error summary: after a failed submit it takes focus (so screen readers read it and it is in view);
// its links move focus to the field and scroll its label into view too.
(function () {
  var summary = document.querySelector('[data-error-summary]');
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener('click', function (e) {
    var link = e.target.closest('a[href^="#"]');
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) { return; }
    e.preventDefault();
    var box = field.closest('fieldset') || field.closest('div') || field;
    box.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
