/* The Siege of Albazin: the search page (/search/, /ru/search/; see scripts/search.py).

   Loads the Pagefind bundle served by the site itself. Pagefind picks the index of the page's
   <html lang>, so the English page searches English pages only and the Russian page Russian ones.
   Reads and writes ?q= (so a search can be bookmarked, and the language switch keeps it), and lists
   each page found with a link to the paragraph or entry where the words are, and an excerpt.
   The names' other forms that the index holds (⟦…⟧, see NAMES_ATTR in scripts/search.py) are taken
   out of the excerpts; a form that matched is shown in brackets before the name. */
(function () {
  "use strict";

  var root = document.querySelector(".alb-search[data-bundle]");
  if (!root) return;

  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 30; // Pagefind's excerpt length (its default)
  var BLOCKS = /^(p|li|section|h[1-6]|figure|tr|dt|dd|blockquote|table)$/;
  var OPEN = "\u27e6", CLOSE = "\u27e7";

  var labels = JSON.parse(root.getAttribute("data-labels"));
  var input = root.querySelector("input[name=q]");
  var form = root.querySelector("form");
  var status = root.querySelector(".alb-search__status");
  var list = root.querySelector(".alb-search__results");
  var more = root.querySelector(".alb-search__more");
  var lang = document.documentElement.lang || "en";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var bundle = null;
  var current = { seq: 0, results: [], shown: 0 };

  function format(key, values) {
    return labels[key].replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function countLabel(n, query) {
    var key = "count_" + (plural ? plural.select(n) : (n === 1 ? "one" : "other"));
    return format(labels[key] ? key : "count_other", { n: n, query: query });
  }

  function load() {
    if (!bundle) {
      var url = new URL(root.getAttribute("data-bundle"), window.location.href).href;
      var base = new URL(root.getAttribute("data-root"), window.location.href).pathname;
      bundle = import(url).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: base, excerptLength: EXCERPT_WORDS }))
          .then(function () { return pagefind; });
      });
    }
    return bundle;
  }

  // --- the query in the address bar and in the language switch ---------------------------------
  function withQuery(href, query) {
    var url = new URL(href, window.location.href);
    url.search = query ? "?q=" + encodeURIComponent(query) : "";
    return url.pathname + url.search + url.hash;
  }

  function remember(query) {
    window.history.replaceState(null, "", withQuery(window.location.href, query));
    document.querySelectorAll("a[hreflang]").forEach(function (link) {
      link.setAttribute("href", withQuery(link.getAttribute("href"), query));
    });
  }

  // --- where on the page the words are ---------------------------------------------------------------
  // Where Pagefind's excerpt starts: the window of EXCERPT_WORDS words with the highest score
  // (Pagefind's own calculation, so that the link leads to the passage the excerpt quotes).
  function excerptStart(weighted) {
    var words = [];
    weighted.forEach(function (w) { words[w.location] = (words[w.location] || 0) + w.balanced_score; });
    if (words.length <= EXCERPT_WORDS) return 0;
    var sum = 0, i;
    for (i = 0; i < EXCERPT_WORDS; i++) sum += words[i] || 0;
    var best = sum, at = [0];
    for (i = 0; i < words.length; i++) {
      sum += (words[i + EXCERPT_WORDS] || 0) - (words[i] || 0);
      if (sum > best) { best = sum; at = [i]; }
      else if (sum === best && at[at.length - 1] === i - 1) at.push(i);
    }
    return at[Math.floor(at.length / 2)];
  }

  // The paragraph, entry or section (an element with an id) that holds the first word found in the
  // excerpt; none for the page's title (the link then opens the page at its top).
  function anchorFor(data) {
    var locations = (data.locations || []).slice().sort(function (a, b) { return a - b; });
    if (!locations.length) return null;
    var start = excerptStart(data.weighted_locations || []);
    var first = locations.filter(function (l) { return l >= start; })[0];
    if (first === undefined) first = locations[0];
    var found = null;
    (data.anchors || []).forEach(function (anchor) {
      if (anchor.location <= first && BLOCKS.test(anchor.element) && (!found || anchor.location >= found.location)) {
        found = anchor;
      }
    });
    return found && found.element !== "h1" ? found.id : null;
  }

  // --- excerpt: Pagefind's, with the name forms taken out -----------------------------------------
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var out = document.createElement("p");
    out.className = "alb-hit__excerpt";
    var text = parsed.textContent;
    var inside = text.indexOf(CLOSE) >= 0 && (text.indexOf(OPEN) < 0 || text.indexOf(CLOSE) < text.indexOf(OPEN));
    var forms = [];

    function emit(value, marked) {
      if (!value) return;
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = value;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(value));
      }
    }

    function emitForms() {
      if (!forms.length) return;
      var span = document.createElement("span");
      span.className = "alb-hit__form";
      span.appendChild(document.createTextNode("("));
      forms.forEach(function (form, i) {
        if (i) span.appendChild(document.createTextNode(", "));
        var mark = document.createElement("mark");
        mark.textContent = form;
        span.appendChild(mark);
      });
      span.appendChild(document.createTextNode(") "));
      out.appendChild(span);
      forms = [];
    }

    Array.prototype.forEach.call(parsed.childNodes, function (node) {
      var marked = node.nodeName === "MARK";
      node.textContent.split(/([\u27e6\u27e7])/).forEach(function (part) {
        if (part === OPEN) { inside = true; forms = []; }
        else if (part === CLOSE) { inside = false; emitForms(); }
        else if (inside) { if (marked && part.trim()) forms.push(part.trim()); }
        else emit(part, marked);
      });
    });
    if (inside) emitForms();
    out.normalize();
    out.childNodes.forEach(function (node) {
      if (node.nodeType === 3) node.nodeValue = node.nodeValue.replace(/\s+/g, " ");
    });
    return out;
  }

  // --- results ---------------------------------------------------------------------------------------
  function hit(data) {
    var item = document.createElement("li");
    item.className = "alb-hit";
    var title = document.createElement("h2"); // screen readers can move from hit to hit by heading
    title.className = "alb-hit__title";
    var link = document.createElement("a");
    var anchor = anchorFor(data);
    link.href = data.url + (anchor ? "#" + encodeURIComponent(anchor) : "");
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(excerpt(data.excerpt || ""));
    return item;
  }

  function showMore(seq) {
    var batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (seq !== current.seq) return;
      var first = null;
      datas.forEach(function (data) {
        var item = hit(data);
        first = first || item;
        list.appendChild(item);
      });
      current.shown += batch.length;
      more.hidden = current.shown >= current.results.length;
      return first;
    });
  }

  function run(query) {
    var seq = ++current.seq;
    query = query.trim();
    remember(query);
    list.textContent = "";
    more.hidden = true;
    if (!query) { status.textContent = ""; return; }
    status.textContent = labels.loading;
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      if (seq !== current.seq || !search) return;
      current.results = search.results;
      current.shown = 0;
      return showMore(seq).then(function () {
        if (seq !== current.seq) return;
        var n = current.results.length;
        status.textContent = n ? countLabel(n, query) : format("none", { query: query });
        root.setAttribute("data-searched", query);
      });
    }).catch(function () {
      if (seq === current.seq) status.textContent = labels.error;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener("click", function () {
    showMore(current.seq).then(function (first) {
      var link = first && first.querySelector("a");
      if (link) link.focus();
    });
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) run(initial);
  else input.focus();
})();
