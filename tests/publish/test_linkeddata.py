"""The index as linked data (data/index.jsonld): schema.org JSON-LD with sameAs from the <idno>s.

The real authority file has no verified identifiers yet, so a copy of the corpus gets some
(fixture values of the right shape, not real identifiers). A JSON-LD processor (PyLD, offline:
the context is inline) must read the document into the triples the index means.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld

from albazin.model import pipeline
from albazin.model.model import Edition, Entity
from albazin.publish import downloads, linkeddata
from tests.conftest import copy_corpus

SCHEMA = "https://schema.org/"
BASE = "https://edition.example/"
# Fixture identifiers, valid by albazin/core/externalids.py's patterns; not the entities' real ones.
FIXTURE_IDS = {
    "pers-tolbuzin": '<idno type="wikidata">Q999999901</idno><idno type="viaf">999999901</idno>',
    "pl-albazin": '<idno type="wikidata">Q999999902</idno><idno type="geonames">999999902</idno>',
    "org-qing": '<idno type="wikidata">Q999999903</idno>',
}


def _no_network(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"the JSON-LD processor tried to load {url}")


def entity_url(entity: Entity, lang: str) -> str:
    return f"{BASE}{'' if lang == 'en' else lang + '/'}index/{entity.kind}/#{entity.xml_id}"


@pytest.fixture(scope="module")
def with_identifiers(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    corpus = copy_corpus(tmp_path_factory.mktemp("ids"))
    path = corpus / "authority.xml"
    text = path.read_text(encoding="utf-8")
    for xml_id, idnos in FIXTURE_IDS.items():
        start = text.index(f'xml:id="{xml_id}"')
        note = text.index("<note", start)
        text = text[:note] + idnos + "\n          " + text[note:]
    path.write_text(text, encoding="utf-8")
    edition, diagnostics = pipeline.check(corpus)
    assert diagnostics == [], diagnostics  # the <idno>s are valid TEI where they stand
    return edition


def triples(document: str) -> set[tuple[str, str, str]]:
    quads = jsonld.to_rdf(json.loads(document), {"documentLoader": _no_network, "format": "application/n-quads"})
    found = set()
    for line in quads.splitlines():
        subject, predicate, rest = line.split(" ", 2)
        found.add((subject.strip("<>"), predicate.strip("<>"), rest.rsplit(" .", 1)[0]))
    return found


def test_each_entry_links_to_its_identifiers_with_same_as(with_identifiers: Edition) -> None:
    edition = with_identifiers
    document = linkeddata.document(edition, entity_url, f"{BASE}data/index.jsonld", BASE)
    found = triples(document)
    same_as = {(s, o) for s, p, o in found if p == f"{SCHEMA}sameAs"}
    expected = {(entity_url(e, "en"), f"<{i.uri}>") for e in edition.entities for i in e.identifiers}
    real = {(entity_url(e, "en"), f"<{i.uri}>") for e in pipeline.load_edition().entities for i in e.identifiers}
    # IRIs, not strings, and only the entries that have them: the fixture's five and the real file's own
    assert len(expected) == 5 + len(real) and real <= expected and same_as == expected
    tolbuzin = entity_url(next(e for e in edition.entities if e.xml_id == "pers-tolbuzin"), "en")
    assert (tolbuzin, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", f"<{SCHEMA}Person>") in found
    assert (tolbuzin, f"{SCHEMA}name", '"Алексей Толбузин"@ru') in found
    assert (tolbuzin, f"{SCHEMA}identifier", '"pers-tolbuzin"') in found


def test_every_entry_is_a_node_of_the_dataset(with_identifiers: Edition) -> None:
    edition = with_identifiers
    found = triples(linkeddata.document(edition, entity_url, f"{BASE}data/index.jsonld", BASE))
    parts = {o.strip("<>") for s, p, o in found if s == f"{BASE}data/index.jsonld" and p == f"{SCHEMA}hasPart"}
    assert parts == {entity_url(e, "en") for e in edition.entities}
    types = {s: o for s, p, o in found if p.endswith("#type")}
    for entity in edition.entities:
        assert types[entity_url(entity, "en")] == f"<{SCHEMA}{linkeddata.schema_type(entity)}>"
    albazin = next(e for e in edition.entities if e.xml_id == "pl-albazin")
    assert (entity_url(albazin, "en"), f"{SCHEMA}url", f"<{entity_url(albazin, 'ru')}>") in found


def test_only_sure_facts_are_stated(edition: Edition) -> None:
    for entity in edition.entities:
        node = linkeddata.node(entity, entity_url)
        if "geo" in node:
            assert entity.geo is not None and entity.geo.cert in linkeddata.SURE
        for key, kind in (("birthDate", "birth"), ("deathDate", "death")):
            if key in node:
                assert any(d.kind == kind and d.when == node[key] and d.cert in linkeddata.SURE for d in entity.dates)
        assert ("sameAs" in node) == bool(entity.identifiers)


def test_the_site_publishes_it_with_the_other_index_data(site: Path, edition: Edition) -> None:
    data = json.loads((site / downloads.INDEX_JSONLD).read_text(encoding="utf-8"))
    ids = [n["@id"] for n in data["@graph"][1:]]
    assert len(ids) == len(edition.entities) == len(set(ids))
    sums = (site / downloads.SUMS_PATH).read_text(encoding="utf-8")
    assert f"  {downloads.INDEX_JSONLD}\n" in sums
