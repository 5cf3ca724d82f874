// The side panels of a wide text page (site navigation, contents): folded away by default below
// 1600 px and shown from there (text.css); the button shows or folds both, and the choice is kept
// (it changes the frame around the text, never the text).
const root = document.documentElement;

function panelsShown() {
  const nav = document.querySelector(".md-sidebar--primary");
  return !!nav && window.getComputedStyle(nav).display !== "none";
}

export function initPanels() {
  const button = document.querySelector(".alb-panels-toggle");
  if (!button) return;
  const state = function () { button.setAttribute("aria-expanded", panelsShown() ? "true" : "false"); };
  state();
  button.addEventListener("click", function () {
    const next = panelsShown() ? "closed" : "open";
    root.setAttribute("data-alb-panels", next);
    try { window.localStorage.setItem("alb-panels", next); } catch (e) { /* storage disabled */ }
    state();
  });
  window.addEventListener("resize", state);
}
