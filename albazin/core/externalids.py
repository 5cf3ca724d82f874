"""External identifiers of the authority file's entries (Wikidata, GeoNames, VIAF).

Encoded in TEI as `<idno type="wikidata">Q123</idno>` (the bare identifier, never a URL) inside a
<person>, <org> or <place>. This module is the one place that knows each scheme's pattern and the
URI it stands for, so that the index pages, the CSV/JSON exports and the linked data agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    label: str  # as shown to readers (the same in both languages: these are proper names)
    pattern: re.Pattern[str]
    uri_template: str  # "{}" is replaced by the identifier


SCHEMES: dict[str, Scheme] = {
    "wikidata": Scheme("Wikidata", re.compile(r"Q[1-9][0-9]{0,11}"), "http://www.wikidata.org/entity/{}"),
    "geonames": Scheme("GeoNames", re.compile(r"[1-9][0-9]{0,11}"), "https://sws.geonames.org/{}/"),
    "viaf": Scheme("VIAF", re.compile(r"[1-9][0-9]{0,21}"), "http://viaf.org/viaf/{}"),
}


@dataclass(frozen=True)
class ExternalId:
    scheme: str  # a key of SCHEMES
    value: str

    @property
    def uri(self) -> str:
        return SCHEMES[self.scheme].uri_template.format(self.value)

    @property
    def label(self) -> str:
        return SCHEMES[self.scheme].label


def problem(scheme: str, value: str) -> str | None:
    """Why `<idno type=scheme>value</idno>` is not a usable external identifier (None: it is)."""
    known = SCHEMES.get(scheme)
    if known is None:
        return f'unknown identifier type "{scheme}" (known: {", ".join(sorted(SCHEMES))})'
    if not known.pattern.fullmatch(value):
        return f'"{value}" is not a {known.label} identifier (expected {known.pattern.pattern})'
    return None
