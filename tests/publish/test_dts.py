"""The static DTS 1.0 API (dts/), fetched over loopback as a DTS client does.

A client knows one URL, the Entry endpoint; everything else it reaches by expanding the URI
templates the responses give (RFC 6570, expanded here by the `uritemplate` package, not by the
edition's code): entry → collections → resources → navigation of every unit at every depth →
document of every unit. Every response is checked against the specification's rules
(tests/publish/dtsrules.py) and every document fragment against the TEI it comes from. The site is served
as a host that reads `_headers` would serve it (media types, Link), and as plain files.
"""

from __future__ import annotations

import http.server
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import uritemplate
from lxml import etree, html

from albazin.core import siteurl
from albazin.core.paths import PROJECT_ROOT
from albazin.load import teiload
from albazin.model.model import Edition
from albazin.publish import dts
from tests.conftest import serving
from tests.publish import dtsrules

TEI = PROJECT_ROOT / "tei"
SITE_URL = siteurl.DEFAULT  # mkdocs.yml: site_url from SITE_URL, unset in the tests
NS = {"tei": teiload.TEI_NS, "dts": dts.WRAPPER_NS}


# --- a host that applies _headers ----------------------------------------------------------------

def header_rules(site: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """`_headers` as Netlify-style hosts read it: a path (a trailing * matches the rest), then
    indented "Name: value" lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _extra(self) -> list[tuple[str, str]]:
        path = unquote(urlsplit(self.path).path)
        return [h for pattern, headers in self.rules if _matches(pattern, path) for h in headers]

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-type" and any(n.lower() == "content-type" for n, _ in self._extra()):
            return  # the rule's media type replaces the guessed one
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        if getattr(self, "_status", 200) == 200:
            for name, value in self._extra():
                super().send_header(name, value)
        super().end_headers()

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    with serving(site, type("H", (_HeadersHandler,), {"rules": header_rules(site)})) as url:
        yield url


# --- the client ---------------------------------------------------------------------------------

class Client:
    """GETs what the API's URLs name, on the loopback server instead of the configured site URL."""

    def __init__(self, base: str):
        self.base = base
        self.fetched: dict[str, bytes] = {}  # site path → body of every 200 response
        self.checked = 0

    def local(self, url: str) -> str:
        assert url.startswith(SITE_URL), f"{url} is not under the site URL {SITE_URL}"
        return self.base + url[len(SITE_URL):]

    def get(self, url: str) -> tuple[int, dict[str, str], bytes]:
        try:
            with urllib.request.urlopen(self.local(url), timeout=30) as r:
                body = r.read()
                self.fetched[unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path):]] = body
                return r.status, dict(r.headers), body
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), b""

    def json(self, url: str, kind: str) -> dict:
        status, headers, body = self.get(url)
        assert status == 200, f"{url}: HTTP {status}"
        # § Entry/Navigation "Response Headers": application/ld+json
        assert headers["Content-Type"].split(";")[0] == dts.JSON_MEDIA_TYPE, (url, headers["Content-Type"])
        assert headers.get("Access-Control-Allow-Origin") == "*", url
        data = json.loads(body)
        assert dtsrules.schema_errors(kind, data) == [], url
        self.checked += 1
        return data


def expand(template: str, **values: object) -> str:
    # RFC 6570 values are strings (uritemplate 4.2 expands the integer 0 in {;down} as if it were empty).
    return uritemplate.expand(template, {k: str(v) for k, v in values.items() if v is not None})


@pytest.fixture(scope="module")
def walk(host: str, edition: Edition) -> dict[str, object]:
    """Walk the whole API from its entry; what it found, for the tests below."""
    client = Client(host)
    entry = client.json(SITE_URL + dts.entry_path(), "entry")
    collections: dict[str, dict] = {}
    resources: dict[str, dict] = {}
    queue = [(expand(entry["collection"]), None)]
    while queue:
        url, parent = queue.pop(0)
        response = client.json(url, "collection")
        assert response["@id"] not in collections, f"{url}: {response['@id']} reached twice"
        collections[response["@id"]] = response
        parents = client.json(expand(response["collection"], nav="parents"), "collection")
        assert parents["totalParents"] == len(parents["member"])
        assert parent is None or parent in [m["@id"] for m in parents["member"]]
        assert {**parents, "member": None} == {**response, "member": None}
        assert client.json(expand(response["collection"], nav="children"), "collection") == response
        if parent is None:  # the root, also by the entry's template without an id
            assert client.json(expand(entry["collection"], nav="children"), "collection") == response
        assert response["totalChildren" if response["@type"] == "Collection" else "totalParents"] >= 0
        if response["@type"] == "Collection":
            assert response["totalChildren"] == len(response["member"])  # no pagination: all members
        for member in response.get("member", []):
            queue.append((expand(member["collection"]), response["@id"]))
            if member["@type"] == "Resource":
                resources[member["@id"]] = member
    return {"client": client, "entry": entry, "collections": collections, "resources": resources}


