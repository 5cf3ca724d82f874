"""Interface labels, in every language of the site, read from gettext catalogues.

The strings live in scripts/locales/<lang>/LC_MESSAGES/albazin.po, one per language, read with Babel
at the first use (no compile step, nothing generated is committed). A message id is a key
("cite_title"), the same in every language; call sites name it literally, `label(lang, "cite_title")`,
or, where a value chooses the key, from a table whose entries are marked with N_() — so that Babel's
extractor (KEYWORDS below) finds every key in use, and tests/core/test_labels.py checks that every key in
the catalogues is used and every key used is in both. Counted phrases are plural messages with one
form per plural category of the language, chosen by Babel's plural rules (CLDR).

Keep this module free of imports from the package: tools/labels_to_po.py reads older versions of it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import get_month_names
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from babel.plural import _plural_tags as PLURAL_TAG_ORDER  # CLDR order, the order of gettext's forms

LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"
DOMAIN = "albazin"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"

# Babel extraction keywords: the functions whose argument (1-based position) is a label key.
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "N_": None, "label": (2,), "template": (2,), "label_plural": (2,), "plural_templates": (2,),
    "permalink": (2,),  # albazin/render/render.py: the unit's name in the permalink's label
}


class LabelsError(Exception):
    """A catalogue that cannot be read; the message names the file and line."""


def N_(key: str) -> str:
    """Marks a label key in a table, for extraction; returns it unchanged."""
    return key


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def plural_tags(lang: str) -> tuple[str, ...]:
    """The plural categories of a language in the order of a plural message's forms."""
    tags = Locale.parse(lang).plural_form.tags | {"other"}
    return tuple(tag for tag in PLURAL_TAG_ORDER if tag in tags)


def read_catalog(path: Path, lang: str) -> Catalog:
    try:
        with path.open("rb") as f:
            return read_po(f, locale=lang, domain=DOMAIN, abort_invalid=True)
    except OSError as exc:
        raise LabelsError(f"{path}: {exc.strerror}") from None
    except PoFileError as exc:  # Babel counts lines from 0
        raise LabelsError(f"{path}:{exc.lineno + 1}: {str(exc).rsplit(' on ', 1)[0]}") from None


@cache
def _messages(lang: str) -> dict[str, str | tuple[str, ...]]:
    catalog = read_catalog(po_path(lang), lang)
    return {m.id[0] if isinstance(m.id, tuple) else m.id: tuple(m.string) if m.pluralizable else m.string
            for m in catalog if m.id}


def _table(lang: str) -> dict[str, str | tuple[str, ...]]:
    return _messages(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def template(lang: str, key: str) -> str:
    """A label with its {placeholders} left in, for a script that fills them in the browser."""
    text = _table(lang)[key]
    if not isinstance(text, str):
        raise KeyError(f"{key} is a plural message: use label_plural")
    return text


def label(lang: str, key: str, **values: str) -> str:
    return template(lang, key).format(**values)


def plural_templates(lang: str, key: str) -> dict[str, str]:
    """A plural message's forms by CLDR category (one, few, many, other); a category the language
    does not distinguish takes its "other" form (English "few" = "other")."""
    forms = _table(lang)[key]
    if isinstance(forms, str):
        raise KeyError(f"{key} is not a plural message")
    by_tag = dict(zip(plural_tags(lang), forms, strict=True))
    return {tag: by_tag.get(tag, by_tag["other"]) for tag in PLURAL_TAG_ORDER}


def plural_form(lang: str, count: float) -> str:
    """The CLDR plural category of a count; a whole float counts as an integer (1.0 → "one")."""
    number = int(count) if count == int(count) else count
    return Locale.parse(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).plural_form(number)


def label_plural(lang: str, key: str, count: float, **values: str) -> str:
    """The form of a plural message that `count` takes, filled in: "1 byte", «3 байта»."""
    return plural_templates(lang, key)[plural_form(lang, count)].format(**values)


LANGUAGE_NAMES = {"en": N_("language_name_en"), "ru": N_("language_name_ru")}


def language_name(site_lang: str, lang: str) -> str:
    """A language's name in the site language ("Russian", «русский»), or its tag if unnamed."""
    key = LANGUAGE_NAMES.get(lang)
    return label(site_lang, key) if key else lang


def keys(lang: str) -> set[str]:
    return set(_table(lang))


# Keys chosen by a value, shared by several modules (the others sit beside their one use).
INDEX_TITLES = {"person": N_("index_person"), "org": N_("index_org"), "place": N_("index_place")}


def number(value: float, lang: str, pattern: str = "#,##0") -> str:
    """A number as the language writes it (Babel, CLDR): "15,000", «15 000» (no-break space), «1,5».
    A float is rounded from its exact binary value (Decimal(value)), as Python's own formatting
    rounds it, not from its shortest repr: 0.35 gives "0.3" in both, as published."""
    exact = Decimal(value) if isinstance(value, float) else value
    return format_decimal(exact, pattern, locale=lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def month_names(lang: str, context: str = "format") -> tuple[str, ...]:
    """January … December in the language: Russian "format" is the genitive (4 июня), "stand-alone"
    the nominative (июнь 1685 г.); Babel's CLDR names, the same as the forms published before."""
    names = get_month_names("wide", context, locale=lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    return tuple(names[m] for m in range(1, 13))
