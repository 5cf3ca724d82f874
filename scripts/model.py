"""The edition's domain model: immutable, independent of TEI and of HTML.

TEI → (transform) → model → (render, readings) → pages. Nothing downstream reads TEI again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = str  # BCP 47 tag, e.g. "en", "ru"
View = Literal["critical", "diplomatic"]


# --- inline (phrase-level) content -------------------------------------------------------------

@dataclass(frozen=True)
class Chars:
    """Text of the source, whitespace already normalised."""
    value: str


@dataclass(frozen=True)
class Choice:
    """Alternative readings: the source's (sic/orig) and the editors' (corr/reg)."""
    kind: Literal["correction", "regularisation"]
    source: tuple[Inline, ...]
    edited: tuple[Inline, ...]
    xml_id: str | None = None


@dataclass(frozen=True)
class Phrase:
    """Any other phrase-level TEI element (title, author, date, idno, persName, …).

    `attrs` keeps the attributes a renderer may need (ref, when, level, type …) as sorted pairs.
    """
    tag: str
    children: tuple[Inline, ...]
    attrs: tuple[tuple[str, str], ...] = ()
    lang: Lang | None = None

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass(frozen=True)
class Note:
    """An editorial note: not part of the source text; one version per language."""
    xml_id: str
    type: str
    versions: tuple[tuple[Lang, tuple[Inline, ...]], ...]
    line: int = 0

    def text_for(self, lang: Lang) -> tuple[Inline, ...]:
        versions = dict(self.versions)
        return versions.get(lang) or next(iter(versions.values()), ())


Inline = Chars | Choice | Phrase | Note


# --- blocks ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    xml_id: str
    n: str | None
    content: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class Head:
    content: tuple[Inline, ...]
    rend: str | None = None


@dataclass(frozen=True)
class BiblItem:
    xml_id: str
    content: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class BiblList:
    xml_id: str
    items: tuple[BiblItem, ...]


Block = Paragraph | BiblList | Note


@dataclass(frozen=True)
class Division:
    xml_id: str
    type: str | None
    subtype: str | None
    head: Head | None
    blocks: tuple[Block, ...]
    line: int = 0


# --- documents ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bilingual:
    """A short piece of editorial text available per language."""
    by_lang: tuple[tuple[Lang, str], ...]

    def get(self, lang: Lang) -> str:
        values = dict(self.by_lang)
        return values.get(lang) or values.get("en") or next(iter(values.values()), "")


@dataclass(frozen=True)
class SourceInfo:
    provenance: Bilingual
    witness_file: str
    original_filename: str
    sha256: str
    url: str | None = None


@dataclass(frozen=True)
class TextDoc:
    siglum: str
    xml_id: str
    file_name: str  # e.g. "A.xml": published under tei/ beside the site
    lang: Lang  # language of the text itself
    title: Bilingual
    short_title: Bilingual
    version: str
    licence: Bilingual
    source: SourceInfo
    divisions: tuple[Division, ...]
    translation_of: str | None = None  # siglum of the original, for a translation

    @property
    def slug(self) -> str:
        return self.siglum.lower()

    def paragraphs(self) -> list[Paragraph]:
        return [b for d in self.divisions for b in d.blocks if isinstance(b, Paragraph)]


@dataclass(frozen=True)
class Edition:
    version: str
    title: Bilingual
    texts: tuple[TextDoc, ...] = field(default_factory=tuple)  # the originals
    translations: tuple[TextDoc, ...] = field(default_factory=tuple)

    def text(self, siglum: str) -> TextDoc:
        for t in self.texts:
            if t.siglum == siglum:
                return t
        raise KeyError(siglum)

    def translation(self, siglum: str) -> TextDoc | None:
        """The editors' translation of the text with this siglum, if there is one."""
        return next((t for t in self.translations if t.translation_of == siglum), None)