def navigation(client: Client, resource: dict, **params: object) -> dict:
    return client.json(expand(resource["navigation"], **params), "navigation")


# --- entry and collections ------------------------------------------------------------------------

def test_the_entry_names_the_three_endpoints_by_template(walk: dict) -> None:
    entry = walk["entry"]
    assert entry["@id"] == SITE_URL + "dts/index.json"
    for endpoint in ("collection", "navigation", "document"):
        assert "?" not in entry[endpoint]  # path style: no query string needed
    root = walk["collections"][dts.ROOT_COLLECTION]
    assert root["totalParents"] == 0
    client = walk["client"]
    assert client.json(expand(entry["collection"], id=dts.ROOT_COLLECTION), "collection") == root
    assert client.json(expand(entry["collection"], nav="parents"), "collection")["member"] == []


def test_every_text_and_translation_is_a_resource_of_its_text_collection(walk: dict, edition: Edition) -> None:
    resources = walk["resources"]
    assert sorted(resources) == sorted(d.xml_id for d in edition.documents())
    for text in edition.texts:
        collection = walk["collections"][dts.text_collection_id(text)]
        expected = [text.xml_id] + ([edition.translation(text.siglum).xml_id] if edition.translation(text.siglum)
                                    else [])
        assert [m["@id"] for m in collection["member"]] == expected
    for doc in edition.documents():
        record = walk["collections"][doc.xml_id]
        assert record == {**resources[doc.xml_id], "@context": dtsrules.CONTEXT, "dtsVersion": "1.0", "member": []}
        assert record["mediaTypes"] == [dts.TEI_MEDIA_TYPE]
        assert {v["lang"] for v in record["dublinCore"]["title"]} == {"en", "ru"}
        assert record["dublinCore"]["language"] == [doc.lang]
        status, _, body = walk["client"].get(record["download"])
        assert status == 200 and body == (TEI / doc.file_name).read_bytes()


# --- navigation ---------------------------------------------------------------------------------

def test_navigation_follows_the_down_and_ref_table_for_every_unit(walk: dict, edition: Edition) -> None:
    client = walk["client"]
    for resource in walk["resources"].values():
        everything = navigation(client, resource, down=-1)
        units = everything["member"]
        tree = edition.citation_trees[[t.resource for t in edition.citation_trees].index(resource["@id"])]
        assert [u["identifier"] for u in units] == [u.ref for u in tree.units]
        assert dtsrules.tree_problems(units, everything["resource"]["citationTrees"]) == []
        depth = max(u["level"] for u in units)
        by_id = {u["identifier"]: u for u in units}
        for down in range(1, depth + 1):
            response = navigation(client, resource, down=down)
            assert [u["identifier"] for u in response["member"]] == dtsrules.expected_members(units, None, down)
        for unit in units:
            for down in (None, 0, *range(1, depth + 1), -1):
                response = navigation(client, resource, ref=unit["identifier"], down=down)
                assert response["ref"] == by_id[unit["identifier"]]
                assert response["resource"] == everything["resource"]
                # § Navigation object: "@id" is the request's URL
                assert response["@id"] == expand(resource["navigation"], ref=unit["identifier"], down=down)
                expected = dtsrules.expected_members(units, unit["identifier"], down)
                if expected is None:
                    assert "member" not in response
                else:
                    assert [u["identifier"] for u in response["member"]] == expected
                    assert all(u == by_id[u["identifier"]] for u in response["member"])


