"""Write the interface labels kept as Python tables into the gettext catalogues (issue 20).

Until version 0.4.0 the labels were Python dicts: LABELS in scripts/i18n.py (and the tables merged
into it), the column descriptions of the data files (COLUMNS in albazin/publish/exports.py and
albazin/publish/entitydata.py) and the unit forms of counted figures (UNIT_FORMS in albazin/model/valuefmt.py).
They now live in scripts/locales/<lang>/LC_MESSAGES/albazin.po. This tool converts the tables of a
commit into catalogue entries and merges them into the catalogues in the working tree:

    python tools/labels_to_po.py --rev 83ec8cf            # the first conversion (no --base)
    python tools/labels_to_po.py --rev BRANCH --base 83ec8cf

With --base, only what REV added or changed since BASE is written (a 3-way merge: an entry edited
in the catalogues since the conversion is not put back); without it, every entry of REV is.
Entries are never deleted; new ones are appended. `--source FILE` reads LABELS from a file instead
of a commit (for a merged scripts/i18n.py that still holds the dict). The catalogues' message ids
are the keys; old keys that are not one message each are mapped below (PLURALS, column and unit
tables) and unused ones dropped (DROPPED).
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from babel.plural import to_gettext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from albazin.core import i18n  # noqa: E402  (the catalogue paths and plural rules the site reads with)

Entry = str | tuple[str, ...]
# Old keys in one form per plural category ("size_bytes_one" …) became one plural message each.
PLURALS = ("size_bytes", "search_count")
# Keys the site never used (found by extraction when the labels were converted).
DROPPED = frozenset({"lang_en", "lang_ru", "language_of_text", "sha256", "witness", "gl_transliteration",
                     "changes_in_file"})
COLUMN_TABLES = (("albazin/publish/exports.py", "conc_col_"), ("albazin/publish/entitydata.py", "entity_col_"))
FIXED_DATE = datetime(2026, 12, 3, tzinfo=UTC)  # catalogue headers do not change with each run


def read_source(path: str, rev: str | None) -> str | None:
    if rev is None:
        file = ROOT / path
        return file.read_text(encoding="utf-8") if file.exists() else None
    result = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout if result.returncode == 0 else None


def old_labels(source: str | None) -> dict[str, dict[str, str]]:
    """LABELS of a version of scripts/i18n.py, as the module builds it (it imports nothing of ours)."""
    if source is None:
        return {}
    namespace: dict = {"__name__": "labels_source"}
    exec(compile(source, "scripts/i18n.py", "exec"), namespace)  # our own file, of a given commit
    return namespace.get("LABELS", {})


def _assigned(source: str | None, name: str) -> object:
    """The value of a module-level table `name = {...}`, or None if absent or no longer a literal table."""
    if source is None:
        return None
    for node in ast.parse(source).body:
        target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0] if isinstance(node, ast.Assign) \
            else None
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:
            try:  # entitydata.py names one column with an f-string of MENTIONS_PREFIX
                return eval(compile(ast.Expression(node.value), name, "eval"), {"MENTIONS_PREFIX": "mentions_"})
            except NameError:
                return None
    return None


def _plural_entry(lang: str, table: dict[str, str], key: str) -> Entry:
    def form(tag: str) -> str:
        for candidate in (tag, "other", "many"):
            if f"{key}_{candidate}" in table:
                return table[f"{key}_{candidate}"]
        raise KeyError(f"{key}_{tag}")
    return tuple(form(tag) for tag in i18n.plural_tags(lang))


def _label_entries(lang: str, table: dict[str, str]) -> Iterator[tuple[str, Entry]]:
    plural_keys = {f"{key}_{tag}" for key in PLURALS for tag in ("zero", "one", "two", "few", "many", "other")}
    for key, text in table.items():
        base = next((p for p in PLURALS if key.startswith(p + "_")), None)
        if key in plural_keys and base:
            if key == next(k for k in table if k.startswith(base + "_")):  # at the first form
                yield base, _plural_entry(lang, table, base)
        elif key not in DROPPED:
            yield key, text


def _unit_entries(lang: str, forms: dict[str, dict[str, tuple[str, ...]]]) -> Iterator[tuple[str, Entry]]:
    """UNIT_FORMS: English singular, plural; Russian one, few, many (a fraction takes the few form)."""
    for unit, by_lang in forms.items():
        words = by_lang["ru" if lang == "ru" else "en"]
        by_tag = dict(zip(("one", "few", "many"), words, strict=True)) if lang == "ru" \
            else {"one": words[0], "other": words[1]}
        by_tag.setdefault("other", by_tag.get("few", words[-1]))
        yield f"unit_count_{unit}", tuple(f"{{n}}\u00a0{by_tag[tag]}" for tag in i18n.plural_tags(lang))


def entries(rev: str | None, source_file: Path | None = None) -> dict[str, dict[str, Entry]]:
    """Every catalogue entry the tables of a commit (or the working tree) give, by language."""
    source = source_file.read_text(encoding="utf-8") if source_file else read_source("scripts/i18n.py", rev)
    labels = old_labels(source)
    units = _assigned(read_source("albazin/model/valuefmt.py", rev), "UNIT_FORMS")
    out: dict[str, dict[str, Entry]] = {}
    for lang in i18n.LANGUAGES:
        found = dict(_label_entries(lang, labels.get(lang, {})))
        for path, prefix in COLUMN_TABLES:
            for name, descriptions in _assigned(read_source(path, rev), "COLUMNS") or ():
                if isinstance(descriptions, dict):
                    found[prefix + name.replace("<", "").replace(">", "")] = descriptions[lang]
        if isinstance(units, dict):
            found.update(_unit_entries(lang, units))
        out[lang] = found
    return out


def new_catalog(lang: str) -> Catalog:
    header = (f"# Interface labels of the edition, {i18n.Locale.parse(lang).english_name}. Message ids are keys\n"
              "# (albazin/core/i18n.py); tests/core/test_labels.py checks both catalogues. Edit here; new tables\n"
              "# of an older scripts/i18n.py are merged in by tools/labels_to_po.py.")
    catalog = Catalog(locale=lang, domain=i18n.DOMAIN, project="albazin", version="1", header_comment=header,
                      msgid_bugs_address="", last_translator="the editors", language_team="the editors",
                      creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    # Babel's default Russian header has gettext's three forms; the site uses CLDR's four (one, few,
    # many, other: "1,5 года" is "other"), the rules babel.Locale gives.
    catalog.mime_headers = [*[(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"],
                            ("Plural-Forms", to_gettext(i18n.Locale.parse(lang).plural_form))]
    return catalog


def merge(lang: str, wanted: dict[str, Entry]) -> tuple[Catalog, list[str]]:
    path = i18n.po_path(lang)
    old = i18n.read_catalog(path, lang) if path.exists() else None
    catalog = new_catalog(lang)
    for message in old or ():
        if message.id:
            catalog[message.id] = message
    changed = []
    for key, text in wanted.items():
        message_id = (key, key) if isinstance(text, tuple) else key
        current = catalog.get(key)
        if current is None:
            changed.append(key)
            catalog.add(message_id, string=text)
        elif current.string != text:  # Catalog.add would keep the old string of an existing id
            changed.append(key)
            current.string = text
    return catalog, changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", help="the commit whose tables to convert (default: the working tree)")
    parser.add_argument("--base", help="convert only what --rev changed since this commit")
    parser.add_argument("--source", type=Path, help="read LABELS from this file instead")
    args = parser.parse_args()
    wanted = entries(args.rev, args.source)
    if args.base:
        base = entries(args.base)
        wanted = {lang: {k: v for k, v in found.items() if base[lang].get(k) != v} for lang, found in wanted.items()}
    for lang, found in wanted.items():
        catalog, changed = merge(lang, found)
        path = i18n.po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=0, no_location=True, omit_header=False)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(changed)} written"
              + (f" ({', '.join(changed)})" if changed and len(changed) <= 20 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
