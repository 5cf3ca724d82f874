// Name cards (and the glossary's term cards): who or what a name is, on hover, focus and a first tap.
import { inPage } from "./dom.js";
import { place } from "./dialogs.js";

const root = document.documentElement;
let card = null;
let cardName = null;  // the name whose card is shown
let tapped = null;  // the name whose card a tap opened (the next tap on it follows the link)
let touch = false;  // the last pointer was a finger or a pen

function hideCard() {
  if (card) { card.remove(); card = null; cardName = null; tapped = null; }
}

function showCard(name, byTap) {
  const source = document.getElementById("card-" + name.getAttribute("data-entity"));
  if (!source) return;
  hideCard();
  card = document.createElement("div");
  card.className = "alb-card-popup md-typeset";
  card.setAttribute("lang", source.getAttribute("lang") || root.lang);
  card.innerHTML = source.innerHTML;
  if (byTap) {
    // A finger has no hover: the first tap shows the card, with the way on to the index entry.
    const edition = name.closest(".alb-edition");
    const template = (edition && edition.getAttribute("data-label-card")) || "{name}";
    const go = document.createElement("a");
    go.className = "alb-card__go";
    go.href = name.href;
    go.textContent = template.split("{name}").join(source.querySelector(".alb-card__name").textContent) + " →";
    const line = document.createElement("span");
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
export function initCards() {
  document.addEventListener("pointerdown", function (event) {
    touch = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);
  document.addEventListener("mouseover", function (event) {
    const name = nameOf(event);
    if (name && !touch && !name.contains(event.relatedTarget)) showCard(name, false);
  });
  document.addEventListener("mouseout", function (event) {
    const name = nameOf(event);
    if (name && !touch && !name.contains(event.relatedTarget)) hideCard();
  });
  document.addEventListener("focusin", function (event) {
    const name = nameOf(event);
    if (name && !touch && cardName !== name) showCard(name, false);
  });
  document.addEventListener("focusout", function (event) {
    if (nameOf(event) && !tapped) hideCard();
  });
  document.addEventListener("click", function (event) {
    const name = nameOf(event);
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
