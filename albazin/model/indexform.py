"""A person's name as an index gives it, and its place in the index's order.

The TEI says which part of a name is the surname (authority.xml: <persName><forename>Afanasii</forename>
<surname>Beiton</surname></persName>); the index leads with it: "Beiton, Afanasii", «Бейтон, Афанасий».
A name written family name first (<surname>Tong</surname> <forename>Guogang</forename>) already leads
with it and is not inverted. A title (<roleName>) goes after the name it accompanies («Канси, император»).
A name without part markup (Songgotu, Langtan, "Tsar of Muscovy") is sorted and shown as a whole.
"""

from __future__ import annotations

from albazin.model.collation import Key, key
from albazin.model.model import Entity, EntityName, Lang


def _lead_kinds(parts: tuple[tuple[str, str], ...]) -> set[str]:
    """The parts an index entry starts with: the surname; else the name a title goes with."""
    kinds = {kind for kind, _ in parts}
    if "surname" in kinds:
        return {"surname"}
    return kinds - {"roleName", ""} if "roleName" in kinds else set()


def heading(name: EntityName) -> str:
    """The index form: the leading part first, then the rest in written order after a comma."""
    lead_kinds = _lead_kinds(name.parts)
    if not lead_kinds or name.parts[0][0] in lead_kinds:  # no markup, or written leading part first
        return name.text
    lead = " ".join(text for kind, text in name.parts if kind in lead_kinds)
    rest = " ".join(text for kind, text in name.parts if kind not in lead_kinds)
    return f"{lead}, {rest}" if rest else lead


def entity_heading(entity: Entity, lang: Lang) -> str:
    name = entity.standard_name(lang)
    return heading(name) if name else entity.name(lang)


def sort_key(entity: Entity, lang: Lang) -> tuple[Key, str]:
    """By the index form in the page's language's alphabet; the xml:id breaks a tie."""
    return key(entity_heading(entity, lang), lang), entity.xml_id
