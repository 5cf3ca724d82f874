"""CSV for spreadsheets: a cell that a spreadsheet program would run as a formula is neutralised.

Excel, LibreOffice and Google Sheets treat a cell beginning with "=", "+", "-" or "@" (and, in some
versions, one beginning with a tab or a carriage return, or with their full-width forms) as a
formula: an index entry named `=HYPERLINK("http://…")` would become a live link or worse (CSV
injection). Such a cell is written with an apostrophe before it (`'=HYPERLINK(…)`), the convention
the spreadsheet programs themselves use for "this is text"; numbers such as "-5" or "+1.5" are left
as they are. The JSON files beside the CSV (albazin/publish/entitydata.py, albazin/publish/exports.py) keep every
value unchanged, so a program that needs the exact strings reads those.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
TEXT_MARK = "'"


def cell(value: object) -> object:
    """The value as a spreadsheet must see it: text beginning like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return TEXT_MARK + value
    return value


def to_csv(rows: Iterable[Mapping[str, object]], fieldnames: Sequence[str]) -> str:
    """The rows as CSV (header first, "\\n" line ends), every cell neutralised; keys not in
    fieldnames are left out."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()
