"""The index as linked data: every person, group and place as JSON-LD in schema.org terms.

One document, `data/index.jsonld`, made at build time beside the CSV/JSON exports: a schema.org
Dataset (the index) whose graph holds one node per entry of the authority file. A node's @id is the
entry's permanent anchor on the English index page (the anchor is the same on the Russian page,
given as a second `url`); `sameAs` links it to the same person, group or place elsewhere, from the
entry's <idno>s through `Entity.identifiers` (albazin/core/externalids.py makes the URIs: nothing here
re-derives them); `identifier` keeps the bare identifiers with their scheme.

The context is inline (no request to resolve it), and only what the authority file states exactly
is said: names and descriptions with their languages, dates only when exact and not qualified as
uncertain, coordinates only when not marked approximate (the CSV and JSON keep the rest).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from albazin.core.i18n import LANGUAGES, label
from albazin.model.model import Edition, Entity, EntityName

# schema.org types: the closest the vocabulary has; what it has no type for is a Thing.
PLACE_TYPES = {"country": "Country", "river": "RiverBodyOfWater", "lake": "LakeBodyOfWater",
               "mountains": "Mountain", "church": "Church"}
ORG_TYPES = {"polity": "Organization", "institution": "Organization", "military-unit": "Organization",
             "order": "Organization"}
CONTEXT = {"@vocab": "https://schema.org/", "sameAs": {"@type": "@id"}, "url": {"@type": "@id"},
           "license": {"@type": "@id"}, "isPartOf": {"@type": "@id"}}
SURE = (None, "high")  # @cert values that allow a date or a position to be stated as a fact


def schema_type(entity: Entity) -> str:
    if entity.kind == "person":
        return "Person"
    if entity.kind == "place":
        return PLACE_TYPES.get(entity.type or "", "Place")
    return ORG_TYPES.get(entity.type or "", "Thing")


def _literal(name: EntityName) -> dict[str, str] | str:
    return {"@value": name.text, "@language": name.lang} if name.lang else name.text


def node(entity: Entity, url: Callable[[Entity, str], str]) -> dict[str, object]:
    """One entry of the index as a schema.org node (url(entity, lang): its anchor on the index page)."""
    out: dict[str, object] = {
        "@id": url(entity, "en"), "@type": schema_type(entity), "identifier": entity.xml_id,
        "name": [_literal(n) for n in entity.names if n.type == "standard"],
        "url": [url(entity, "en"), url(entity, "ru")],
    }
    others = [_literal(n) for n in entity.names if n.type != "standard"]
    if others:
        out["alternateName"] = others
    descriptions = [{"@value": text, "@language": lang} for lang, text in entity.description.by_lang if text]
    if descriptions:
        out["description"] = descriptions
    if entity.identifiers:
        out["sameAs"] = [i.uri for i in entity.identifiers]
        out["identifier"] = [entity.xml_id, *({"@type": "PropertyValue", "propertyID": i.label, "value": i.value}
                                              for i in entity.identifiers)]
    if entity.kind == "person":
        for kind, key in (("birth", "birthDate"), ("death", "deathDate")):
            exact = [d.when for d in entity.dates if d.kind == kind and d.when and d.cert in SURE]
            if exact:
                out[key] = exact[0]
    if entity.geo is not None and entity.geo.cert in SURE:
        out["geo"] = {"@type": "GeoCoordinates", "latitude": entity.geo.lat, "longitude": entity.geo.lon}
    return out


def document(edition: Edition, url: Callable[[Entity, str], str], self_url: str, home_url: str) -> str:
    """The whole index: the Dataset, then its entries by kind and id."""
    title = [{"@value": label(lang, "ld_index_name", title=edition.title.get(lang)), "@language": lang}
             for lang in LANGUAGES]
    entities = sorted(edition.entities, key=lambda e: (("person", "org", "place").index(e.kind), e.xml_id))
    dataset: dict[str, object] = {
        "@id": self_url, "@type": "Dataset",
        "name": title,
        "isPartOf": home_url, "version": edition.version,
        "hasPart": [{"@id": url(e, "en")} for e in entities],
    }
    if edition.licence_url:
        dataset["license"] = edition.licence_url
    graph = [dataset, *(node(e, url) for e in entities)]
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1) + "\n"
