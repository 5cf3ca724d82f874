"""The alignment of each translation with its original, unit by unit.

A text page shows every citable unit (heading, paragraph, bibliography item) of the original beside
its translation, found through the translation unit's @corresp. So every unit of the original must
have exactly one translation, and every unit of the translation must translate a unit of its original:
otherwise a paragraph would silently appear without its translation, or a translation without its text.
"""

from __future__ import annotations

from pathlib import Path

from albazin.core.diagnostics import Diagnostic
from albazin.model.model import Edition, TextDoc


def check(edition: Edition, tei_dir: Path) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for text in edition.texts:
        translation = edition.translation(text.siglum)
        if translation is not None:
            diagnostics += _check_pair(text, translation, tei_dir)
    return diagnostics


def _check_pair(text: TextDoc, translation: TextDoc, tei_dir: Path) -> list[Diagnostic]:
    original_units = {u.xml_id: u for u in text.units()}
    translated: dict[str, str] = {}
    found = []
    path = tei_dir / translation.file_name
    for unit in translation.units():
        if unit.corresp is None:
            problem = f'has no @corresp naming the unit of {text.file_name} it translates'
        elif unit.corresp not in original_units:
            problem = f'has corresp="{text.file_name}#{unit.corresp}", which is not a unit of {text.file_name}'
        elif unit.corresp in translated:
            problem = f"translates {unit.corresp}, which {translated[unit.corresp]} translates already"
        else:
            translated[unit.corresp] = unit.xml_id
            continue
        found.append(Diagnostic.at(path, unit.line, "unaligned-translation", f"{unit.xml_id} {problem}"))
    for unit in original_units.values():
        if unit.xml_id not in translated:
            found.append(Diagnostic.at(
                tei_dir / text.file_name, unit.line, "untranslated-unit",
                f'{unit.xml_id} has no translation in {translation.file_name} '
                f'(no unit there has corresp="{text.file_name}#{unit.xml_id}")'))
    return found
