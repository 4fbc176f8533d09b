"""A plan's table brought in from a spreadsheet: the template filled in, a table copied
from Word in the seeds' own shapes, every bad row named by sheet, row and column, nothing
saved until confirmed or when anything is wrong, the same table twice changing nothing, and
a plan taken out and brought into an empty plan giving the same table.

Built with the factories on a partnership of its own; the demo's improvement plan taken out
and brought back is in tests/transfer/test_demo.py."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from assure.core.models import Role
from assure.plans.models import Action, Plan
from assure.transfer import plan_workbook
from tests.factories import (
    GroupFactory,
    MemberFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    signed_in,
)
from tests.transfer.factories import (
    EARLY_HELP,
    EARLY_HELP_BOARD,
    EXPLOITATION,
    PERFORMANCE,
    CrossCuttingThemeFactory,
    every_table,
)


@pytest.fixture
def empty_plan(partnership) -> Plan:
    """A plan with no rows, in a partnership whose groups the tables below name as owners."""
    for name in (PERFORMANCE, EARLY_HELP, EARLY_HELP_BOARD, EXPLOITATION):
        GroupFactory(partnership=partnership, name=name)
    return PlanFactory(
        partnership=partnership,
        title="Imported plan 2022-2025",
        starts=dt.date(2022, 4, 1),
        ends=dt.date(2025, 3, 31),
        reporting_period="2022-Q1",
    )


def xlsx(rows: list[list[object]], sheet: str = "Plan") -> bytes:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def address(plan: Plan, page: str = "import/") -> str:
    return f"/p/{plan.partnership.slug}/plans/{plan.pk}/{page}"


def upload(client: Client, plan: Plan, content: bytes, name: str = "plan.xlsx"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(address(plan), {"file": handle})


def confirm(client: Client, plan: Plan):
    return client.post(address(plan), {"confirm": "yes"})


def filled_template(client: Client, plan: Plan, rows: list[list[object]]) -> bytes:
    template = client.get(address(plan, "template.xlsx"))
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    assert book.sheetnames == ["Instructions", "Plan", "Lists"]
    assert "Performance Sub-Group" in [c.value for c in book["Lists"]["A"]]
    for row in rows:
        book["Plan"].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ROWS = [
    [
        "P1",
        "Neglect",
        "",
        "",
        "1.1",
        "Launch the neglect toolkit",
        "Early Help Sub-Group",
        "September 2022",
        "2022-09-30",
        "Practitioners use the toolkit",
        "",
        "",
    ],
    [
        "P1",
        "",
        "",
        "",
        "1.2",
        "Audit neglect cases",
        "Performance Sub-Group",
        "Quarterly",
        "",
        "",
        "",
        "",
    ],
    [
        "P2",
        "Exploitation",
        "2.1",
        "Know the children at risk",
        "2.1a",
        "Map the hot spots",
        "Children and Young People Exploitation Sub-Group (MET Subgroup)",
        "",
        "",
        "",
        "",
        "",
    ],
]


def test_the_filled_template_is_previewed_then_imported(signed_in_as, empty_plan):
    manager = signed_in_as("manager")
    preview = upload(manager, empty_plan, filled_template(manager, empty_plan, ROWS))
    page = preview.content.decode()
    assert preview.status_code == 200, page
    assert "2 new" in page and "3 new" in page  # themes, actions
    assert not Action.objects.filter(objective__priority__plan=empty_plan).exists()
    done = confirm(manager, empty_plan)
    assert done.status_code == 302
    actions = Action.objects.filter(objective__priority__plan=empty_plan).order_by("code")
    assert [a.code for a in actions] == ["1.1", "1.2", "2.1a"]
    first = actions[0]
    assert first.owner_group.name == "Early Help Sub-Group"
    assert first.due_date == dt.date(2022, 9, 30) and first.timescale == "September 2022"
    assert first.objective.priority.title == "Neglect"
    assert actions[2].objective.title == "Know the children at risk"
    plan_page = manager.get(address(empty_plan, "")).content.decode()
    assert "Map the hot spots" in plan_page


def test_importing_the_same_table_again_changes_nothing(signed_in_as, empty_plan):
    manager = signed_in_as("manager")
    content = filled_template(manager, empty_plan, ROWS)
    upload(manager, empty_plan, content)
    confirm(manager, empty_plan)
    again = upload(manager, empty_plan, content).content.decode()
    assert "importing it changes nothing" in again and "Confirm and import" not in again


@pytest.mark.parametrize(
    "row, column, words",
    [
        (["P1", "T", "", "", "1.1", "Do it", "", "", "", "", "", ""], "Owner", "Give the owner"),
        (
            ["P1", "T", "", "", "1.1", "Do it", "Nobody Team", "", "", "", "", ""],
            "Owner",
            "No person, group or agency of the partnership is called “Nobody Team”",
        ),
        (
            [
                "P1",
                "T",
                "",
                "",
                "1.1",
                "Do it",
                "Performance Sub-Group",
                "",
                "30th June",
                "",
                "",
                "",
            ],
            "Due date",
            "is not a date",
        ),
        (
            ["P1", "T", "", "", "1.1", "Do it", "Performance Sub-Group", "", "", "", "", "CC9"],
            "Cross-cutting themes",
            "no cross-cutting theme CC9",
        ),
        (
            ["P1", "T", "", "", "1.1", "", "Performance Sub-Group", "", "", "", "", ""],
            "Action",
            "Give the action",
        ),
        (
            ["P9", "", "", "", "9.1", "Do it", "Performance Sub-Group", "", "", "", "", ""],
            "Theme",
            "Give theme P9 a title",
        ),
    ],
)
def test_each_bad_row_is_named_and_nothing_is_saved(signed_in_as, empty_plan, row, column, words):
    manager = signed_in_as("manager")
    answer = upload(manager, empty_plan, filled_template(manager, empty_plan, [ROWS[0], row]))
    assert answer.status_code == 400
    page = answer.content.decode()
    assert words in page, page
    cell = '<td class="govuk-table__cell{}">{}</td>'
    named = cell.format("", "Plan") + cell.format(" govuk-table__cell--numeric", 3)
    assert named + cell.format("", column) in page  # its sheet, row and column
    assert confirm(manager, empty_plan).status_code == 400  # confirming checks again
    assert not empty_plan.priorities.exists()


def test_an_owner_named_twice_and_a_code_used_twice_are_refused(
    signed_in_as, empty_plan, partnership
):
    PersonFactory(partnership=partnership, name=PERFORMANCE)
    manager = signed_in_as("manager")
    twice = [ROWS[1], [*ROWS[1][:5], "Again", "Early Help Sub-Group", *ROWS[1][7:]]]
    page = upload(
        manager,
        empty_plan,
        xlsx(
            [["Theme code", "Theme", "Action code", "Action", "Owner"]]
            + [[r[0], "T", r[4], r[5], r[6]] for r in twice]
        ),
    ).content.decode()
    assert "is the name of a person and a group" in page
    assert "Action 1.2 is on row 2 already" in page


def test_tables_copied_from_the_seeds_word_documents_import_as_they_are(signed_in_as, empty_plan):
    """Seed 000's action plan (a reference column without a heading, Aim/objective,
    Owner/Subgroup Responsible, Time Scale; "Priority 1: ..." rows) and seed 002's
    (Objective rows, success criteria, Key actions / Timescale / Lead / Progress, "a)"
    actions, revised timescales on the rows below)."""
    seed_000 = xlsx(
        [
            ["Priority 1: To promote the welfare of children and young people who are vulnerable"],
            [
                "",
                "Aim/objective",
                "Owner/Subgroup Responsible",
                "Time Scale",
                "Outcome and Impact Measure",
            ],
            [
                "1.1",
                "To monitor the proportion of activity flowing from Level 3 to Level 4",
                "Performance Sub- Group",
                "Quarterly",
                "More cases are stepped down.",
            ],
            [
                "1.2",
                "Benchmarking against CIN/CP groups",
                "Performance Sub- Group",
                "Quarterly",
                "Understanding of how risk is managed",
            ],
            ["Priority 2: To ensure children at risk of exploitation are safe"],
            [
                "2.1",
                "Map the exploitation hot spots",
                "Children and Young People Exploitation Sub-Group (MET Subgroup)",
                "Yearly",
                "",
            ],
        ]
    )
    seed_002 = xlsx(
        [
            ["Objective 1: Ensure effective implementation of the revised Early Help Strategy"],
            ["Success criteria", "Timescale", "Lead", "Progress"],
            ["Effective coordination and targeting of early help services.", "", "", ""],
            ["Key actions", "Timescale", "Lead", "Progress"],
            [
                "a) Complete the review and updating of the Early Help Strategy.",
                "September 2014",
                "Early Help Board",
                "Complete",
            ],
            [
                "c) Review and relaunch the Continuum of Need document.",
                "Review by October 2014",
                "Early Help Sub-Group",
                "Review completed.",
            ],
            ["", "Relaunch Dec 2014", "Early Help Board", "Complete"],
        ]
    )
    manager = signed_in_as("manager")
    for content in (seed_000, seed_002):
        preview = upload(manager, empty_plan, content)
        assert preview.status_code == 200, preview.content.decode()
        assert confirm(manager, empty_plan).status_code == 302
    actions = {
        a.code: a
        for a in Action.objects.filter(objective__priority__plan=empty_plan).select_related(
            "objective__priority", "owner_group"
        )
    }
    assert sorted(actions) == ["1.1", "1.2", "1a", "1c", "2.1"]
    assert actions["1.1"].owner_group.name == "Performance Sub-Group"
    assert actions["1.1"].outcome_measure == "More cases are stepped down."
    assert actions["2.1"].objective.priority.title.startswith("To ensure children at risk")
    assert actions["1c"].timescale == "Review by October 2014; Relaunch Dec 2014"
    theme = actions["1a"].objective.priority
    assert theme.success_criteria == "Effective coordination and targeting of early help services."


def test_a_plan_taken_out_and_brought_into_an_empty_plan_is_the_same(signed_in_as, people):
    source = every_table(people("manager")).plan
    empty = PlanFactory(partnership=source.partnership, title="Imported plan")
    CrossCuttingThemeFactory(plan=empty, code="CC1")  # a row names the plan's own themes
    manager = signed_in_as("manager")
    exported = manager.get(address(source, "table.xlsx"))
    assert exported.status_code == 200
    assert upload(manager, empty, exported.content).status_code == 200
    assert confirm(manager, empty).status_code == 302
    assert plan_workbook.rows_of(empty) == plan_workbook.rows_of(source)
    assert [row["code"] for row in plan_workbook.rows_of(empty)] == ["1.1", "1.2", "1.3"]


def test_only_managers_import(signed_in_as, empty_plan):
    for role in ("owner", "analyst", "board"):
        client = signed_in_as(role)
        assert client.get(address(empty_plan)).status_code == 403
        assert client.get(address(empty_plan, "template.xlsx")).status_code == 403
    outsider = MemberFactory(partnership=PartnershipFactory(), role=Role.BUSINESS_MANAGER)
    assert signed_in(outsider).get(address(empty_plan)).status_code == 404


def test_a_file_that_is_not_a_table_is_refused(signed_in_as, empty_plan):
    manager = signed_in_as("manager")
    answer = upload(manager, empty_plan, b"PK\x03\x04 not really a workbook", "plan.xlsx")
    assert answer.status_code == 400 and "cannot be opened" in answer.content.decode()
    text = upload(manager, empty_plan, b"\xff\xfe\x00bad", "plan.csv")
    assert text.status_code == 400 and "not text" in text.content.decode()
    other = upload(manager, empty_plan, b"whatever", "plan.docx")
    assert other.status_code == 400 and "Excel workbook (.xlsx) or a CSV" in other.content.decode()


def test_seed_001s_list_of_priorities_imports_as_themes(signed_in_as, empty_plan):
    """Seed 001 lists its priorities, each led by a group, with no action table yet."""
    content = xlsx(
        [
            ["The four key priority areas for the TSCP in the period 2021-2024 are:"],
            ["- Priority 1: Reduce the level of child neglect in the Torbay area."],
            ["- Priority 2: Prevent child exploitation and sexual harm within the Torbay area."],
            ["- Priority 3: Prevent children in Torbay from being harmed by domestic abuse."],
            ["- Priority 4: Ensure that children in Torbay receive mental health support."],
        ]
    )
    manager = signed_in_as("manager")
    preview = upload(manager, empty_plan, content)
    assert preview.status_code == 200, preview.content.decode()
    assert confirm(manager, empty_plan).status_code == 302
    themes = list(empty_plan.priorities.order_by("code").values_list("code", "title", "kind"))
    assert [code for code, _, _ in themes] == ["1", "2", "3", "4"]
    assert themes[1][1].startswith("Prevent child exploitation") and themes[0][2] == "priority"
