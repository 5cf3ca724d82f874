"""The index as data: persons, groups and places as CSV and JSON, made at build time.

One record per entity of the authority file, ordered by id. The CSV and the JSON hold the same
records (the JSON adds, under "detail", the same facts structured: every name with its type and
language, the forms each text uses, the dates with their wording, the coordinates, the mentions).
Column names and order are part of the edition's interface: add columns at the end, never rename.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from albazin.core.i18n import N_
from albazin.model import names
from albazin.model.model import Edition, Entity, EntityDate, EntityKind
from albazin.publish import csvsafe

LIST_SEPARATOR = " | "  # between the items of a list in one CSV cell (no name contains it)
FORM_SEPARATOR = "; "  # between the forms one text uses (a form may contain a comma: "Andrade, Tonio")
MENTIONS_PREFIX = "mentions_"

# (name, label key of its description: scripts/locales/*/LC_MESSAGES/albazin.po)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", N_("entity_col_id")),
    ("kind", N_("entity_col_kind")),
    ("type", N_("entity_col_type")),
    ("role", N_("entity_col_role")),
    ("name_en", N_("entity_col_name_en")),
    ("name_ru", N_("entity_col_name_ru")),
    ("names", N_("entity_col_names")),
    ("forms_in_texts", N_("entity_col_forms_in_texts")),
    ("birth", N_("entity_col_birth")),
    ("death", N_("entity_col_death")),
    ("floruit", N_("entity_col_floruit")),
    ("lat", N_("entity_col_lat")),
    ("lon", N_("entity_col_lon")),
    ("coordinates_cert", N_("entity_col_coordinates_cert")),
    ("description_en", N_("entity_col_description_en")),
    ("description_ru", N_("entity_col_description_ru")),
    ("url_en", N_("entity_col_url_en")),
    ("url_ru", N_("entity_col_url_ru")),
    ("mentions_total", N_("entity_col_mentions_total")),
    (f"{MENTIONS_PREFIX}<text>", N_("entity_col_mentions_text")),
    # added after the mentions columns, so that no existing column moves
    ("wikidata", N_("entity_col_wikidata")),
    ("geonames", N_("entity_col_geonames")),
    ("viaf", N_("entity_col_viaf")),
    ("identifier_uris", N_("entity_col_identifier_uris")),
)


def column_names(edition: Edition) -> list[str]:
    """The fixed columns, one mentions column per text where the template stands, then the columns added later."""
    names = [name for name, _ in COLUMNS]
    at = next(i for i, name in enumerate(names) if name.startswith(f"{MENTIONS_PREFIX}<"))
    return names[:at] + [f"{MENTIONS_PREFIX}{doc.siglum}" for doc in edition.documents()] + names[at + 1:]


def _identifier(entity: Entity, scheme: str) -> str:
    return LIST_SEPARATOR.join(i.value for i in entity.identifiers if i.scheme == scheme)


def _date(date: EntityDate) -> str:
    if date.when:
        value = date.when
    elif date.not_before or date.not_after:
        value = f"{date.not_before or '..'}/{date.not_after or '..'}"
    else:
        return ""
    return f"{value}?" if date.cert in ("low", "medium") else value


def _dates(entity: Entity, kind: str) -> str:
    return LIST_SEPARATOR.join(v for v in (_date(d) for d in entity.dates if d.kind == kind) if v)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _record(entity: Entity, edition: Edition, found: list[names.Mention],
            url: Callable[[Entity, str], str]) -> dict[str, object]:
    forms = names.forms_by_text(found)
    counts = {doc.siglum: sum(1 for m in found if m.doc.siglum == doc.siglum) for doc in edition.documents()}
    geo = entity.geo
    row: dict[str, object] = {
        "id": entity.xml_id, "kind": entity.kind, "type": entity.type or "", "role": entity.role or "",
        "name_en": entity.name("en"), "name_ru": entity.name("ru"),
        "names": LIST_SEPARATOR.join(f"{n.type}@{n.lang or ''}: {n.text}" for n in entity.names),
        "forms_in_texts": LIST_SEPARATOR.join(f"{siglum}: {FORM_SEPARATOR.join(values)}"
                                              for siglum, values in forms.items()),
        "birth": _dates(entity, "birth"), "death": _dates(entity, "death"), "floruit": _dates(entity, "floruit"),
        "lat": _coordinate(geo.lat if geo else None), "lon": _coordinate(geo.lon if geo else None),
        "coordinates_cert": (geo.cert or "") if geo else "",
        "description_en": entity.description.get("en"), "description_ru": entity.description.get("ru"),
        "url_en": url(entity, "en"), "url_ru": url(entity, "ru"),
        "mentions_total": str(len(found)),
        **{f"{MENTIONS_PREFIX}{siglum}": str(n) for siglum, n in counts.items()},
        "wikidata": _identifier(entity, "wikidata"), "geonames": _identifier(entity, "geonames"),
        "viaf": _identifier(entity, "viaf"),
        "identifier_uris": LIST_SEPARATOR.join(i.uri for i in entity.identifiers),
    }
    row["detail"] = {
        "names": [{"type": n.type, "lang": n.lang, "text": n.text} for n in entity.names],
        "forms_in_texts": forms,
        "dates": [{"kind": d.kind, "when": d.when, "not_before": d.not_before, "not_after": d.not_after,
                   "cert": d.cert, "text": d.text} for d in entity.dates],
        "geo": {"lat": geo.lat, "lon": geo.lon, "cert": geo.cert} if geo else None,
        "mentions": counts,
        "identifiers": [{"scheme": i.scheme, "id": i.value, "uri": i.uri} for i in entity.identifiers],
    }
    return row


def records(edition: Edition, kind: EntityKind, url: Callable[[Entity, str], str]) -> list[dict[str, object]]:
    """The entities of one kind, by id; each record's CSV columns plus its "detail"."""
    found = names.by_entity(edition)
    return [_record(e, edition, found.get(e.xml_id, []), url)
            for e in sorted((e for e in edition.entities if e.kind == kind), key=lambda e: e.xml_id)]


def to_csv(edition: Edition, rows: list[dict[str, object]]) -> str:
    """Cells that would start a spreadsheet formula are neutralised (albazin/publish/csvsafe.py)."""
    return csvsafe.to_csv(rows, column_names(edition))


def to_json(edition: Edition, kind: EntityKind, rows: list[dict[str, object]]) -> str:
    document = {"edition": edition.title.get("en"), "version": edition.version, "kind": kind,
                "columns": column_names(edition), "records": rows}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
