"""The board pack of the Torbay scrutiny board's meeting of 27 July 2021: the agenda, the
minutes of 4 May 2021, the open action tracker and the highlight report, in one document, as
the demo rebuilds it from seed 004. How a pack is built, dated, permitted and written by the
command is tested on a small board of a partnership's own in test_board_pack.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from docx import Document

from assure.core.models import Partnership
from assure.meetings.models import Meeting
from assure.reports.board_pack.files import render_docx, render_html, render_pdf
from assure.reports.board_pack.model import board_pack
from assure.reports.command import main

JULY = dt.date(2021, 7, 27)
PRODUCED = dt.date(2021, 7, 20)


def _meeting(held_on: dt.date) -> Meeting:
    return Meeting.objects.get(partnership__slug="torbay", held_on=held_on)


# Database tests run before the browser's, which empty the database when they end.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture(scope="module")
def pack(demo, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        torbay = Partnership.objects.get(slug="torbay")
        return board_pack(torbay, _meeting(JULY), today=PRODUCED)


def test_the_pack_holds_the_agenda_the_last_minutes_the_tracker_and_the_highlight(db, pack):
    assert pack.title.endswith("board pack for 27 July 2021")
    assert len(pack.agenda) == 9 and pack.agenda[0].title == "Apologies"
    assert pack.previous.held_on == dt.date(2021, 5, 4)
    assert len(pack.previous.minutes) == 7
    assert sum(len(m.decisions) for m in pack.previous.minutes) + len(
        pack.previous.other_decisions
    ) == len(_meeting(dt.date(2021, 5, 4)).decisions.all())
    assert len(pack.tracker.rows) == 5
    assert pack.highlight.plan == "Children's Services Improvement Plan 2021/22"


def test_a_pack_reports_on_the_latest_month_with_figures_before_the_meeting(pack):
    """Not the meeting's month, July, whose figures and year to date are not in yet."""
    assert pack.month == dt.date(2021, 5, 1) and pack.highlight.month_label == "May 2021"
    tables = [t for theme in pack.highlight.themes for t in theme.tables]
    year_to_date = [row.year_to_date.text for t in tables for row in t.rows]
    assert sum(1 for text in year_to_date if text) > 20  # filled, as 004's


def test_the_word_pack_has_the_agenda_the_last_minutes_the_tracker_then_the_highlight(pack):
    document = Document(io.BytesIO(render_docx(pack)))
    headings = [p.text for p in document.paragraphs if p.style.name in ("Title", "Heading 1")]
    assert headings[:4] == [
        pack.title,
        "Agenda",
        "Minutes of the meeting of 4 May 2021",
        "Action tracker",
    ]
    assert "Children's Services Improvement Plan 2021/22: highlight report" in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "5. Children's Improvement Plan Quarterly Update" in text
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "Corporate Parenting Strategy" in cells
    assert any(c.startswith("Circulate a written response") for c in cells)
    assert document.sections[0].header.paragraphs[0].text == pack.title


def test_the_pdf_of_the_packs_own_papers_reads_back(pack):
    # The highlight report's own PDF is tested with that report; here the pack's papers.
    pdf = pdfium.PdfDocument(render_pdf(dataclasses.replace(pack, highlight=None)))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "Minutes of the meeting of 4 May 2021" in text and "Action tracker" in text
    assert "Corporate Parenting Strategy" in text


def test_the_html_pack_carries_the_highlight_report_and_its_print_styles(pack):
    html = render_html(pack).decode()
    assert html.count("<body") == 1 and html.count("</html>") == 1
    assert "Overall progress" in html and "Key priority areas" in html
    assert html.index("Action tracker") < html.index("Overall progress")
    assert "@page" in html


def test_the_command_writes_a_pack_reporting_on_the_month_asked_for(db, tmp_path, capsys):
    target = tmp_path / "pack.docx"
    meeting = _meeting(JULY)
    args = ["board-pack", "--partnership", "torbay", "--meeting", str(meeting.pk)]
    args += ["--month", "2021-05", "--as-at", "2021-07-20", "--format", "docx"]
    assert main([*args, "-o", str(target)]) == 0
    assert "reporting on May 2021, as at 20 July 2021" in capsys.readouterr().out
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Date of report 20 July 2021 · reporting month May 2021." in text
    ytd = [
        row.cells[headers.index("Current year to date")].text
        for table in Document(str(target)).tables
        if "Current year to date" in (headers := [c.text for c in table.rows[0].cells])
        for row in table.rows[1:]
    ]
    assert sum(1 for text in ytd if text) > 20


def test_the_pack_carries_the_cabinet_responses_to_the_boards_recommendations(pack):
    """004's pack ends its papers with the tracker of the cabinet's responses."""
    responses = pack.paper("responses")
    assert responses is not None and len(responses.table.rows) >= 3
    document = Document(io.BytesIO(render_docx(pack)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings.index("Cabinet responses") == headings.index("Action tracker") + 1
    first = responses.table.rows[0][1].text
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert first in cells
    assert "Cabinet responses" in render_html(pack).decode()


def test_the_pack_carries_the_years_multi_agency_training(pack):
    """Seed 000's CC4: training attended and its learning reviewed, in front of the board."""
    training = pack.paper("training")
    assert training is not None and training.table.rows
    assert "Multi-agency training" in render_html(pack).decode()
