"""The partnership's annual report from the demo: its sections and figures, and the public
version that suppresses small numbers of children, the Word file opened and read back. Who
may read which version, the pages and the command line are tested in test_annual.py."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document

from assure.core.models import Partnership
from assure.reports.annual.model import annual_report
from assure.reports.annual.word import render_annual_docx

PRODUCED = dt.date(2022, 6, 30)
SMALL = re.compile(r"^[1-5]$")
FIGURE = re.compile(r"^[\d,.]+%?$")


# Database tests run before the browser's, which empty the database when they end.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture(scope="module")
def versions(demo, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        torbay = Partnership.objects.get(slug="torbay")
        return {
            public: annual_report(torbay, 2021, public=public, produced_on=PRODUCED)
            for public in (False, True)
        }


def _docx_tables(data: bytes) -> dict[str, list[list[str]]]:
    document = Document(io.BytesIO(data))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    grids = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return dict(zip(captions, grids, strict=True))


def test_the_report_has_the_sections_of_an_annual_report(versions):
    report = versions[False]
    assert [s.heading for s in report.sections] == [
        "About this report",
        "Our priorities and progress",
        "Key figures",
        "Audits and learning",
        "Case reviews and learning",
        "Safeguarding self-assessments",
        "Multi-agency training",
        "Exploitation and missing",
        "Partner funding",
        "Risks",
    ]
    plans = [s.heading for s in report.section("Our priorities and progress").subsections]
    assert plans[0] == "Torbay Safeguarding Children Partnership Business Plan 2021-2024"
    assert "Children's Services Improvement Plan 2021/22" in plans
    assert "Internal version" in report.version_label


def test_priorities_carry_the_years_final_rating_and_progress(versions):
    plan = versions[False].section("Children's Services Improvement Plan 2021/22")
    priorities, actions = plan.tables
    assert priorities.column("Ref") == ["T1", "T2", "T3", "T4"]
    assert priorities.column("Rating")[0] == "Amber (Q1 2021/22)"
    assert priorities.rows[0][3].colour == "amber"
    first = actions.rows[0]
    assert [first[0].text, first[3].text] == ["1.1.1", "Amber (Q1 2021/22)"]
    assert first[4].text  # the latest progress narrative


def test_key_figures_come_with_their_benchmarks(versions):
    figures = versions[False].section("Key figures").tables[0]
    row = next(r for r in figures.rows if r[0].text == "1.1")
    assert [c.text for c in row[2:]] == [
        "13.0%",
        "2021/22 to May 21",
        "11.0%",
        "x",
        "10.5%",
        "2019/20",
    ]


def test_the_public_version_shows_c_only_where_the_internal_has_a_number(versions):
    internal, public = versions[False].tables(), versions[True].tables()
    assert [t.caption for t in internal] == [t.caption for t in public]
    hidden = 0
    for mine, theirs in zip(internal, public, strict=True):
        for row_in, row_out in zip(mine.rows, theirs.rows, strict=True):
            for cell_in, cell_out in zip(row_in, row_out, strict=True):
                if cell_in.text != cell_out.text:
                    assert cell_out.text == "c", (mine.caption, cell_in.text)
                    hidden += 1
    assert hidden > 20
    for heading in ("Audits and learning", "Exploitation and missing"):
        for table in versions[True].section(heading).tables:  # counts of children
            for row in table.rows:
                assert not any(c.numeric and SMALL.match(c.text) for c in row), table.caption


def test_a_team_with_few_toolkits_is_suppressed_with_its_neighbour(versions):
    internal = versions[False].section("Exploitation and missing").tables[1]
    public = versions[True].section("Exploitation and missing").tables[1]
    assert internal.caption == "Exploitation toolkits by team"
    small = [i for i, text in enumerate(internal.column("In date")) if SMALL.match(text)]
    assert small
    for i in small:
        assert public.column("In date")[i] == "c"
        assert public.column("% in date")[i] == "c"
    assert public.column("Total") == internal.column("Total")  # team totals are not small


def test_the_public_word_file_holds_c_and_never_the_suppressed_numbers(versions):
    internal = _docx_tables(render_annual_docx(versions[False]))
    public = _docx_tables(render_annual_docx(versions[True]))
    assert "Exploitation toolkits by team" in public and "Key figures, 2021/22" in public
    suppressed = 0
    for caption, grid in public.items():
        for row_out, row_in in zip(grid, internal[caption], strict=True):
            for text_out, text_in in zip(row_out, row_in, strict=True):
                if text_out == "c":
                    assert FIGURE.match(text_in), (caption, text_in)
                    suppressed += 1
                else:
                    assert text_out == text_in
    assert suppressed > 20
    document = Document(io.BytesIO(render_annual_docx(versions[True])))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Audits and learning", "Exploitation and missing", "Partner funding"} <= set(headings)
    assert any("shown as c" in p.text for p in document.paragraphs)


def test_stocktons_report_has_its_funding_and_progress_and_nothing_of_torbay(stockton):
    report = annual_report(stockton, 2017, public=True)
    funding = report.section("Partner funding").tables[0]
    assert funding.rows[-1][1].text == "£16,683.00"
    earlier = annual_report(stockton, 2016, public=False)
    actions = earlier.section("Stockton-on-Tees LSCB Business Plan 2014-2017").tables[1]
    assert any("(Q1 2016/17)" in text for text in actions.column("Final rating"))
    assert "No exploitation toolkits" in earlier.section("Exploitation and missing").paragraphs[0]
    risks = earlier.section("Risks").tables[0]
    assert risks.column("Open risks") == ["0", "0", "0", "0"]


def test_the_two_counts_of_cases_audited_each_say_what_they_count(versions, torbay):
    """Item 7 of #17: the public report said 29 cases audited in one place and 20 in
    another. 29 is 004's reported year to date (measure 4.2, in the key figures); 20 is the
    audits completed in Assure in 2021/22. Each now says which it is, and names the other."""
    from assure.reports.annual.quality import audits_section

    for public in (False, True):
        report = versions[public]
        key = report.section("Key figures").tables[0]
        row = next(r for r in key.rows if r[0].text == "4.2")
        assert [row[2].text, row[3].text] == ["29", "2021/22 to May 21"]
        assert any("reported in the performance framework" in n for n in key.notes)
        paragraph = " ".join(report.section("Audits and learning").paragraphs)
        assert "Case audits completed in 2021/22, counted from the audits recorded here: 20." in (
            paragraph
        )
        assert (
            "The key figures' 4.2 Number of cases audited (29 for 2021/22 to May 21) is the "
            "figure reported in the performance framework" in paragraph
        )
    # Stockton holds no audit count indicator: its section says only what it counted.
    assert "key figures'" not in " ".join(
        audits_section(Partnership.objects.get(slug="stockton"), 2021, True).paragraphs
    )


def test_the_missing_table_says_it_counts_the_register(versions):
    section = versions[True].section("Exploitation and missing")
    table = next(t for t in section.tables if t.caption.startswith("Children missing"))
    assert any("Counted from the exploitation register" in note for note in table.notes)
