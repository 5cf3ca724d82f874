// Small helpers the features share.

// The element the address's fragment names, or null.
export function hashTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  return (id && document.getElementById(id)) || null;
}

// The header's height: it is fixed at the top of the window (sticky), whatever the scroll.
export function headerBottom() {
  const header = document.querySelector(".md-header");
  return header ? header.offsetHeight : 0;
}

// An element of the page itself, not of a copy shown in a popup or dialog: the copies get no card,
// note or cite button of their own (the handlers are on the document).
export function inPage(node) {
  return node && !node.closest(".alb-popup, .alb-card-popup, .alb-cite") ? node : null;
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// "{name}" in a label's template replaced by values.name.
export function fill(template, values) {
  return Object.keys(values).reduce(function (text, key) {
    return text.split("{" + key + "}").join(values[key]);
  }, template);
}
