"""A static DTS 1.0 API: the Entry, Collection, Navigation and Document endpoints as files under dts/.

Distributed Text Services 1.0 ("DTS"; the editors' specification, v1.0) lets an implementation made
of pre-generated files conform at Level 0 (§ Conformance: "Level 0 conformance allows minimal DTS
implementations, including implementations created by generating static files"), with URI
templates in path style instead of query strings (§ About URI Templates, "URI Templates examples
for static website"). This module makes every response of such a tree once per build, as bytes:

  Entry       dts/index.json
  Collection  dts/collection{/id}{/nav}/index.json
              the edition (no id, or id=edition) → one collection per text (text-A …) → its Resources
              (the original and its translation); nav=children (the default) or parents
  Navigation  dts/navigation/{resource}{;tree}{;down}{/ref,start,end}/index.json
              down ∈ {-1, 1 … depth} without ref; absent, 0, 1 … depth or -1 with a ref
  Document    dts/document/{resource}{;tree}{/ref,start,end}/index.xml
              the whole TEI file as published, or the unit's element in <dts:wrapper>

Everything a URI template can express and the tree does not hold is answered by the host's 404:
start/end (Level 0 need not support them, and "SHOULD raise an error"), a tree other than the
default, a down value deeper than the citation tree, and the requests the specification answers
with 400 (a navigation request with neither ref nor down). The references come from each text's
refsDecl/citeStructure (albazin/load/citetree.py); every id and reference that becomes a path segment is
checked by `citetree.path_segment` before it is joined.

Media types (DTS: `application/ld+json` for the JSON endpoints, `application/tei+xml` for
documents; § Entry/Navigation "Response Headers", § Document "Header") and the Document endpoint's
`Link: <…>; rel="collection"` header cannot be said by a file: `headers_file` and `htaccess` give
them to hosts that read Netlify/Cloudflare-style `_headers` or Apache's `.htaccess`; any other host
serves the same bytes as plain files.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from albazin.core import safeio
from albazin.load import teiload
from albazin.load.citetree import CitableUnit, CitationTree, CiteLevel, path_segment
from albazin.load.teiload import TEI_NS, XML_NS, tei
from albazin.model.model import Edition, TextDoc
from albazin.model.readings import reading
from albazin.publish import pages

DTS_DIR = "dts"
CONTEXT = "https://dtsapi.org/context/v1.0.json"  # DTS 1.0 JSON-LD context (§ Entry: "@context")
VERSION = "1.0"
WRAPPER_NS = "https://w3id.org/api/dts#"  # § Document, "XML/TEI encoding and sub-tree representation"
JSON_MEDIA_TYPE = "application/ld+json"
TEI_MEDIA_TYPE = "application/tei+xml"
ROOT_COLLECTION = "edition"
NAV_PARENTS, NAV_CHILDREN = "parents", "children"


class DtsError(Exception):
    """The tree cannot be made (an id the templates cannot carry); the hooks stop the build."""


def text_collection_id(doc: TextDoc) -> str:
    return f"text-{doc.siglum}"


# --- paths (site-relative) and URLs (absolute) --------------------------------------------------

def _segment(value: str) -> str:
    try:
        return path_segment(value)
    except ValueError as exc:
        raise DtsError(f'"{value}" cannot name a file of the DTS tree: it {exc}') from None


def entry_path() -> str:
    return f"{DTS_DIR}/index.json"


def collection_path(collection_id: str | None = None, nav: str | None = None) -> str:
    parts = [f"{DTS_DIR}/collection"] + ([_segment(collection_id)] if collection_id else []) + ([nav] if nav else [])
    return "/".join(parts) + "/index.json"


def navigation_path(resource: str, ref: str | None = None, down: int | None = None) -> str:
    head = _segment(resource) + (f";down={down}" if down is not None else "")
    return f"{DTS_DIR}/navigation/{head}" + (f"/{_segment(ref)}" if ref is not None else "") + "/index.json"


def document_path(resource: str, ref: str | None = None) -> str:
    return f"{DTS_DIR}/document/{_segment(resource)}" + (f"/{_segment(ref)}" if ref is not None else "") + "/index.xml"


def url_of(base: str, path: str) -> str:
    """The URL of a site path, each segment percent-encoded as RFC 6570 expands a {/var} (space → %20)."""
    return base + _quoted(path)


@functools.lru_cache(maxsize=4096)
def _quoted(path: str) -> str:
    return "/".join(quote(part, safe=";=") for part in path.split("/"))


@dataclass(frozen=True)
class Templates:
    """The URI templates (RFC 6570) of the endpoints, absolute from the site's URL."""
    base: str

    @property
    def collection(self) -> str:
        return f"{self.base}{DTS_DIR}/collection{{/id}}{{/nav}}/index.json"

    @property
    def navigation(self) -> str:
        return f"{self.base}{DTS_DIR}/navigation/{{resource}}{{;tree}}{{;down}}{{/ref,start,end}}/index.json"

    @property
    def document(self) -> str:
        return f"{self.base}{DTS_DIR}/document/{{resource}}{{;tree}}{{/ref,start,end}}/index.xml"

    # The same, with the id or resource filled in (as the specification's member objects have them).
    def collection_of(self, collection_id: str) -> str:
        return f"{self.base}{DTS_DIR}/collection/{quote(_segment(collection_id))}{{/nav}}/index.json"

    def navigation_of(self, resource: str) -> str:
        tail = "{;tree}{;down}{/ref,start,end}/index.json"
        return f"{self.base}{DTS_DIR}/navigation/{quote(_segment(resource))}{tail}"

    def document_of(self, resource: str) -> str:
        return f"{self.base}{DTS_DIR}/document/{quote(_segment(resource))}{{;tree}}{{/ref,start,end}}/index.xml"


