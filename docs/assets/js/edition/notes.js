// Apparatus notes and commentary entries opened in place from their markers in the text. A marker
// is a link to its note below the text (readable without JavaScript); here it becomes a button.
import { everyFrame } from "./frames.js";
import { headerBottom, inPage } from "./dom.js";
import { closeButton, dismissible, place } from "./dialogs.js";

const root = document.documentElement;
const MARKERS = ".alb-noteref, .alb-comref";
let popup = null;
let opener = null;

// The elements a marker's note discusses: an apparatus note names them (data-targets); a
// commentary marker names the one it follows (data-lemma).
function lemmata(marker) {
  const note = document.getElementById(marker.getAttribute("data-note"));
  const ids = marker.hasAttribute("data-lemma") ? [marker.getAttribute("data-lemma")]
    : note ? (note.getAttribute("data-targets") || "").split(/\s+/) : [];
  return ids.map(function (id) { return id && document.getElementById(id); }).filter(Boolean);
}

function closePopup(restoreFocus) {
  if (!popup) return;
  const marker = opener;
  popup.remove();
  popup = null;
  opener = null;
  marker.setAttribute("aria-expanded", "false");
  marker.removeAttribute("aria-controls");
  lemmata(marker).forEach(function (el) { el.classList.remove("alb-lemma--active"); });
  if (restoreFocus) marker.focus();
}

function noteContent(note) {
  const copy = note.cloneNode(true);
  // The copy must not repeat ids, and its "back to the text" link would point at the marker itself.
  copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
  copy.querySelectorAll(".alb-com__backlinks, .alb-cite-btn").forEach(function (node) { node.remove(); });
  copy.querySelectorAll(".alb-app__back").forEach(function (back) {
    const span = document.createElement("span");
    span.className = "alb-app__where";
    span.textContent = back.textContent;
    back.replaceWith(span);
  });
  const content = document.createElement("div");
  content.className = "alb-popup__content";
  while (copy.firstChild) content.appendChild(copy.firstChild);
  return content;
}

// A note opened from a column stays within that column, below the marker's line: it covers the
// lines that follow the marker, never the other column (the reader compares the two).
function placeInColumn(box, marker) {
  const column = marker.closest(".alb-col") || marker.closest(".alb-text, .md-content__inner");
  if (!column) { place(box, marker); return; }
  const bounds = column.getBoundingClientRect();
  box.style.maxWidth = Math.max(bounds.width, 240) + "px";
  const rect = marker.getBoundingClientRect();
  const left = Math.max(bounds.left, Math.min(rect.left - 16, bounds.right - box.offsetWidth));
  box.style.left = window.scrollX + Math.max(8, left) + "px";
  box.style.top = window.scrollY + rect.bottom + 6 + "px";
}

// The markers a reader steps through from an open note: those of the same kind (apparatus or
// commentary) in the same column, in reading order, that are shown in the current layout.
function sequence(marker) {
  const kind = marker.classList.contains("alb-comref") ? ".alb-comref" : ".alb-noteref";
  const column = marker.closest(".alb-col--translation") ? ".alb-col--translation" : ".alb-col--original";
  const inColumn = marker.closest(".alb-col") ? column + " " : "";
  return Array.prototype.filter.call(document.querySelectorAll(".alb-text " + inColumn + kind), function (m) {
    return inPage(m) && m.getClientRects().length > 0;
  });
}

// The next (step 1) or previous (step -1) marker of another note than this one.
function neighbour(marker, step) {
  const all = sequence(marker);
  const note = marker.getAttribute("data-note");
  for (let i = all.indexOf(marker) + step; i >= 0 && i < all.length; i += step) {
    if (all[i].getAttribute("data-note") !== note) return all[i];
  }
  return null;
}

