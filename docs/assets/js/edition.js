/* The Siege of Albazin: progressive enhancements. Everything works without this script:
   the critical text, both columns, and the apparatus as numbered notes below the text. */
(function () {
  "use strict";

  var root = document.documentElement;
  var PREFS = { "alb-view": "critical", "alb-layout": "parallel" };  // the defaults

  // --- work left for after the first paint ------------------------------------------------------
  // A few elements per frame, after load: done at once, this work would restyle and reflow a long
  // page in one task, with the theme's start-up. Every handler is on the document and upgrades the
  // element it acts on first, so no reader waits for these queues.
  var nextFrame = window.requestAnimationFrame || function (step) { return window.setTimeout(step, 16); };

  var busy = 0;  // queues still at work
  var whenDone = [];  // what waits for the page to be finished (restorePlace)

  function everyFrame(items, perFrame, upgrade) {
    var queue = Array.prototype.slice.call(items);
    function step() {
      queue.splice(0, perFrame).forEach(upgrade);
      if (queue.length) { nextFrame(step); return; }
      if (--busy === 0) whenDone.splice(0).forEach(function (then) { then(); });
    }
    if (queue.length) { busy++; nextFrame(step); }
  }

  // The entries of the apparatus and the commentary below a text are laid out only when shown
  // (edition.css): all of them, a few per frame, and at once any that comes into view first.
  var LIST_ENTRIES = ".alb-apparatus__list > li, .alb-comlist > li";

  function show(entry) {
    entry.classList.add("alb-shown");
  }

  // The entry a link points into is laid out before the browser scrolls to it.
  function showTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var entry = target && target.closest && target.closest(LIST_ENTRIES);
    if (entry) show(entry);
  }

  function initLists() {
    showTarget();
    everyFrame(document.querySelectorAll(LIST_ENTRIES), 2, show);
    document.addEventListener("contentvisibilityautostatechange", function (event) {
      if (!event.skipped && event.target.matches && event.target.matches(LIST_ENTRIES)) show(event.target);
    }, true);
  }

  // --- language switch: keep the reader at the same place (anchors are identical in both) -----
  // The other language's page gets this page's view (?view=…) and fragment; without a fragment, the
  // unit at the top of the window and its distance from it go along (sessionStorage, this tab only),
  // and that page scrolls to the same unit (restorePlace).
  var PLACE = "alb-place";
  var PLACED = ".alb-p, .alb-bibl, .alb-head, .alb-note, .alb-app, .alb-com, .alb-entity, .alb-conc__row, " +
    ".alb-bib__item, h2[id]";

  // The header's height: it is fixed at the top of the window (sticky), whatever the scroll.
  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? header.offsetHeight : 0;
  }

  // The first unit (with an id) whose bottom is below the header, and its top's distance from it.
  function placeInView() {
    var top = headerBottom();
    var units = document.querySelectorAll(PLACED);
    for (var i = 0; i < units.length; i++) {
      var box = units[i].getBoundingClientRect();
      var id = units[i].id || (units[i].closest("[id]") || {}).id;
      if (id && box.height && box.bottom > top + 4) return { id: id, offset: box.top - top };
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin) return;
    url.search = window.location.search;
    url.hash = window.location.hash;
    if (!window.location.hash && window.scrollY > 0) {
      var place = placeInView();
      try {
        if (place) window.sessionStorage.setItem(PLACE, JSON.stringify({ path: url.pathname, id: place.id,
                                                                          offset: place.offset }));
      } catch (e) { /* storage disabled: the page opens at its top */ }
    }
    link.setAttribute("href", url.pathname + url.search + url.hash);
  });

  function restorePlace() {
    var place = null;
    try {
      place = JSON.parse(window.sessionStorage.getItem(PLACE) || "null");
      window.sessionStorage.removeItem(PLACE);
    } catch (e) { return; }
    if (!place || place.path !== window.location.pathname || window.location.hash) return;
    var target = document.getElementById(place.id);
    if (!target) return;
    var entry = target.closest(LIST_ENTRIES);
    if (entry) show(entry);
    var scrolled = null;
    var put = function () {
      window.scrollTo(0, window.scrollY + target.getBoundingClientRect().top - headerBottom() - place.offset);
      scrolled = window.scrollY;
    };
    put();
    // The buttons added in the frames after load reflow the text above: once they are all there,
    // the unit is put back in place, unless the reader has scrolled meanwhile.
    if (busy) whenDone.push(function () { if (window.scrollY === scrolled) put(); });
  }

  // --- reading view and layout: attributes on <html>, set from the address (partials/prefs.html) --
  // A choice made with the controls goes into the address (?view=diplomatic&layout=original; the
  // defaults leave it out), so that the address bar, a ¶ link and the language switch carry it;
  // nothing is remembered across visits.
  var PARAMS = { "alb-view": "view", "alb-layout": "layout" };

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
    var url = new URL(window.location.href);
    if (value === PREFS[key]) url.searchParams.delete(PARAMS[key]);
    else url.searchParams.set(PARAMS[key], value);
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  // The view is already on <html> (partials/prefs.html): only the controls are set to show it.
  function initControls() {
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
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.closest) return;
    var layout = current("alb-layout");
    if ((layout === "original" && target.closest(".alb-col--translation")) ||
        (layout === "translation" && target.closest(".alb-col--original"))) {
      apply("alb-layout", "parallel");
      target.scrollIntoView();
    }
  }

  // --- the side panels of a wide text page (site navigation, contents) --------------------------
  // Folded away by default below 1600 px and shown from there (edition.css); the button shows or
  // folds both, and the choice is kept (it changes the frame around the text, never the text).
  function panelsShown() {
    var nav = document.querySelector(".md-sidebar--primary");
    return !!nav && window.getComputedStyle(nav).display !== "none";
  }

  function initPanels() {
    var button = document.querySelector(".alb-panels-toggle");
    if (!button) return;
    var state = function () { button.setAttribute("aria-expanded", panelsShown() ? "true" : "false"); };
    state();
    button.addEventListener("click", function () {
      var next = panelsShown() ? "closed" : "open";
      root.setAttribute("data-alb-panels", next);
      try { window.localStorage.setItem("alb-panels", next); } catch (e) { /* storage disabled */ }
      state();
    });
    window.addEventListener("resize", state);
  }

  // An anchor that moved to another page (anchors/aliases.tsv) leaves a note under its old id
  // linking to the new place: follow it at once (without JavaScript the reader follows the link).
  function followMovedAnchor() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var note = id && document.getElementById(id);
    var link = note && note.classList.contains("alb-moved") && note.querySelector("a[href]");
    if (link) window.location.replace(link.href);
  }

  // --- dialogs (apparatus and commentary popups, the cite dialog) -----------------------------------
  function closeButton(label, onClick) {
    var close = document.createElement("button");
    close.type = "button";
    close.className = "alb-popup__close";
    close.setAttribute("aria-label", label);
    close.textContent = "×";
    close.addEventListener("click", onClick);
    return close;
  }

  // Escape closes an open dialog and returns focus to its opener; a click or focus elsewhere closes it.
  // open() gives the dialog and its opener, or null. composedPath, not contains(): a click may have
  // replaced the dialog's content (a figure's citation).
  function dismissible(open, openerSelector, close) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open()) { event.preventDefault(); close(true); }
    });
    document.addEventListener("click", function (event) {
      var current = open();
      if (current && event.composedPath().indexOf(current.box) < 0 && !event.target.closest(openerSelector)) {
        close(false);
      }
    });
    document.addEventListener("focusin", function (event) {
      var current = open();
      if (current && !current.box.contains(event.target) && event.target !== current.opener) close(false);
    });
  }

  // --- apparatus notes opened in place ----------------------------------------------------------
  var popup = null;
  var opener = null;

  // The elements a marker's note discusses: an apparatus note names them (data-targets); a
  // commentary marker names the one it follows (data-lemma).
  function lemmata(marker) {
    var note = document.getElementById(marker.getAttribute("data-note"));
    var ids = marker.hasAttribute("data-lemma") ? [marker.getAttribute("data-lemma")]
      : note ? (note.getAttribute("data-targets") || "").split(/\s+/) : [];
    return ids.map(function (id) { return id && document.getElementById(id); }).filter(Boolean);
  }

  function closePopup(restoreFocus) {
    if (!popup) return;
    var marker = opener;
    popup.remove();
    popup = null;
    opener = null;
    marker.setAttribute("aria-expanded", "false");
    marker.removeAttribute("aria-controls");
    lemmata(marker).forEach(function (el) { el.classList.remove("alb-lemma--active"); });
    if (restoreFocus) marker.focus();
  }

  function noteContent(note) {
    var copy = note.cloneNode(true);
    // The copy must not repeat ids, and its "back to the text" link would point at the marker itself.
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll(".alb-com__backlinks, .alb-cite-btn").forEach(function (node) { node.remove(); });
    copy.querySelectorAll(".alb-app__back").forEach(function (back) {
      var span = document.createElement("span");
      span.className = "alb-app__where";
      span.textContent = back.textContent;
      back.replaceWith(span);
    });
    var content = document.createElement("div");
    content.className = "alb-popup__content";
    while (copy.firstChild) content.appendChild(copy.firstChild);
    return content;
  }

  function place(box, marker) {
    var rect = marker.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.min(rect.left, width - box.offsetWidth - 8);
    box.style.left = window.scrollX + Math.max(8, left) + "px";
    box.style.top = window.scrollY + rect.bottom + 6 + "px";
  }

  // A note opened from a column stays within that column, below the marker's line: it covers the
  // lines that follow the marker, never the other column (the reader compares the two).
  function placeInColumn(box, marker) {
    var column = marker.closest(".alb-col") || marker.closest(".alb-text, .md-content__inner");
    if (!column) { place(box, marker); return; }
    var bounds = column.getBoundingClientRect();
    box.style.maxWidth = Math.max(bounds.width, 240) + "px";
    var rect = marker.getBoundingClientRect();
    var left = Math.max(bounds.left, Math.min(rect.left - 16, bounds.right - box.offsetWidth));
    box.style.left = window.scrollX + Math.max(8, left) + "px";
    box.style.top = window.scrollY + rect.bottom + 6 + "px";
  }

  // The markers a reader steps through from an open note: those of the same kind (apparatus or
  // commentary) in the same column, in reading order, that are shown in the current layout.
  function sequence(marker) {
    var kind = marker.classList.contains("alb-comref") ? ".alb-comref" : ".alb-noteref";
    var column = marker.closest(".alb-col--translation") ? ".alb-col--translation" : ".alb-col--original";
    var inColumn = marker.closest(".alb-col") ? column + " " : "";
    return Array.prototype.filter.call(document.querySelectorAll(".alb-text " + inColumn + kind), function (m) {
      return inPage(m) && m.getClientRects().length > 0;
    });
  }

  // The next (step 1) or previous (step -1) marker of another note than this one.
  function neighbour(marker, step) {
    var all = sequence(marker);
    var note = marker.getAttribute("data-note");
    for (var i = all.indexOf(marker) + step; i >= 0 && i < all.length; i += step) {
      if (all[i].getAttribute("data-note") !== note) return all[i];
    }
    return null;
  }

  function stepButton(edition, marker, step) {
    var target = neighbour(marker, step);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "alb-popup__step alb-popup__step--" + (step > 0 ? "next" : "previous");
    var text = edition && edition.getAttribute(step > 0 ? "data-label-next" : "data-label-previous");
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
    var noteId = marker.getAttribute("data-note");
    var note = document.getElementById(noteId);
    if (!note) return;
    var wasOpen = opener === marker;
    closePopup(false);
    if (wasOpen) { marker.focus(); return; }
    var edition = marker.closest(".alb-edition");
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
    var steps = document.createElement("div");
    steps.className = "alb-popup__steps";
    steps.append(stepButton(edition, marker, -1), stepButton(edition, marker, 1));
    popup.appendChild(steps);
    var block = marker.closest(".alb-p, .alb-bibl, .alb-head, .alb-row");
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
    var box = popup.getBoundingClientRect();
    if (box.bottom > window.innerHeight) {  // the whole note in view, the marker's line still above it
      window.scrollBy(0, Math.min(box.bottom - window.innerHeight + 8, box.top - headerBottom() - 48));
    }
  }

  var MARKERS = ".alb-noteref, .alb-comref";

  // An element of the page itself, not of a copy shown in a popup or dialog: the copies get no card,
  // note or cite button of their own (the handlers below are on the document).
  function inPage(node) {
    return node && !node.closest(".alb-popup, .alb-card-popup, .alb-cite") ? node : null;
  }

  // A marker is a link to its note; with this script it is a button that opens the note in place.
  function upgradeMarker(marker) {
    if (marker.hasAttribute("role")) return;
    marker.setAttribute("role", "button");
    marker.setAttribute("aria-haspopup", "dialog");
    marker.setAttribute("aria-expanded", "false");
  }

  function markerOf(event) {
    return event.target.closest ? inPage(event.target.closest(MARKERS)) : null;
  }

  function initMarkers() {
    document.addEventListener("click", function (event) {
      var marker = markerOf(event);
      if (!marker) return;
      event.preventDefault();
      upgradeMarker(marker);
      openPopup(marker);
    });
    document.addEventListener("keydown", function (event) {
      var marker = event.key === " " && markerOf(event);
      if (marker) { event.preventDefault(); upgradeMarker(marker); openPopup(marker); }
    });
    document.addEventListener("focusin", function (event) {
      var marker = markerOf(event);
      if (marker) upgradeMarker(marker);
    });
    everyFrame(document.querySelectorAll(MARKERS), 6, upgradeMarker);
    dismissible(function () { return popup && { box: popup, opener: opener }; }, MARKERS, closePopup);
    window.addEventListener("resize", function () {
      if (popup && popup.classList.contains("alb-popup--column")) placeInColumn(popup, opener);
    });
  }

  // --- name cards (and the glossary's term cards): who or what a name is, on hover, focus and a first tap
  var card = null;
  var cardName = null;  // the name whose card is shown
  var tapped = null;  // the name whose card a tap opened (the next tap on it follows the link)
  var touch = false;  // the last pointer was a finger or a pen

  function hideCard() {
    if (card) { card.remove(); card = null; cardName = null; tapped = null; }
  }

  function showCard(name, byTap) {
    var source = document.getElementById("card-" + name.getAttribute("data-entity"));
    if (!source) return;
    hideCard();
    card = document.createElement("div");
    card.className = "alb-card-popup md-typeset";
    card.setAttribute("lang", source.getAttribute("lang") || root.lang);
    card.innerHTML = source.innerHTML;
    if (byTap) {
      // A finger has no hover: the first tap shows the card, with the way on to the index entry.
      var edition = name.closest(".alb-edition");
      var template = (edition && edition.getAttribute("data-label-card")) || "{name}";
      var go = document.createElement("a");
      go.className = "alb-card__go";
      go.href = name.href;
      go.textContent = template.split("{name}").join(source.querySelector(".alb-card__name").textContent) + " →";
      var line = document.createElement("span");
      line.className = "alb-card__more";
      line.appendChild(go);
      card.appendChild(line);
      card.classList.add("alb-card-popup--tap");
      tapped = name;
    } else {
      card.setAttribute("aria-hidden", "true"); // screen readers get the card through aria-describedby
    }
    document.body.appendChild(card);
    place(card, name);
    cardName = name;
  }

  function nameOf(event) {
    return event.target.closest ? inPage(event.target.closest("a.alb-name, a.alb-term, a.alb-termref")) : null;
  }

  // On the document, not on each of the page's hundreds of names; mouseover/mouseout count only
  // when the pointer enters or leaves the name itself (as mouseenter/mouseleave would).
  function initCards() {
    document.addEventListener("pointerdown", function (event) {
      touch = event.pointerType === "touch" || event.pointerType === "pen";
    }, true);
    document.addEventListener("mouseover", function (event) {
      var name = nameOf(event);
      if (name && !touch && !name.contains(event.relatedTarget)) showCard(name, false);
    });
    document.addEventListener("mouseout", function (event) {
      var name = nameOf(event);
      if (name && !touch && !name.contains(event.relatedTarget)) hideCard();
    });
    document.addEventListener("focusin", function (event) {
      var name = nameOf(event);
      if (name && !touch && cardName !== name) showCard(name, false);
    });
    document.addEventListener("focusout", function (event) {
      if (nameOf(event) && !tapped) hideCard();
    });
    document.addEventListener("click", function (event) {
      var name = nameOf(event);
      if (name && touch && tapped !== name) {
        event.preventDefault();  // the first tap shows the card; a second tap on the name follows it
        showCard(name, true);
      } else if (tapped && !(card && card.contains(event.target)) && name !== tapped) {
        hideCard();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideCard();
    });
  }

  // --- cite: a "Cite" button after every permalink opens a dialog with the unit's permalink and
  // its citation (Chicago on the English site, ГОСТ on the Russian one; albazin/publish/citation.py), each
  // with a copy button; figures inside a paragraph can be cited from its dialog. ----------------
  var citeData = null;
  var citeDialog = null;
  var citeOpener = null;
  var FIGURES = ".tei-num[id], .tei-measure[id], .tei-date[id]";

  function fill(template, values) {
    return Object.keys(values).reduce(function (text, key) {
      return text.split("{" + key + "}").join(values[key]);
    }, template);
  }

  function accessDate() {
    var d = new Date();
    if (citeData.lang === "ru") {
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      return pad(d.getDate()) + "." + pad(d.getMonth() + 1) + "." + d.getFullYear();
    }
    return citeData.months[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear();
  }

  function citeUrl(id) {
    return citeData.pageUrl.split("#")[0] + "#" + encodeURIComponent(id);
  }

  // A unit as a citation names it for a reader: its locator ("para. 3", «абз. 3», "note 5"), or else
  // its kind and id ("bibliography item C-bibl2").
  function citationOf(unit, id, locator) {
    var where = locator || unit + " " + id;
    if (citeData.unitStartsSentence) where = where.charAt(0).toUpperCase() + where.slice(1);
    return fill(citeData.templates.unit, { unit: where, url: citeUrl(id), accessed: accessDate() });
  }

  // The locator of a permalink's unit; a unit of the translation column says so.
  function locatorOf(permalink) {
    var locator = permalink.getAttribute("data-locator");
    if (locator && permalink.closest(".alb-col--translation")) {
      locator = fill(citeData.labels.loc_translation, { where: locator });
    }
    return locator;
  }

  // A figure is cited by its paragraph's locator and its own words, quoted, as the reader sees them.
  function figureLocator(unitLocator, words) {
    var quoted = fill(citeData.labels.loc_quote, { text: words });
    return unitLocator ? fill(citeData.labels.loc_figure, { where: unitLocator, words: quoted }) : quoted;
  }

  function copyText(text, status) {
    var done = function () { status.textContent = citeData.labels.cite_copied; };
    var failed = function () { status.textContent = citeData.labels.cite_copy_failed; };
    status.textContent = "";  // announced again, and a test can wait for this copy to finish
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function closeCite(restoreFocus) {
    if (!citeDialog) return;
    var button = citeOpener;
    citeDialog.remove();
    citeDialog = null;
    citeOpener = null;
    button.setAttribute("aria-expanded", "false");
    if (restoreFocus) button.focus();
  }

  function citeBody(dialog, unit, id, locator) {
    var body = dialog.querySelector(".alb-cite__body");
    body.textContent = "";
    var labels = citeData.labels;
    var heading = el("h2", "alb-cite__title", fill(labels.cite_unit, { unit: unit, id: id }));
    heading.id = "alb-cite-title";
    var status = el("p", "alb-cite__status");
    status.setAttribute("role", "status");
    var link = el("input", "alb-cite__url");
    link.type = "text";
    link.readOnly = true;
    link.value = citeUrl(id);
    link.id = "alb-cite-url";
    var linkLabel = el("label", null, labels.cite_permalink);
    linkLabel.htmlFor = link.id;
    var copyLink = el("button", "alb-cite__copy alb-cite__copy--link md-button", labels.cite_copy_link);
    copyLink.type = "button";
    copyLink.addEventListener("click", function () { copyText(link.value, status); });
    var text = el("p", "alb-cite__text", citationOf(unit, id, locator));
    var copyCitation = el("button", "alb-cite__copy alb-cite__copy--citation md-button", labels.cite_copy_citation);
    copyCitation.type = "button";
    copyCitation.addEventListener("click", function () { copyText(text.textContent, status); });
    body.append(heading, linkLabel, link, copyLink,
      el("p", "alb-cite__label", labels.cite_citation + " — " + labels.cite_style), text, copyCitation, status);
    var unitEl = document.getElementById(id);
    var figures = unitEl && unitEl.matches(".alb-p, .alb-bibl") ? unitEl.querySelectorAll(FIGURES) : [];
    if (figures.length) {
      var list = el("ul", "alb-cite__within");
      figures.forEach(function (figure) {
        var item = el("li");
        var words = figure.innerText.trim().replace(/\s+/g, " ");  // innerText: the current view's reading only
        var button = el("button", "alb-cite__sub", labels.unit_figure + " " + figure.id + ": " + words);
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
    body.append.apply(body, dtsLine(id));
    var records = el("p", "alb-cite__records", labels.cite_records + ": ");
    citeData.records.forEach(function (record, i) {
      var a = el("a", null, record.label);
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
    var permalink = document.querySelector('a.alb-permalink[data-dts-ref][href="#' + CSS.escape(id) + '"]');
    var page = permalink && permalink.closest("[data-label-dts]");
    if (!page) return [];
    var line = el("p", "alb-cite__dts", page.getAttribute("data-label-dts") + ": ");
    line.appendChild(el("code", null, permalink.getAttribute("data-dts-ref")));
    var tei = el("a", null, page.getAttribute("data-label-dts-tei"));
    tei.href = permalink.getAttribute("data-dts-document");
    tei.setAttribute("download", permalink.getAttribute("data-dts-download"));
    tei.setAttribute("type", "application/tei+xml");
    line.append(" · ", tei);
    return [line];
  }

  function openCite(button) {
    var wasOpen = citeOpener === button;
    closeCite(false);
    if (wasOpen) { button.focus(); return; }
    var dialog = el("div", "alb-cite md-typeset");
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

  // The units whose permalink and cite button show on hover (edition.css).
  var UNITS = ".alb-p, .alb-bibl, .alb-head, .alb-note, .alb-app, .alb-entity, .alb-com, .alb-conc__row, " +
    ".alb-bib__item, h2";

  function citeButton(permalink) {
    var next = permalink.nextElementSibling;
    if (next && next.classList.contains("alb-cite-btn")) return;
    var id = decodeURIComponent(permalink.getAttribute("href").slice(1));
    var unit = permalink.getAttribute("data-unit");
    var button = el("button", "alb-cite-btn", "❝");
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
    var target = event.target.closest ? inPage(event.target) : null;
    if (!target) return;
    if (target.matches("a.alb-permalink[data-unit]")) citeButton(target);
    var unit = target.closest(UNITS);
    if (unit) unit.querySelectorAll("a.alb-permalink[data-unit]").forEach(citeButton);
  }

  function initCite() {
    var data = document.getElementById("alb-cite-data");
    if (!data) return;
    citeData = JSON.parse(data.textContent);
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".alb-cite-btn");
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

  initControls();
  initPanels();
  initLists();
  initMarkers();
  initCards();
  initCite();
  followMovedAnchor();
  revealTarget();
  restorePlace();
  window.addEventListener("hashchange", function () { showTarget(); followMovedAnchor(); revealTarget(); });
})();
