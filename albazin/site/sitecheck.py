"""The check of the corpus as the site publishes it: albazin/model/pipeline.py's checks of the TEI, then
the anchor registry's (albazin/site/anchors.py), which needs to know what the pages publish.

The pipeline does not import the page layer; this module hands it the registry check, so
`albazin check`, the build (albazin/site/mkdocs_hooks.py) and `make anchors` report the same
diagnostics, in the same order, as one check. The result is cached by the pipeline (keyed by the
corpus and the registry's files).
"""

from __future__ import annotations

from pathlib import Path

from albazin.model import pipeline
from albazin.site import anchors
from albazin.core.diagnostics import Diagnostic
from albazin.model.model import Edition
from albazin.core.paths import SCHEMA_PATH

ANCHORS = pipeline.LateCheck("anchors", anchors.fingerprint, anchors.check)
LATE = (ANCHORS,)


def check(directory: Path | None = None, schema_path: Path = SCHEMA_PATH) -> tuple[Edition | None, list[Diagnostic]]:
    """Every diagnostic of the corpus and its anchor registry; the edition only if there are none."""
    return pipeline.check(directory, schema_path, LATE)


def start_edition(directory: Path | None = None) -> pipeline.PendingCheck:
    """The (cached) check of the current corpus and registry, the schema's verdict possibly pending."""
    return pipeline.start_edition(directory, LATE)


def load_edition(directory: Path | None = None) -> Edition:
    """The validated edition, or TeiError listing every problem."""
    return pipeline.load_edition(directory, LATE)
