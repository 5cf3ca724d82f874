"""The Albazin edition's build package: TEI → model → pages, in layers that import only downward
(site → render → publish → model → load → core; pyproject.toml [tool.importlinter], tests/test_architecture.py).
One command line: `albazin build|check|anchors|release` (albazin/site/cli.py).

core/  what every layer uses: where things live, diagnostics, identifiers, safe reading, labels, the build's identity
  paths        where things live (overridable for tests and benchmarks)
  diagnostics  error records that name file, line and problem; collected, then raised once
  identifiers  the one pattern for values that become paths and keys (sigla, version, file names), safe_join
  safeio       bounded reading of regular files, never through a link, a pipe or a device
  i18n         interface labels in English and Russian
  buildinfo    the build's identity: edition version, git commit, build date (never the clock)
  siteurl      the public address (SITE_URL): checked, the start of every absolute URL
  externalids  External identifiers of the authority file's entries (Wikidata, GeoNames, VIAF)

load/  the TEI read safely and validated (schema, rules, citation structures)
  teiload      safe XML parsing (no DTD, no entities, no network, size limit)
  corpusfiles  which files of the corpus folder are read and published (no links, safe names), witness files
  schema       TEI All RELAX NG validation (jing, cached by content hash)
  rules        the project's own rules (ids, pointers, language tags, versions)
  citetree     each text's refsDecl/citeStructure evaluated into its citable units and DTS references

model/  the immutable model of the edition, built from the TEI, and what is computed from it alone
  model        immutable domain objects (Edition, TextDoc, Division, Paragraph, inline nodes)
  transform    TEI elements → model objects (a registry of handlers)
  editorial    TEI → model for the classes of emendation, the glossary and the introduction, and their checks
  figures      figures of the texts: values, units, certainty, the questions they answer
  figurevalues which figure values can be compared (finite numbers, real Julian/Gregorian dates, ordered ranges)
  alignment    every unit of an original has exactly one translation, and vice versa
  readings     plain-text readings of the model (diplomatic / critical)
  apparatus    The critical apparatus of a text, derived from the model
  names        Names in the texts
  concordance  The concordance of figures
  commentary   The commentary's links into the texts
  citing       where the bibliography is cited (commentary, apparatus, glossary, introduction)
  valuefmt     Normalised values of figures as readers of each language write them
  entityinfo   How an index entity is described to a reader, in each language
  locators     human locators of cited units ("para. 3", «абз. 3», "note 5", s.v. a name)
  htmlids      the ids the theme and the renderer generate, which no xml:id may take
  pipeline     load + validate + transform, cached per process (imports nothing of the page layer)

publish/  what the edition publishes besides its pages: files, data, DTS, citations, search data, page addresses
  downloads    every downloadable file as bytes, made once per build (zip, plain texts, data, SHA256SUMS)
  plaintext    the plain-text download files (lines from the TEI, blank lines as in the copy-text)
  entitydata   the index (persons, groups, places) as CSV and JSON records
  linkeddata   the index as JSON-LD (schema.org, sameAs from the external identifiers)
  exports      the concordance as CSV and JSON records
  csvsafe      CSV whose cells a spreadsheet cannot run as formulas
  dts          the static DTS 1.0 API (Entry, Collection, Navigation, Document) as files under dts/
  dtslinks     a text page's permalinks and cite dialog name each unit's DTS reference and its TEI
  citation     citation styles (Chicago, ГОСТ), BibTeX/RIS records, metadata tags
  jsonld       schema.org JSON-LD of every page (the edition as a Book, each page a part of it)
  search       the search index (Pagefind, one per language) and the name forms it finds names by
  pages        the Markdown stubs that carry generated pages through MkDocs, and the pages' addresses

render/  the pages, as lxml trees
  render       model → HTML fragments built as lxml trees
  textpage     A whole text page
  indexpage    Index pages (persons, groups, places)
  mapsvg       The map of places
  commentarypage
               the commentary and bibliography pages, and a text page's commentary list
  concordancepage
               the concordance page: the questions, each text's figures, the charts
  charts       Charts of the concordance, built at build time as static SVG (no script, no request)
  stemma       a stemma (TEI <graph>) as accessible SVG with a text version
  glossarypage the glossary page, and the terms' cards on text pages
  intropage    the introduction page
  searchpage   the search page (/search/, /ru/search/)
  downloadspage
               the downloads page, rendered from those same bytes (sizes, checksums)
  changelog    the changes page: each version's changes, from the TEI revision history
  redirects    pages that moved (anchors/redirects.tsv): stubs at the old addresses

site/  MkDocs glue and the commands: hooks, the page registry, anchors, releases, build, check
  mkdocs_hooks the MkDocs hooks: thin glue that wires the pipeline into `mkdocs build/serve`
  buildstate   what one build knows between MkDocs events (the edition, the address, aliases, a release)
  pagebodies   each generated page's body from the model, one renderer per kind of page
  pagecontext  each page's template data: citation metadata, the cite dialog, the footer, JSON-LD
  pageregistry the one list of pages (address, title, navigation, renderer, anchors): nav, stubs, dispatch
  routes       links from one page in one language (text pages, index entries, where a TEI pointer lands)
  searchindexing
               when the search index is built (after the last language: mkdocs-static-i18n's event order)
  sitecheck    the pipeline's check with the anchor registry's (the build, `albazin check`, make anchors)
  anchors      the registry of published anchors (anchors/*.tsv): checked at every build, aliases
  anchorhistory
               the registry's git history (it only grows)
  publishing   the changes page's stubs, the edition citation of the About page, a release's manifest
  release      `make release` / `make deploy`: versioned releases with mike, published once, kept
  build        `albazin build`: build into a temporary directory and swap
  check        `albazin check`: validate the TEI and print a report
  devserve     what `mkdocs serve` does differently (the search index after each rebuild; a failed rebuild
               leaves the last good site served, with its errors shown)
  themefiles   The theme's static files, found without walking Material's icon set
  minify       the edition's own CSS and JS, minified as the site is built (rcssmin, rjsmin)
  jsmodules    the edition's JavaScript modules (docs/assets/js/edition/): each entry's imports, preloaded
  upstreamtheme
               Material's templates our overrides copy (digests in overrides/.upstream.tsv), its bundle's name
  cli          the `albazin` command: build, check, anchors, release
"""
