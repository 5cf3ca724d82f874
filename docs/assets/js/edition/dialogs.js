// What the dialogs share (apparatus and commentary popups, name cards, the cite dialog).

export function closeButton(label, onClick) {
  const close = document.createElement("button");
  close.type = "button";
  close.className = "alb-popup__close";
  close.setAttribute("aria-label", label);
  close.textContent = "×";
  close.addEventListener("click", onClick);
  return close;
}

// A box below the element that opened it, inside the window.
export function place(box, anchor) {
  const rect = anchor.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const left = Math.min(rect.left, width - box.offsetWidth - 8);
  box.style.left = window.scrollX + Math.max(8, left) + "px";
  box.style.top = window.scrollY + rect.bottom + 6 + "px";
}

// Escape closes an open dialog and returns focus to its opener; a click or focus elsewhere closes it.
// open() gives the dialog and its opener, or null. composedPath, not contains(): a click may have
// replaced the dialog's content (a figure's citation).
export function dismissible(open, openerSelector, close) {
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open()) { event.preventDefault(); close(true); }
  });
  document.addEventListener("click", function (event) {
    const current = open();
    if (current && event.composedPath().indexOf(current.box) < 0 && !event.target.closest(openerSelector)) {
      close(false);
    }
  });
  document.addEventListener("focusin", function (event) {
    const current = open();
    if (current && !current.box.contains(event.target) && event.target !== current.opener) close(false);
  });
}