def test_navigation_refuses_what_a_level_0_static_server_does_not_serve(walk: dict) -> None:
    client = walk["client"]
    for resource in walk["resources"].values():
        units = navigation(client, resource, down=-1)["member"]
        first, last = units[1]["identifier"], units[-1]["identifier"]
        depth = max(u["level"] for u in units)
        for params in ({}, {"down": 0}, {"start": first, "end": last}, {"start": first, "end": last, "down": 1},
                       {"ref": first, "tree": "pages"}, {"ref": "no such unit"}, {"down": depth + 1}):
            status, _, _ = client.get(expand(resource["navigation"], **params))
            assert status == 404, (resource["@id"], params)  # 400 in the specification: a file host says 404


def test_each_unit_is_the_anchor_its_at_id_names_in_both_languages(walk: dict, site: Path) -> None:
    client = walk["client"]
    pages: dict[str, set[str]] = {}
    for resource in walk["resources"].values():
        for unit in navigation(client, resource, down=-1)["member"]:
            if "@id" not in unit:
                continue
            page, _, anchor = unit["@id"].partition("#")
            for prefix in ("", "ru/"):
                path = site / prefix / page[len(SITE_URL):] / "index.html"
                if str(path) not in pages:
                    pages[str(path)] = set(html.parse(str(path)).getroot().xpath("//@id"))
                assert not anchor or anchor in pages[str(path)], (unit["identifier"], path)


# --- documents ------------------------------------------------------------------------------------

