"""The whole partnership taken out (a workbook, or CSV files with a data dictionary) and its
tables brought back in: the same workbook changes nothing, new and changed rows are
previewed then saved, and every bad cell is named by sheet, row and column.

Built with the factories on a partnership of its own (`held`: a row on every sheet); the
demo's Torbay taken out and brought into an empty partnership is in
tests/transfer/test_demo.py."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from django.test import Client
from openpyxl import Workbook, load_workbook

from assure.core.models import Role
from assure.partnership.models import Group, Person
from assure.partnership.services import add_member
from assure.plans.models import ActionUpdate
from assure.risks.models import Risk
from assure.transfer import export
from assure.transfer.tables import TABLES as STATED
from tests.factories import MemberFactory, PartnershipFactory, signed_in
from tests.transfer.factories import EARLY_HELP_BOARD

TABLES = [t.sheet for t in STATED]
assert {"Agencies", "Plans", "Risks", "Updates", "Tracker", "Benchmarks"} <= set(TABLES)


def main_text(page: str) -> str:
    """The page's main content as words (for a failing test's message)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.find("<main") :]))[:3000]


def upload(client: Client, home: str, content: bytes, name: str = "tables.xlsx"):
    """The workbook brought into the partnership at `home` (/p/<slug>/)."""
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(f"{home}import/", {"file": handle})


def confirm(client: Client, home: str):
    return client.post(f"{home}import/", {"confirm": "yes"})


def test_the_workbook_holds_every_table_and_says_what_each_column_means(
    signed_in_as, partnership, held, home
):
    answer = signed_in_as("manager").get(f"{home}export.xlsx")
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    for sheet in [
        *TABLES,
        "Plans",
        "Actions",
        "Updates",
        "Risk reviews",
        "Tracker",
        "Figures",
        "Audit summaries",
    ]:
        assert sheet in book.sheetnames, sheet
    risks = list(book["Risks"].iter_rows(values_only=True))
    assert sorted(row[0] for row in risks[1:]) == ["I1", "R1"]
    updates = list(book["Updates"].iter_rows(values_only=True))
    count = ActionUpdate.objects.filter(action__objective__priority__plan__partnership=partnership)
    assert len(updates) - 1 == count.count() == 1
    about = [row for row in book["Instructions"].iter_rows(values_only=True)]
    assert ("Probability", None) in about or any(r[0] == "Probability" for r in about)


def test_the_csv_files_come_with_a_data_dictionary(signed_in_as, held, home):
    answer = signed_in_as("manager").get(f"{home}export.zip")
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert "data-dictionary.csv" in archive.namelist() and "Risks.csv" in archive.namelist()
    words = list(csv.reader(io.StringIO(archive.read("data-dictionary.csv").decode("utf-8-sig"))))
    assert ["Risks", "Date raised", ""] in words or any(
        row[:2] == ["Risks", "Date raised"] for row in words
    )
    risks = list(csv.reader(io.StringIO(archive.read("Risks.csv").decode("utf-8-sig"))))
    assert risks[0][:3] == ["Reference", "Risk or issue", "Description"]
    assert sorted(row[0] for row in risks[1:]) == ["I1", "R1"]


def test_only_managers_take_it_out_or_bring_it_in(signed_in_as, home):
    for role in ("owner", "analyst", "board"):
        client = signed_in_as(role)
        for path in ("export.xlsx", "export.zip", "import/"):
            assert client.get(f"{home}{path}").status_code == 403, (role, path)
    outsider = MemberFactory(partnership=PartnershipFactory(), role=Role.BUSINESS_MANAGER)
    assert signed_in(outsider).get(f"{home}export.xlsx").status_code == 404


