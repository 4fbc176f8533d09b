"""The highlight report of seed 004 rebuilt from the Torbay demo: the model, and the Word,
Excel and PDF files a business manager sends to the board, opened and read back; and each
measure's trend chart, drawn once in the model and found in every format. How a report is
built, scoped and sourced is tested on small factory-built plans in test_highlight.py."""

from __future__ import annotations

import ctypes
import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from assure.core.models import Partnership
from assure.reports.highlight.excel import render_xlsx
from assure.reports.highlight.html import document_context, render_html
from assure.reports.highlight.model import highlight_report
from assure.reports.highlight.pdf import render_pdf
from assure.reports.highlight.word import render_docx

pytestmark = pytest.mark.usefixtures("demo")

PLAN = "Children's Services Improvement Plan 2021/22"
ISSUED = dt.date(2021, 6, 10)


@pytest.fixture(scope="module")
def report(demo, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        if not Partnership.objects.filter(slug="torbay").exists():
            # Browser tests run in transactions that are flushed afterwards.
            from demo.loader import load_all

            load_all()
        torbay = Partnership.objects.get(slug="torbay")
        plan = torbay.plans.get(title=PLAN)
        return highlight_report(torbay, plan, dt.date(2021, 5, 1), report_date=ISSUED)


def test_the_report_holds_the_sections_of_004(report):
    assert report.senior_responsible_officer == "Director of Children's Services"
    assert report.month == dt.date(2021, 5, 31)
    assert report.status.label == "Amber"
    assert report.key_priorities[0].description.startswith("Edge of Care")
    assert len(report.medium_term) == 3
    assert [t.code for t in report.themes] == ["T1", "T2", "T3", "T4"]
    assert report.quarter_labels == ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22"]
    assert [g.rating.label for g in report.guidance] == ["Red", "Amber", "Green"]


def test_a_theme_has_its_tables_and_actions_rated_by_quarter(report):
    t2 = report.themes[1]
    row = t2.tables[0].rows[0]
    assert row.indicator.reference == "2.21"
    assert [c.rating for c in row.current_months] == ["red", "green"]
    first = t2.actions[0]
    assert first.code == "2.1.1"
    assert [q.label if q else None for q in first.quarters] == ["Amber", None, None, None]
    assert first.quarters[0].href == first.href


def _docx_text(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs]


def test_the_word_file_has_the_sections_figures_and_rag(report):
    document = Document(io.BytesIO(render_docx(report)))
    text = _docx_text(document)
    for heading in (
        "Overall progress",
        "Key priority areas",
        "Issue and risk register",
        "Guidance for RAG status",
        "T2 A robust model of social work practice",
    ):
        assert heading in text
    assert "Overview: Amber" in text
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "% of ICPCs held within 15 working days of Strategy Discussions" in cells
    assert "84%" in cells and "25" in cells
    actions = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][:5:4] == ["Ref", "Q1 2021/22"]
    )
    q1 = actions.rows[1].cells[4]
    assert q1.text == "Amber (assigned)"  # 004's Q1 colours were lost: rated on loading
    assert 'w:fill="FFDFBF"' in q1._tc.xml  # shaded amber


def test_the_excel_file_has_a_sheet_per_theme_with_rag_formatting(report):
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames[0] == "Summary"
    assert [name[:2] for name in book.sheetnames[1:]] == ["T1", "T2", "T3", "T4"]
    summary = book["Summary"]
    facts = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(1, 10)}
    assert facts["Overall status"] == "Amber"
    t2 = book[book.sheetnames[2]]
    values = [c.value for row in t2.iter_rows() for c in row]
    assert "Key actions" in values and "2.1.1" in values
    cells = [c for row in t2.iter_rows() for c in row]
    percent = next(c for c in cells if c.value == 0.84)  # 84% as the number it is
    assert percent.number_format == '0%" (red)"'  # shaded red, and saying so
    target = next(c for c in cells if c.value == 0.9)  # "90%", the target minimum, likewise
    assert target.number_format == "0%"
    rules = [rule for cf in t2.conditional_formatting for rule in cf.rules]
    assert any('"Red"' in (rule.formula or [""])[0] for rule in rules)


