"""Annex A sheets are read a column at a time (decision 0039): each cell's text is what it
was read as a cell at a time, and blank rows are passed by keeping each row's own line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from analytics.formats.annex_a import read_workbook

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


def test_every_kind_of_cell_reads_as_the_text_it_shows(tmp_path: Path):
    """Read a column at a time by fastexcel (decision 0041): the text each cell shows, as
    the cell-at-a-time reader before it gave, but for a flag's case and a small number's
    notation (both read the same by validation) and text written as a date and time."""
    cells = {
        " a ": "a",
        "\xa0b\t": "b",
        3.0: "3",
        -4.0: "-4",
        2.5: "2.5",
        7: "7",
        1e20: "100000000000000000000",
        0.1 + 0.2: "0.3",
        1e-05: "0.00001",
        True: "true",
        dt.date(2020, 3, 4): "04/03/2020",
        dt.datetime(2019, 12, 31, 23, 59): "31/12/2019",
        "2020-03-04 00:00:00": "04/03/2020",
        dt.time(13, 30): "13:30:00",
        "#N/A": None,  # an error cell (openpyxl writes it so)
    }
    rows: list[list[object]] = [[f"C{i}", None, value] for i, value in enumerate(cells)]
    rows += [["  ", None, " "], ["C99"]]  # spaces alone are blank; a short row is read
    [table], problems = read_workbook(_book(tmp_path, rows), "annex_a.xlsx")
    assert problems == []
    found = table.cells["ethnicity"].to_pylist()
    assert found[: len(cells)] == list(cells.values())
    assert table.cells["child_id"].to_pylist()[-1] == "C99" and found[-1] is None
    assert table.rows.to_pylist() == [*range(2, len(cells) + 2), len(cells) + 3]
