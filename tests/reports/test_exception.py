"""The exception report's rules and pages on small data of a partnership's own
(tests/reports/factories.py): which risks and overdue updates it lists, a month whose figures
are not in, the partnership it is scoped to, who sees which sections, and the command. What
it lists of the demo's seed 004 is tested in test_seed_exception.py."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from assure.plans.models import Plan
from assure.reports.command import main
from assure.reports.exception.files import render_docx
from assure.reports.exception.model import exception_report
from tests.factories import (
    ActionFactory,
    MemberFactory,
    ObjectiveFactory,
    PartnershipFactory,
    PlanFactory,
    signed_in,
)

from .factories import MAY, reported_plan

ISSUED = dt.date(2021, 6, 10)
TODAY = dt.date.today()
SECTIONS = ("Red ratings", "Overdue updates", "Risks scoring 15 or more")


@pytest.fixture
def reported(partnership, people):  # type: ignore[no-untyped-def]
    return reported_plan(partnership, people("manager"))


def test_a_month_whose_figures_are_not_in_says_so_rather_than_none_is_red(partnership, reported):
    june = exception_report(partnership, dt.date(2021, 6, 1), report_date=ISSUED)
    assert june.red_measures == [] and june.measures == 1
    assert june.measures_without_figure == 1
    said = "No measure has a figure for June 2021 yet (the latest are for May 2021)"
    assert june.missing_figures.startswith(said)
    word = Document(io.BytesIO(render_docx(june)))
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert any(c.startswith(said) for c in cells)
    assert "No measure is rated red this month." not in cells
    may = exception_report(partnership, MAY, report_date=ISSUED)
    assert may.measures_without_figure == 0 and not may.missing_figures


def test_it_lists_risks_scoring_15_or_more_and_not_a_risk_scoring_12(partnership, reported):
    report = exception_report(partnership, MAY, report_date=ISSUED)
    [high] = report.high_risks
    assert high.finding == "Score 25 (probability 5 × impact 5); target 6"
    assert high.href == f"/p/{partnership.slug}/risks/{reported.risks['R1'].pk}/"


def test_it_lists_the_business_plan_actions_whose_update_is_overdue_today(
    partnership, people, reported
):
    # The improvement plan asks for no update yet; the business plan's were due a week ago.
    business = PlanFactory(
        partnership=partnership,
        title="Business Plan 2021-2024",
        kind=Plan.Kind.BUSINESS,
        starts=dt.date(2021, 4, 1),
        ends=TODAY + dt.timedelta(days=365),
        reporting_period="2021-Q1",
        updates_due=TODAY - dt.timedelta(days=7),
    )
    objective = ObjectiveFactory(priority__plan=business)
    for code in ("2.1", "1.1"):
        ActionFactory(objective=objective, code=code, owner_person=people("owner").person)
    report = exception_report(partnership, MAY)
    assert [e.reference for e in report.overdue_updates] == ["1.1", "2.1"]
    assert {e.detail for e in report.overdue_updates} == {"Business Plan 2021-2024"}


def test_another_partnership_sees_nothing_of_this_one(partnership, reported):
    other = PartnershipFactory()
    reported_plan(other, MemberFactory(partnership=other))
    found = exception_report(other, MAY, report_date=ISSUED)
    lines = found.red_actions + found.red_measures + found.overdue_updates + found.high_risks
    assert [e.href for e in found.high_risks] == [
        f"/p/{other.slug}/risks/{other.risks.get(reference='R1').pk}/"
    ]
    assert not any(e.href.startswith(f"/p/{partnership.slug}/") for e in lines)


def test_an_action_owner_gets_the_report_without_exploitation_or_audit_figures(
    signed_in_as, home, reported
):
    page = signed_in_as("owner").get(f"{home}reports/exception/?month=2021-05")
    html = page.content.decode()
    assert page.status_code == 200 and all(section in html for section in SECTIONS)
    assert "Out-of-date exploitation toolkits" not in html and "Overdue case audits" not in html
    manager = signed_in_as("manager").get(f"{home}reports/exception/?month=2021-05")
    said = manager.content.decode()
    assert "Out-of-date exploitation toolkits" in said and "Overdue case audits" in said


def test_a_board_member_sees_toolkit_counts_but_not_the_overdue_audit_list(
    signed_in_as, home, reported
):
    html = signed_in_as("board").get(f"{home}reports/exception/?month=2021-05").content.decode()
    assert "Out-of-date exploitation toolkits" in html and "Overdue case audits" not in html


def test_an_outsider_gets_not_found(home, reported):
    outsider = signed_in(MemberFactory(partnership=PartnershipFactory()))
    assert outsider.get(f"{home}reports/exception/").status_code == 404
    assert outsider.get(f"{home}reports/exception.docx").status_code == 404


def test_an_unreadable_month_is_explained_and_an_unknown_format_not_found(
    signed_in_as, home, reported
):
    manager = signed_in_as("manager")
    page = manager.get(f"{home}reports/exception/?month=May")
    assert page.status_code == 200 and "Enter the reporting month" in page.content.decode()
    assert manager.get(f"{home}reports/exception.odt").status_code == 404


def test_the_command_writes_an_excel_file(partnership, reported, tmp_path):
    target = tmp_path / "exception.xlsx"
    code = main(
        ["exception", "--partnership", partnership.slug, "--month", "2021-05", "--format", "xlsx"]
        + ["-o", str(target)]
    )
    assert code == 0
    book = load_workbook(target)
    assert "Toolkits" in book.sheetnames
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=6, values_only=True)}
    assert summary["Risks scoring 15 or more"] == 1
