"""Search: a static full-text index of the built site, one per language (Pagefind), and the name
forms that let a reader find a person, group or place under any of its names.

Pagefind (PyPI `pagefind-bin`, run as a binary) reads the built HTML once both languages are built
(see `mkdocs_hooks.on_post_build`) and writes its bundle to `site/pagefind/`. It splits the index by
`<html lang>`, so the English pages get English stemming and the Russian pages Russian stemming, and
the search page (which loads the bundle under its own `<html lang>`) only ever sees its own language.
It indexes only the article (`data-pagefind-body`, see overrides/main.html), less EXCLUDE_SELECTORS.

Name forms: every name link in the texts and every index entry carries the entity's other names in
NAMES_ATTR; Pagefind indexes that attribute (`data-pagefind-index-attrs`), screen readers do not read
it. The forms are bracketed by FORMS_OPEN/FORMS_CLOSE so that search.js can take them back out of
the result excerpts (Pagefind puts indexed attributes into the page text it quotes).

Passages: Pagefind ranks pages; search.js cuts each page found into the passages that carry an id
(a text's paragraph, an apparatus or bibliography entry, a commentary article, an index entry, a
concordance row, a heading's section; Pagefind records where each begins) and lists the passages,
best first, each linked to its anchor. The order is by TIERS first, then by the passage's share of
Pagefind's word scores: a reader who searches a name wants the texts that tell of it before the
editors' matter about it, and the list of works cited last. Strict tiers rather than Pagefind weights
(data-pagefind-weight) because a weight only scales scores, and a bibliography entry that repeats a
name in its title, its note and its citing entries still outscores a paragraph that names it once.
The page's kind reaches search.js as Pagefind metadata (KIND_META, set in overrides/main.html).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from albazin.model.model import Edition, Entity, per_edition

BUNDLE_DIR = "pagefind"  # site-relative folder of the search bundle
NAMES_ATTR = "data-alb-names"
FORMS_OPEN, FORMS_CLOSE = "⟦", "⟧"
# Parts of the article that would make hits noisy. Pagefind joins adjacent inline elements without a
# space, so anything printed right against a word must go, or the word is lost ("Албазин¹" → "Албазин1").
EXCLUDE_SELECTORS = (
    ".alb-reading--source",  # the diplomatic reading beside the critical one ("АбалзинАлбазин")
    ".alb-noteref", ".alb-comref", ".alb-pnum",  # apparatus and commentary markers, paragraph numbers
    ".alb-app__n",  # an apparatus entry's letter ("x."): a one-letter word Pagefind would match by prefix
    ".alb-permalink", ".headerlink", ".footnote-ref", ".footnote-backref",  # ¶ and ↩ links
    ".alb-controls", ".alb-source__downloads",  # the reading-view form, the download buttons
    ".alb-cards",  # name cards: repeat the index entries
    ".alb-commentary-local",  # a text's commentary entries: repeat the commentary page
    ".alb-entity__occurrences",  # keyword-in-context lines of an index entry: repeat the texts
    ".alb-conc caption", ".alb-conc thead",  # the concordance tables' repeated headings (cells run together)
    "svg",  # labels of the charts and the map
)
KIND_META = "kind"  # Pagefind metadata key: the page's `alb_page` kind (albazin/publish/pages.py), "page" for others
# Tier of a passage by its page's kind (lower first). On a text page only the paragraphs (p with an
# id: the original's and the translation's) are the text; its apparatus entries and headings are
# editorial matter (TEXT_MATTER_TIER).
TIERS = {"text": 0, "commentary": 1, "index": 1, "glossary": 1, "introduction": 1, "concordance": 1,
         "bibliography": 3}
TEXT_MATTER_TIER = 1
OTHER_TIER = 2  # the home page, about, downloads, changes
_WORD_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


class SearchIndexError(Exception):
    """The search index could not be built (the message says why; no file or line applies)."""


# --- name forms ------------------------------------------------------------------------------------

def _words(form: str) -> list[str]:
    """The words of a name form that identify the entity.

    A one-word form is kept whole ("Байтон", "китайцы", "Цин"). Of a longer form only the words
    that are capitalised (or in a script without case) and not initials: "Afanasii von Beiton" gives
    Afanasii and Beiton, "one of the princes of the Manchu dynasty" gives Manchu, so that a search for
    "of" or "dynasty" does not find every page that names the entity."""
    words = [w for w in (_WORD_EDGES.sub("", part) for part in form.split()) if w]
    if len(words) == 1:
        return words
    return [w for w in words if not w[0].islower() and "." not in w and len(w) > 2]


def name_forms(entity: Entity) -> list[str]:
    """Distinct identifying words of all of an entity's names (every type, every language), in the
    authority file's order."""
    seen: dict[str, str] = {}
    for name in entity.names:
        for word in _words(name.text):
            seen.setdefault(word.casefold(), word)
    return list(seen.values())


