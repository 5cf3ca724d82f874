"""External identifiers of authority entries: parsed into the model, refused when malformed."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from albazin.core import externalids
from albazin.core.externalids import ExternalId
from albazin.model import transform

TEI = "http://www.tei-c.org/ns/1.0"


def _entity(idnos: str) -> tuple[transform.Entity, list]:
    el = etree.fromstring(
        f'<person xmlns="{TEI}" xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:id="pers-x">'
        f'<persName type="standard" xml:lang="en">X</persName>{idnos}</person>')
    ctx = transform.Context(Path("authority.xml"))
    return transform.entity(el, ctx), ctx.diagnostics


def test_identifiers_become_uris() -> None:
    entity, problems = _entity('<idno type="wikidata">Q42</idno><idno type="viaf"> 113230702 </idno>')
    assert problems == []
    assert entity.identifiers == (ExternalId("wikidata", "Q42"), ExternalId("viaf", "113230702"))
    assert [i.uri for i in entity.identifiers] == ["http://www.wikidata.org/entity/Q42", "http://viaf.org/viaf/113230702"]
    assert ExternalId("geonames", "2021851").uri == "https://sws.geonames.org/2021851/"


@pytest.mark.parametrize(("idno", "message"), [
    ('<idno type="wikidata">https://www.wikidata.org/wiki/Q42</idno>', "is not a Wikidata identifier"),
    ('<idno type="wikidata">Q0</idno>', "is not a Wikidata identifier"),
    ('<idno type="geonames">12a</idno>', "is not a GeoNames identifier"),
    ('<idno type="orcid">0000</idno>', 'unknown identifier type "orcid"'),
    ('<idno>Q42</idno>', 'unknown identifier type ""'),
])
def test_malformed_identifiers_are_reported_with_their_line(idno: str, message: str) -> None:
    entity, problems = _entity(idno)
    assert entity.identifiers == ()
    assert len(problems) == 1 and message in problems[0].message and problems[0].code == "bad-idno"
    assert problems[0].line == 1


def test_every_scheme_has_a_pattern_and_a_uri() -> None:
    for name, scheme in externalids.SCHEMES.items():
        assert "{}" in scheme.uri_template and scheme.label
        assert externalids.problem(name, "") is not None
