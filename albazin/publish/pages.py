"""The Markdown stubs that carry generated pages through MkDocs and mkdocs-static-i18n, and the
pages' addresses. Which pages there are is albazin/site/pageregistry.py's list (the stubs are made there).

mkdocs-static-i18n needs real files with a language suffix (pages made in memory crash it), so
the build writes one small stub per page and language under docs/ (gitignored). A stub holds only
front matter; the hooks render the page body from the model. Files are written only when their
content changes, so `mkdocs serve` does not loop on its own output.

A stub's `title` is HTML-escaped: the theme prints page titles unescaped (<title>, <h1>, header,
navigation), so a text's title from the TEI ("</title><script>…") must reach it as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape

from albazin.core import identifiers
from albazin.core.i18n import DEFAULT_LANGUAGE

PAGE_TEXT = "text"
PAGE_INDEX = "index"
PAGE_CONCORDANCE = "concordance"
CONCORDANCE_URI = "concordance/index.md"
PAGE_COMMENTARY = "commentary"
COMMENTARY_URI = "commentary/index.md"
PAGE_BIBLIOGRAPHY = "bibliography"
BIBLIOGRAPHY_URI = "bibliography/index.md"
PAGE_DOWNLOADS = "downloads"
DOWNLOADS_URI = "downloads/index.md"
PAGE_SEARCH = "search"
SEARCH_URI = "search/index.md"
PAGE_GLOSSARY = "glossary"
GLOSSARY_URI = "glossary/index.md"
PAGE_INTRODUCTION = "introduction"
INTRODUCTION_URI = "introduction/index.md"
PAGE_CHANGES = "changes"
CHANGES_URI = "changes/index.md"
PAGE_HOME = "home"  # the hand-written pages (docs/<name>.<lang>.md)
HOME_URI = "index.md"
PAGE_ABOUT = "about"
ABOUT_URI = "about.md"
GENERATED_MARKER = "alb_generated"
INDEX_SLUGS = {"person": "persons", "org": "groups", "place": "places"}


@dataclass(frozen=True)
class PageStub:
    src_uri: str  # e.g. "texts/a.en.md"
    meta: dict

    def content(self) -> str:
        meta = {**self.meta, "title": str(escape(self.meta["title"]))} if "title" in self.meta else self.meta
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        return f"---\n{front}---\n"


def text_page_uri(slug: str) -> str:
    """Language-neutral URI of a text page, as used in nav and links."""
    return f"texts/{slug}.md"


def index_page_uri(kind: str) -> str:
    return f"index/{INDEX_SLUGS[kind]}.md"


def site_path(uri: str, lang: str) -> str:
    """Site-relative URL of a page (English at the root, other languages under /lang/)."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    path = uri.removesuffix(".md")
    return prefix + (path.removesuffix("index") if path.endswith("/index") or path == "index" else path + "/")


@dataclass(frozen=True)
class StubChanges:
    """What writing the stubs would change in docs/."""
    to_write: dict[Path, str]
    stale: list[Path]

    def __bool__(self) -> bool:
        return bool(self.to_write or self.stale)


def stub_changes(docs_dir: Path, generated_dirs: tuple[str, ...], pages: list[PageStub]) -> StubChanges:
    wanted = {identifiers.safe_relative(docs_dir, p.src_uri): p.content() for p in pages}  # never outside docs/
    to_write = {path: content for path, content in wanted.items()
                if not path.exists() or path.read_text(encoding="utf-8") != content}
    stale = [path for sub in generated_dirs for path in sorted((docs_dir / sub).rglob("*.md")) if path not in wanted]
    return StubChanges(to_write, stale)


def write_stubs(docs_dir: Path, generated_dirs: tuple[str, ...], pages: list[PageStub],
                changes: StubChanges | None = None) -> int:
    """Write changed stubs and delete stale generated files; return the number written."""
    changes = changes if changes is not None else stub_changes(docs_dir, generated_dirs, pages)
    for path, content in changes.to_write.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    for path in changes.stale:
        path.unlink()
    return len(changes.to_write)
