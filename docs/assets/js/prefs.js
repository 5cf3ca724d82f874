/* Runs in <head>, before the page is painted: apply the reader's saved reading view and layout,
   so a diplomatic or translation-only reader never sees the defaults flash. Without JavaScript
   none of this happens and the page shows its defaults (critical text, both columns). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("alb-js");
  var allowed = { "alb-view": ["critical", "diplomatic"], "alb-layout": ["parallel", "original", "translation"] };
  try {
    Object.keys(allowed).forEach(function (key) {
      var value = window.localStorage.getItem(key);
      if (allowed[key].indexOf(value) >= 0) root.setAttribute("data-" + key, value);
    });
  } catch (e) {
    /* storage disabled: keep the defaults */
  }
})();
