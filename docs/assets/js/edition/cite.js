// Cite: a "Cite" button after every permalink opens a dialog with the unit's permalink and its
// citation (Chicago on the English site, ГОСТ on the Russian one; albazin/publish/citation.py), each
// with a copy button; figures inside a paragraph can be cited from its dialog.
import { everyFrame } from "./frames.js";
import { el, fill, inPage } from "./dom.js";
import { closeButton, dismissible, place } from "./dialogs.js";

const FIGURES = ".tei-num[id], .tei-measure[id], .tei-date[id]";
// The units whose permalink and cite button show on hover (base.css).
const UNITS = ".alb-p, .alb-bibl, .alb-head, .alb-note, .alb-app, .alb-entity, .alb-com, .alb-conc__row, " +
  ".alb-bib__item, h2";
let citeData = null;
let citeDialog = null;
let citeOpener = null;

// Today, as the style writes a date: its CLDR pattern ("MMMM d, y", "dd.MM.y"; albazin/publish/citation.py
// STYLES), the fields Babel fills on the server filled here the same way; quoted text stays as it is.
const DATE_FIELDS = /MMMM|MM|M|dd|d|y+|'[^']*'/g;

export function formatDate(date, pattern, months) {
  const pad = function (n) { return (n < 10 ? "0" : "") + n; };
  const fields = {
    MMMM: months[date.getMonth()], MM: pad(date.getMonth() + 1), M: String(date.getMonth() + 1),
    dd: pad(date.getDate()), d: String(date.getDate()),
  };
  return pattern.replace(DATE_FIELDS, function (field) {
    if (field.charAt(0) === "'") return field.length > 2 ? field.slice(1, -1) : "'";
    if (field === "yy") return pad(date.getFullYear() % 100);  // CLDR: two digits; y, yyyy: the whole year
    return field.charAt(0) === "y" ? String(date.getFullYear()) : fields[field];
  });
}

function accessDate() {
  return formatDate(new Date(), citeData.date.pattern, citeData.date.months);
}

function citeUrl(id) {
  return citeData.pageUrl.split("#")[0] + "#" + encodeURIComponent(id);
}

// A unit as a citation names it for a reader: its locator ("para. 3", «абз. 3», "note 5"), or else
// its kind and id ("bibliography item C-bibl2").
function citationOf(unit, id, locator) {
  let where = locator || unit + " " + id;
  if (citeData.unitStartsSentence) where = where.charAt(0).toUpperCase() + where.slice(1);
  return fill(citeData.templates.unit, { unit: where, url: citeUrl(id), accessed: accessDate() });
}

// The locator of a permalink's unit; a unit of the translation column says so.
function locatorOf(permalink) {
  let locator = permalink.getAttribute("data-locator");
  if (locator && permalink.closest(".alb-col--translation")) {
    locator = fill(citeData.labels.loc_translation, { where: locator });
  }
  return locator;
}

// A figure is cited by its paragraph's locator and its own words, quoted, as the reader sees them.
function figureLocator(unitLocator, words) {
  const quoted = fill(citeData.labels.loc_quote, { text: words });
  return unitLocator ? fill(citeData.labels.loc_figure, { where: unitLocator, words: quoted }) : quoted;
}

function copyText(text, status) {
  const done = function () { status.textContent = citeData.labels.cite_copied; };
  const failed = function () { status.textContent = citeData.labels.cite_copy_failed; };
  status.textContent = "";  // announced again, and a test can wait for this copy to finish
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, failed);
  } else {
    failed();
  }
}

function closeCite(restoreFocus) {
  if (!citeDialog) return;
  const button = citeOpener;
  citeDialog.remove();
  citeDialog = null;
  citeOpener = null;
  button.setAttribute("aria-expanded", "false");
  if (restoreFocus) button.focus();
}