def test_the_partnership_taken_out_and_brought_back_changes_nothing(signed_in_as, held, home):
    manager = signed_in_as("manager")
    exported = manager.get(f"{home}export.xlsx").content
    page = upload(manager, home, exported).content.decode()
    assert "importing it changes nothing" in page, main_text(page)
    assert "Confirm and import" not in page


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_new_rows_on_several_sheets_are_previewed_then_saved(signed_in_as, partnership, held, home):
    manager = signed_in_as("manager")
    content = workbook(
        {
            "People": [
                ["Name", "Job title", "Agency", "E-mail"],
                ["Designated Safeguarding Lead, Torbay Academy", "Teacher", "", ""],
            ],
            "Groups": [
                ["Name", "Kind", "Reports to", "Chair", "Meets", "Members"],
                [
                    "Schools Safeguarding Forum",
                    "Forum",
                    EARLY_HELP_BOARD,
                    "Designated Safeguarding Lead, Torbay Academy",
                    "Termly",
                    "Designated Safeguarding Lead, Torbay Academy",
                ],
            ],
            "Risks": [
                [
                    "Reference",
                    "Risk or issue",
                    "Description",
                    "Date raised",
                    "Owner group",
                    "Probability",
                    "Impact",
                    "Status",
                ],
                [
                    "R99",
                    "Risk",
                    "If schools are not heard, then neglect is missed",
                    "2021-06-01",
                    "Schools Safeguarding Forum",
                    3,
                    4,
                    "Open",
                ],
            ],
        }
    )
    preview = upload(manager, home, content)
    page = preview.content.decode()
    assert preview.status_code == 200, page
    assert "1 new, 0 changed" in page
    assert not Risk.objects.filter(partnership=partnership, reference="R99").exists()
    assert confirm(manager, home).status_code == 302
    forum = Group.objects.get(partnership=partnership, name="Schools Safeguarding Forum")
    assert forum.reports_to.name == EARLY_HELP_BOARD and forum.members.count() == 1
    risk = Risk.objects.get(partnership=partnership, reference="R99")
    assert risk.owner_group == forum and risk.score == 12
    again = upload(manager, home, content).content.decode()
    assert "importing it changes nothing" in again


def test_every_bad_cell_is_named_and_nothing_is_saved(signed_in_as, partnership, held, home):
    manager = signed_in_as("manager")
    people = Person.objects.filter(partnership=partnership).count()
    content = workbook(
        {
            "People": [["Name", "Agency"], ["New Officer", "No Such Agency"]],
            "Risks": [
                [
                    "Reference",
                    "Risk or issue",
                    "Description",
                    "Date raised",
                    "Probability",
                    "Impact",
                    "Status",
                ],
                ["R98", "Hazard", "If x then y", "last June", "three", 4, "Open"],
            ],
            "Targets": [["Indicator", "Financial year", "Min"], ["9.99", 2021, "n/a"]],
        }
    )
    answer = upload(manager, home, content)
    assert answer.status_code == 400
    page = answer.content.decode()
    for words in (
        "No agency of the partnership is called “No Such Agency”",
        "“Hazard” is not one of: Risk, Issue",
        "“last June” is not a date",
        "“three” is not a whole number",
        "No indicator 9.99",
        "“n/a” is not a number",
    ):
        assert words in page, words
    assert confirm(manager, home).status_code == 400
    assert Person.objects.filter(partnership=partnership).count() == people
    assert not Risk.objects.filter(partnership=partnership, reference="R98").exists()


def test_a_held_risks_score_is_changed_by_a_review_not_an_import(signed_in_as, held, home):
    manager = signed_in_as("manager")
    risk = held.risk
    exported = load_workbook(io.BytesIO(manager.get(f"{home}export.xlsx").content))
    sheet = exported["Risks"]
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == risk.reference:
            row[headings.index("Probability")].value = str(6 - risk.probability)
    out = io.BytesIO()
    exported.save(out)
    page = upload(manager, home, out.getvalue()).content.decode()
    assert "score changes by a review in Assure" in page


def test_a_partnership_taken_out_and_brought_into_an_empty_one_is_the_same(
    signed_in_as, people, partnership, held, home
):
    """The export, imported into a new partnership, gives the same tables (everything the
    import reads: structure, plans with every action, risks, recommendations answered by
    actions, meetings and their trackers, indicators with targets and benchmarks)."""
    user = people("administrator").user
    fresh = PartnershipFactory()
    add_member(user, fresh, user, Role.ADMINISTRATOR)
    admin = signed_in_as("administrator")
    handle = io.BytesIO(admin.get(f"{home}export.xlsx").content)
    handle.name = "partnership.xlsx"
    preview = admin.post(f"/p/{fresh.slug}/import/", {"file": handle})
    assert preview.status_code == 200, main_text(preview.content.decode())
    assert admin.post(f"/p/{fresh.slug}/import/", {"confirm": "yes"}).status_code == 302
    before, after = export.records_of(partnership), export.records_of(fresh)
    for sheet in [*TABLES, "Actions", "Figures"]:
        assert before[sheet], sheet  # every sheet has rows to bring
        assert after[sheet] == before[sheet], sheet
    assert len(after["Actions"]) == 3 and len(after["Figures"]) == 2


