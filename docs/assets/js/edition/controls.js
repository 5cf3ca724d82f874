// Reading view and layout: attributes on <html>, set from the address before the first paint
// (partials/prefs.html). A choice made with the controls goes into the address
// (?view=diplomatic&layout=original; the defaults leave it out), so that the address bar, a ¶ link
// and the language switch carry it; nothing is remembered across visits.
import { hashTarget } from "./dom.js";

const root = document.documentElement;
const PREFS = { "alb-view": "critical", "alb-layout": "parallel" };  // the defaults
const PARAMS = { "alb-view": "view", "alb-layout": "layout" };

function current(key) {
  return root.getAttribute("data-" + key) || PREFS[key];
}

function check(key, value) {
  document.querySelectorAll('input[name="' + key + '"]').forEach(function (radio) {
    radio.checked = radio.value === value;
  });
}

function apply(key, value) {
  root.setAttribute("data-" + key, value);
  check(key, value);
  const url = new URL(window.location.href);
  if (value === PREFS[key]) url.searchParams.delete(PARAMS[key]);
  else url.searchParams.set(PARAMS[key], value);
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
}

// The view is already on <html>: only the controls are set to show it.
export function initControls() {
  Object.keys(PREFS).forEach(function (key) {
    check(key, current(key));
    document.querySelectorAll('input[name="' + key + '"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (radio.checked) apply(key, radio.value);
      });
    });
  });
}

// A link to a unit of the column the reader has hidden shows both columns (and says so in the address).
export function revealTarget() {
  const target = hashTarget();
  if (!target || !target.closest) return;
  const layout = current("alb-layout");
  if ((layout === "original" && target.closest(".alb-col--translation")) ||
      (layout === "translation" && target.closest(".alb-col--original"))) {
    apply("alb-layout", "parallel");
    target.scrollIntoView();
  }
}
