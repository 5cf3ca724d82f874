"""Build package of the Albazin edition: TEI → model → pages.

Modules, one concern each:
  paths        where things live (overridable for tests and benchmarks)
  diagnostics  error records that name file, line and problem; collected, then raised once
  teiload      safe XML parsing (no DTD, no entities, no network, size limit)
  safeio       bounded reading of regular files, never through a link, a pipe or a device
  corpusfiles  which files of the corpus folder are read and published (no links, safe names), witness files
  identifiers  the one pattern for values that become paths and keys (sigla, version, file names), safe_join
  htmlids      the ids the theme and the renderer generate, which no xml:id may take
  schema       TEI All RELAX NG validation (jing, cached by content hash)
  rules        the project's own rules (ids, pointers, language tags, versions)
  alignment    every unit of an original has exactly one translation, and vice versa
  figurevalues which figure values can be compared (finite numbers, real Julian/Gregorian dates, ordered ranges)
  model        immutable domain objects (Edition, TextDoc, Division, Paragraph, inline nodes)
  transform    TEI elements → model objects (a registry of handlers)
  readings     plain-text readings of the model (diplomatic / critical)
  plaintext    the plain-text download files (lines from the TEI, blank lines as in the copy-text)
  entitydata   the index (persons, groups, places) as CSV and JSON records
  linkeddata   the index as JSON-LD (schema.org, sameAs from the external identifiers)
  citetree     each text's refsDecl/citeStructure evaluated into its citable units and DTS references
  dts          the static DTS 1.0 API (Entry, Collection, Navigation, Document) as files under dts/
  dtslinks     a text page's permalinks and cite dialog name each unit's DTS reference and its TEI
  csvsafe      CSV whose cells a spreadsheet cannot run as formulas
  downloads    every downloadable file as bytes, made once per build (zip, plain texts, data, SHA256SUMS)
  downloadspage the downloads page, rendered from those same bytes (sizes, checksums)
  i18n         interface labels in English and Russian
  render       model → HTML fragments built as lxml trees
  pages        the Markdown stubs that carry generated pages through MkDocs, and the pages' addresses
  pageregistry the one list of pages (address, title, navigation, renderer, anchors): nav, stubs, dispatch
  pagebodies   each generated page's body from the model, one renderer per kind of page
  routes       links from one page in one language (text pages, index entries, where a TEI pointer lands)
  pagecontext  each page's template data: citation metadata, the cite dialog, the footer, JSON-LD
  anchors      the registry of published anchors (anchors/*.tsv): checked at every build, aliases
  anchorhistory the registry's git history (it only grows)
  citation     citation styles (Chicago, ГОСТ), BibTeX/RIS records, metadata tags
  locators     human locators of cited units ("para. 3", «абз. 3», "note 5", s.v. a name)
  jsonld       schema.org JSON-LD of every page (the edition as a Book, each page a part of it)
  siteurl      the public address (SITE_URL): checked, the start of every absolute URL
  changelog    the changes page: each version's changes, from the TEI revision history
  redirects    pages that moved (anchors/redirects.tsv): stubs at the old addresses
  publishing   the changes page's stubs, the edition citation of the About page, a release's manifest
  release      `make release` / `make deploy`: versioned releases with mike, published once, kept
  pipeline     load + validate + transform, cached per process (imports nothing of the page layer)
  sitecheck    the pipeline's check with the anchor registry's (the build, `albazin check`, make anchors)
  editorial    TEI → model for the classes of emendation, the glossary and the introduction, and their checks
  citing       where the bibliography is cited (commentary, apparatus, glossary, introduction)
  glossarypage the glossary page, and the terms' cards on text pages
  intropage    the introduction page
  stemma       a stemma (TEI <graph>) as accessible SVG with a text version
  buildinfo    the build's identity: edition version, git commit, build date (never the clock)
  search       the search index (Pagefind, one per language) and the name forms it finds names by
  searchpage   the search page (/search/, /ru/search/)
  devserve     what `mkdocs serve` does differently (the search index after each rebuild; a failed rebuild
               leaves the last good site served, with its errors shown)
  buildstate   what one build knows between MkDocs events (the edition, the address, aliases, a release)
  searchindexing when the search index is built (after the last language: mkdocs-static-i18n's event order)
  mkdocs_hooks the MkDocs hooks: thin glue that wires the pipeline into `mkdocs build/serve`
  build        `albazin build`: build into a temporary directory and swap
  check        `albazin check`: validate the TEI and print a report
"""
