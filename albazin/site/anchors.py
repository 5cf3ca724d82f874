"""The anchor registry: every published anchor (page + id, both languages) stays citable.

`anchors/published.tsv` (committed) lists each anchor the edition has published: its id and the
page that carries it in English and in Russian. The build fails if one of them disappears, unless
`anchors/aliases.tsv` declares where it went: the old id then keeps working and leads to the new
place (on the same page, an empty element with the old id inside the new target; on another page,
a "moved" note under the old id that links there, followed at once by docs/assets/js/edition/moved.js).

`albazin anchors --update` (`make anchors`) appends anchors published since; it never
removes a line (and puts back any line the git history registered). The registry sits beside the
corpus (`<corpus>/../anchors/`): a corpus that has never been published (a test copy, a benchmark
corpus) has none, and nothing is checked.

The registry only grows: every line that a commit ever added must still be in published.tsv
(albazin/site/anchorhistory.py reads the file's git history), and the file cannot be deleted: the
project's own registry is required, with or without git, and any registry with a git history is
required too. Without git (a tarball) deleted lines cannot be seen. Every cell is checked: ids
are single tokens that no generated id takes (albazin/model/htmlids.py), pages are site paths made of
safe segments (albazin/core/identifiers.py), so an alias cannot inject an id such as the theme's
"__drawer" into a page.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from albazin.core import identifiers
from albazin.model import htmlids
from albazin.render import redirects
from albazin.site import anchorhistory, pageregistry
from albazin.core.diagnostics import Diagnostic
from albazin.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, label
from albazin.model.model import Edition
from albazin.core.paths import DOCS_DIR, PROJECT_ROOT, display_path, tei_dir

REGISTRY_DIR = "anchors"
PUBLISHED_FILE = "published.tsv"
ALIASES_FILE = "aliases.tsv"
PUBLISHED_HEADER = (
    "# Published anchors of the edition: never delete a line. If an anchor must go, declare where it went\n"
    "# in aliases.tsv. Columns: id, page (English), page (Russian). New lines: `make anchors`.\n"
)
PROJECT_REGISTRY = PROJECT_ROOT / REGISTRY_DIR  # required: deleting it must not switch the check off
_ANCHOR_ID = re.compile(r"[^\W\d][\w.-]*")  # an xml:id (NCName) or a hand-written {#id}
_NO_GENERATED = htmlids.Generated(frozenset(), frozenset(), frozenset())


@dataclass(frozen=True, order=True)
class Anchor:
    page: str  # the English page's site path, e.g. "texts/a/"; "" is the home page
    id: str

    def page_in(self, lang: str) -> str:
        return page_in(self.page, lang)

    def __str__(self) -> str:
        return f"{self.page}#{self.id}"


@dataclass(frozen=True)
class Alias:
    old: Anchor
    new: Anchor
    line: int = 0


def page_in(english_page: str, lang: str) -> str:
    """The same page in another language (English at the root, other languages under /lang/)."""
    return english_page if lang == DEFAULT_LANGUAGE else f"{lang}/{english_page}"


def registry_dir(corpus: Path | None = None) -> Path:
    return (corpus or tei_dir()).parent / REGISTRY_DIR


def fingerprint(corpus: Path) -> tuple:
    """What the registry files are (size, time), for the corpus check's cache key."""
    out = []
    for name in (PUBLISHED_FILE, ALIASES_FILE):
        try:
            info = (registry_dir(corpus) / name).lstat()
        except OSError:
            out.append((name, None))
            continue
        out.append((name, info.st_mode, info.st_size, info.st_mtime_ns))
    return tuple(out)


def _page_problem(page: str) -> str | None:
    if page == "":
        return None
    if not page.endswith("/") or any(identifiers.segment_problem(s) for s in page[:-1].split("/")):
        return f'page "{identifiers.shown(page)}" is not a site path ("" or segments ending in "/": "texts/a/")'
    return None


def _id_problem(value: str, generated_too: bool = False) -> str | None:
    if not _ANCHOR_ID.fullmatch(value):
        return f'id "{identifiers.shown(value)}" is not an anchor id (an xml:id)'
    reason = htmlids.reserved(value, _NO_GENERATED) if generated_too else None
    return f'id "{value}" is reserved: {reason}' if reason else None


def _cells_problem(pairs: list[tuple[str, str]], generated_too: bool = False) -> str | None:
    for page, anchor_id in pairs:
        problem = _page_problem(page) or _id_problem(anchor_id, generated_too)
        if problem:
            return problem
    return None


