/* The Siege of Albazin: progressive enhancements, one module per feature. Everything works without
   them: the critical text, both columns, and the apparatus as numbered notes below the text.
   Loaded as a module (mkdocs.yml), so it runs after the page is parsed, after the theme's bundle;
   overrides/main.html preloads every module this one imports. */
import { initCards } from "./cards.js";
import { initCite } from "./cite.js";
import { initControls, revealTarget } from "./controls.js";
import { initLanguageSwitch, restorePlace } from "./place.js";
import { initLists, showTarget } from "./lists.js";
import { initMarkers } from "./notes.js";
import { followMovedAnchor } from "./moved.js";
import { initPanels } from "./panels.js";

initLanguageSwitch();
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
