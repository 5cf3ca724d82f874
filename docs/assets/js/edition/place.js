// The language switch keeps the reader at the same place (anchors are identical in both languages).
// The other language's page gets this page's view (?view=…) and fragment; without a fragment, the
// unit at the top of the window and its distance from it go along (sessionStorage, this tab only),
// and that page scrolls to the same unit (restorePlace).
import { afterFrames } from "./frames.js";
import { headerBottom } from "./dom.js";
import { LIST_ENTRIES, show } from "./lists.js";

const PLACE = "alb-place";
const PLACED = ".alb-p, .alb-bibl, .alb-head, .alb-note, .alb-app, .alb-com, .alb-entity, .alb-conc__row, " +
  ".alb-bib__item, h2[id]";

// The first unit (with an id) whose bottom is below the header, and its top's distance from it.
function placeInView() {
  const top = headerBottom();
  const units = document.querySelectorAll(PLACED);
  for (let i = 0; i < units.length; i++) {
    const box = units[i].getBoundingClientRect();
    const id = units[i].id || (units[i].closest("[id]") || {}).id;
    if (id && box.height && box.bottom > top + 4) return { id: id, offset: box.top - top };
  }
  return null;
}

export function initLanguageSwitch() {
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link) return;
    const url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin) return;
    url.search = window.location.search;
    url.hash = window.location.hash;
    if (!window.location.hash && window.scrollY > 0) {
      const place = placeInView();
      try {
        if (place) window.sessionStorage.setItem(PLACE, JSON.stringify({ path: url.pathname, id: place.id,
                                                                          offset: place.offset }));
      } catch (e) { /* storage disabled: the page opens at its top */ }
    }
    link.setAttribute("href", url.pathname + url.search + url.hash);
  });
}

export function restorePlace() {
  let place = null;
  try {
    place = JSON.parse(window.sessionStorage.getItem(PLACE) || "null");
    window.sessionStorage.removeItem(PLACE);
  } catch (e) { return; }
  if (!place || place.path !== window.location.pathname || window.location.hash) return;
  const target = document.getElementById(place.id);
  if (!target) return;
  const entry = target.closest(LIST_ENTRIES);
  if (entry) show(entry);
  let scrolled = null;
  const put = function () {
    window.scrollTo(0, window.scrollY + target.getBoundingClientRect().top - headerBottom() - place.offset);
    scrolled = window.scrollY;
  };
  put();
  // The buttons added in the frames after load reflow the text above: once they are all there,
  // the unit is put back in place, unless the reader has scrolled meanwhile.
  afterFrames(function () { if (window.scrollY === scrolled) put(); });
}
