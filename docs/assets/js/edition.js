/* The Siege of Albazin: progressive enhancements. Everything works without this script. */
(function () {
  "use strict";

  // Keep the reader at the same place when switching language: anchors are identical in both.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !window.location.hash) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin) return;
    url.hash = window.location.hash;
    link.setAttribute("href", url.pathname + url.search + url.hash);
  });
})();
