// The entries of the apparatus and the commentary below a text are laid out only when shown
// (text.css): all of them, a few per frame, and at once any that comes into view first.
import { everyFrame } from "./frames.js";
import { hashTarget } from "./dom.js";

export const LIST_ENTRIES = ".alb-apparatus__list > li, .alb-comlist > li";

export function show(entry) {
  entry.classList.add("alb-shown");
}

// The entry a link points into is laid out before the browser scrolls to it.
export function showTarget() {
  const target = hashTarget();
  const entry = target && target.closest && target.closest(LIST_ENTRIES);
  if (entry) show(entry);
}

export function initLists() {
  showTarget();
  everyFrame(document.querySelectorAll(LIST_ENTRIES), 2, show);
  document.addEventListener("contentvisibilityautostatechange", function (event) {
    if (!event.skipped && event.target.matches && event.target.matches(LIST_ENTRIES)) show(event.target);
  }, true);
}
