"""Reading a CSV or Excel file of figures into rows, and the validation report of a load.

Rows are numbered as a spreadsheet numbers them: the heading row is row 1, so the first row of
figures is row 2. Every problem names the file, the row, the column and what was expected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from analytics.formats import workbooks

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class Table:
    """A file's rows as {column heading (lower case): cell}, with their spreadsheet row numbers."""

    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


class FileProblem(Exception):
    """The file as a whole cannot be read; no row is looked at."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_table(name: str, content: bytes) -> Table:
    """The rows of a .csv or .xlsx file; FileProblem when the file cannot be read."""
    if len(content) > MAX_BYTES:
        raise FileProblem(Problem(name, None, "", "The file is larger than 5 MB: split it"))
    lowered = name.lower()
    if lowered.endswith(".csv"):
        cells = _csv_cells(name, content)
    elif lowered.endswith(".xlsx"):
        cells = _xlsx_cells(name, content)
    else:
        raise FileProblem(Problem(name, None, "", "Choose a .csv or .xlsx (Excel) file"))
    return _table(name, cells)


def _csv_cells(name: str, content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise FileProblem(
                Problem(name, None, "", "The file is not text: save it as CSV (UTF-8)")
            ) from error
    try:
        return _at_most_rows(name, csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise FileProblem(Problem(name, None, "", f"The CSV cannot be read: {error}")) from error


def _xlsx_cells(name: str, content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbooks.check(io.BytesIO(content))
    except workbooks.WorkbookTooLarge as refused:
        raise FileProblem(Problem(name, None, "", str(refused))) from refused
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise FileProblem(
            Problem(name, None, "", "The file cannot be opened as an Excel workbook (.xlsx)")
        ) from error
    try:
        sheet = book.worksheets[0]
        return _at_most_rows(name, ([_xlsx_value(c) for c in row] for row in sheet.iter_rows()))
    finally:
        book.close()


def _at_most_rows(name: str, rows: Iterable[list[Any]]) -> list[list[Any]]:
    """The rows, read one at a time and refused as soon as there are too many (the headings
    and MAX_ROWS more), so an oversized sheet is never read whole."""
    kept = []
    for row in rows:
        kept.append(row)
        if len(kept) > MAX_ROWS + 1:
            raise FileProblem(Problem(name, None, "", f"More than {MAX_ROWS} rows: split the file"))
    return kept


def _xlsx_value(cell: Any) -> Any:
    """A cell's value; a number formatted as a percentage (0.84 shown as 84%) becomes 84."""
    value = cell.value
    percent = "%" in (getattr(cell, "number_format", None) or "")
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value)) * 100
    return value


def _blank(cells: Iterable[Any]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def _table(name: str, cells: list[list[Any]]) -> Table:
    if not cells or _blank(cells[0]):
        raise FileProblem(Problem(name, 1, "", "The first row must hold the column headings"))
    columns = [str(cell or "").strip().lower() for cell in cells[0]]
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if repeated:
        raise FileProblem(Problem(name, 1, repeated[0], "This heading appears more than once"))
    table = Table(name, columns)  # no more than MAX_ROWS rows: _at_most_rows read them
    for number, row in enumerate(cells[1:], start=2):
        if _blank(row):
            continue
        values = {column: (row[i] if i < len(row) else None) for i, column in enumerate(columns)}
        table.rows.append((number, {k: v for k, v in values.items() if k}))
    return table


def text(cell: Any) -> str:
    """A cell as trimmed text ('' for an empty cell); whole floats from Excel lose the '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
