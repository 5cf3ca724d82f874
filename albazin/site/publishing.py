"""What the hooks add for publishing: the redirects, the About page's citation, and a release's manifest.

The manifest (`release.json` at the root of a release's folder) records what the version publishes:
its pages and anchors (both languages) and the old anchors its aliases keep alive. albazin/site/release.py
reads the manifests of the versions already published and refuses a new one that would leave any
of their addresses unresolved.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from albazin.core import buildinfo
from albazin.publish import citation
from albazin.render import redirects
from albazin.site import anchors
from albazin.core.i18n import LANGUAGES, label
from albazin.model.model import Edition
from albazin.site.release import MANIFEST, Context

# In a hand-written page (docs/about.*.md), replaced by the edition's citation at this build's address.
EDITION_CITATION = "<!-- alb:edition-citation -->"


def edition_citation(markdown: str, imp: citation.Imprint) -> str:
    if EDITION_CITATION not in markdown:
        return markdown
    text = citation.cite(imp, None, None, imp.url, "*" + label(imp.lang, "cite_date_placeholder") + "*")
    return markdown.replace(EDITION_CITATION, text)


def _pages(site_dir: Path) -> list[str]:
    """Site paths of the HTML pages ("texts/a/", "ru/", "" for the home page)."""
    found = []
    for path in site_dir.rglob("index.html"):
        relative = path.parent.relative_to(site_dir).as_posix()
        found.append("" if relative == "." else f"{relative}/")
    return sorted(found)


def write_redirects(site_dir: Path, site_url: str) -> list[str]:
    """The stubs of anchors/redirects.tsv, at each old address in both languages (every language's
    build is on disk by the time of its on_post_build; each call writes the same stubs)."""
    found, problems = redirects.read(anchors.registry_dir())
    errors = [str(p) for p in problems]
    for r in found:
        where = f"{redirects.REDIRECTS_FILE}:{r.line}"
        for lang in LANGUAGES:
            old = site_dir / redirects.page_in(r.old, lang) / "index.html"
            if old.exists() and not _is_stub(old):
                errors.append(f"error: {where}: /{redirects.page_in(r.old, lang)} is still a page of the site; "
                              "a redirect is for a page that moved [page-redirect]")
            if not (site_dir / redirects.page_in(r.new, lang) / "index.html").exists():
                errors.append(f"error: {where}: /{redirects.page_in(r.new, lang)} is not a page of the site "
                              "[page-redirect]")
    if errors:
        raise PluginError("\n".join(errors))
    return redirects.write(site_dir, found, site_url)


def _is_stub(path: Path) -> bool:
    return redirects.STUB_MARK in path.read_text(encoding="utf-8")[:1000]


def release_manifest(site_dir: Path, release: Context, edition: Edition, aliases: list[anchors.Alias],
                     moved: list[str]) -> None:
    published = anchors.published(edition)
    info = buildinfo.of(edition.version)
    data = {
        "version": release.version,
        "commit": info.commit,
        "date": info.date,
        "pages": _pages(site_dir),
        "anchors": sorted(f"{a.page_in(lang)}#{a.id}" for a in published for lang in LANGUAGES),
        "aliases": sorted(f"{a.old.page_in(lang)}#{a.old.id}" for a in aliases for lang in LANGUAGES),
        "redirects": moved,
    }
    (site_dir / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")
