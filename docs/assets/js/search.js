/* The Siege of Albazin: the search page (/search/, /ru/search/; see albazin/publish/search.py).

   Loads the Pagefind bundle served by the site itself. Pagefind picks the index of the page's
   <html lang>, so the English page searches English pages only and the Russian page Russian ones.
   Reads and writes ?q= (so a search can be bookmarked, and the language switch keeps it).

   Results are passages, not pages: every page found is cut at the elements with an id that Pagefind
   recorded (PASSAGE: a paragraph, an entry, an article, a section, a row), and each passage with a
   word found is one hit, linked to page#id, with its own excerpt. Hits are ordered by tier (the
   page's kind, see TIERS in albazin/publish/search.py: the texts first, the bibliography last), then by the
   sum of Pagefind's scores of the words found in the passage.
   The names' other forms that the index holds (⟦…⟧, see NAMES_ATTR in albazin/publish/search.py) never
   reach an excerpt: when a form matched, the name as the passage prints it is marked instead. */
(function () {
  "use strict";

  var root = document.querySelector(".alb-search[data-bundle]");
  if (!root) return;

  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 30; // visible words of an excerpt (Pagefind's default length)
  var LEAD_WORDS = 8; // words shown before the first word found
  var PASSAGE = /^(p|li|section|article|tr|figure|dt|dd|blockquote|aside|h[2-6])$/;
  var HEADING = /^h[2-6]$/;
  var OPEN = "\u27e6", CLOSE = "\u27e7";
  var CLOSING = /^[.,;:!?)\]»”’°]+$/;

  var labels = JSON.parse(root.getAttribute("data-labels"));
  var tiers = JSON.parse(root.getAttribute("data-tiers"));
  var input = root.querySelector("input[name=q]");
  var form = root.querySelector("form");
  var status = root.querySelector(".alb-search__status");
  var list = root.querySelector(".alb-search__results");
  var more = root.querySelector(".alb-search__more");
  var lang = document.documentElement.lang || "en";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var bundle = null;
  var current = { seq: 0, hits: [], shown: 0 };

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
        return Promise.resolve(pagefind.options({ baseUrl: base })).then(function () { return pagefind; });
      });
    }
    return bundle;
  }

  // --- the query ---------------------------------------------------------------------------------------
  // Pagefind 1.5 strips diacritics from the query and from the indexed words before stemming, so «й»
  // becomes «и»; the Russian stemmer then no longer knows the endings -ой and -ый («осадой» → «осадои»
  // → «осадо»), and the stem no longer is a prefix of the other forms' stems («осад»). The ending is
  // taken off here, as the Snowball stemmer would take it (only after the word's first vowel), and
  // Pagefind's prefix search finds every form of the stem. The other endings with «й» (-ей, -ий, -ай)
  // still end in a vowel the stemmer removes once folded.
  var RU_VOWEL = /[аеёиоуыэюя]/;
  function russianQuery(query) {
    return query.split(/(\s+)/).map(function (word) {
      var lower = word.toLocaleLowerCase("ru");
      var m = /^(.*?[а-яё])(ой|ый)([^а-яё]*)$/.exec(lower);
      if (!m) return word;
      var first = lower.search(RU_VOWEL);
      var stemLength = m[1].length;
      // the ending must lie in the stemmer's region after the first vowel; keep at least three letters
      if (first < 0 || first + 1 > stemLength || stemLength < 3) return word;
      return word.slice(0, stemLength) + word.slice(stemLength + 2);
    }).join("");
  }

  function forPagefind(query) {
    return lang === "ru" ? russianQuery(query) : query;
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

  // --- a page's words: visible, or one of the name forms ---------------------------------------------
  // Pagefind's word locations count the words of `content` split at white space (as its own excerpts do).
  function pageWords(content) {
    var words = content.split(/[\r\n\s]+/g);
    var inside = false, group = -1;
    return words.map(function (word) {
      var shown = "", form = false;
      word.split(/([\u27e6\u27e7])/).forEach(function (part) {
        if (part === OPEN) { inside = true; group += 1; form = true; }
        else if (part === CLOSE) { inside = false; form = true; }
        else if (inside) { if (part) form = true; }
        else shown += part;
      });
      return { text: shown, form: form || inside, group: form || inside ? group : -1, raw: word };
    });
  }

  function prefix(word) {
    return word.replace(/[^\p{L}\p{N}]/gu, "").toLocaleLowerCase().slice(0, 4);
  }

  // The visible words to mark for a word found at `at`: itself, or, for a name form, the name the
  // passage prints after the forms (the next words that begin like one of the forms: «Афанасия
  // Байтона»; failing those, the first word after the forms).
  function markedWords(words, at, end) {
    if (!words[at].form) return words[at].text ? [at] : [];
    var group = words[at].group, forms = [], i = at;
    while (i > 0 && words[i - 1].group === group) i -= 1;
    for (; i < words.length && words[i].group === group; i++) {
      words[i].raw.split(/[\u27e6\u27e7]/).forEach(function (part) { if (prefix(part)) forms.push(prefix(part)); });
    }
    var firstShown = -1, name = [];
    for (var seen = 0; i < end && seen < 4; i++) {
      if (!words[i].text) continue;
      if (firstShown < 0) firstShown = i;
      if (forms.indexOf(prefix(words[i].text)) >= 0) name.push(i);
      else if (name.length) break;
      seen += 1;
    }
    return name.length ? name : firstShown >= 0 ? [firstShown] : [];
  }

  // --- passages ----------------------------------------------------------------------------------------
  function tierOf(data, anchor) {
    var kind = (data.meta && data.meta.kind) || "page";
    if (kind === "text" && !(anchor && anchor.element === "p")) return tiers.textMatter;
    return kind in tiers.kinds ? tiers.kinds[kind] : tiers.other;
  }

  function passagesOf(data, order) {
    var anchors = (data.anchors || []).filter(function (a) { return PASSAGE.test(a.element) && a.id; })
      .sort(function (a, b) { return a.location - b.location; });
    var headings = (data.anchors || []).filter(function (a) { return HEADING.test(a.element) && a.text; });
    var found = {};
    (data.weighted_locations || []).forEach(function (w) {
      var at = -1; // the last passage that begins at or before the word (the innermost of those at one place)
      for (var i = 0; i < anchors.length && anchors[i].location <= w.location; i++) at = i;
      var key = String(at);
      if (!found[key]) found[key] = { index: at, score: 0, locations: [] };
      found[key].score += w.balanced_score;
      found[key].locations.push(w.location);
    });
    var words = null;
    return Object.keys(found).map(function (key) {
      var p = found[key];
      var anchor = p.index >= 0 ? anchors[p.index] : null;
      var start = anchor ? anchor.location : 0;
      var next = anchors.filter(function (a) { return a.location > start; })[0];
      words = words || pageWords(data.content || "");
      var heading = null;
      headings.forEach(function (h) { if (h.location <= start) heading = h; });
      return {
        url: data.url + (anchor ? "#" + encodeURIComponent(anchor.id) : ""),
        id: anchor ? anchor.id : "",
        title: (data.meta && data.meta.title) || data.url,
        section: heading ? heading.text : "",
        tier: tierOf(data, anchor),
        score: p.score,
        order: order,
        words: words,
        start: start,
        end: next ? next.location : words.length,
        locations: p.locations
      };
    });
  }

  function ranked(datas) {
    var all = [];
    datas.forEach(function (data, i) { all = all.concat(passagesOf(data, i)); });
    return all.sort(function (a, b) {
      return a.tier - b.tier || b.score - a.score || a.order - b.order || a.start - b.start;
    });
  }

  // --- excerpt -----------------------------------------------------------------------------------------
  function excerpt(passage) {
    var words = passage.words, end = passage.end;
    var marked = {};
    passage.locations.forEach(function (at) {
      if (at >= words.length) return;
      markedWords(words, at, end).forEach(function (shown) { marked[shown] = true; });
    });
    var visible = [];
    for (var i = passage.start; i < end; i++) if (words[i].text) visible.push(i);
    var firstMark = visible.findIndex(function (i) { return marked[i]; });
    var from = Math.max(0, Math.min(firstMark - LEAD_WORDS, visible.length - EXCERPT_WORDS));
    var shown = visible.slice(from, from + EXCERPT_WORDS);

    var out = document.createElement("p");
    out.className = "alb-hit__excerpt";
    if (from > 0) out.appendChild(document.createTextNode("… "));
    shown.forEach(function (at, n) {
      // Pagefind leaves a space where an element ended before a punctuation mark («Байтона ,»)
      if (n && !CLOSING.test(words[at].text)) out.appendChild(document.createTextNode(" "));
      if (marked[at]) {
        var mark = document.createElement("mark");
        mark.textContent = words[at].text;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(words[at].text));
      }
    });
    if (from + EXCERPT_WORDS < visible.length) out.appendChild(document.createTextNode(" …"));
    out.normalize();
    return out;
  }

  // --- results ---------------------------------------------------------------------------------------
  function hit(passage) {
    var item = document.createElement("li");
    item.className = "alb-hit";
    var title = document.createElement("h2"); // screen readers can move from hit to hit by heading
    title.className = "alb-hit__title";
    var link = document.createElement("a");
    link.href = passage.url;
    link.textContent = passage.title;
    title.appendChild(link);
    item.appendChild(title);
    if (passage.id) {
      var where = document.createElement("p");
      where.className = "alb-hit__where";
      if (passage.section && passage.section !== passage.title) {
        where.appendChild(document.createTextNode(passage.section + " · "));
      }
      var id = document.createElement("code");
      id.textContent = "#" + passage.id;
      where.appendChild(id);
      item.appendChild(where);
    }
    item.appendChild(excerpt(passage));
    return item;
  }

  function showMore() {
    var batch = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
    var first = null;
    batch.forEach(function (passage) {
      var item = hit(passage);
      first = first || item;
      list.appendChild(item);
    });
    current.shown += batch.length;
    more.hidden = current.shown >= current.hits.length;
    return first;
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
      return pagefind.search(forPagefind(query));
    }).then(function (search) {
      if (seq !== current.seq || !search) return;
      // The edition has a few dozen pages: every page found is read, so that passages rank across pages.
      return Promise.all(search.results.map(function (r) { return r.data(); }));
    }).then(function (datas) {
      if (seq !== current.seq || !datas) return;
      current.hits = ranked(datas);
      current.shown = 0;
      showMore();
      var n = current.hits.length;
      status.textContent = n ? countLabel(n, query) : format("none", { query: query });
      root.setAttribute("data-searched", query);
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
    var first = showMore();
    var link = first && first.querySelector("a");
    if (link) link.focus();
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) run(initial);
  else input.focus();
})();