def test_a_tracker_row_comes_in_with_its_comments(signed_in_as, held, home):
    from assure.meetings.models import TrackerAction

    manager = signed_in_as("manager")
    meeting = held.meeting
    content = workbook(
        {
            "Tracker": [
                ["Group", "Meeting", "Minute", "Action", "Owner", "Due", "Status", "Comments"],
                [
                    meeting.group.name,
                    meeting.held_on.isoformat(),
                    "9",
                    "Write to schools",
                    "",
                    "",
                    "Open",
                    "2021-08-01: Letter drafted | 2021-08-20: Letter sent",
                ],
            ],
        }
    )
    assert upload(manager, home, content).status_code == 200
    assert confirm(manager, home).status_code == 302
    row = TrackerAction.objects.get(meeting=meeting, text="Write to schools")
    assert [c.text for c in row.comments.order_by("written_on")] == [
        "Letter drafted",
        "Letter sent",
    ]
    again = upload(manager, home, content).content.decode()
    assert "importing it changes nothing" in again, main_text(again)


def test_the_template_offers_the_words_of_each_coded_column(signed_in_as, home):
    answer = signed_in_as("manager").get(f"{home}import/template.xlsx")
    book = load_workbook(io.BytesIO(answer.content))
    assert set(TABLES) <= set(book.sheetnames) and book["Lists"].sheet_state == "hidden"
    risks = book["Risks"]
    assert [c.value for c in risks[1]][:3] == ["Reference", "Risk or issue", "Description"]
    rules = {str(v.sqref): v.formula1 for v in risks.data_validations.dataValidation}
    column = re.match(r"Lists!\$([A-Z]+)\$", rules["B2:B10000"])[1]  # "Risk or issue"
    listed = [cell.value for cell in book["Lists"][column]]
    assert {"Risk", "Issue"} <= set(listed)
    assert risks.max_row == 1  # headings only


def test_the_filled_template_imports(signed_in_as, partnership, home):
    manager = signed_in_as("manager")
    book = load_workbook(io.BytesIO(manager.get(f"{home}import/template.xlsx").content))
    book["Agencies"].append(["Torbay Academy Trust", "Education"])
    book["People"].append(["Trust Safeguarding Lead", "Designated lead", "Torbay Academy Trust"])
    out = io.BytesIO()
    book.save(out)
    preview = upload(manager, home, out.getvalue(), "template.xlsx")
    assert preview.status_code == 200, main_text(preview.content.decode())
    assert confirm(manager, home).status_code == 302
    lead = Person.objects.get(partnership=partnership, name="Trust Safeguarding Lead")
    assert lead.organisation.name == "Torbay Academy Trust"


def test_a_workbook_that_would_unpack_to_far_more_than_a_real_one_is_refused(signed_in_as, home):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))  # 1000 to 1
    answer = upload(signed_in_as("manager"), home, bomb.getvalue(), "tables.xlsx")
    assert answer.status_code == 400
    assert "which no real workbook does" in answer.content.decode()


def test_a_workbook_refused_at_confirming_is_shown_whole_and_nothing_is_saved(
    signed_in_as, partnership, held, home
):
    # Confirming applies the upload at once; if the partnership changed since, so that a
    # row now names a group that has gone, the import is refused and its problems shown.
    manager = signed_in_as("manager")
    content = workbook(
        {
            "Groups": [
                ["Name", "Kind", "Reports to", "Meets"],
                ["Schools Safeguarding Forum", "Forum", EARLY_HELP_BOARD, "Termly"],
            ]
        }
    )
    assert upload(manager, home, content).status_code == 200
    Group.objects.filter(partnership=partnership, name=EARLY_HELP_BOARD).update(name="Renamed")
    answer = confirm(manager, home)
    assert answer.status_code == 400
    page = main_text(answer.content.decode())
    assert f"Groups 2 Reports to No group of the partnership is called “{EARLY_HELP_BOARD}”" in page
    assert not Group.objects.filter(partnership=partnership, name__startswith="Schools").exists()
