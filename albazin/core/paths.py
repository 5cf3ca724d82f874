"""Where the edition's files live. The TEI directory can be redirected (tests, benchmarks)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # albazin/core/paths.py
DOCS_DIR = PROJECT_ROOT / "docs"
# Sub-directories of docs/ written by the build (gitignored).
GENERATED_DIRS = ("texts", "index", "concordance", "commentary", "bibliography", "downloads", "search", "changes",
                  "glossary", "introduction")
SCHEMA_PATH = PROJECT_ROOT / "tei" / "schema" / "tei_all.rng"
CACHE_DIR = PROJECT_ROOT / ".cache"


def tei_dir() -> Path:
    """The corpus directory; ALBAZIN_TEI_DIR points the build at another corpus."""
    override = os.environ.get("ALBAZIN_TEI_DIR")
    return Path(override).resolve() if override else PROJECT_ROOT / "tei"


def display_path(path: Path) -> str:
    """A path as a reader of an error message wants it: relative to the project if possible. Made
    absolute without resolving links: the path of a refused symbolic link is shown, not its target
    (and a link loop is not followed)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(absolute)
DATA_DIR = PROJECT_ROOT / "data"
BASEMAP_PATH = DATA_DIR / "geo" / "basemap.geojson"  # committed extract; see data/geo/README.md