def name_attrs(entity: Entity) -> dict[str, str]:
    """The attributes that make an element findable under all of the entity's names."""
    forms = name_forms(entity)
    if not forms:
        return {}
    return {NAMES_ATTR: f"{FORMS_OPEN}{' '.join(forms)}{FORMS_CLOSE}", "data-pagefind-index-attrs": NAMES_ATTR}


def attrs_by_entity(entities: Iterable[Entity]) -> dict[str, dict[str, str]]:
    return {e.xml_id: name_attrs(e) for e in entities}


@per_edition  # every page of both languages asks for the same attributes
def entity_attrs(edition: Edition) -> dict[str, dict[str, str]]:
    return attrs_by_entity(edition.entities)


# --- the index ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexReport:
    seconds: float
    pages: Mapping[str, int]  # language → pages indexed
    sizes: Mapping[str, int]  # language → bytes of its index (meta, word index, fragments, wasm)


def executable() -> Path:
    """The Pagefind binary of the `pagefind-bin` package; ALBAZIN_PAGEFIND overrides it (tests)."""
    override = os.environ.get("ALBAZIN_PAGEFIND")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise SearchIndexError("the search indexer is not installed (pip install -r requirements.txt)") from exc
    return get_executable()


def command(site_dir: Path) -> list[str]:
    cmd = [str(executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    return cmd


def language_sizes(bundle: Path, languages: Iterable[str]) -> dict[str, int]:
    sizes = {}
    for lang in languages:
        files = [*bundle.glob(f"pagefind.{lang}_*.pf_meta"), *bundle.glob(f"wasm.{lang}.pagefind"),
                 *(p for sub in ("index", "fragment", "filter") for p in bundle.glob(f"{sub}/{lang}_*"))]
        sizes[lang] = sum(p.stat().st_size for p in files)
    return sizes


def _sort_entry(path: Path) -> dict:
    """Pagefind lists the languages in its entry file in hash-map order, which changes from run to
    run (the only difference between two builds of the same site): write them sorted, so that the
    bundle is byte-for-byte reproducible. Pagefind reads the file as JSON, so the order means nothing
    to it."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return entry


@dataclass
class Indexing:
    """A run of the indexer under way: `start_index` began it, `finish_index` waits for its report."""
    process: subprocess.Popen
    started: float  # perf_counter() when it began


def start_index(site_dir: Path) -> Indexing:
    """Start the indexer on the built site and return at once (it runs in its own process)."""
    try:
        process = subprocess.Popen(command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise not_started(exc) from None
    return Indexing(process, time.perf_counter())


def finish_index(site_dir: Path, languages: Iterable[str], run: Indexing) -> IndexReport:
    """Wait for a started run; its report, or SearchIndexError if it failed or a language has no index."""
    # No timeout: a timed wait fails (EINVAL) under faketime, which the reproducibility test uses
    # to prove the build ignores the clock; the indexer takes about a second.
    stdout, stderr = run.process.communicate()
    result = subprocess.CompletedProcess(run.process.args, run.process.returncode, stdout, stderr)
    return indexed(site_dir, languages, result, time.perf_counter() - run.started)


def cancel_index(run: Indexing) -> None:
    """Stop a started run (the build failed): it must not go on writing into a site being dropped."""
    if run.process.poll() is None:
        run.process.kill()
    run.process.communicate()


def index_site(site_dir: Path, languages: Iterable[str]) -> IndexReport:
    """Index the built site; fail if the indexer fails or a language ends up without an index."""
    return finish_index(site_dir, languages, start_index(site_dir))


def not_started(exc: OSError) -> SearchIndexError:
    return SearchIndexError(f"the search indexer could not be run: {exc}")


def indexed(site_dir: Path, languages: Iterable[str], result: subprocess.CompletedProcess,
            seconds: float) -> IndexReport:
    """The report of a finished run of `command(site_dir)`, or SearchIndexError saying what went wrong."""
    languages = tuple(languages)
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip()).splitlines()
        detail = "; ".join(line.strip() for line in output[-3:] if line.strip()) or "no output"
        raise SearchIndexError(f"the search indexer failed (exit status {result.returncode}): {detail}")
    bundle = site_dir / BUNDLE_DIR
    try:
        entry = _sort_entry(bundle / "pagefind-entry.json")
        pages = {lang: int(entry["languages"][lang]["page_count"]) for lang in entry["languages"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SearchIndexError(f"the search indexer wrote no readable index ({exc})") from None
    missing = [lang for lang in languages if not pages.get(lang)]
    if missing:
        raise SearchIndexError(f"no search index for {', '.join(missing)}: no page of that language was indexed")
    return IndexReport(seconds, pages, language_sizes(bundle, languages))
