"""DTS 1.0 response rules for the client tests, written from the specification's text.

The specification (distributed-text-services/specifications, versions/v1.0) ships no JSON schemas:
these are its property tables turned into JSON Schema (draft 7, which the pinned jsonschema 3.2.0
implements), one per object of the specification, with the section each comes from. Members the
tables do not list are refused: a key the DTS context does not define would be dropped by a
JSON-LD processor. What a schema cannot say (the navigation table of down/ref, document order,
levels and parents, citeTypes along the citation tree) is in the functions below.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft7Validator

CONTEXT = "https://dtsapi.org/context/v1.0.json"
URI = {"type": "string", "minLength": 1}
TEMPLATE = {"type": "string", "pattern": r"\{[^}]+\}"}  # RFC 6570: at least one expression
INT0 = {"type": "integer", "minimum": 0}
BCP47 = {"type": "string", "pattern": r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$"}  # its shape (RFC 5646 §2.1)

# § Collection Endpoint, "MetadataObject Structure": a literal, a URI, an array of {value, lang}
# (lang per BCP 47), or an array of URIs.
METADATA = {
    "type": "object",
    "additionalProperties": {"anyOf": [
        {"type": ["string", "number", "boolean"]},
        {"type": "array", "items": {"type": "object", "required": ["value", "lang"], "additionalProperties": False,
                                    "properties": {"value": {"type": "string"}, "lang": BCP47}}},
        {"type": "array", "items": URI},
    ]},
}

# § Navigation Endpoint, "CiteStructure" (citeType required since 2024-08-08) and "CitationTree".
CITE_STRUCTURE: dict[str, Any] = {
    "type": "object", "required": ["citeType"], "additionalProperties": False,
    "properties": {"@type": {"const": "CiteStructure"}, "citeType": {"type": "string", "minLength": 1},
                   "citeStructure": {"type": "array", "items": {"$ref": "#/definitions/citeStructure"}}},
}
CITATION_TREE = {
    "type": "object", "required": ["@type"], "additionalProperties": False,
    "properties": {"@type": {"const": "CitationTree"}, "identifier": {"type": "string"},
                   "citeStructure": {"type": "array", "items": {"$ref": "#/definitions/citeStructure"}},
                   "description": {"type": "string"}},
}
# § Navigation Endpoint, "CitableUnit".
CITABLE_UNIT = {
    "type": "object", "required": ["identifier", "@type", "level", "parent"], "additionalProperties": False,
    "properties": {"identifier": {"type": "string", "minLength": 1}, "@type": {"const": "CitableUnit"},
                   "level": {"type": "integer", "minimum": 1}, "parent": {"type": ["string", "null"]},
                   "@id": URI, "citeType": {"type": "string"}, "dublinCore": METADATA, "extensions": METADATA},
}
# § Collection Endpoint, "Pagination Structure".
PAGINATION = {
    "type": "object", "required": ["@id", "@type", "first", "previous", "next", "last"],
    "properties": {"@id": URI, "@type": {"const": "Pagination"}, "first": URI, "previous": URI, "next": URI,
                   "last": URI},
}
# § Collection Endpoint, "Scheme for Collection API Responses": Collection and Resource objects.
_OBJECT_PROPERTIES = {
    "@id": URI, "@type": {"enum": ["Collection", "Resource"]}, "dtsVersion": {"const": "1.0"},
    "title": {"type": "string"}, "totalParents": INT0, "totalChildren": INT0, "description": {"type": "string"},
    "member": {"type": "array", "items": {"$ref": "#/definitions/member"}}, "dublinCore": METADATA,
    "extensions": METADATA, "collection": TEMPLATE, "navigation": TEMPLATE, "document": TEMPLATE,
    "download": {"anyOf": [URI, {"type": "array"}, {"type": "object"}]},
    "citationTrees": {"type": "array", "items": {"$ref": "#/definitions/citationTree"}},
    "view": {"$ref": "#/definitions/pagination"}, "mediaTypes": {"type": "array", "items": {"type": "string"}},
}
COLLECTION_OBJECT = {
    "type": "object", "required": ["@id", "@type", "title", "totalParents", "collection"],
    "additionalProperties": False, "properties": {**_OBJECT_PROPERTIES, "@context": {"const": CONTEXT}},
    "allOf": [
        {"if": {"properties": {"@type": {"const": "Collection"}}}, "then": {"required": ["totalChildren"]}},
        {"if": {"properties": {"@type": {"const": "Resource"}}}, "then": {"required": ["navigation", "document"]}},
    ],
}
DEFINITIONS = {"citeStructure": CITE_STRUCTURE, "citationTree": CITATION_TREE, "citableUnit": CITABLE_UNIT,
               "pagination": PAGINATION, "member": COLLECTION_OBJECT}

# § Entry Endpoint, "Scheme for Entry Endpoint Responses".
ENTRY = {
    "type": "object", "required": ["@context", "@id", "@type", "dtsVersion", "collection", "navigation", "document"],
    "additionalProperties": False,
    "properties": {"@context": {"const": CONTEXT}, "@id": URI, "@type": {"const": "EntryPoint"},
                   "dtsVersion": {"const": "1.0"}, "collection": TEMPLATE, "navigation": TEMPLATE,
                   "document": TEMPLATE},
}
# A Collection endpoint response: a Collection or Resource object with the context and version.
COLLECTION = {"definitions": DEFINITIONS, "allOf": [{"$ref": "#/definitions/member"}],
              "required": ["@context", "dtsVersion"]}
# § Navigation Endpoint, "Navigation Object" and its "Resource" (citationTrees required there).
NAVIGATION = {
    "definitions": DEFINITIONS, "type": "object",
    "required": ["@context", "@id", "@type", "dtsVersion", "resource"], "additionalProperties": False,
    "properties": {
        "@context": {"const": CONTEXT}, "@id": URI, "@type": {"const": "Navigation"}, "dtsVersion": {"const": "1.0"},
        "resource": {"type": "object", "allOf": [{"$ref": "#/definitions/member"}],
                     "required": ["@id", "@type", "collection", "navigation", "document", "citationTrees"],
                     "properties": {"@type": {"const": "Resource"}}},
        "ref": {"$ref": "#/definitions/citableUnit"}, "start": {"$ref": "#/definitions/citableUnit"},
        "end": {"$ref": "#/definitions/citableUnit"},
        "member": {"type": "array", "items": {"$ref": "#/definitions/citableUnit"}},
        "view": {"$ref": "#/definitions/pagination"},
    },
}
# The Navigation's Resource may leave out what the Collection object requires (title, totalParents):
# its own table lists @id, @type, collection, navigation, document and citationTrees as required.
NAVIGATION["properties"]["resource"] = {  # type: ignore[index]
    "type": "object", "required": ["@id", "@type", "collection", "navigation", "document", "citationTrees"],
    "additionalProperties": False, "properties": {**_OBJECT_PROPERTIES, "@type": {"const": "Resource"}},
}

VALIDATORS = {name: Draft7Validator(schema) for name, schema in
              (("entry", ENTRY), ("collection", COLLECTION), ("navigation", NAVIGATION))}
for _validator in VALIDATORS.values():
    Draft7Validator.check_schema(_validator.schema)


def schema_errors(kind: str, response: object) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in VALIDATORS[kind].iter_errors(response)]


# --- rules beyond the schemas ------------------------------------------------------------------

def cite_type_paths(trees: list[dict]) -> set[tuple[str, ...]]:
    """Every path of citeTypes the default CitationTree declares: ("text",), ("text", "division") …"""
    found: set[tuple[str, ...]] = set()

    def walk(structures: list[dict], prefix: tuple[str, ...]) -> None:
        for s in structures:
            path = (*prefix, s["citeType"])
            found.add(path)
            walk(s.get("citeStructure", []), path)
    walk(trees[0].get("citeStructure", []), ())
    return found


def tree_problems(units: list[dict], trees: list[dict]) -> list[str]:
    """§ Navigation: identifiers unique in the tree; parent null exactly at level 1; a unit's level is
    its parent's plus one; members in document order (pre-order: a parent before its children, and
    a unit's subtree before its next sibling); each unit's citeTypes from the root follow a path the
    CitationTree declares (§ Resource citationTrees; "Discovering the typology of CitableUnits")."""
    problems, by_id, seen = [], {}, []
    paths = cite_type_paths(trees)
    if len(trees) != 1 or "identifier" in trees[0]:
        problems.append("a single CitationTree, the default, must have no identifier")
    for unit in units:
        ident, parent = unit["identifier"], unit["parent"]
        if ident in by_id:
            problems.append(f"{ident}: identifier not unique")
        if (parent is None) != (unit["level"] == 1):
            problems.append(f"{ident}: parent is null exactly for level 1")
        if parent is not None:
            if parent not in by_id:
                problems.append(f"{ident}: parent {parent} not listed before it")
            elif by_id[parent]["level"] + 1 != unit["level"]:
                problems.append(f"{ident}: level {unit['level']} under a parent of level {by_id[parent]['level']}")
            elif parent in seen and seen[-1] != parent and not _inside(seen[-1], parent, by_id):
                problems.append(f"{ident}: not in pre-order (after a unit outside its parent's subtree)")
        by_id[ident] = unit
        seen.append(ident)
        path, node = [], unit
        while node is not None:
            path.append(node.get("citeType"))
            node = by_id.get(node["parent"]) if node["parent"] else None
        if tuple(reversed(path)) not in paths:
            problems.append(f"{ident}: citeTypes {tuple(reversed(path))} are not a path of the CitationTree")
    return problems


def _inside(ident: str, ancestor: str, by_id: dict[str, dict]) -> bool:
    node = by_id.get(ident)
    while node is not None and node["parent"] is not None:
        if node["parent"] == ancestor:
            return True
        node = by_id.get(node["parent"])
    return False


def expected_members(units: list[dict], ref: str | None, down: int | None) -> list[str] | None:
    """§ Navigation, "Usage of down, ref, start and end" (start/end: Level 0, not served): the
    identifiers `member` must hold, in order; None: no member property; "400": a Bad Request."""
    by_id = {u["identifier"]: u for u in units}

    def below(root: str | None, depth: int) -> list[str]:
        start = by_id[root]["level"] if root else 0
        out = []
        for u in units:
            node, inside = u, root is None
            while not inside and node["parent"] is not None:
                inside = node["parent"] == root
                node = by_id[node["parent"]]
            if inside and (depth < 0 or u["level"] - start <= depth):
                out.append(u["identifier"])
        return out

    if ref is None:
        if down is None or down == 0:
            return ["400"]
        return below(None, down)
    if down is None:
        return None
    if down == 0:  # the siblings, the unit among them
        return [u["identifier"] for u in units if u["parent"] == by_id[ref]["parent"]]
    return [ref, *below(ref, down)]