function stepButton(edition, marker, step) {
  const target = neighbour(marker, step);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "alb-popup__step alb-popup__step--" + (step > 0 ? "next" : "previous");
  const text = edition && edition.getAttribute(step > 0 ? "data-label-next" : "data-label-previous");
  button.textContent = step > 0 ? (text || "Next") + " →" : "← " + (text || "Previous");
  if (!target) {
    button.disabled = true;
  } else {
    button.addEventListener("click", function (event) {
      event.stopPropagation();  // the note it opens replaces this one: not a click outside it
      target.scrollIntoView({ block: "center" });
      upgradeMarker(target);
      openPopup(target);
    });
  }
  return button;
}

function openPopup(marker) {
  const note = document.getElementById(marker.getAttribute("data-note"));
  if (!note) return;
  const wasOpen = opener === marker;
  closePopup(false);
  if (wasOpen) { marker.focus(); return; }
  const edition = marker.closest(".alb-edition");
  popup = document.createElement("div");
  popup.id = "alb-popup";
  popup.className = "alb-popup md-typeset";
  popup.setAttribute("role", "dialog");
  popup.setAttribute("aria-label", marker.getAttribute("aria-label"));
  popup.setAttribute("lang", note.getAttribute("lang") || root.lang);
  popup.tabIndex = -1;
  popup.appendChild(closeButton((edition && edition.getAttribute("data-label-close")) || "Close",
    function () { closePopup(true); }));
  popup.appendChild(noteContent(note));
  const steps = document.createElement("div");
  steps.className = "alb-popup__steps";
  steps.append(stepButton(edition, marker, -1), stepButton(edition, marker, 1));
  popup.appendChild(steps);
  const block = marker.closest(".alb-p, .alb-bibl, .alb-head, .alb-row");
  if (marker.classList.contains("alb-comref") && block && !window.matchMedia("(min-width: 76.25em)").matches) {
    // A commentary entry opens in place below its paragraph on narrow screens.
    popup.classList.add("alb-popup--inline");
    block.after(popup);
  } else {
    // Elsewhere a note or an entry opens below its marker, within the marker's column.
    popup.classList.add("alb-popup--column");
    if (marker.classList.contains("alb-comref")) popup.classList.add("alb-popup--entry");
    document.body.appendChild(popup);
    placeInColumn(popup, marker);
  }
  opener = marker;
  marker.setAttribute("aria-expanded", "true");
  marker.setAttribute("aria-controls", popup.id);
  lemmata(marker).forEach(function (el) { el.classList.add("alb-lemma--active"); });
  popup.focus({ preventScroll: true });
  const box = popup.getBoundingClientRect();
  if (box.bottom > window.innerHeight) {  // the whole note in view, the marker's line still above it
    window.scrollBy(0, Math.min(box.bottom - window.innerHeight + 8, box.top - headerBottom() - 48));
  }
}

function upgradeMarker(marker) {
  if (marker.hasAttribute("role")) return;
  marker.setAttribute("role", "button");
  marker.setAttribute("aria-haspopup", "dialog");
  marker.setAttribute("aria-expanded", "false");
}

function markerOf(event) {
  return event.target.closest ? inPage(event.target.closest(MARKERS)) : null;
}

export function initMarkers() {
  document.addEventListener("click", function (event) {
    const marker = markerOf(event);
    if (!marker) return;
    event.preventDefault();
    upgradeMarker(marker);
    openPopup(marker);
  });
  document.addEventListener("keydown", function (event) {
    const marker = event.key === " " && markerOf(event);
    if (marker) { event.preventDefault(); upgradeMarker(marker); openPopup(marker); }
  });
  document.addEventListener("focusin", function (event) {
    const marker = markerOf(event);
    if (marker) upgradeMarker(marker);
  });
  everyFrame(document.querySelectorAll(MARKERS), 6, upgradeMarker);
  dismissible(function () { return popup && { box: popup, opener: opener }; }, MARKERS, closePopup);
  window.addEventListener("resize", function () {
    if (popup && popup.classList.contains("alb-popup--column")) placeInColumn(popup, opener);
  });
}