# --- what the edition publishes ---------------------------------------------------------------

def published(edition: Edition, docs_dir: Path = DOCS_DIR) -> set[Anchor]:
    """Every anchor the current edition publishes (English paths; Russian pages carry the same ids):
    each page of albazin/site/pageregistry.py with the ids it says the page has."""
    return {Anchor(page, i) for page, ids in pageregistry.published_ids(edition, docs_dir) for i in ids}


# --- the committed files ------------------------------------------------------------------------

def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    if not path.exists():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def read_registry(directory: Path) -> tuple[dict[Anchor, int], list[Diagnostic]]:
    """Registered anchors with their line numbers."""
    path = directory / PUBLISHED_FILE
    found: dict[Anchor, int] = {}
    problems = []
    for number, cells in _rows(path):
        if len(cells) != len(LANGUAGES) + 1 or any(cells[i + 1] != page_in(cells[1], lang)
                                                   for i, lang in enumerate(LANGUAGES)):
            problems.append(Diagnostic.at(path, number, "anchor-registry",
                                          "expected: id, English page, Russian page (tab-separated, "
                                          f"the Russian page being ru/ + the English one), found {cells!r}"))
            continue
        problem = _cells_problem([(cells[1], cells[0])])
        if problem:
            problems.append(Diagnostic.at(path, number, "anchor-registry", problem))
            continue
        found.setdefault(Anchor(cells[1], cells[0]), number)
    return found, problems


def read_aliases(directory: Path) -> tuple[list[Alias], list[Diagnostic]]:
    path = directory / ALIASES_FILE
    aliases, problems = [], []
    for number, cells in _rows(path):
        if len(cells) < 4:
            problems.append(Diagnostic.at(path, number, "anchor-alias",
                                          "expected: old page, old id, new page, new id (tab-separated), "
                                          f"found {cells!r}"))
            continue
        # The old id becomes an element's id on its page: it may not take an id the site generates.
        problem = _cells_problem([(cells[0], cells[1])], generated_too=True) or _cells_problem([(cells[2], cells[3])])
        if problem:
            problems.append(Diagnostic.at(path, number, "anchor-alias", problem))
            continue
        aliases.append(Alias(Anchor(cells[0], cells[1]), Anchor(cells[2], cells[3]), number))
    return aliases, problems


def registry_text(anchors: Iterable[Anchor]) -> str:
    lines = ["\t".join([a.id, *(a.page_in(lang) for lang in LANGUAGES)]) for a in sorted(anchors)]
    return PUBLISHED_HEADER + "".join(f"{line}\n" for line in lines)


# --- the rule -------------------------------------------------------------------------------------

def check(edition: Edition, corpus: Path, docs_dir: Path = DOCS_DIR) -> list[Diagnostic]:
    """An anchor that was published and is gone, unless an alias says where it went."""
    directory = registry_dir(corpus)
    registry = directory / PUBLISHED_FILE
    history = anchorhistory.registered(directory.parent, f"{REGISTRY_DIR}/{PUBLISHED_FILE}")
    if not registry.exists():
        if history is None and directory.resolve() != PROJECT_REGISTRY:
            return []  # a corpus never published: nothing to protect
        found = (f"its git history registers {len(history)} anchors; `make anchors` or git restores it" if history
                 else "restore it")
        return [Diagnostic.at(registry, 0, "anchor-registry", f"the registry of published anchors is missing ({found}: "
                              "published anchors stay citable, and the registry only grows)")]
    registered, problems = read_registry(directory)
    problems += _deleted_lines(registered, history, registry, directory / ALIASES_FILE)
    aliases, alias_problems = read_aliases(directory)
    problems += alias_problems
    now = published(edition, docs_dir)
    pages_now = {a.page for a in now}
    aliases_path = directory / ALIASES_FILE
    aliased = {}
    for alias in aliases:
        if alias.new not in now:
            problems.append(Diagnostic.at(aliases_path, alias.line, "anchor-alias",
                                          f"alias {alias.old} leads to {alias.new}, "
                                          "which the edition does not publish"))
        elif alias.old in now:
            problems.append(Diagnostic.at(aliases_path, alias.line, "anchor-alias",
                                          f"alias {alias.old} names an anchor that still exists; remove the alias"))
        elif alias.old.page != alias.new.page and alias.old.page not in pages_now:
            problems.append(Diagnostic.at(aliases_path, alias.line, "anchor-alias",
                                          f"alias {alias.old}: its page no longer exists, so nothing can lead on "
                                          "from it (a static site cannot redirect a fragment of a missing page)"))
        else:
            aliased[alias.old] = alias
    page_moves, redirect_problems = redirects.read(directory)  # a moved page's ids, on its new page
    problems += redirect_problems
    moved = redirects.moved(page_moves)
    for anchor, number in sorted(registered.items(), key=lambda item: item[1]):
        if anchor not in now and anchor not in aliased and Anchor(moved.get(anchor.page, "-"), anchor.id) not in now:
            problems.append(Diagnostic.at(
                registry, number, "anchor-removed",
                f"published anchor {anchor.id} on {' and '.join(anchor.page_in(lang) or '/' for lang in LANGUAGES)} "
                f"no longer exists; restore the id or declare where it went in {display_path(aliases_path)}"))
    return problems