def test_the_pdf_renders_tagged_pages_that_show_the_report(db, report):
    # db: the shared performance partial reads each indicator's partnership for its link.
    pdfium = pytest.importorskip("pypdfium2")
    pdf = render_pdf(report)
    assert pdf.startswith(b"%PDF")
    document = pdfium.PdfDocument(pdf)
    assert pdfium.raw.FPDFCatalog_IsTagged(document.raw)  # a tagged, PDF/UA document
    assert len(document) > 4  # an opening section, then a page or more per theme
    text = document[0].get_textpage().get_text_range()
    assert "Senior responsible officer" in text and "Page 1 of" in text
    image = document[0].render(scale=1).to_pil().convert("L")
    assert image.getextrema()[0] < 100  # ink on the page, not a blank sheet
    figures = _figure_texts(pdfium, document)
    chart = report.themes[1].charts[report.themes[1].tables[0].rows[0].indicator.pk]
    assert chart.text in figures  # each chart is a tagged figure with its words
    icons = [i for theme in report.themes for s in theme.signals.values() for i in _icons(s)]
    assert len(figures) == sum(len(theme.charts) for theme in report.themes) + len(icons)
    everything = " ".join(page.get_textpage().get_text_range() for page in document)
    everything = re.sub(r"\s+", " ", everything)  # a word shown beside a colour may wrap
    said = [cell.said.strip() for cell in _grid_cells(report) if cell.said]
    assert said and all(words in everything for words in said)  # a colour is also words


def _grid_cells(report):  # type: ignore[no-untyped-def]
    context = document_context(report)
    grids = list(context["summary"])
    for _, tables, actions in context["themes"]:
        grids += [shown.grid for shown in tables] + [shown.signals for shown in tables]
        grids += [actions]
    return [cell for grid in grids for row in grid.rows for cell in row]


def _figure_texts(pdfium, document) -> list[str]:  # type: ignore[no-untyped-def]
    """The alternative text of every figure in the PDF's structure tree."""
    raw, found = pdfium.raw, []

    def text_of(element, read) -> str:  # type: ignore[no-untyped-def]
        size = read(element, None, 0)
        buffer = ctypes.create_string_buffer(size)
        read(element, buffer, size)
        return buffer.raw[: max(size - 2, 0)].decode("utf-16-le")

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        if text_of(element, raw.FPDF_StructElement_GetType) == "Figure":
            found.append(text_of(element, raw.FPDF_StructElement_GetAltText))
        for i in range(raw.FPDF_StructElement_CountChildren(element)):
            child = raw.FPDF_StructElement_GetChildAtIndex(element, i)
            if child:
                walk(child)

    for page in document:
        tree = raw.FPDF_StructTree_GetForPage(page.raw)
        for i in range(raw.FPDF_StructTree_CountChildren(tree)):
            walk(raw.FPDF_StructTree_GetChildAtIndex(tree, i))
        raw.FPDF_StructTree_Close(tree)
    return found


def _icons(signal):  # type: ignore[no-untyped-def]
    return [icon for icon in (signal.variation, signal.assurance) if icon is not None]


def _charts(report):  # type: ignore[no-untyped-def]
    return [chart for theme in report.themes for chart in theme.trend_charts]


def test_each_measure_has_a_trend_chart_that_says_what_it_shows(report):
    t2 = report.themes[1]
    first = t2.tables[0].rows[0]
    chart = t2.charts[first.indicator.pk]
    assert chart.reference == "2.21"
    assert chart.svg.startswith("<svg") and "<polyline" in chart.svg
    assert chart.text.startswith("Trend of 2.21 % of ICPCs held within 15 working days")
    assert "from Jul 20 (63%) to May 21" in chart.text
    assert "target for 2021/22" in chart.text
    assert f"<title>{chart.text}</title>" in chart.svg.replace("&#x27;", "'")
    # A measure with fewer than two figures in its table has no chart.
    missing = {
        row.indicator.reference
        for theme in report.themes
        for table in theme.tables
        for row in table.rows
        if row.indicator.pk not in theme.charts
    }
    assert missing == {"1.S", "2.29r"}


def test_the_html_file_holds_each_chart_drawn_once_as_svg(report):
    html = render_html(report).decode()
    for chart in _charts(report):
        assert html.count(chart.svg) == 1
    assert len(re.findall(r'<svg [^>]*role="img" aria-label="Trend of ', html)) == len(
        _charts(report)
    )
    assert "Trend chart" in html and html.count("Too few figures to draw") == 2


def test_the_browser_page_shows_the_trend_charts(client_as, torbay):
    page = client_as("board").get("/p/torbay/reports/highlight/?month=2021-05").content.decode()
    assert "Trend charts" in page
    assert 'aria-label="Trend of 2.21 % of ICPCs held within 15 working days' in page


