// An anchor that moved to another page (anchors/aliases.tsv) leaves a note under its old id
// linking to the new place: follow it at once (without JavaScript the reader follows the link).
import { hashTarget } from "./dom.js";

export function followMovedAnchor() {
  const note = hashTarget();
  const link = note && note.classList.contains("alb-moved") && note.querySelector("a[href]");
  if (link) window.location.replace(link.href);
}
