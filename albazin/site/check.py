"""`albazin check [DIR]`: validate the TEI corpus (and its anchor registry) and print the build report."""

from __future__ import annotations

import sys
from pathlib import Path

from albazin.core.diagnostics import report
from albazin.site.sitecheck import check


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    directory = Path(argv[0]) if argv else None
    edition, diagnostics = check(directory)
    print(report(diagnostics))
    if edition is not None:
        print(f"{len(edition.texts)} texts, edition version {edition.version}.")
    return 1 if diagnostics else 0


if __name__ == "__main__":
    sys.exit(main())