def test_word_and_excel_show_each_chart_as_a_picture_with_its_words(report):
    charts = _charts(report)
    document = Document(io.BytesIO(render_docx(report)))
    words = {chart.text for chart in charts}
    pictures = [p for p in document.inline_shapes if p._inline.docPr.get("descr") in words]
    assert len(pictures) == len(charts)
    described = [p._inline.docPr.get("descr") for p in pictures]
    assert described == [chart.text for chart in charts]
    blip = pictures[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[blip].blob.startswith(b"\x89PNG")
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    per_sheet = [len(book[name]._images) for name in book.sheetnames[1:]]
    icons = [sum(len(_icons(s)) for s in theme.signals.values()) for theme in report.themes]
    assert per_sheet == [
        len(theme.charts) + n for theme, n in zip(report.themes, icons, strict=True)
    ]
    t2 = book[book.sheetnames[2]]
    anchor = t2._images[0].anchor._from
    assert t2.cell(anchor.row + 1, 1).value == "2.21"  # in the row of its measure
    assert t2.cell(anchor.row, anchor.col + 1).value == "Trend chart"  # the heading above


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_word_report_lays_out_in_about_the_pages_of_the_pdf(report, tmp_path):
    """Converted by LibreOffice, the May 2021 report is at most 25 pages (24; the PDF has 28);
    with every column the same width it was 56."""
    source = tmp_path / "highlight.docx"
    source.write_bytes(render_docx(report))
    subprocess.run(  # noqa: S603 - our own file, a fixed program
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdfium = pytest.importorskip("pypdfium2")
    pages = len(pdfium.PdfDocument((tmp_path / "highlight.pdf").read_bytes()))
    print(f"highlight report, May 2021, in Word through LibreOffice: {pages} pages")
    assert pages <= 25


def test_key_actions_carry_their_objective_and_lead_and_the_whole_update(report):
    """As 004 prints them: the objective headed by its lead, and each update's progress,
    barriers and next steps, in every format."""
    actions = [a for theme in report.themes for a in theme.actions]
    barriers = [a for a in actions if a.barriers]
    steps = [a for a in actions if a.next_steps]
    assert len(barriers) >= 20 and len(steps) >= 20  # 004 has 22 of each
    lead = "Head of Social Care: To continue to develop"  # 004 names her: Karen Ogle
    assert any(a.objective.startswith(lead) for a in actions), [a.objective for a in actions][:3]
    word = "\n".join(
        cell.text
        for table in Document(io.BytesIO(render_docx(report))).tables
        for row in table.rows
        for cell in row.cells
    )
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    excel = "\n".join(
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c
    )
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(render_pdf(report))
    pdf = "\n".join(page.get_textpage().get_text_range() for page in document)
    for text in (word, excel, pdf):
        assert lead in re.sub(r"\s+", " ", text)
        assert text.count("Barriers:") >= len(barriers)
        assert text.count("Next steps:") >= len(steps)


def test_a_rated_figure_shows_its_word_beside_its_colour_in_every_format(report):
    """A grey print loses the colour: 2.21's year to date, 88% against 90%, says "red"."""
    cells = {
        c.text
        for t in Document(io.BytesIO(render_docx(report))).tables
        for r in t.rows
        for c in r.cells
    }
    assert "88% (red)" in cells
    assert '88%<span class="said"> (red)</span>' in render_html(report).decode()
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(render_pdf(report))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert "88% (red)" in re.sub(r"\s+", " ", text)


def test_a_note_shared_by_several_measures_is_printed_once_with_their_references(report):
    tables = [t for theme in report.themes for t in theme.tables]
    shared = [(t, refs, text) for t in tables for refs, text in t.notes if ", " in refs]
    assert shared, "the audit measures share their scoring note"
    table, references, text = shared[0]
    assert len(references.split(", ")) >= 3
    assert [note for _, note in table.notes].count(text) == 1
    html = render_html(report).decode()
    assert html.count(text[:60]) == sum(1 for t in tables for _, n in t.notes if n == text)


def _word_text(report) -> str:  # type: ignore[no-untyped-def]
    document = Document(io.BytesIO(render_docx(report)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return re.sub(r"\s+", " ", "\n".join([p.text for p in document.paragraphs] + cells))


def _excel_cells(report):  # type: ignore[no-untyped-def]
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


def _pdf_text(report) -> str:  # type: ignore[no-untyped-def]
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(render_pdf(report))
    return re.sub(r"\s+", " ", " ".join(p.get_textpage().get_text_range() for p in document))


def test_a_figure_also_counted_by_the_register_shows_both_and_which_the_report_prints(report):
    """Item 7 of #17: the report prints 004's reported figures (returns in April 2021: 29);
    the exploitation register counts its own (31). The table's notes say both."""
    from assure.exploitation.reported import REPORT_USES

    missing = next(
        t for t in report.themes[0].tables if "1.8a" in [r.indicator.reference for r in t.rows]
    )
    row = next(r for r in missing.rows if r.indicator.reference == "1.8a")
    assert row.current_months[0].text == "29"  # the report prints the reported figure
    notes = dict(report.themes[0].notes_of(missing))
    note = next(text for refs, text in notes.items() if "1.8a" in refs and REPORT_USES in text)
    for words in (
        "1.8a: 21 for Jan 21 (reported 29)",
        "31 for Apr 21 (reported 29)",  # returns in April 2021
        "26 for Feb 21 (reported 45)",  # 1.8b, episodes in February 2021
        "22 for Apr 21 (reported 15)",  # 1.8e, interviews within 72 hours
    ):
        assert words in note
    html = render_html(report).decode()
    assert "31 for Apr 21 (reported 29)" in html
    assert "31 for Apr 21 (reported 29)" in _word_text(report)
    assert any("31 for Apr 21 (reported 29)" in str(c.value) for c in _excel_cells(report))
    assert "31 for Apr 21 (reported 29)" in _pdf_text(report)


def test_in_excel_a_shaded_figure_also_carries_its_word(report):
    """Item 4 of #17: 2.21's year to date, 88% against a 90% target, is red in every format,
    and a grey print of the workbook still says so; it stays a number (0.88)."""
    cells = _excel_cells(report)
    ytd = next(c for c in cells if c.value == 0.88 and "red" in c.number_format)
    assert ytd.number_format == '0%" (red)"'
    assert ytd.fill.fill_type == "solid"  # and shaded
    # A risk's score is filled by its band and says the band: 16 reads "16 (very high)".
    assert any(c.value == 16 and c.number_format == '0" (very high)"' for c in cells)


def test_a_measure_whose_figures_lie_before_the_window_shows_its_own_latest_months(report):
    """Item 8 of #17: theme 3's workforce figures stop in September 2020; 004 prints them
    from December 2019. They are shown in a table of the months to their latest, labelled;
    the report's own table keeps their year to date and targets of 2021/22."""
    workforce = report.themes[2]
    table = workforce.tables[0]
    assert [r.indicator.reference for r in table.rows] == ["3.1", "3.2", "3.3"]
    assert table.rows[0].year_to_date.text == "28.0%" and table.rows[0].target_min == "20%"
    heading = "Workforce Strategy: the latest months held, to September 2020"
    [earlier] = workforce.earlier[0]
    assert earlier.heading == heading
    months = [p.label for p in earlier.previous_months + earlier.current_months]
    assert months[0] == "Nov 19" and months[-1] == "Sep 20"
    vacancies = earlier.rows[0]
    assert vacancies.indicator.reference == "3.1"
    shown = [c.text for c in vacancies.previous_months + vacancies.current_months]
    assert shown[1:3] == ["38.0%", "33.9%"] and shown[-2:] == ["28.3%", "28.0%"]  # as 004
    # Measures with current figures have no such table.
    assert not report.themes[1].earlier and not report.themes[3].earlier
    assert heading in _word_text(report)
    assert heading in _pdf_text(report)
    assert heading in render_html(report).decode()
    values = [c.value for c in _excel_cells(report)]
    assert heading in values and "Dec 19" in values and 0.38 in values


def test_each_measure_carries_the_dashboards_spc_icons_with_their_words(report, torbay):
    """Item 9 of #17: every measure has its variation and assurance icons, read by the
    dashboard's one rule from its series as it stood in May 2021, in words in every format."""
    from assure.performance.dashboard import dashboard_row
    from assure.performance.queries import gather
    from assure.reports.highlight.measures import as_at

    rows = [(theme, row) for theme in report.themes for t in theme.tables for row in t.rows]
    assert all(row.indicator.pk in theme.signals for theme, row in rows)
    data = {d.indicator.pk: d for d in gather(torbay)}
    for theme, row in rows:
        signal = theme.signals[row.indicator.pk]
        dashboard = dashboard_row(as_at(data[row.indicator.pk], report.month)).control
        assert (signal.variation, signal.assurance) == (dashboard.variation, dashboard.assurance)
    signals = [theme.signals[row.indicator.pk] for theme, row in rows]
    labels = {s.variation.label for s in signals if s.variation}
    labels |= {s.assurance.label for s in signals if s.assurance}
    assert "Common cause variation: no significant change" in labels
    assert any(label.startswith("Assurance:") for label in labels)
    assert any(label.startswith("Special cause variation") for label in labels)
    word, pdf, html = _word_text(report), _pdf_text(report), render_html(report).decode()
    excel = {str(c.value) for c in _excel_cells(report)}
    for label in labels:
        assert label in word and label in pdf and label in html and label in excel
    assert html.count('class="assure-mdc-icon"') == sum(len(_icons(s)) for s in signals)


def test_the_browser_page_shows_the_icons_the_register_note_and_the_own_window(client_as, torbay):
    page = client_as("manager").get("/p/torbay/reports/highlight/?month=2021-05")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Signal or noise: Placement Stability" in html
    assert '<span class="assure-mdc__label">Common cause variation' in html
    assert "31 for Apr 21 (reported 29)" in html
    assert "Workforce Strategy: the latest months held, to September 2020" in html
    months = html[html.index("the latest months held, to September 2020</caption>") :]
    assert "Dec 19" in months[:3000] and "38.0%" in months[:6000]


def test_ratings_the_source_does_not_print_are_marked_assigned_in_every_format(report, client_as):
    """004's Q1 action colours and Theme Two's overview were lost from the source: the demo
    rates them from their narratives, and every format says so, where a printed one is not."""
    theme_two = next(t for t in report.themes if t.code == "T2")
    assert theme_two.rating.assigned and theme_two.rating.text == "Amber (assigned)"
    printed = [t for t in report.themes if t.code != "T2" and t.rating]
    assert printed and not any(t.rating.assigned for t in printed)
    assigned = [q for t in report.themes for a in t.actions for q in a.quarters if q]
    assert assigned and all(q.assigned for q in assigned)  # 004's Q1 colours: all lost
    note = "is not printed in the source document"
    word = Document(io.BytesIO(render_docx(report)))
    word_text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    pdfium = pytest.importorskip("pypdfium2")
    pdf = "\n".join(
        p.get_textpage().get_text_range() for p in pdfium.PdfDocument(render_pdf(report))
    )
    html = render_html(report).decode()
    for text in (word_text, re.sub(r"\s+", " ", pdf), html):
        assert "(assigned)" in text and note in text
    page = client_as("board").get("/p/torbay/reports/highlight/?month=2021-05").content.decode()
    assert "Amber (assigned)" in page and note in page


def test_a_key_priority_owned_jointly_names_both_owners(report):
    """004's key priority 4 is the Head of Commissioning's with the Director's."""
    fourth = next(c for c in report.key_priorities if c.reference == "4")
    assert fourth.owner.count(" and ") == 1
    assert "Director of Children's Services" in fourth.owner


def test_an_action_a_case_audit_raised_says_so(report):
    """004 prints no such action: those the demo's audits raised say where they came from."""
    actions = [a for theme in report.themes for a in theme.actions]
    raised = [a for a in actions if "(Raised by a case audit:" in a.title]
    assert len(raised) == 3 and all(a.code.startswith("CA") for a in raised)
    assert not any("Raised by" in a.title for a in actions if a not in raised)
    word = _word_text(report)
    assert word.count("Raised by a case audit") == 3


def _table_with(report, reference):  # type: ignore[no-untyped-def]
    for theme in report.themes:
        for table in theme.tables:
            if reference in [r.indicator.reference for r in table.rows]:
                return theme, table
    raise AssertionError(f"no table holds {reference}")


def test_each_table_says_where_its_figures_come_from_in_every_format(report):
    """Item 6 of #17: every figure records how it came (entered by a person, loaded from a
    file, computed); each table's notes say so, measure by measure, in every format."""
    from assure.reports.highlight.measures import SOURCES_LABEL

    theme, table = _table_with(report, "2.21")
    notes = dict(theme.notes_of(table))
    said = notes[SOURCES_LABEL]
    assert said.startswith("Loaded from a file: ") and "2.21" in said
    assert "computed" not in said and "entered by a person" not in said
    assert f"{SOURCES_LABEL}: {said}" in _word_text(report)
    pdf = _pdf_text(report)
    assert SOURCES_LABEL in pdf and said in pdf
    cells = [str(c.value) for c in _excel_cells(report)]
    assert SOURCES_LABEL in cells and said in cells
