"""The one table model and its renderers: every report's tables are written by the same code
in Word, Excel and the PDF, so what is checked here holds for all of them."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from assure.documents import excel, word
from assure.documents.model import Cell, Table, figure, line
from tests.factories import RiskFactory, signed_in

NARRATIVE = "Progress has been made in embedding the new audit tool across the service " * 3


def actions() -> Table:
    rows = [
        [Cell("1.1"), Cell(NARRATIVE), Cell("Head of Service"), figure(12), Cell("Red", "red")],
        [Cell("1.2"), Cell("Short"), Cell("Board"), figure(1200), Cell("Green", "green")],
    ]
    return Table("Key actions", ["Ref", "Action", "Owner", "Cases", "Rating"], rows)


def test_columns_are_as_wide_as_what_they_hold_and_fill_the_page():
    found = word.widths(actions(), measure=26.7, size=8)
    assert round(sum(found), 6) == 26.7
    ref, action, owner, cases, rating = found
    assert action > owner > ref and action > 3 * cases  # the narrative gets the room
    assert ref >= 3 * 8 * 0.0353 * 0.6  # at least its longest word ("1.1")


def test_a_table_that_states_its_widths_keeps_them_in_the_grid_libreoffice_reads():
    stated = Table("Register", ["Ref", "Description"], [[Cell("R1"), Cell("If")]])
    stated.widths_cm = [1.2, 6.5]
    document = Document(io.BytesIO(word.one_table(stated)))
    grid = document.tables[0]
    assert [round(column.width.cm, 2) for column in grid.columns] == [1.2, 6.5]
    assert round(grid.rows[0].cells[1].width.cm, 2) == 6.5


def test_an_empty_table_says_so_and_a_note_comes_above_a_table_on_its_own():
    empty = Table("Open actions", ["Ref", "Action"], [], empty="No open actions.", notes=["Today"])
    document = Document(io.BytesIO(word.one_table(empty)))
    assert [p.text for p in document.paragraphs][:2] == ["Open actions", "Today"]
    assert document.tables[0].rows[1].cells[0].text == "No open actions."


def test_excel_keeps_a_bare_figure_as_a_number_and_words_as_words():
    found = actions()
    found.rows.append([line([Cell("R5")], "/p/torbay/risks/5/")[0], Cell("=1+2")])
    found.rows[-1] += [Cell("x"), Cell("Score 25: act now", "red", 25.0), Cell("")]
    book = load_workbook(io.BytesIO(excel.one_table(found)))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert values[0][3] == 12 and values[1][3] == 1200  # numbers, to add up
    assert sheet.cell(row=5, column=4).number_format == "0"
    assert sheet.cell(row=6, column=4).number_format == "#,##0"  # as written, 1,200
    assert values[2][1] == "=1+2" and values[2][3] == "Score 25: act now"  # text stays text
    assert sheet.cell(row=7, column=1).hyperlink.target.endswith("/p/torbay/risks/5/")


def test_a_file_made_through_the_web_links_to_the_address_it_was_asked_from(
    partnership, member, settings
):
    RiskFactory(partnership=partnership, probability=5, impact=5)  # a line, linked to the risk
    settings.DOCUMENT_LINKS_FROM_REQUEST = True  # ASSURE_BASE_URL not set
    settings.ALLOWED_HOSTS = ["assure.example.gov.uk"]
    manager = signed_in(member("manager"))
    path = f"/p/{partnership.slug}/reports/exception.xlsx?month=2021-05"
    answer = manager.get(path, HTTP_HOST="assure.example.gov.uk")
    book = load_workbook(io.BytesIO(answer.content))
    targets = [
        c.hyperlink.target for s in book.worksheets for r in s.iter_rows() for c in r if c.hyperlink
    ]
    ours = f"http://assure.example.gov.uk/p/{partnership.slug}/"
    assert targets and all(t.startswith(ours) for t in targets)
    settings.DOCUMENT_LINKS_FROM_REQUEST = False  # ASSURE_BASE_URL set: it wins
    settings.ASSURE_BASE_URL = "https://assure.torbay.gov.uk"
    answer = manager.get(path, HTTP_HOST="assure.example.gov.uk")
    book = load_workbook(io.BytesIO(answer.content))
    targets = [
        c.hyperlink.target for s in book.worksheets for r in s.iter_rows() for c in r if c.hyperlink
    ]
    ours = f"https://assure.torbay.gov.uk/p/{partnership.slug}/"
    assert all(t.startswith(ours) for t in targets)