function citeBody(dialog, unit, id, locator) {
  const body = dialog.querySelector(".alb-cite__body");
  body.textContent = "";
  const labels = citeData.labels;
  const heading = el("h2", "alb-cite__title", fill(labels.cite_unit, { unit: unit, id: id }));
  heading.id = "alb-cite-title";
  const status = el("p", "alb-cite__status");
  status.setAttribute("role", "status");
  const link = el("input", "alb-cite__url");
  link.type = "text";
  link.readOnly = true;
  link.value = citeUrl(id);
  link.id = "alb-cite-url";
  const linkLabel = el("label", null, labels.cite_permalink);
  linkLabel.htmlFor = link.id;
  const copyLink = el("button", "alb-cite__copy alb-cite__copy--link md-button", labels.cite_copy_link);
  copyLink.type = "button";
  copyLink.addEventListener("click", function () { copyText(link.value, status); });
  const text = el("p", "alb-cite__text", citationOf(unit, id, locator));
  const copyCitation = el("button", "alb-cite__copy alb-cite__copy--citation md-button", labels.cite_copy_citation);
  copyCitation.type = "button";
  copyCitation.addEventListener("click", function () { copyText(text.textContent, status); });
  body.append(heading, linkLabel, link, copyLink,
    el("p", "alb-cite__label", labels.cite_citation + " — " + labels.cite_style), text, copyCitation, status);
  const unitEl = document.getElementById(id);
  const figures = unitEl && unitEl.matches(".alb-p, .alb-bibl") ? unitEl.querySelectorAll(FIGURES) : [];
  if (figures.length) {
    const list = el("ul", "alb-cite__within");
    figures.forEach(function (figure) {
      const item = el("li");
      const words = figure.innerText.trim().replace(/\s+/g, " ");  // innerText: the current view's reading only
      const button = el("button", "alb-cite__sub", labels.unit_figure + " " + figure.id + ": " + words);
      button.type = "button";
      button.addEventListener("click", function () {
        citeBody(dialog, labels.unit_figure, figure.id, figureLocator(locator, words));
        dialog.querySelector(".alb-cite__copy--link").focus();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    body.append(el("p", "alb-cite__label", labels.cite_within), list);
  }
  body.append(...dtsLine(id));
  const records = el("p", "alb-cite__records", labels.cite_records + ": ");
  citeData.records.forEach(function (record, i) {
    const a = el("a", null, record.label);
    a.href = record.href;
    a.setAttribute("download", "");
    if (i) records.appendChild(document.createTextNode(" · "));
    records.appendChild(a);
  });
  body.appendChild(records);
}

// The unit's DTS reference and its TEI from the DTS API, if it has one (its permalink names them:
// albazin/publish/dtslinks.py, which also puts the line's labels on the page).
function dtsLine(id) {
  const permalink = document.querySelector('a.alb-permalink[data-dts-ref][href="#' + CSS.escape(id) + '"]');
  const page = permalink && permalink.closest("[data-label-dts]");
  if (!page) return [];
  const line = el("p", "alb-cite__dts", page.getAttribute("data-label-dts") + ": ");
  line.appendChild(el("code", null, permalink.getAttribute("data-dts-ref")));
  const tei = el("a", null, page.getAttribute("data-label-dts-tei"));
  tei.href = permalink.getAttribute("data-dts-document");
  tei.setAttribute("download", permalink.getAttribute("data-dts-download"));
  tei.setAttribute("type", "application/tei+xml");
  line.append(" · ", tei);
  return [line];
}

function openCite(button) {
  const wasOpen = citeOpener === button;
  closeCite(false);
  if (wasOpen) { button.focus(); return; }
  const dialog = el("div", "alb-cite md-typeset");
  dialog.id = "alb-cite";
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-labelledby", "alb-cite-title");
  dialog.setAttribute("lang", citeData.lang);
  dialog.tabIndex = -1;
  dialog.append(closeButton(citeData.labels.close, function () { closeCite(true); }), el("div", "alb-cite__body"));
  citeBody(dialog, button.getAttribute("data-unit"), button.getAttribute("data-cite"),
    button.getAttribute("data-locator"));
  document.body.appendChild(dialog);
  place(dialog, button);
  citeDialog = dialog;
  citeOpener = button;
  button.setAttribute("aria-expanded", "true");
  dialog.querySelector(".alb-cite__copy").focus();
}

function citeButton(permalink) {
  const next = permalink.nextElementSibling;
  if (next && next.classList.contains("alb-cite-btn")) return;
  const id = decodeURIComponent(permalink.getAttribute("href").slice(1));
  const unit = permalink.getAttribute("data-unit");
  const button = el("button", "alb-cite-btn", "❝");
  button.type = "button";
  button.setAttribute("data-cite", id);
  button.setAttribute("data-unit", unit);
  if (locatorOf(permalink)) button.setAttribute("data-locator", locatorOf(permalink));
  button.setAttribute("aria-label", fill(citeData.labels.cite_unit, { unit: unit, id: id }));
  button.setAttribute("title", button.getAttribute("aria-label"));
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  permalink.after(button);
}

// The button of a permalink, and those of the unit, a reader points at or moves the focus into, if no
// frame has added them yet (a permalink followed by its button keeps the Tab order of the page).
function citeButtonsOf(event) {
  const target = event.target.closest ? inPage(event.target) : null;
  if (!target) return;
  if (target.matches("a.alb-permalink[data-unit]")) citeButton(target);
  const unit = target.closest(UNITS);
  if (unit) unit.querySelectorAll("a.alb-permalink[data-unit]").forEach(citeButton);
}

export function initCite() {
  const data = document.getElementById("alb-cite-data");
  if (!data) return;
  citeData = JSON.parse(data.textContent);
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest(".alb-cite-btn");
    if (button) openCite(button);
  });
  document.addEventListener("pointerover", citeButtonsOf);
  document.addEventListener("focusin", citeButtonsOf);
  everyFrame(document.querySelectorAll("a.alb-permalink[data-unit]"), 4, citeButton);
  // The page's own citation gets today's date as its access date.
  document.querySelectorAll(".alb-howtocite__text").forEach(function (p) {
    p.textContent = fill(citeData.templates.page, { accessed: accessDate() });
  });
  dismissible(function () { return citeDialog && { box: citeDialog, opener: citeOpener }; }, ".alb-cite-btn",
    closeCite);
}
