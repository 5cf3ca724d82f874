"""Interface labels, in every language of the site. Both languages must have the same keys."""

from __future__ import annotations

LANGUAGES = ("en", "ru")
DEFAULT_LANGUAGE = "en"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "texts": "Texts",
        "source": "Source",
        "download_tei": "Download TEI ({file})",
        "copy_text": "Copy-text ({file})",
        "licence": "Licence",
        "permalink": "Permalink to {unit} {id}",
        "unit_paragraph": "paragraph",
        "unit_division": "section",
        "unit_item": "bibliography item",
        "unit_note": "note",
        "edition_version": "Edition version {version}",
        "language_of_text": "Text in {language}",
        "lang_en": "English",
        "lang_ru": "Russian",
        "editorial_note": "Editorial note",
        "witness": "Witness {siglum}",
        "sha256": "SHA-256 of the copy-text",
    },
    "ru": {
        "texts": "Тексты",
        "source": "Источник",
        "download_tei": "Скачать TEI ({file})",
        "copy_text": "Текст-основа ({file})",
        "licence": "Лицензия",
        "permalink": "Постоянная ссылка: {unit} {id}",
        "unit_paragraph": "абзац",
        "unit_division": "раздел",
        "unit_item": "библиографическая запись",
        "unit_note": "примечание",
        "edition_version": "Версия издания {version}",
        "language_of_text": "Текст на {language}",
        "lang_en": "английском языке",
        "lang_ru": "русском языке",
        "editorial_note": "Примечание редакторов",
        "witness": "Список {siglum}",
        "sha256": "SHA-256 текста-основы",
    },
}


def label(lang: str, key: str, **values: str) -> str:
    table = LABELS.get(lang, LABELS[DEFAULT_LANGUAGE])
    return table[key].format(**values)