# --- JSON-LD objects ----------------------------------------------------------------------------

def _values(by_lang: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """A MetadataObject's language-tagged values (§ Collection, "MetadataObject Structure")."""
    return [{"lang": lang, "value": value} for lang, value in by_lang if value]


def _cite_structure(level: CiteLevel) -> dict[str, object]:
    out: dict[str, object] = {"@type": "CiteStructure", "citeType": level.cite_type}
    if level.children:
        out["citeStructure"] = [_cite_structure(c) for c in level.children]
    return out


@dataclass(frozen=True)
class _Doc:
    """A text or translation as a DTS Resource: the model, its citation tree, where it belongs."""
    doc: TextDoc
    tree: CitationTree
    collection: str  # the id of the text collection it is a member of
    page_url: str  # absolute URL of its page on the site (English), where its units are anchored


class _Builder:
    def __init__(self, edition: Edition, base: str):
        self.edition = edition
        self.base = base
        self.t = Templates(base)
        self.docs: list[_Doc] = []
        self._resources: dict[str, dict[str, object]] = {}
        for text in edition.texts:
            page = base + pages.site_path(pages.text_page_uri(text.slug), "en")
            for doc in (text, edition.translation(text.siglum)):
                tree = edition.citation_tree(doc) if doc is not None else None
                if doc is not None and tree is not None:
                    self.docs.append(_Doc(doc, tree, text_collection_id(text), page))
        ids = [ROOT_COLLECTION, NAV_CHILDREN, NAV_PARENTS, *(text_collection_id(t) for t in edition.texts),
               *(d.tree.resource for d in self.docs)]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise DtsError(f"the DTS ids {', '.join(duplicates)} are used twice (collections and resources "
                           "share one id space)")

    # Collection endpoint (§ Collection Endpoint, "Scheme for Collection API Responses")
    def root_object(self) -> dict[str, object]:
        e = self.edition
        dublin_core: dict[str, object] = {"title": _values(e.title.by_lang)}
        if e.publisher:
            dublin_core["publisher"] = [e.publisher]
        if e.licence_url:
            dublin_core["license"] = e.licence_url
        if e.published:
            dublin_core["issued"] = e.published
        return {"@id": ROOT_COLLECTION, "@type": "Collection", "title": e.title.get("en"),
                "totalParents": 0, "totalChildren": len(e.texts), "dublinCore": dublin_core,
                "collection": self.t.collection_of(ROOT_COLLECTION)}

    def text_object(self, text: TextDoc) -> dict[str, object]:
        members = [d for d in self.docs if d.collection == text_collection_id(text)]
        return {"@id": text_collection_id(text), "@type": "Collection", "title": text.short_title.get("en"),
                "description": text.title.get("en"), "totalParents": 1, "totalChildren": len(members),
                "dublinCore": {"title": _values(text.short_title.by_lang), "description": _values(text.title.by_lang)},
                "collection": self.t.collection_of(text_collection_id(text))}

    def resource_object(self, d: _Doc) -> dict[str, object]:
        if d.tree.resource not in self._resources:
            self._resources[d.tree.resource] = self._resource_object(d)
        return self._resources[d.tree.resource]

    def _resource_object(self, d: _Doc) -> dict[str, object]:
        doc = d.doc
        dublin_core: dict[str, object] = {"title": _values(doc.title.by_lang), "language": [doc.lang],
                                          "rights": _values(doc.licence.by_lang)}
        if doc.translation_of:
            original = next(x for x in self.docs if x.doc.siglum == doc.translation_of)
            dublin_core["source"] = [url_of(self.base, collection_path(original.tree.resource))]
        else:
            dublin_core["source"] = [doc.source.url or url_of(self.base, doc.source.witness_file)]
        return {"@id": d.tree.resource, "@type": "Resource", "title": doc.title.get("en"),
                "totalParents": 1, "totalChildren": 0, "dublinCore": dublin_core,
                "collection": self.t.collection_of(d.tree.resource),
                "navigation": self.t.navigation_of(d.tree.resource),
                "document": self.t.document_of(d.tree.resource),
                "download": url_of(self.base, f"tei/{doc.file_name}"),
                "mediaTypes": [TEI_MEDIA_TYPE],
                # § Navigation, "Resource": one CitationTree, the default, without identifier
                "citationTrees": [{"@type": "CitationTree",
                                   "citeStructure": [_cite_structure(s) for s in d.tree.structure]}]}

    def collection_responses(self) -> dict[str, dict[str, object]]:
        """Every Collection response, by site path (each with nav absent, =children and =parents)."""
        out: dict[str, dict[str, object]] = {}
        root_children = [self.text_object(t) for t in self.edition.texts]

        def put(collection_id: str | None, obj: dict[str, object], children: list, parents: list) -> None:
            for nav, member in ((None, children), (NAV_CHILDREN, children), (NAV_PARENTS, parents)):
                out[collection_path(collection_id, nav)] = _response({**obj, "member": member})

        put(None, self.root_object(), root_children, [])
        put(ROOT_COLLECTION, self.root_object(), root_children, [])
        for text in self.edition.texts:
            members = [self.resource_object(d) for d in self.docs if d.collection == text_collection_id(text)]
            put(text_collection_id(text), self.text_object(text), members, [self.root_object()])
        texts = {text_collection_id(t): self.text_object(t) for t in self.edition.texts}
        for d in self.docs:
            put(d.tree.resource, self.resource_object(d), [], [texts[d.collection]])
        return out

    # Navigation endpoint (§ Navigation Endpoint, "CitableUnit", "Usage of down, ref, start and end")
    def unit_object(self, d: _Doc, unit: CitableUnit) -> dict[str, object]:
        out: dict[str, object] = {"identifier": unit.ref, "@type": "CitableUnit", "level": unit.level,
                                  "parent": unit.parent, "citeType": unit.cite_type}
        if unit.xpath == "/TEI":  # the text as a whole: its page (a translation shares its original's)
            if d.doc.translation_of is None:
                out["@id"] = d.page_url
        elif unit.xml_id:  # the unit's anchor on the page, the same in both languages
            out["@id"] = f"{d.page_url}#{unit.xml_id}"
        title = self._title(d, unit)
        if title:
            out["dublinCore"] = {"title": title}
        return out

    def _title(self, d: _Doc, unit: CitableUnit) -> list[dict[str, str]]:
        if unit.xpath == "/TEI":
            return _values(d.doc.title.by_lang)
        division = next((x for x in d.doc.divisions if x.xml_id == unit.xml_id), None)
        if division is not None and division.head is not None:
            return _values([(d.doc.lang, reading(division.head.content, "critical").strip())])
        return []

    def navigation_responses(self, d: _Doc) -> dict[str, dict[str, object]]:
        tree, out = d.tree, {}
        # § Navigation, "Resource": the required members; its metadata is the Collection endpoint's
        # ("the preferred point of access for metadata about the Resource as a whole", Example 7).
        resource = {k: v for k, v in self.resource_object(d).items() if k not in ("dublinCore", "totalParents",
                                                                                  "totalChildren", "title")}
        units = {u.ref: self.unit_object(d, u) for u in tree.units}

        def response(path: str, **members: object) -> dict[str, object]:
            return _response({"@type": "Navigation", "@id": url_of(self.base, path), "resource": resource,
                              **members})

        downs = [-1, *range(1, tree.depth + 1)]
        for down in downs:  # from the root: down > 0 or -1 (down absent or 0 without a ref is a 400)
            path = navigation_path(tree.resource, down=down)
            out[path] = response(path, member=[units[u.ref] for u in tree.subtree(None, down)])
        for unit in tree.units:
            path = navigation_path(tree.resource, unit.ref)
            out[path] = response(path, ref=units[unit.ref])  # down absent: the unit, no member
            path = navigation_path(tree.resource, unit.ref, 0)  # down=0: the unit and its siblings
            out[path] = response(path, ref=units[unit.ref],
                                 member=[units[u.ref] for u in tree.children(unit.parent)])
            for down in downs:  # the unit itself, then its subtree to that depth
                path = navigation_path(tree.resource, unit.ref, down)
                out[path] = response(path, ref=units[unit.ref],
                                     member=[units[unit.ref]] + [units[u.ref] for u in tree.subtree(unit.ref, down)])
        return out

    def entry(self) -> dict[str, object]:
        return _response({"@id": url_of(self.base, entry_path()), "@type": "EntryPoint",
                          "collection": self.t.collection, "navigation": self.t.navigation,
                          "document": self.t.document})


def _response(obj: dict[str, object]) -> dict[str, object]:
    """A top-level response: the DTS context and version first (§ Entry, Collection, Navigation)."""
    return {"@context": CONTEXT, "dtsVersion": VERSION, **obj}


def _json(obj: object) -> bytes:
    # Compact: the C encoder (json ignores it when indenting), ~60 % of the bytes; any JSON tool pretty-prints it.
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- Document endpoint ------------------------------------------------------------------------

def _language(el: etree._Element) -> str | None:
    found = el.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
    return str(found[0]) if found else None


def fragment(source: etree._Element, el: etree._Element, xpath: str, base_uri: str) -> bytes:
    """A unit's element in <dts:wrapper>, inside a <TEI> whose teiHeader repeats the source's
    fileDesc (title, edition, licence and attribution go with the passage). § Document: the root
    MUST be TEI's <TEI>; the chunk SHOULD be in <dts:wrapper>, which MAY give in @ref the XPath of
    the element. xml:base is the published TEI file's URL: the element's relative pointers
    ("authority.xml#pers-chen") resolve there, as they do in the file."""
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}base", base_uri)
    root.text = "\n"
    file_desc = source.find(f"{tei('teiHeader')}/{tei('fileDesc')}")
    if file_desc is not None:
        header = etree.SubElement(root, tei("teiHeader"))
        header.text, header.tail = "\n", "\n"
        header.append(copy.deepcopy(file_desc))
        header[-1].tail = "\n"
    wrapper = etree.SubElement(root, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    wrapper.set("ref", xpath)
    lang = _language(el)
    if lang:
        wrapper.set(f"{{{XML_NS}}}lang", lang)  # the language the element had in its file
    wrapper.text, wrapper.tail = "\n", "\n"
    unit = copy.deepcopy(el)
    unit.tail = "\n"
    wrapper.append(unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def document_responses(tei_dir: Path, docs: list[_Doc], base: str) -> dict[str, bytes]:
    from albazin.load.citetree import evaluate

    out: dict[str, bytes] = {}
    for d in docs:
        path = tei_dir / d.doc.file_name
        data = path.read_bytes()
        loaded, problems = teiload.load(path)
        if loaded is None:
            raise DtsError(f"{d.doc.file_name}: {problems[0] if problems else 'cannot be read'}")
        _, pairs, problems = evaluate(loaded)
        if problems or [u for u, _ in pairs] != list(d.tree.units):
            raise DtsError(f"{d.doc.file_name} changed during the build")
        out[document_path(d.tree.resource)] = data  # § Document, Example 3: the full Resource
        for unit, el in pairs:
            # The text as a whole is a complete document, not a chunk: it is sent as it is.
            whole = el is loaded.root
            out[document_path(d.tree.resource, unit.ref)] = data if whole else fragment(
                loaded.root, el, unit.xpath, url_of(base, f"tei/{d.doc.file_name}"))
    return out


# --- server configuration ---------------------------------------------------------------------

def headers_file(resources: list[tuple[str, str]]) -> bytes:
    """`_headers` (Netlify, Cloudflare Pages): media types, CORS, the Document endpoint's Link header.
    Paths are from the site's root; rules do not overlap (hosts merge the values of overlapping rules)."""
    root = "/"
    lines = ["# DTS 1.0 (dts/): the media types the specification asks for; written by albazin/publish/dts.py", ""]
    for prefix in ("index.json", "collection/*", "navigation/*"):
        lines += [f"{root}{DTS_DIR}/{prefix}", f"  Content-Type: {JSON_MEDIA_TYPE}; charset=utf-8",
                  "  Access-Control-Allow-Origin: *", ""]
    for resource, collection_url in resources:
        lines += [f"{root}{DTS_DIR}/document/{resource}/*", f"  Content-Type: {TEI_MEDIA_TYPE}; charset=utf-8",
                  "  Access-Control-Allow-Origin: *", f'  Link: <{collection_url}>; rel="collection"', ""]
    return "\n".join(lines).encode("utf-8")


def htaccess(resources: list[tuple[str, str]]) -> bytes:
    """`.htaccess` for Apache httpd (mod_mime, mod_headers, mod_setenvif), placed in dts/."""
    lines = ["# DTS 1.0: media types and headers of the static endpoints (written by albazin/publish/dts.py)",
             "DirectoryIndex index.json index.xml",
             "<IfModule mod_mime.c>", f"  AddType {JSON_MEDIA_TYPE} .json", f"  AddType {TEI_MEDIA_TYPE} .xml",
             "  AddCharset utf-8 .json .xml", "</IfModule>",
             "<IfModule mod_headers.c>", '  Header set Access-Control-Allow-Origin "*"', "</IfModule>",
             "<IfModule mod_setenvif.c>"]
    lines += [f'  SetEnvIf Request_URI "/{DTS_DIR}/document/{resource}/" DTS_COLLECTION={collection_url}'
              for resource, collection_url in resources]
    lines += ["</IfModule>", "<IfModule mod_headers.c>",
              '  Header set Link "<%{DTS_COLLECTION}e>; rel=\\"collection\\"" env=DTS_COLLECTION', "</IfModule>", ""]
    return "\n".join(lines).encode("utf-8")


# --- links from the site's pages -------------------------------------------------------------

def page_links(edition: Edition, text: TextDoc | None, base_url: str) -> list[dict[str, str]]:
    """The <link>s of a text page to its text's DTS Collection record (none on other pages).
    rel="describedby", not "alternate": Material fetches a sitemap.xml beside every alternate link."""
    if text is None or edition.citation_tree(text) is None:
        return []
    base = base_url if base_url.endswith("/") else base_url + "/"
    return [{"rel": "describedby", "type": JSON_MEDIA_TYPE, "title": "DTS",
             "href": url_of(base, collection_path(text_collection_id(text)))}]


# --- all of it --------------------------------------------------------------------------------

def build(edition: Edition, tei_dir: Path, base_url: str) -> dict[str, bytes]:
    """Every file of the tree by site path (with `_headers` at the root and dts/.htaccess)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    b = _Builder(edition, base)
    files: dict[str, bytes] = {entry_path(): _json(b.entry())}
    files.update({p: _json(r) for p, r in b.collection_responses().items()})
    for d in b.docs:
        files.update({p: _json(r) for p, r in b.navigation_responses(d).items()})
    files.update(document_responses(tei_dir, b.docs, base))
    resources = [(d.tree.resource, url_of(base, collection_path(d.tree.resource))) for d in b.docs]
    files["_headers"] = headers_file(resources)
    files[f"{DTS_DIR}/.htaccess"] = htaccess(resources)
    return dict(sorted(files.items()))


_cache: dict[tuple, tuple[Edition, dict[str, bytes]]] = {}


def of_build(edition: Edition, tei_dir: Path, base_url: str) -> dict[str, bytes]:
    """`build`, once per edition and settings (both language builds write the same tree)."""
    key = (id(edition), str(tei_dir), base_url)
    hit = _cache.get(key)
    if hit is None or hit[0] is not edition:
        _cache.clear()
        hit = _cache[key] = (edition, build(edition, tei_dir, base_url))
    return hit[1]


def write(site_dir: Path, files: dict[str, bytes]) -> int:
    """Write the tree (only files whose bytes differ, so that a serve rebuild stays cheap); the count written."""
    return sum(safeio.write_if_changed(site_dir / path, data) for path, data in files.items())
