"""Every workbook and CSV file Assure writes holds people's words, and a spreadsheet acts on
some words: a cell that starts with = is a formula Excel runs, a long web address becomes a
link (xlsxwriter gives up on one past 2,079 characters), and a cell holds at most 32,767
characters. So every workbook is opened here with text kept as text, every text cell is
written through `text`, which refuses rather than cuts, and every CSV cell through
`csv_cell`, which keeps a formula from running when the file is opened in Excel."""

from __future__ import annotations

import re
from typing import IO, Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

CELL_LIMIT = 32_767  # Excel's most characters in a cell

OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class TooLongForExcel(ValueError):
    """A text longer than a cell holds; the words say where."""


def workbook(output: IO[bytes]) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(output, OPTIONS)


def text(sheet: Worksheet, row: int, column: int, value: str, style: Any = None) -> None:
    """Write a text cell whole, or refuse: never a cut or lost cell."""
    if len(value) > CELL_LIMIT:
        raise TooLongForExcel(
            f"Sheet {sheet.name}, row {row + 1}, column {column + 1} holds "
            f"{len(value):,} characters, more than the {CELL_LIMIT:,} an Excel cell holds: "
            "take it out as CSV files instead."
        )
    if sheet.write_string(row, column, value, style) != 0:
        raise ValueError(f"Sheet {sheet.name} cannot hold a cell at row {row + 1}, {column + 1}")


def texts(sheet: Worksheet, row: int, values: list[str], style: Any = None) -> None:
    for column, value in enumerate(values):
        text(sheet, row, column, value, style)


# OWASP's list: a cell starting with these is read by a spreadsheet as a formula.
_ACTIVE = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


def csv_cell(value: str) -> str:
    """A cell for a CSV file: text a spreadsheet would run as a formula is led with an
    apostrophe (which Excel shows as text and `csv_text` takes away); a number is left."""
    if value and _ACTIVE.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(value: str) -> str:
    """A CSV cell as read back: the apostrophe `csv_cell` put before a formula is removed."""
    if len(value) > 1 and value[0] == "'" and _ACTIVE.match(value[1:]):
        return value[1:]
    return value