def _deleted_lines(registered: dict[Anchor, int], history: dict[tuple[str, str], str] | None, registry: Path,
                   aliases: Path) -> list[Diagnostic]:
    """Anchors a commit registered that the file no longer lists (the registry only grows)."""
    now = {(a.id, a.page) for a in registered}
    return [Diagnostic.at(registry, 0, "anchor-registry",
                          f"published anchor {anchor_id} on {page or '/'} (registered in commit {commit}) has been "
                          f"deleted from the registry; its lines are never removed (a moved anchor keeps its line and "
                          f"is declared in {display_path(aliases)}); `make anchors` puts it back")
            for (anchor_id, page), commit in sorted((history or {}).items()) if (anchor_id, page) not in now]


def aliases_for(aliases: list[Alias], english_page: str) -> tuple[list[Alias], list[Alias]]:
    """Aliases to render on a page: (old id → new id on this page, old id on this page → elsewhere)."""
    here = [a for a in aliases if a.new.page == english_page and a.old.page == english_page]
    moved = [a for a in aliases if a.old.page == english_page and a.new.page != english_page]
    return here, moved


def apply_aliases(fragment: str, here: list[Alias], moved: list[tuple[Alias, str]], lang: str) -> str:
    """Give a page fragment its old ids: inside the new target on this page, or as a note that
    links to the anchor's new page (`moved`: alias and the URL of its new place from this page)."""
    if not here and not moved:
        return fragment
    root = html.fragment_fromstring(fragment, create_parent="div")
    for alias in here:
        target = next(iter(root.xpath("//*[@id=$id]", id=alias.new.id)), None)
        if target is not None:
            marker = etree.Element("span", {"id": alias.old.id, "class": "alb-alias"})
            marker.tail, target.text = target.text, None
            target.insert(0, marker)
    for alias, href in moved:
        note = etree.SubElement(root, "p", {"id": alias.old.id, "class": "alb-moved"})
        note.text = label(lang, "anchor_moved", id=alias.old.id) + " "
        link = etree.SubElement(note, "a", {"href": href, "class": "alb-moved__link"})
        link.text = alias.new.id
    parts = [root.text or ""] + [etree.tostring(child, method="html", encoding="unicode") for child in root]
    return "".join(parts)


# --- `albazin anchors --update` ---------------------------------------------------------

def restore(directory: Path) -> int:
    """Put back every line the registry's git history has and the file lacks; the number put back."""
    history = anchorhistory.registered(directory.parent, f"{REGISTRY_DIR}/{PUBLISHED_FILE}") or {}
    registered, problems = read_registry(directory)
    restored = {Anchor(page, anchor_id) for anchor_id, page in history} - set(registered)
    if restored and not problems:
        directory.mkdir(exist_ok=True)
        (directory / PUBLISHED_FILE).write_text(registry_text(set(registered) | restored), encoding="utf-8")
    return len(restored) if not problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="append newly published anchors to the registry "
                                                              "(and put back lines its git history has)")
    args = parser.parse_args(argv)
    from albazin.site import sitecheck
    from albazin.core.diagnostics import TeiError

    directory = registry_dir()
    restored = restore(directory) if args.update else 0
    try:
        edition = sitecheck.load_edition()
    except TeiError as exc:
        print(exc, file=sys.stderr)
        return 1
    registered, problems = read_registry(directory)
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    now = published(edition)
    new = now - set(registered)
    if args.update:
        directory.mkdir(exist_ok=True)
        (directory / PUBLISHED_FILE).write_text(registry_text(set(registered) | now), encoding="utf-8")
        print(f"{len(new)} new anchor(s) registered, {restored} deleted line(s) put back from git; "
              f"{len(set(registered) | now)} in all.")
    else:
        print(f"{len(now)} anchors published, {len(registered)} registered, {len(new)} not yet registered.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
