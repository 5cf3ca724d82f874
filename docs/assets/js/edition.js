/* The Siege of Albazin: progressive enhancements. Everything works without this script:
   the critical text, both columns, and the apparatus as numbered notes below the text. */
(function () {
  "use strict";

  var root = document.documentElement;
  var PREFS = { "alb-view": "critical", "alb-layout": "parallel" };

  // --- language switch: keep the reader at the same place (anchors are identical in both) -----
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !window.location.hash) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin) return;
    url.hash = window.location.hash;
    link.setAttribute("href", url.pathname + url.search + url.hash);
  });

  // --- reading view and layout: attributes on <html>, remembered across pages ------------------
  function current(key) {
    return root.getAttribute("data-" + key) || PREFS[key];
  }

  function apply(key, value, remember) {
    root.setAttribute("data-" + key, value);
    if (remember) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* storage disabled */ }
    }
    document.querySelectorAll('input[name="' + key + '"]').forEach(function (radio) {
      radio.checked = radio.value === value;
    });
  }

  function initControls() {
    Object.keys(PREFS).forEach(function (key) {
      apply(key, current(key), false);
      document.querySelectorAll('input[name="' + key + '"]').forEach(function (radio) {
        radio.addEventListener("change", function () {
          if (radio.checked) apply(key, radio.value, true);
        });
      });
    });
  }

  // A link to a unit of the column the reader has hidden shows both columns (not remembered).
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.closest) return;
    var layout = current("alb-layout");
    if ((layout === "original" && target.closest(".alb-col--translation")) ||
        (layout === "translation" && target.closest(".alb-col--original"))) {
      apply("alb-layout", "parallel", false);
      target.scrollIntoView();
    }
  }

  // An anchor that moved to another page (anchors/aliases.tsv) leaves a note under its old id
  // linking to the new place: follow it at once (without JavaScript the reader follows the link).
  function followMovedAnchor() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var note = id && document.getElementById(id);
    var link = note && note.classList.contains("alb-moved") && note.querySelector("a[href]");
    if (link) window.location.replace(link.href);
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
    copy.querySelectorAll(".alb-com__backlinks").forEach(function (links) { links.remove(); });
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
    var close = document.createElement("button");
    close.type = "button";
    close.className = "alb-popup__close";
    close.setAttribute("aria-label", (edition && edition.getAttribute("data-label-close")) || "Close");
    close.textContent = "×";
    close.addEventListener("click", function () { closePopup(true); });
    popup.appendChild(close);
    popup.appendChild(noteContent(note));
    if (marker.classList.contains("alb-comref")) {
      // A commentary entry is read beside the text on wide screens, and opens in place below
      // the paragraph on narrow ones.
      var block = marker.closest(".alb-p, .alb-bibl, .alb-head, .alb-row");
      if (window.matchMedia("(min-width: 76.25em)").matches || !block) {
        popup.classList.add("alb-popup--side");
        document.body.appendChild(popup);
      } else {
        popup.classList.add("alb-popup--inline");
        block.after(popup);
      }
    } else {
      document.body.appendChild(popup);
      place(popup, marker);
    }
    opener = marker;
    marker.setAttribute("aria-expanded", "true");
    marker.setAttribute("aria-controls", popup.id);
    lemmata(marker).forEach(function (el) { el.classList.add("alb-lemma--active"); });
    popup.focus();
  }

  function initMarkers() {
    document.querySelectorAll(".alb-noteref, .alb-comref").forEach(function (marker) {
      marker.setAttribute("role", "button");
      marker.setAttribute("aria-haspopup", "dialog");
      marker.setAttribute("aria-expanded", "false");
      marker.addEventListener("click", function (event) {
        event.preventDefault();
        openPopup(marker);
      });
      marker.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); openPopup(marker); }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popup) { event.preventDefault(); closePopup(true); }
    });
    document.addEventListener("click", function (event) {
      if (popup && !popup.contains(event.target) && !event.target.closest(".alb-noteref, .alb-comref")) {
        closePopup(false);
      }
    });
    document.addEventListener("focusin", function (event) {
      if (popup && !popup.contains(event.target) && event.target !== opener) closePopup(false);
    });
    window.addEventListener("resize", function () {
      if (popup && !popup.classList.contains("alb-popup--side") && !popup.classList.contains("alb-popup--inline")) {
        place(popup, opener);
      }
    });
  }

  // --- name cards: who or what a name is, on hover and keyboard focus ------------------------------
  var card = null;

  function hideCard() {
    if (card) { card.remove(); card = null; }
  }

  function showCard(name) {
    var source = document.getElementById("card-" + name.getAttribute("data-entity"));
    if (!source) return;
    hideCard();
    card = document.createElement("div");
    card.className = "alb-card-popup md-typeset";
    card.setAttribute("aria-hidden", "true"); // screen readers get the card through aria-describedby
    card.setAttribute("lang", source.getAttribute("lang") || root.lang);
    card.innerHTML = source.innerHTML;
    document.body.appendChild(card);
    place(card, name);
  }

  function initCards() {
    document.querySelectorAll("a.alb-name").forEach(function (name) {
      name.addEventListener("mouseenter", function () { showCard(name); });
      name.addEventListener("focus", function () { showCard(name); });
      name.addEventListener("mouseleave", hideCard);
      name.addEventListener("blur", hideCard);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideCard();
    });
  }

  initControls();
  initMarkers();
  initCards();
  followMovedAnchor();
  revealTarget();
  window.addEventListener("hashchange", function () { followMovedAnchor(); revealTarget(); });
})();
