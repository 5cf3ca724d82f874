"""The edition's own stylesheets and scripts, minified as the site is built.

The sources (docs/assets/css/, docs/assets/js/) are written to be read: one file per kind of page or
feature, each with comments that say why. Served as they are, the split costs bytes (every small
file compresses on its own, comments included): a text page's first load grew by 7 kB, gzipped,
past the 150 kB the benchmarks hold it to (bench/transfer.py). The site gets each file minified
by rcssmin and rjsmin (comments and spaces out, nothing else changed), in place of the source
(MkDocs' `on_files`, through `File.generated`); file names and their order stay the same.
tools/samestyle.py compared every page's computed styles with and without this.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# The folders of docs/ whose .css and .js files are the edition's own (not a vendored library's).
OWN_ASSETS = ("assets/css", "assets/js")
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def is_own_asset(src_uri: str) -> bool:
    path = PurePosixPath(src_uri)
    return (path.suffix in MINIFIERS and ".." not in path.parts
            and any(path.is_relative_to(folder) for folder in OWN_ASSETS))


def minified(src_uri: str, source: str) -> str:
    """A stylesheet or script with its comments and spaces taken out."""
    return MINIFIERS[PurePosixPath(src_uri).suffix](source)


def minify_assets(files: Files, config: MkDocsConfig) -> Files:
    """The build's files, the edition's own CSS and JS replaced by their minified versions."""
    for file in [f for f in files if f.generated_by is None and is_own_asset(f.src_uri)]:
        source = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minified(file.src_uri, source)))
    return files