def _exclusive_c14n(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n", exclusive=True, with_comments=True)


def _tei_xpath(path: str) -> str:
    return "/".join(f"tei:{step}" if step else "" for step in path.split("/"))


def test_every_unit_s_document_is_its_tei_element_in_a_dts_wrapper(walk: dict, edition: Edition) -> None:
    client = walk["client"]
    fragments = 0
    for resource in walk["resources"].values():
        doc = next(d for d in edition.documents() if d.xml_id == resource["@id"])
        source_bytes = (TEI / doc.file_name).read_bytes()
        source = etree.fromstring(source_bytes)
        status, headers, body = client.get(expand(resource["document"]))
        assert status == 200 and body == source_bytes  # § Document, Example 3: the whole Resource
        for unit in navigation(client, resource, down=-1)["member"]:
            url = expand(resource["document"], ref=unit["identifier"])
            status, headers, body = client.get(url)
            assert status == 200, url
            # § Document "Header": Content-Type application/tei+xml; Link to the Collection endpoint
            assert headers["Content-Type"].split(";")[0] == dts.TEI_MEDIA_TYPE
            link, _, rel = headers["Link"].partition(">;")
            assert rel.strip() == 'rel="collection"'
            assert client.json(link.lstrip("<"), "collection")["@id"] == resource["@id"]
            client.checked += 1
            root = etree.fromstring(body)
            assert root.tag == teiload.tei("TEI")  # § Document: the root MUST be TEI's <TEI>
            if unit["level"] == 1 and root.get(f"{{{teiload.XML_NS}}}id") == resource["@id"]:
                assert body == source_bytes  # the text as a whole: a complete document, not a chunk
                continue
            wrappers = root.findall("dts:wrapper", NS)
            assert len(wrappers) == 1
            (element,) = [c for c in wrappers[0] if isinstance(c.tag, str)]
            in_source = source.xpath(_tei_xpath(wrappers[0].get("ref")), namespaces=NS)
            assert len(in_source) == 1
            assert _exclusive_c14n(element) == _exclusive_c14n(in_source[0]), url
            assert element.get(f"{{{teiload.XML_NS}}}id") == unit["@id"].rpartition("#")[2]
            assert root.find("tei:teiHeader/tei:fileDesc", NS) is not None  # title and licence go with it
            # relative pointers resolve against the published TEI file, as in the file itself
            assert root.get(f"{{{teiload.XML_NS}}}base") == resource["download"]
            fragments += 1
    assert fragments == sum(len(t.units) for t in edition.citation_trees) - len(edition.citation_trees)


def test_documents_refuse_ranges_other_trees_and_unknown_references(walk: dict) -> None:
    client = walk["client"]
    for resource in walk["resources"].values():
        units = navigation(client, resource, down=-1)["member"]
        for params in ({"start": units[1]["identifier"], "end": units[2]["identifier"]},
                       {"ref": units[1]["identifier"], "tree": "pages"}, {"ref": "../../index.json"}):
            status, _, _ = client.get(expand(resource["document"], **params))
            assert status == 404, (resource["@id"], params)


def test_the_walk_reached_every_file_of_the_tree(walk: dict, site: Path, edition: Edition) -> None:
    """Every file is reached from the entry through the templates, and nothing else is in dts/."""
    client = walk["client"]
    for resource in walk["resources"].values():  # make sure every response was fetched at least once
        units = navigation(client, resource, down=-1)["member"]
        navigation(client, resource, down=1)
        for unit in units:
            client.get(expand(resource["document"], ref=unit["identifier"]))
    files = {p.relative_to(site).as_posix() for p in (site / dts.DTS_DIR).rglob("*") if p.is_file()}
    assert files - {f"{dts.DTS_DIR}/.htaccess"} == set(client.fetched) & files
    assert files - {f"{dts.DTS_DIR}/.htaccess"} <= set(client.fetched)
    assert client.checked > 0


def test_the_tree_is_readable_as_plain_files_too(server: str) -> None:
    """A host without _headers serves the same bytes: JSON and XML by their file names."""
    with urllib.request.urlopen(server + "dts/index.json", timeout=30) as r:
        assert json.loads(r.read())["@type"] == "EntryPoint"
        assert r.headers["Content-Type"].startswith("application/json")
    with urllib.request.urlopen(server + "dts/document/A/A%20A-text%20A-p1/index.xml", timeout=30) as r:
        assert etree.fromstring(r.read()).find("dts:wrapper", NS) is not None


def test_htaccess_gives_apache_the_same_media_types_and_links(site: Path, edition: Edition) -> None:
    text = (site / dts.DTS_DIR / ".htaccess").read_text(encoding="utf-8")
    assert f"AddType {dts.JSON_MEDIA_TYPE} .json" in text and f"AddType {dts.TEI_MEDIA_TYPE} .xml" in text
    for doc in edition.documents():
        assert f'"/dts/document/{doc.xml_id}/" DTS_COLLECTION={SITE_URL}dts/collection/{doc.xml_id}/index.json' in text
    assert 'Header set Link "<%{DTS_COLLECTION}e>; rel=\\"collection\\"" env=DTS_COLLECTION' in text


# --- the pages name each unit's DTS reference ------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_unit_s_permalink_names_its_dts_reference_and_tei(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else "ru/"
    for text in edition.texts:
        page_path = f"{prefix}texts/{text.slug}/"
        doc = html.parse(str(site / page_path / "index.html")).getroot()
        permalinks = {a.get("href")[1:]: a for a in doc.cssselect("a.alb-permalink")}
        assert doc.cssselect(".alb-edition")[0].get("data-label-dts")
        links = doc.xpath("//link[@rel='describedby'][@type='application/ld+json']/@href")
        assert links == [f"{SITE_URL}dts/collection/text-{text.siglum}/index.json"]
        for d in (text, edition.translation(text.siglum)):
            headless = {div.xml_id for div in d.divisions if div.head is None}  # no heading, so no permalink
            for unit in edition.citation_tree(d).units:
                if unit.xpath == "/TEI" or unit.xml_id in headless:
                    assert unit.xpath == "/TEI" or doc.get_element_by_id(unit.xml_id) is not None
                    continue
                a = permalinks[unit.xml_id]
                assert a.get("data-dts-ref") == unit.ref
                assert unit.ref in a.get("title")
                target = urljoin(SITE_URL + page_path, a.get("data-dts-document"))
                assert target == dts.url_of(SITE_URL, dts.document_path(d.xml_id, unit.ref))
                assert a.get("data-dts-download") == unit.ref.replace(" ", "_") + ".xml"


def test_every_paragraph_bibliography_item_and_division_has_a_reference(edition: Edition) -> None:
    """The declared structure (text → division → paragraph or bibliography item) covers every one."""
    for doc in edition.documents():
        ids = {u.xml_id for u in edition.citation_tree(doc).units}
        expected = {doc.xml_id} | {d.xml_id for d in doc.divisions} | {u.xml_id for u in doc.units()}
        assert expected == ids, doc.siglum


# --- the rules themselves catch what they must ----------------------------------------------------

def _unit(ident: str, level: int, parent: str | None, cite_type: str) -> dict:
    return {"identifier": ident, "@type": "CitableUnit", "level": level, "parent": parent, "citeType": cite_type}


def test_the_rules_refuse_what_the_specification_refuses() -> None:
    entry = {"@context": dtsrules.CONTEXT, "@id": "/api/dts/", "@type": "EntryPoint", "dtsVersion": "1.0",
             "collection": "/c/{?id,page,nav}", "navigation": "/n/{?resource,ref,down}", "document": "/d/{?resource}"}
    assert dtsrules.schema_errors("entry", entry) == []
    assert dtsrules.schema_errors("entry", {**entry, "document": "/d/"}) != []  # not a template
    assert dtsrules.schema_errors("entry", {k: v for k, v in entry.items() if k != "navigation"}) != []
    collection = {"@context": dtsrules.CONTEXT, "dtsVersion": "1.0", "@id": "c", "@type": "Collection",
                  "title": "C", "totalParents": 0, "collection": "/c/{?id}"}
    assert dtsrules.schema_errors("collection", collection) != []  # a Collection needs totalChildren
    assert dtsrules.schema_errors("collection", {**collection, "totalChildren": 0}) == []
    assert dtsrules.schema_errors("collection", {**collection, "totalChildren": 0, "@type": "Resource"}) != []
    assert dtsrules.schema_errors("collection", {**collection, "totalChildren": 0, "bogus": 1}) != []
    assert dtsrules.schema_errors("collection", {**collection, "totalChildren": 0,
                                                 "dublinCore": {"title": [{"value": "x"}]}}) != []  # no lang
    trees = [{"@type": "CitationTree", "citeStructure": [
        {"citeType": "chapter", "citeStructure": [{"citeType": "entry", "citeStructure": [{"citeType": "p"}]}]}]}]
    units = [_unit("C1", 1, None, "chapter"), _unit("C1.E1", 2, "C1", "entry"), _unit("C1.E1,P1", 3, "C1.E1", "p"),
             _unit("C1.E2", 2, "C1", "entry"), _unit("C2", 1, None, "chapter")]
    assert dtsrules.tree_problems(units, trees) == []
    assert dtsrules.tree_problems([units[0], units[2], units[1]], trees) != []  # child before its parent
    assert dtsrules.tree_problems([*units[:4], _unit("C2.E1", 3, "C1", "entry")], trees) != []  # wrong level
    assert dtsrules.tree_problems([units[0], _unit("X", 2, "C1", "p")], trees) != []  # citeType not declared
    assert dtsrules.tree_problems([*units, _unit("C1.E3", 2, "C1", "entry")], trees) != []  # not in pre-order
    # § Navigation, Examples 2, 3 and 5, and the table: down=0 gives the siblings
    assert dtsrules.expected_members(units, None, 1) == ["C1", "C2"]
    assert dtsrules.expected_members(units, "C1", -1) == ["C1", "C1.E1", "C1.E1,P1", "C1.E2"]
    assert dtsrules.expected_members(units, "C1.E1", 1) == ["C1.E1", "C1.E1,P1"]
    assert dtsrules.expected_members(units, "C1.E2", 0) == ["C1.E1", "C1.E2"]
    assert dtsrules.expected_members(units, "C1", None) is None
    assert dtsrules.expected_members(units, None, 0) == ["400"]


# --- the cite dialog (browser) ---------------------------------------------------------------------

def test_the_cite_dialog_names_the_dts_reference_and_downloads_the_unit_s_tei(page: object, server: str) -> None:
    page.goto(f"{server}ru/texts/c/")
    page.locator('button.alb-cite-btn[data-cite="C-ru-p2"]').click()
    line = page.locator("#alb-cite .alb-cite__dts")
    assert line.locator("code").inner_text() == "C-ru C-ru-background C-ru-p2"
    assert line.inner_text().startswith("Ссылка DTS: ")
    link = line.locator("a")
    assert link.inner_text() == "TEI этого фрагмента"
    assert link.get_attribute("download") == "C-ru_C-ru-background_C-ru-p2.xml"
    fetched = page.evaluate("h => fetch(h).then(r => r.text().then(t => [r.status, t]))", link.get_attribute("href"))
    assert fetched[0] == 200 and '<p xml:id="C-ru-p2"' in fetched[1] and "dts:wrapper" in fetched[1]
    # a figure of the paragraph is cited from the same dialog: it is no unit of the citation tree
    page.locator("#alb-cite .alb-cite__sub").first.click()
    assert page.locator("#alb-cite .alb-cite__dts").count() == 0
