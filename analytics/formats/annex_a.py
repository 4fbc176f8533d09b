"""Reading Ofsted Annex A workbooks (lists 1 to 11), whatever the authority called its columns.

Each sheet is matched to a list by its name ('List 6', 'list6 - CIN') or, failing that, by
its headers; each header is matched to a column by the list's own name or by one of the
header patterns authorities are known to use (`annex_a_schema.py`, from
`specs/annex_a/Annex_A_schema.yml`). The lists are local exports, so an unexpected category
is a warning, not a refusal.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from analytics.formats import workbooks
from analytics.formats.annex_a_schema import lists
from analytics.formats.tables import RawTable, as_text
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


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def _column_text(values: tuple[Any, ...]) -> pa.Array:
    """A column's cells as `text_array` writes them, a date as DD/MM/YYYY. A column of text,
    or of dates, with blanks is written in Arrow; in any other, a date or number is written
    once for each distinct value (a call per cell was most of a large workbook's reading),
    keyed by its type too, as 1 and True are equal keys but not the same text."""
    try:
        text = pc.utf8_trim_whitespace(pa.array(values, pa.string()))
        return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass  # dates or numbers among the text
    try:  # a column of dates and blanks, written by Arrow
        dated = pa.array([None if v == "" else v for v in values])
        if pa.types.is_timestamp(dated.type) or pa.types.is_date(dated.type):
            return pc.strftime(dated, "%d/%m/%Y")
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass  # text or numbers among the dates
    others = {(type(v), v) for v in values if type(v) is not str}
    written = {key: as_text(_cell(key[1])) for key in others}
    return pa.array(
        [v.strip() or None if type(v) is str else written[type(v), v] for v in values],
        pa.string(),
    )


def _sheet(title: str, grid: list[list[Any]], name: str) -> tuple[RawTable | None, list[Problem]]:
    """One sheet's rows, from cell A1 (so a row's position is its line in Excel)."""
    rows = iter(grid)
    headers = [(str(h).strip() or None) if h is not None else None for h in next(rows, ())]
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
    # A row is blank when every cell is None or "" (counted in C, not a cell at a time).
    kept = [
        (line, row)
        for line, row in enumerate(rows, start=2)
        if row.count(None) + row.count("") < len(row)
    ]
    # Rows of one length (calamine reads the sheet's empty area too) are columns in one
    # transpose; a shorter row is padded with blanks first.
    table = [row for _, row in kept]
    width = max(map(len, table), default=0)
    if min(map(len, table), default=0) < width:
        table = [row + [None] * (width - len(row)) for row in table]
    columns = list(zip(*table, strict=True))
    cells = {
        column: _column_text(columns[index] if index < len(columns) else (None,) * len(kept))
        for index, column in claimed.items()
    }
    spec = lists()[number][0]
    lines = pa.array([line for line, _ in kept], pa.int64())
    return RawTable(spec, label, cells, lines, extra_columns=extra), []


def read_workbook(path: Path, name: str) -> tuple[list[RawTable], list[Problem]]:
    """Every sheet that is an Annex A list. Read with calamine (Rust): a large authority's
    workbook in 1.5 s, where openpyxl's read-only mode took 21 s (decision 0018)."""
    try:
        workbooks.check(path)
    except workbooks.WorkbookTooLarge as refused:
        return [], [fatal(name, "file.too_large", str(refused), expected="an Annex A workbook")]
    from python_calamine import CalamineWorkbook  # here: the specs alone are read without it

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # noqa: BLE001 - calamine raises several kinds for a bad file
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The workbook could not be opened: {error}.",
                expected="an Excel workbook (.xlsx)",
            )
        ]
    tables, problems = [], []
    try:
        for title in book.sheet_names:
            grid = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
            table, found = _sheet(title, grid, name)
            problems += found
            if table is not None:
                tables.append(table)
    except Exception as error:  # noqa: BLE001 - a damaged sheet inside a readable workbook
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The workbook could not be read: {error}.",
                expected="an Excel workbook (.xlsx)",
            )
        ]
    finally:
        book.close()
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
