"""The search page (/search/, /ru/search/): a form that reads `?q=`, and the place where
docs/assets/js/search.js lists the hits from the Pagefind index of the page's language.

Without JavaScript the form is hidden (docs/assets/css/search.css) and the page says so, with links
to the texts and the index, which hold everything the search would find.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from albazin.core.i18n import INDEX_TITLES, N_, label, plural_templates, template
from albazin.model.model import Edition, Lang
from albazin.publish.search import OTHER_TIER, TEXT_MATTER_TIER, TIERS
from albazin.render.render import h, serialize

INPUT_ID = "alb-search-input"
# Labels search.js needs, handed over in one data attribute, under these names; the count in the
# form of each plural category search.js's Intl.PluralRules may give (English few = many = other).
SCRIPT_LABELS = {"loading": N_("search_loading"), "error": N_("search_error"), "none": N_("search_none")}
SCRIPT_PLURALS = {"count": N_("search_count")}
SCRIPT_TAGS = ("one", "few", "many", "other")


@dataclass(frozen=True)
class SearchLinks:
    bundle: str  # URL of the Pagefind bundle's pagefind.js, from this page
    root: str  # URL of the site root, from this page (Pagefind's result URLs are root-relative)
    text_page: Callable[[str], str]  # URL of a text's page by siglum
    index_page: Callable[[str], str]  # URL of an index page by entity kind


def script_tiers() -> dict[str, object]:
    """The passage order search.js applies (see TIERS in albazin/publish/search.py)."""
    return {"kinds": TIERS, "textMatter": TEXT_MATTER_TIER, "other": OTHER_TIER}


def script_labels(lang: Lang) -> dict[str, str]:
    out = {name: template(lang, key) for name, key in SCRIPT_LABELS.items()}
    for name, key in SCRIPT_PLURALS.items():
        forms = plural_templates(lang, key)
        out.update({f"{name}_{tag}": forms[tag] for tag in SCRIPT_TAGS})
    out["more"] = template(lang, "search_more")
    return out


def _without_js(edition: Edition, lang: Lang, links: SearchLinks) -> etree._Element:
    items = [h("li", None, h("a", {"href": links.text_page(t.siglum)}, t.title.get(lang))) for t in edition.texts]
    items += [h("li", None, h("a", {"href": links.index_page(kind)}, label(lang, INDEX_TITLES[kind])))
              for kind in ("person", "org", "place")]
    return h("div", {"class": "alb-search__nojs"}, h("p", None, label(lang, "search_nojs")), h("ul", None, *items))


def search_page(edition: Edition, lang: Lang, links: SearchLinks) -> str:
    form = h("form", {"class": "alb-search__form", "role": "search", "method": "get"},
             h("label", {"for": INPUT_ID}, label(lang, "search_label")),
             h("span", {"class": "alb-search__row"},
               h("input", {"type": "search", "id": INPUT_ID, "name": "q", "autocomplete": "off",
                           "spellcheck": "false"}),
               h("button", {"type": "submit", "class": "md-button md-button--primary"}, label(lang, "search_submit"))))
    page = h("div", {"class": "alb-search", "data-bundle": links.bundle, "data-root": links.root,
                     "data-labels": json.dumps(script_labels(lang), ensure_ascii=False),
                     "data-tiers": json.dumps(script_tiers(), sort_keys=True)},
             h("p", {"class": "alb-search__intro"}, label(lang, "search_intro")),
             _without_js(edition, lang, links),
             form,
             h("p", {"class": "alb-search__status", "role": "status", "aria-live": "polite"}),
             h("ol", {"class": "alb-search__results"}),
             h("button", {"type": "button", "class": "alb-search__more md-button", "hidden": "hidden"},
               label(lang, "search_more")))
    return serialize(page)
