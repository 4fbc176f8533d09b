"""The board pack as one document: a standalone HTML file, a tagged PDF (PDF/UA-1) typeset
by Typst, and an editable Word document. The pack's own papers (agenda, minutes of the last
meeting, action tracker) come first; the highlight report follows as the highlight report's
own renderers draw it, so it looks the same in the pack as on its own."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from docx import Document
from docx.enum.text import WD_BREAK

from assure.documents import word
from assure.documents.files import Output
from assure.documents.model import Cell, Table, line
from assure.documents.pdf import Block, bullets, document_pdf, heading, meta, paragraph
from assure.documents.pdf import table as document_table
from assure.documents.word import DOCX
from assure.reports.board_pack.model import BoardPack
from assure.reports.highlight.html import render_html as highlight_html
from assure.reports.highlight.pdf import blocks as highlight_blocks
from assure.reports.highlight.word import render_docx as highlight_docx

_STYLES = re.compile(r"<style\b.*?</style>|<link\b[^>]*stylesheet[^>]*>", re.S | re.I)
_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.S | re.I)


def agenda_table(pack: BoardPack) -> Table:
    lines = [
        line(
            [Cell(i.number), Cell(i.title), Cell(i.purpose)] + [Cell(i.presenter), Cell(i.papers)],
            pack.href,
        )
        for i in pack.agenda
    ]
    header = ["No.", "Item", "Purpose", "Presented by", "Papers"]
    return Table("Items of business", header, lines, empty="No agenda has been recorded yet.")


def _highlight_parts(pack: BoardPack) -> tuple[str, str]:
    """The highlight report's print styles and its body, from its own HTML renderer."""
    if pack.highlight is None:
        return "", ""
    document = highlight_html(pack.highlight).decode()
    body = _BODY.search(document)
    head = document[: body.start()] if body else ""
    return "\n".join(_STYLES.findall(head)), body.group(1) if body else document


def render_html(pack: BoardPack) -> bytes:
    styles, body = _highlight_parts(pack)
    context = {
        "pack": pack,
        "agenda": agenda_table(pack),
        "tracker": pack.tracker,
        "highlight_styles": mark_safe(styles),  # noqa: S308 (our own renderer's output)
        "highlight_body": mark_safe(body),  # noqa: S308 (our own renderer's output)
    }
    return render_to_string("reports/board_pack_document.html", context).encode()


def _minutes_blocks(pack: BoardPack) -> list[Block]:
    previous = pack.previous
    if previous is None:
        return [
            heading("Minutes of the last meeting", label="minutes"),
            paragraph(f"This is the first recorded meeting of the {pack.group}."),
        ]
    held = f"{previous.held_on.day} {previous.held_on:%B %Y}"
    blocks = [heading(f"Minutes of the meeting of {held}", label="minutes")]
    if previous.present:
        blocks += [heading("Present", 3), paragraph(previous.present)]
    if not previous.minutes:
        blocks.append(paragraph("No minutes were recorded."))
    for minute in previous.minutes:
        blocks += [heading(f"{minute.number}. {minute.title}", 3), paragraph(minute.text)]
        blocks += [paragraph(decision, lead="Decision:") for decision in minute.decisions]
    if previous.other_decisions:
        blocks += [heading("Other decisions", 3), bullets(previous.other_decisions)]
    blocks.append(paragraph(f"The meeting of {held}", href=previous.href))
    return blocks


def render_pdf(pack: BoardPack) -> bytes:
    """The pack's own papers, then the highlight report as it prints on its own."""
    produced = f"{pack.as_at.day} {pack.as_at:%B %Y}"
    blocks = [
        heading(pack.title, 1),
        meta(f"{pack.partnership} · {pack.title}"),
        paragraph(pack.when),
        paragraph(f"Date of report {produced} · reporting month {pack.month_label}."),
    ]
    if pack.notes:
        blocks.append(paragraph(pack.notes))
    blocks += [heading("Agenda", label="agenda"), document_table(agenda_table(pack))]
    blocks += _minutes_blocks(pack)
    blocks += [
        heading("Action tracker", label="tracker", page=True),
        paragraph(f"The {pack.group}'s open actions on {produced}."),
        document_table(pack.tracker),
    ]
    for paper in pack.papers:
        blocks += [
            heading(paper.heading, label=paper.key),
            paragraph(" ".join(paper.table.notes)),
            document_table(replace(paper.table, notes=[])),
        ]
    if pack.highlight is None:
        blocks += [
            heading("Highlight report", page=True),
            paragraph("The partnership has no current plan, so the pack has no highlight report."),
        ]
    else:
        blocks += highlight_blocks(pack.highlight, level=2)
    return document_pdf(pack.title, f"{pack.partnership} · {pack.title}", blocks)


def _minutes(document, pack: BoardPack) -> None:
    previous = pack.previous
    if previous is None:
        document.add_heading("Minutes of the last meeting", level=1)
        document.add_paragraph(f"This is the first recorded meeting of the {pack.group}.")
        return
    document.add_heading(f"Minutes of the meeting of {previous.held_on:%-d %B %Y}", level=1)
    if previous.present:
        document.add_heading("Present", level=3)
        document.add_paragraph(previous.present)
    if not previous.minutes:
        document.add_paragraph("No minutes were recorded.")
    for minute in previous.minutes:
        document.add_heading(f"{minute.number}. {minute.title}", level=2)
        document.add_paragraph(minute.text)
        for decision in minute.decisions:
            document.add_paragraph().add_run(f"Decision: {decision}").bold = True
    for decision in previous.other_decisions:
        document.add_paragraph().add_run(f"Decision: {decision}").bold = True


def _front(document, pack: BoardPack) -> None:
    """The pack's own papers: title, agenda, minutes of the last meeting, action tracker."""
    document.add_heading(pack.title, level=0)
    document.add_paragraph(f"{pack.partnership} · {pack.when}")
    document.add_paragraph(
        f"Date of report {pack.as_at:%-d %B %Y} · reporting month {pack.month_label}."
    )
    if pack.notes:
        document.add_paragraph(pack.notes)
    document.add_heading("Agenda", level=1)
    word.table(document, agenda_table(pack), size=9)
    _minutes(document, pack)
    document.add_heading("Action tracker", level=1)
    word.table(document, pack.tracker, size=8)
    for paper in pack.papers:
        document.add_heading(paper.heading, level=1)
        document.add_paragraph(" ".join(paper.table.notes))
        word.table(document, replace(paper.table, notes=[]), size=8, level=0)
    if pack.highlight is not None:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render_docx(pack: BoardPack) -> bytes:
    """The highlight report's own Word document, with the pack's papers put in front of it:
    building on that document keeps its charts, styles and page set-up intact."""
    if pack.highlight is None:
        document = Document()
        word.landscape(document, pack.title)
        _front(document, pack)
    else:
        document = Document(io.BytesIO(highlight_docx(pack.highlight)))
        body = document.element.body
        first = body[0]
        before = len(body)
        _front(document, pack)
        # New blocks were added before the closing section properties: move them in front.
        for block in list(body)[before - 1 : -1]:
            first.addprevious(block)
        word.landscape(document, pack.title)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


FORMATS: dict[str, Output[BoardPack]] = {
    "pdf": Output("PDF (A4, tagged for accessibility)", "application/pdf", render_pdf),
    "docx": Output("Word", DOCX, render_docx),
    "html": Output("HTML (a single file)", "text/html; charset=utf-8", render_html),
}
