"""schema.org JSON-LD for every page, in both languages (a <script type="application/ld+json"> in <head>).

The home page describes the edition as a `Book`: its editors (an `Organization`, named as editors),
publisher, version and edition statement, language, licence, and the three accounts it is based on.
A text page is a `CreativeWork` that is part of that book, based on its copy-text, with the original
and the editors' translation as its parts (the translation a `translationOfWork` of the original);
every other page is a `CreativeWork` part of the book. All URLs are the build's public ones (the
versioned address in a release), so the graph names the exact version a reader saw.
"""

from __future__ import annotations

from albazin.core.i18n import label
from albazin.model.model import Edition, TextDoc
from albazin.publish.citation import LICENCE_URL, CitedPage, Imprint

CONTEXT = "https://schema.org"


def _org(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def _work(text: TextDoc, lang: str, **extra: object) -> dict[str, object]:
    return {"@type": "CreativeWork", "name": text.title.get(lang), "inLanguage": text.lang, **extra}


def _source(text: TextDoc, lang: str) -> dict[str, object]:
    """The copy-text the edition's text is transcribed from."""
    node: dict[str, object] = {"@type": "CreativeWork", "name": text.title.get(lang), "inLanguage": text.lang}
    if text.source.url:
        node["url"] = text.source.url
    return node


def edition_node(edition: Edition, imp: Imprint) -> dict[str, object]:
    return {
        "@type": "Book",
        "@id": f"{imp.url}#edition",
        "name": imp.title,
        "url": imp.url,
        "editor": _org(imp.editors),
        "publisher": _org(imp.publisher),
        "inLanguage": imp.lang,
        "version": imp.version,
        "bookEdition": imp.edition_statement,
        "datePublished": imp.published,
        "license": LICENCE_URL,
        "isBasedOn": [_source(text, imp.lang) for text in edition.texts],
    }


def graph(edition: Edition, imp: Imprint, page: CitedPage) -> dict[str, object]:
    """The JSON-LD object of one page."""
    book = edition_node(edition, imp)
    if page.title is None:
        return {"@context": CONTEXT, **book}
    node: dict[str, object] = {
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": page.url,
        "name": page.title,
        "url": page.url,
        "isPartOf": book,
        "editor": _org(imp.editors),
        "inLanguage": imp.lang,
        "version": imp.version,
        "datePublished": imp.published,
        "license": LICENCE_URL,
    }
    text = page.text
    if text is None:
        return node
    original_id = f"{page.url}#{text.xml_id}"
    parts: list[dict[str, object]] = [_work(text, imp.lang, **{"@id": original_id,
                                                                "isBasedOn": _source(text, imp.lang)})]
    translation = edition.translation(text.siglum)
    if translation is not None:
        parts.append(_work(translation, imp.lang, **{
            "@id": f"{page.url}#{translation.xml_id}",
            "translationOfWork": {"@id": original_id},
            "translator": _org(imp.editors),
            "description": label(imp.lang, "jsonld_translation"),
        }))
    node["isBasedOn"] = _source(text, imp.lang)
    node["hasPart"] = parts
    if page.tei_url:
        node["encoding"] = {"@type": "MediaObject", "contentUrl": page.tei_url, "encodingFormat": "application/tei+xml"}
    return node
