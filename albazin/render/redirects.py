"""Redirects for pages that moved: `anchors/redirects.tsv` (old page, new page; English site paths,
the Russian pages follow under ru/). A URL published by any release keeps resolving in later ones:
the build writes, at each old address in both languages, a small page that sends the reader on to
the new one (a meta refresh, so without JavaScript too; with it, the #fragment is carried along, so a
cited anchor lands on its unit). An anchor of a moved page counts as published when the new page has
it (albazin/site/anchors.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from albazin.core import safeio
from albazin.core.diagnostics import Diagnostic
from albazin.core.i18n import LANGUAGES, label
from albazin.render.render import h

REDIRECTS_FILE = "redirects.tsv"
STUB_MARK = 'name="alb-redirect"'  # marks a stub, so that a later build of the same site may rewrite it
# A site path as the anchor registry writes it: lower-case segments, each ending in "/" (not "" itself).
_PAGE = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")


@dataclass(frozen=True)
class Redirect:
    old: str  # English page path, e.g. "texts/a/"
    new: str
    line: int = 0


def read(directory: Path) -> tuple[list[Redirect], list[Diagnostic]]:
    path = directory / REDIRECTS_FILE
    found, problems = [], []
    if not path.exists():
        return found, problems
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not all(_PAGE.fullmatch(c) for c in cells) or cells[0] == cells[1]:
            problems.append(Diagnostic.at(path, number, "page-redirect",
                                          "expected: old page, new page (tab-separated English site paths such "
                                          f'as "texts/a/", different), found {cells!r}'))
            continue
        found.append(Redirect(cells[0], cells[1], number))
    return found, problems


def moved(redirects: list[Redirect]) -> dict[str, str]:
    return {r.old: r.new for r in redirects}


def page_in(english: str, lang: str) -> str:
    return english if lang == LANGUAGES[0] else f"{lang}/{english}"


def stub(old: str, new: str, site_url: str, lang: str) -> str:
    """The page left at an old address: leads on to the new one, with the fragment."""
    up = "../" * old.count("/")
    href = f"{up}{new}"
    doc = h("html", {"lang": lang},
            h("head", None, h("meta", {"charset": "utf-8"}), h("title", None, label(lang, "redirect_title")),
              h("meta", {"name": "robots", "content": "noindex"}), h("meta", {"name": "alb-redirect", "content": new}),
              h("link", {"rel": "canonical", "href": site_url + new}),
              h("meta", {"http-equiv": "refresh", "content": f"0; url={href}"}),
              h("script", None, f"location.replace({_js_string(href)} + location.hash)")),
            h("body", None, h("p", None, label(lang, "redirect_text"), " ", h("a", {"href": href}, site_url + new))))
    return "<!DOCTYPE html>\n" + etree.tostring(doc, method="html", encoding="unicode") + "\n"


def _js_string(value: str) -> str:
    import json

    return json.dumps(value).replace("<", "\\u003c")


def write(site_dir: Path, redirects: list[Redirect], site_url: str) -> list[str]:
    """Write the stubs; return the old addresses, both languages."""
    written = []
    for r in redirects:
        for lang in LANGUAGES:
            old, new = page_in(r.old, lang), page_in(r.new, lang)
            safeio.write_if_changed(site_dir / old / "index.html", stub(old, new, site_url, lang).encode("utf-8"))
            written.append(old)
    return sorted(written)
