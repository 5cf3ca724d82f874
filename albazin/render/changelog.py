"""The changelog: what changed in each version, from the TEI revision history (`revisionDesc`).

The versions are those of the edition header (tei/edition.xml): each `<change n="X">` there is the
entry of version X, dated by its @when. A change in any other file belongs to the version its @n
names; one without @n (as changes are recorded between releases) to the first version dated on or
after it, or, when it is newer than every version, to the changes not yet released (which the next
release, the build's own version, will carry). Rendered as the "Changes and versions" page in both
languages, with the list of published versions (albazin/site/release.py) where the build is a release.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from albazin.core.i18n import label
from albazin.load import teiload
from albazin.model.model import Lang
from albazin.model.readings import normalise_whitespace
from albazin.publish.citation import format_date
from albazin.render.render import TocEntry, h, serialize

EDITION_FILE = "edition.xml"


@dataclass(frozen=True)
class Change:
    file: str  # e.g. "A.xml"
    when: str  # ISO date
    version: str | None  # @n
    text: dict[str, str]  # language → description; "" when the change has no xml:lang paragraphs


@dataclass(frozen=True)
class Version:
    version: str | None  # None: not yet released
    when: str
    edition: tuple[Change, ...]
    files: tuple[Change, ...]


def _texts(change: etree._Element) -> dict[str, str]:
    paragraphs = change.findall(teiload.tei("p"))
    by_lang = {p.get(f"{{{teiload.XML_NS}}}lang", ""): normalise_whitespace("".join(p.itertext())).strip()
               for p in paragraphs}
    return by_lang or {"": normalise_whitespace("".join(change.itertext())).strip()}


def changes_in(path: Path, root: etree._Element) -> list[Change]:
    found = []
    for change in root.iter(teiload.tei("change")):
        found.append(Change(path.name, change.get("when", ""), change.get("n"), _texts(change)))
    return found


_read_cache: dict[tuple, list[Change]] = {}


def read(tei_dir: Path) -> list[Change]:
    """Every <change> of the corpus (files that fail to load are the validator's business); parsed
    again only when a file changed (both languages' pages, and every `mkdocs serve` rebuild, ask)."""
    paths = teiload.corpus_files(tei_dir)
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if key not in _read_cache:
        out: list[Change] = []
        for path in paths:
            loaded, _ = teiload.load(path)
            if loaded is not None:
                out += changes_in(path, loaded.root)
        _read_cache.clear()
        _read_cache[key] = out
    return list(_read_cache[key])


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in version.split("."))


def history(changes: list[Change], current_version: str) -> list[Version]:
    """The versions, newest first, each with its changes; unreleased changes first if there are any."""
    edition = [c for c in changes if c.file == EDITION_FILE and c.version]
    dated = sorted({c.version: c.when for c in edition}.items(), key=lambda item: _version_key(item[0]))
    versions = [v for v, _ in dated]

    def version_of(change: Change) -> str | None:
        if change.version:
            return change.version
        return next((v for v, when in dated if when >= change.when), None)

    out = []
    unreleased = [c for c in changes if c.file != EDITION_FILE and version_of(c) is None]
    unreleased += [c for c in changes if c.file == EDITION_FILE and not c.version]
    if unreleased:
        out.append(Version(None if current_version in versions else current_version, "", tuple(
            c for c in unreleased if c.file == EDITION_FILE), tuple(c for c in unreleased if c.file != EDITION_FILE)))
    for version, when in reversed(dated):
        out.append(Version(version, when,
                           tuple(c for c in edition if c.version == version),
                           tuple(sorted((c for c in changes if c.file != EDITION_FILE and version_of(c) == version),
                                        key=lambda c: c.file))))
    return out


def _description(change: Change, lang: Lang) -> etree._Element:
    if lang in change.text:
        return h("span", None, change.text[lang])
    text = change.text.get("en") or change.text.get("") or next(iter(change.text.values()), "")
    return h("span", {"lang": "en"}, text)  # the TEI records its history in English


@dataclass(frozen=True)
class Published:
    """The versions published so far (a release build), and the link to each from this page."""
    versions: tuple[str, ...]
    href: Callable[[str], str]  # version → URL of its home page in this language
    latest: str  # URL of the latest version's home page
    latest_address: str  # its public address, as the reader is told it


def page(history_: list[Version], current_version: str, lang: Lang,
         published: Published | None) -> tuple[str, list[TocEntry]]:
    root = h("div", {"class": "alb-changes"}, h("p", None, label(lang, "changes_intro")))
    toc = [TocEntry("versions", label(lang, "versions"), 2)]
    root.append(_versions(current_version, lang, published))
    for version in history_:
        anchor = f"v{version.version}" if version.version else "unreleased"
        title = label(lang, "changes_version", version=version.version) if version.version \
            else label(lang, "changes_unreleased")
        if version.version == current_version:
            title += " (" + label(lang, "changes_this") + ")"
        section = h("section", {"class": "alb-changes__version"}, h("h2", {"id": anchor}, title))
        if version.when:
            section.append(h("p", {"class": "alb-changes__date"},
                             label(lang, "changes_date", date=format_date(version.when, lang))))
        items = h("ul", None)
        for change in version.edition:
            items.append(h("li", None, h("strong", None, label(lang, "changes_edition"), ": "),
                           _description(change, lang)))
        for change in version.files:
            items.append(h("li", None, h("code", None, change.file), ": ", _description(change, lang)))
        section.append(items if len(items) else h("p", None, label(lang, "changes_none")))
        root.append(section)
        toc.append(TocEntry(anchor, title, 2))
    return serialize(root), toc


def _versions(current_version: str, lang: Lang, published: Published | None) -> etree._Element:
    """The version switcher that needs no script: every published version, as links."""
    section = h("section", {"class": "alb-versions", "aria-labelledby": "versions"},
                h("h2", {"id": "versions"}, label(lang, "versions")))
    if published is None:
        section.append(h("p", None, label(lang, "versions_none")))
        return section
    section.append(h("p", None, label(lang, "versions_intro", latest=published.latest_address)))
    items = h("ul", {"class": "alb-versions__list"})
    for version in sorted(published.versions, key=_version_key, reverse=True):
        if version == current_version:
            items.append(h("li", None, h("a", {"href": published.href(version), "aria-current": "page"},
                                          label(lang, "versions_this", version=version))))
        else:
            items.append(h("li", None, h("a", {"href": published.href(version)}, version)))
    items.append(h("li", None, h("a", {"href": published.latest}, label(lang, "versions_latest"))))
    section.append(items)
    return section
