"""Reading Ofsted Annex A workbooks (lists 1 to 11), whatever the authority called its columns.

Each sheet is matched to a list by its name ('List 6', 'list6 - CIN') or, failing that, by
its headers; each header is matched to a column by the list's own name or by one of the
header patterns authorities are known to use (`annex_a_schema.py`, from
`specs/annex_a/Annex_A_schema.yml`). The lists are local exports, so an unexpected category
is a warning, not a refusal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from analytics.formats import workbooks
from analytics.formats.annex_a_schema import lists
from analytics.formats.tables import RawTable
from analytics.problems import Problem, fatal, warning


def _loose(header: str) -> str:
    """A header compared loosely: case, quotes, spacing and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", " ", str(header).lower().replace("’", "'")).strip()


def _match(headers: list[str | None], number: int) -> tuple[dict[int, str], list[str]]:
    """Which sheet column holds which store column, and the headers nobody claimed."""
    spec, patterns = lists()[number]
    claimed: dict[int, str] = {}
    for column in spec.columns:
        for index, header in enumerate(headers):
            if index in claimed or header is None:
                continue
            if _loose(header) == _loose(column.header) or any(
                p.search(str(header)) for p in patterns[column.name]
            ):
                claimed[index] = column.name
                break
    extra = [str(h) for i, h in enumerate(headers) if i not in claimed and h]
    return claimed, extra


def _list_number(title: str, headers: list[str | None]) -> int | None:
    match = re.search(r"list\s*_?(\d{1,2})\b", title, re.IGNORECASE)
    if match and int(match.group(1)) in lists():
        return int(match.group(1))
    scores = {n: len(_match(headers, n)[0]) / len(s.columns) for n, (s, _) in lists().items()}
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] >= 0.6 else None


# How each sheet is loaded: from row 1, blank rows too, and no header row, each cell as the
# text it shows (so a row's position is its line in Excel).
AS_TEXT: dict[str, Any] = {"header_row": None, "skip_rows": 0, "dtypes": "string"}

# A cell as fastexcel writes a date (a date cell, or text written so): the date alone, as
# DD/MM/YYYY, as the lists' dates are written; a time of day alone (Excel's day nought,
# 1899-12-30 or 31 as fastexcel reads it) as the time.
TIME_ALONE = r"^1899-12-3[01] (\d{2}:\d{2}:\d{2})(?:\.\d+)?$"
DATE_TIME = r"^(\d{4})-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}(?:\.\d+)?$"


def _text(column: pa.Array) -> pa.Array:
    """A column's cells as text: trimmed, a blank as null, a date as DD/MM/YYYY."""
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    if pc.any(pc.match_substring(text, ":")).as_py():  # a time in a cell: most columns have none
        text = pc.replace_substring_regex(text, TIME_ALONE, r"\1")
        text = pc.replace_substring_regex(text, DATE_TIME, r"\3/\2/\1")
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def _sheet(title: str, batch: pa.RecordBatch, name: str) -> tuple[RawTable | None, list[Problem]]:
    """One sheet's rows, from row 1 (so a row's position is its line in Excel), a column
    at a time; its first row is the headers."""
    columns = [_text(column) for column in batch.columns]
    headers = [column[0].as_py() if len(column) else None for column in columns]
    label = f"{name} (sheet {title})"
    number = _list_number(title, [h or "" for h in headers])
    if number is None:
        return None, [
            warning(
                label,
                "sheet.unrecognised",
                "This sheet is not one of Annex A lists 1 to 11; it was skipped.",
            )
        ]
    claimed, extra = _match(headers, number)
    body = [column.slice(1) for column in columns]
    height = len(body[0]) if body else 0
    # A row is blank when every cell is (spaces alone are blank too): passed by.
    filled = pa.array([False] * height, pa.bool_())
    for column in body:
        filled = pc.or_(filled, pc.is_valid(column))
    lines = pc.filter(pa.array(range(2, height + 2), pa.int64()), filled)
    cells = {column: pc.filter(body[index], filled) for index, column in claimed.items()}
    spec = lists()[number][0]
    return RawTable(spec, label, cells, lines, extra_columns=extra), []


def _reason(error: Exception) -> str:
    """fastexcel's reason as calamine gives it: its first line, without the names of the
    layers it passed through, nor the context after it (which names the server's path)."""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    return re.sub(r"^(?:(?:calamine|Xlsx|Zip|Xml) error: )+", "", lines[0])


def read_workbook(path: Path, name: str) -> tuple[list[RawTable], list[Problem]]:
    """Every sheet that is an Annex A list. Read with fastexcel (calamine, in Rust, into
    Arrow a column at a time, every cell as text): a large authority's workbook in a third
    of a second (decision 0041), where openpyxl's read-only mode took 21 s (decision 0018)."""
    try:
        workbooks.check(path)
    except workbooks.WorkbookTooLarge as refused:
        return [], [fatal(name, "file.too_large", str(refused), expected="an Annex A workbook")]
    import fastexcel  # here: the specs alone are read without it

    try:
        book = fastexcel.read_excel(str(path))
    except Exception as error:  # noqa: BLE001 - fastexcel raises several kinds for a bad file
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The workbook could not be opened: {_reason(error)}.",
                expected="an Excel workbook (.xlsx)",
            )
        ]
    tables, problems = [], []
    try:
        for title in book.sheet_names:
            sheet = book.load_sheet(title, **AS_TEXT)
            table, found = _sheet(title, sheet.to_arrow(), name)
            problems += found
            if table is not None:
                tables.append(table)
    except Exception as error:  # noqa: BLE001 - a damaged sheet inside a readable workbook
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The workbook could not be read: {_reason(error)}.",
                expected="an Excel workbook (.xlsx)",
            )
        ]
    if not tables:
        problems.append(
            fatal(
                name,
                "file.unrecognised",
                "No sheet is an Annex A list.",
                expected="sheets named List 1 to List 11",
            )
        )
    return tables, problems
