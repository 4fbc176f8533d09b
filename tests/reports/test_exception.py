"""The exception report of the Torbay demo for May 2021: what it lists (and does not), who
sees which sections, and the Word, Excel and PDF files read back."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from docx import Document
from openpyxl import load_workbook

from assure.core.models import Partnership
from assure.exploitation.models import Child
from assure.reports.command import main
from assure.reports.exception.files import render_docx, render_pdf, render_xlsx
from assure.reports.exception.model import exception_report
from assure.risks.queries import register

MAY = dt.date(2021, 5, 1)
ISSUED = dt.date(2021, 6, 10)

# The demo puts the eight toolkits 004's team rows leave out in a team it names as invented.
INVENTED_TEAM = "Youth Justice Team (invented for the demo)"


# Database tests run before the browser's, which empty the database when they end.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        torbay = Partnership.objects.get(slug="torbay")
        return exception_report(torbay, MAY, report_date=ISSUED)


def test_it_lists_the_actions_rated_red_in_the_quarter(report):
    assert [e.reference for e in report.red_actions] == ["2.3.2", "2.3.3"]
    assert report.red_actions[0].finding == "Red in Q1 2021/22"
    assert report.red_actions[0].href.startswith("/p/torbay/actions/")
    # Every theme of the improvement plan was Amber in Q1: none is listed.
    assert report.red_ratings == []


def test_it_lists_the_measures_rated_red_for_the_month_or_year_to_date(report):
    assert [e.reference for e in report.red_measures] == ["2.21", "2.22", "2.31", "3.1", "3.3"]
    court = report.red_measures[2]
    assert "May 2021: 297" in court.finding and "Year to date: 341" in court.finding
    assert court.href.startswith("/p/torbay/performance/indicators/")
    # 2.21 was green in May itself; only its year to date (88% against 90%) is red.
    assert report.red_measures[0].finding.startswith("Year to date: 88%")


def test_a_month_whose_figures_are_not_in_says_so_rather_than_none_is_red(torbay):
    june = exception_report(torbay, dt.date(2021, 6, 1), report_date=ISSUED)
    assert june.red_measures == [] and june.measures > 20
    assert june.measures_without_figure == june.measures
    said = "No measure has a figure for June 2021 yet (the latest are for May 2021)"
    assert june.missing_figures.startswith(said)
    word = Document(io.BytesIO(render_docx(june)))
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert any(c.startswith(said) for c in cells)
    assert "No measure is rated red this month." not in cells


def test_it_lists_risks_scoring_15_or_more_and_not_a_risk_scoring_12(torbay, report):
    assert [int(e.value) for e in report.high_risks] == [25, 20, 16, 16, 15]
    twelve = next(r for r in register(torbay, include_closed=False) if r.score == 12)
    assert f"/p/torbay/risks/{twelve.pk}/" not in {e.href for e in report.high_risks}


def test_it_lists_the_business_plan_actions_whose_update_is_overdue_today(torbay):
    # The demo opened the improvement plan's next quarter (due in a fortnight from today),
    # while the business plan's first updates were due a week ago.
    report = exception_report(torbay, MAY)
    assert [e.reference for e in report.overdue_updates] == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "4.1",
        "4.2",
    ]
    assert {e.detail for e in report.overdue_updates} == {
        "Torbay Safeguarding Children Partnership Business Plan 2021-2024"
    }


def test_it_counts_out_of_date_toolkits_by_team_and_risk_on_the_months_last_day(report):
    counts = report.toolkits
    assert counts.on == dt.date(2021, 5, 31)
    assert (counts.total.current, counts.total.out_of_date) == (140, 27)
    teams = {c.label: (c.current, c.out_of_date) for c in counts.by_team}
    assert teams[INVENTED_TEAM] == (9, 6)
    risks = {c.label: (c.current, c.out_of_date) for c in counts.by_risk}
    assert risks == {"High risk (red)": (14, 3), "Medium risk (amber)": (126, 24)}


def test_it_lists_overdue_case_audits_without_naming_a_case(report):
    assert len(report.overdue_audits) == 5
    assert report.overdue_audits[0].finding == "Due 6 May 2021, 35 days overdue"
    assert report.overdue_audits[0].href == "/p/torbay/audits/compliance/#overdue"


def test_stockton_sees_nothing_of_torbay(stockton):
    found = exception_report(stockton, MAY, report_date=ISSUED)
    lines = found.red_actions + found.red_measures + found.overdue_updates + found.high_risks
    assert not any(e.href.startswith("/p/torbay/") for e in lines)


def test_the_page_links_each_line_to_what_lies_behind_it(client_as, torbay):
    page = client_as("manager").get("/p/torbay/reports/exception/?month=2021-05")
    assert page.status_code == 200
    html = page.content.decode()
    for section in ("Red ratings", "Overdue updates", "Risks scoring 15 or more"):
        assert section in html
    assert "Out-of-date exploitation toolkits" in html and "Overdue case audits" in html
    assert 'href="/p/torbay/actions/' in html and 'href="/p/torbay/risks/' in html
    assert 'href="/p/torbay/exploitation/?on=2021-05-31"' in html
    assert "reports/exception.xlsx?month=2021-05" in html
    pseudonyms = set(Child.objects.filter(partnership=torbay).values_list("pseudonym", flat=True))
    assert not any(p in html for p in pseudonyms)


def test_an_action_owner_gets_the_report_without_exploitation_or_audit_figures(client_as):
    page = client_as("owner").get("/p/torbay/reports/exception/?month=2021-05")
    html = page.content.decode()
    assert page.status_code == 200 and "Risks scoring 15 or more" in html
    assert "Out-of-date exploitation toolkits" not in html and "Overdue case audits" not in html


def test_a_board_member_sees_toolkit_counts_but_not_the_overdue_audit_list(client_as):
    html = client_as("board").get("/p/torbay/reports/exception/?month=2021-05").content.decode()
    assert "Out-of-date exploitation toolkits" in html and "Overdue case audits" not in html


def test_an_outsider_gets_not_found(client_as):
    outsider = client_as("outsider")
    assert outsider.get("/p/torbay/reports/exception/").status_code == 404
    assert outsider.get("/p/torbay/reports/exception.docx").status_code == 404


def test_an_unreadable_month_is_explained_and_an_unknown_format_not_found(client_as):
    manager = client_as("manager")
    page = manager.get("/p/torbay/reports/exception/?month=May")
    assert page.status_code == 200 and "Enter the reporting month" in page.content.decode()
    assert manager.get("/p/torbay/reports/exception.odt").status_code == 404


def test_the_word_file_holds_the_sections_and_figures(report):
    document = Document(io.BytesIO(render_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[1:] == [
        "Red ratings",
        "Overdue updates",
        "Risks scoring 15 or more",
        "Out-of-date exploitation toolkits",
        "Overdue case audits",
        "Case review deadlines past due",
        "Self-assessment returns past due",
    ]
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "2.3.2" in cells and "Red in Q1 2021/22" in cells
    assert "Score 25 (probability 5 × impact 5)" in cells
    assert INVENTED_TEAM in cells


def test_the_excel_file_has_a_sheet_for_each_section_with_its_figures(report):
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames == [
        "Summary",
        "Red ratings",
        "Overdue updates",
        "Risks 15 or more",
        "Toolkits",
        "Case audits",
        "Case reviews",
        "Self-assessments",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=6, values_only=True)}
    assert summary["Risks scoring 15 or more"] == 5
    assert summary["Out-of-date exploitation toolkits"] == 27
    toolkits = {r[0]: r[1:4] for r in book["Toolkits"].iter_rows(values_only=True) if r[0]}
    assert toolkits[INVENTED_TEAM] == (9, 6, 0.67)  # 67%, formatted as a percentage
    risks = [r for r in book["Risks 15 or more"].iter_rows(values_only=True) if r[0] == "5"]
    assert risks and risks[0][3].startswith("Score 25")


def test_the_pdf_reads_back_with_its_sections(report):
    pdf = pdfium.PdfDocument(render_pdf(report))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "exception report" in text and "Risks scoring 15 or more" in text
    assert INVENTED_TEAM in " ".join(text.split())


def test_the_command_writes_an_excel_file(db, tmp_path):
    target = tmp_path / "exception.xlsx"
    code = main(
        ["exception", "--partnership", "torbay", "--month", "2021-05", "--format", "xlsx"]
        + ["-o", str(target)]
    )
    assert code == 0
    assert "Toolkits" in load_workbook(target).sheetnames
