"""Annex A sheets are read a column at a time (decision 0039): each cell's text is what it
was read as a cell at a time, and blank rows are passed by keeping each row's own line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from analytics.formats.annex_a import read_workbook
from analytics.formats.tables import text_array

HEADERS = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]


def _book(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "List 1"
    sheet.append([*HEADERS, "Date of Contact", "Contact Source", "Notes"])
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "annex_a.xlsx")
    return tmp_path / "annex_a.xlsx"


def test_cells_are_text_as_a_person_wrote_them_and_lines_are_excels(tmp_path: Path):
    path = _book(
        tmp_path,
        [
            [" C1 ", "a) Male", "WBRI", dt.datetime(2015, 2, 1), 8.0, dt.date(2024, 1, 5), "1A"],
            [None, None, "", None, None, None, None],  # blank: passed by
            ["C2", "b) Female", None, "01/02/2016", 7.5, "", 3, "kept aside"],
        ],
    )
    [table], problems = read_workbook(path, "annex_a.xlsx")
    assert problems == []
    assert table.rows.to_pylist() == [2, 4]
    cells = {name: column.to_pylist() for name, column in table.cells.items()}
    assert cells["child_id"] == ["C1", "C2"]
    assert cells["dob"] == ["01/02/2015", "01/02/2016"]
    assert cells["age"] == ["8", "7.5"]
    assert cells["ethnicity"] == ["WBRI", None]
    assert cells["date_of_contact"] == ["05/01/2024", None]
    assert cells["contact_source"] == ["1A", "3"]
    assert table.extra_columns == ["Notes"]


def test_a_column_reads_as_text_array_reads_each_cell():
    from analytics.formats.annex_a import _cell, _column_text

    values = [" a ", "", None, 3.0, 2.5, 7, True, dt.date(2020, 3, 4), "x"]
    assert _column_text(values).to_pylist() == text_array([_cell(v) for v in values]).to_pylist()


def test_columns_of_text_or_dates_read_as_each_cell_would_be():
    from analytics.formats.annex_a import _cell, _column_text

    for values in (
        [" a ", "", None, "\xa0b\t", "c"],  # text and blanks: trimmed in Arrow
        [dt.date(2020, 3, 4), "", None, dt.datetime(2019, 12, 31, 23, 59)],  # dates and blanks
        [dt.date(2020, 3, 4), " ", 5],  # a space and a number among dates: a cell at a time
    ):
        expected = text_array([_cell(v) for v in values]).to_pylist()
        assert _column_text(tuple(values)).to_pylist() == expected


def test_a_sheet_with_rows_of_different_lengths_reads_each_cell_in_its_column():
    from analytics.formats.annex_a import _sheet

    grid = [[*HEADERS], ["C1", "a) Male"], ["C2", "b) Female", "WBRI", "01/02/2016", 7]]
    table, problems = _sheet("List 1", grid, "annex_a.xlsx")
    assert problems == []
    cells = {name: column.to_pylist() for name, column in table.cells.items()}
    assert cells["child_id"] == ["C1", "C2"] and cells["ethnicity"] == [None, "WBRI"]
    assert cells["age"] == [None, "7"] and table.rows.to_pylist() == [2, 3]
