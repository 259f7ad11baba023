/*
 * Autosave after a save refused with errors.
 *
 * A page or snippet form rendered again after a refused save carries
 * data-w-unsaved-force-value="true", and Wagtail 8.0's unsaved-changes controller then returns
 * before it takes its snapshot of the form and starts checking it. No change is noticed
 * afterwards: autosave stays paused after the editor mends the errors, or, once its one
 * forced autosave has succeeded, stops saving and warning without a word, and what the editor
 * types next is lost on leaving. This starts the checking the controller skipped; the flag it
 * keeps marks the form as changed until a save succeeds, so leaving still warns. Where
 * Wagtail starts the checking itself, nothing is done.
 */
(function () {
  "use strict";

  function watch(form) {
    var app = window.wagtail && window.wagtail.app;
    var unsaved = app && form && app.getControllerForElementAndIdentifier(form, "w-unsaved");
    if (!unsaved || unsaved.checkInterval || !unsaved.forceValue) return;
    unsaved.checkInterval = window.setInterval(unsaved.check, unsaved.checkIntervalValue);
    // The snapshot once the other scripts have set their fields up, as Wagtail takes its own.
    window.setTimeout(function () {
      if (!unsaved.initialFormData) unsaved.setInitialFormData();
    }, unsaved.constructor.initialDelayValue || 2000);
  }

  document.addEventListener("w-unsaved:ready", function (event) {
    watch(event.target);
  });
})();
