"""`albazin`: the edition's one command line (console entry point; also `python -m albazin`).

    albazin build [--site-dir DIR]   build the site into a temporary directory, then swap it in
    albazin check [TEI_DIR]          validate the TEI and print the diagnostics report
    albazin anchors [--update]       check (or extend) the registry of published anchors
    albazin release [--branch B] [--deploy FOLDER]   publish this version once (mike), or deploy the releases

Each subcommand is the `main` of its module, given the remaining arguments.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from albazin.site import anchors, build, check, release

COMMANDS: dict[str, Callable[[list[str] | None], int]] = {
    "build": build.main,
    "check": check.main,
    "anchors": anchors.main,
    "release": release.main,
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    return COMMANDS[args[0]](args[1:])
