"""Benchmark (c): build time and peak memory for synthetic corpora (bench.synthetic), and checks
that the index and the concordance of their sites are still right.

A corpus of k copies must show exactly k times the real corpus's mentions of every entity on the
index pages and k times its figures for every question of the concordance, in both languages,
and every link of the concordance page must land on an existing page and anchor.
"""

from __future__ import annotations

import gzip
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html

from albazin.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from albazin.model import concordance, names
from albazin.model.model import Edition
from albazin.publish.pages import INDEX_SLUGS, site_path

from .common import Run, mkdocs_build
from .synthetic import generate

CONCORDANCE = "concordance/index.md"


@dataclass
class Checks:
    """What was checked on one synthetic site, and what was wrong."""
    copies: int
    texts: int
    mentions: int = 0  # occurrence links counted on the index pages (one language)
    expected_mentions: int = 0
    figures: int = 0  # figures counted on the concordance page (one language)
    expected_figures: int = 0
    links: int = 0  # links of the concordance pages followed (all languages)
    concordance_bytes: int = 0  # the English concordance page, raw
    concordance_gzip: int = 0
    site_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _page(site: Path, uri: str, lang: str) -> Path:
    return site / site_path(uri, lang) / "index.html"


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def mention_counts(page: Path) -> Counter[str]:
    """Occurrence links per entity on an index page."""
    root = html.parse(str(page)).getroot()
    counts: Counter[str] = Counter()
    for section in root.xpath(f"//section[{_has_class('alb-entity')}]"):
        counts[section.get("id")] = len(section.xpath(f".//a[{_has_class('alb-occ__link')}]"))
    return counts


def figure_counts(page: Path) -> Counter[str]:
    """Figures listed per question (row) on the concordance page."""
    root = html.parse(str(page)).getroot()
    counts: Counter[str] = Counter()
    for row in root.xpath(f"//tr[{_has_class('alb-conc__row')}]"):
        counts[row.get("id")] += len(row.xpath(f".//li[{_has_class('alb-fig')}]"))
    return counts


class _Ids:
    """The ids of the site's pages, parsed once each."""

    def __init__(self) -> None:
        self.cache: dict[Path, set[str]] = {}

    def of(self, page: Path) -> set[str]:
        if page not in self.cache:
            self.cache[page] = set(html.parse(str(page)).getroot().xpath("//@id"))
        return self.cache[page]


def broken_links(site: Path, page: Path, ids: _Ids) -> tuple[int, list[str]]:
    """Every link of a page's content followed: the file must exist, the fragment must be an id there."""
    root = html.parse(str(page)).getroot()
    url = "/" + page.parent.relative_to(site).as_posix() + "/"
    broken, followed = [], 0
    for href in root.xpath("//article//a/@href"):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            broken.append(f"{href} (another host)")
            continue
        followed += 1
        path = posixpath.normpath(posixpath.join(url, parts.path)) if parts.path else url.rstrip("/")
        target = site / path.lstrip("/")
        if target.is_dir() or not parts.path or parts.path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href} (no file {target.relative_to(site)})")
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.of(target):
            broken.append(f"{href} (no id {parts.fragment!r})")
    return followed, broken


def _mismatches(kind: str, found: Counter[str], expected: Counter[str], lang: str) -> list[str]:
    wrong = sorted(k for k in set(found) | set(expected) if found[k] != expected[k])
    return [f"{lang}: {kind} {k}: {found[k]} on the page, {expected[k]} expected" for k in wrong[:10]]


def check_site(site: Path, real: Edition, copies: int, texts: int) -> Checks:
    """The synthetic site's index and concordance against k × the real corpus."""
    result = Checks(copies, texts)
    expected_mentions = Counter({e: copies * len(ms) for e, ms in names.by_entity(real).items()})
    expected_figures = Counter({row.question.xml_id: copies * len(row.figures())
                                for row in concordance.rows(concordance.of_edition(real))})
    ids = _Ids()
    for lang in LANGUAGES:
        found: Counter[str] = Counter()
        for slug in INDEX_SLUGS.values():
            found.update(mention_counts(_page(site, f"index/{slug}.md", lang)))
        result.problems += _mismatches("mentions of", found, expected_mentions, lang)
        page = _page(site, CONCORDANCE, lang)
        figures_found = figure_counts(page)
        result.problems += _mismatches("figures for", figures_found, expected_figures, lang)
        followed, broken = broken_links(site, page, ids)
        result.links += followed
        result.problems += [f"{lang}: concordance link {b}" for b in broken[:10]]
        if lang == DEFAULT_LANGUAGE:
            result.mentions, result.figures = sum(found.values()), sum(figures_found.values())
            data = page.read_bytes()
            result.concordance_bytes, result.concordance_gzip = len(data), len(gzip.compress(data, 6))
    result.expected_mentions = sum(expected_mentions.values())
    result.expected_figures = sum(expected_figures.values())
    result.site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return result


@dataclass
class Size:
    copies: int
    texts: int
    corpus: Path
    runs: list[Run] = field(default_factory=list)
    checks: Checks | None = None


def measure(project: Path, work: Path, real: Edition, copies: list[int], runs: int,
            commentary: bool = True) -> list[Size]:
    """Cold builds of each corpus size, alternating sizes so that a noisy spell hits all of them;
    then the checks on the last site of each size."""
    sizes = []
    for k in copies:
        corpus = work / f"corpus-{k}"
        sigla = generate(corpus, k, commentary=commentary)
        sizes.append(Size(k, len(sigla), corpus))
    for _ in range(runs):
        for size in sizes:
            site = work / f"site-{size.copies}"
            size.runs.append(mkdocs_build(project, site, {"ALBAZIN_TEI_DIR": str(size.corpus)}))
    for size in sizes:
        size.checks = check_site(work / f"site-{size.copies}", real, size.copies, size.texts)
    return sizes
