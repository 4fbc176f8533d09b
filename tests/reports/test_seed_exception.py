"""The exception report of the Torbay demo for May 2021: what it lists of seed 004's plan,
measures, register and toolkits, and the Word, Excel and PDF files read back. Who sees which
sections, and the rules of what is listed, are tested on small data in test_exception.py."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from docx import Document
from openpyxl import load_workbook

from assure.core.models import Partnership
from assure.exploitation.models import Child
from assure.reports.exception.files import render_docx, render_pdf, render_xlsx
from assure.reports.exception.model import exception_report

MAY = dt.date(2021, 5, 1)
ISSUED = dt.date(2021, 6, 10)

# The demo puts the eight toolkits 004's team rows leave out in a team it names as invented.
INVENTED_TEAM = "Youth Justice Team (invented for the demo)"


# Database tests run before the browser's, which empty the database when they end.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture(scope="module")
def report(demo, django_db_blocker):  # type: ignore[no-untyped-def]
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
