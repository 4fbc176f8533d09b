"""How far a workbook's sheets reach is read from their XML with NumPy (decision 0042):
on any text, hostile or not, it finds the same references, rows, columns and cells as the
regular expressions that say what a reference is, and a row too long for any number to
hold is refused in words, not with an error."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analytics.formats import workbooks

ROW = re.compile(rb' r="[A-Z]{0,3}0*(\d+)"')
COLUMN = re.compile(rb' r="([A-Z]{1,3})\d')
ELEMENTS = (b"<c", b":c", b"<row", b":row")


def expected(text: bytes) -> tuple[int, int, int, int]:
    """What the scan must find, as regular expressions say it."""
    rows = [int(r) if len(r) <= 18 else workbooks.BEYOND for r in ROW.findall(text)]
    columns = [
        sum(26 ** (len(letters) - 1 - i) * (c - 64) for i, c in enumerate(letters))
        for letters in COLUMN.findall(text)
    ]
    elements = sum(text.count(element) for element in ELEMENTS)
    return len(rows), max(rows, default=0), max(columns, default=0), elements


# Pieces of a sheet, real and broken: references and near misses, long rows and leading
# zeros, quotes and tags cut short, namespaced cells and rows.
PIECES = [
    b' r="', b'"', b" ", b"r=", b"=", b">", b"<", b":", b"x", b"/>",
    b"A", b"Z", b"AB", b"XFD", b"ABCD", b"a",
    b"0", b"1", b"9", b"00000", b"1048576", b"9" * 19, b"0" * 25 + b"7", b"1" * 40,
    b"<c", b":c", b"<row", b":row", b"<col", b"<c r=\"B2\"", b"<x:c r=\"AA10\"/>",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join))
@example(b'<row r="3"><c r="C3"/><c r="A0000000000000000000000009"/></row>')
@example(b'<c r="XFD1048576"/><c r="A' + b"9" * 5000 + b'"/><c r="ZZZZ1"/><c r="AB7x"/>')
@example(b' r="A1" r="B2"><c r=" r="C3"<c')
def test_the_scan_finds_what_the_regular_expressions_find(text):
    assert workbooks._scan(text) == expected(text)


def sheet_with(reference: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(
            "xl/worksheets/sheet1.xml",
            b'<worksheet><sheetData><row r="1"><c r="' + reference + b'"><v>1</v></c></row>'
            b"</sheetData></worksheet>",
        )
    out.seek(0)
    return out


def test_a_row_of_thousands_of_digits_is_refused_in_words():
    """Python will not read a number of more than 4,300 digits: such a row was an error."""
    with pytest.raises(workbooks.WorkbookTooLarge) as refused:
        workbooks.check(sheet_with(b"B" + b"9" * 5000))
    assert str(refused.value).startswith(
        "The sheet xl/worksheets/sheet1.xml has a cell at a row past "
        "999,999,999,999,999,999, column 2: read whole it would be more than 5,000,000 cells."
    )


def test_a_real_last_cell_passes_and_one_past_the_limit_is_named():
    workbooks.check(sheet_with(b"XFD300"))  # 16,384 columns by 300 rows: 4.9 million cells
    with pytest.raises(workbooks.WorkbookTooLarge, match="at row 306, column 16,384"):
        workbooks.check(sheet_with(b"XFD0000000306"))
