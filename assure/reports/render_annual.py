"""The annual report as a standalone HTML file and as a tagged PDF typeset by Typst (PDF/UA-1,
A4, page numbers, a running header, table headings repeated on each page, a table of
contents), and the formats it can be downloaded in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from assure.reports.annual import AnnualReport
from assure.reports.annual_tables import Section, Table
from assure.reports.render_annual_docx import render_annual_docx
from assure.reports.typeset import (
    Block,
    cell,
    contents,
    document_pdf,
    heading,
    meta,
    paragraph,
    table,
)


def render_annual_html(report: AnnualReport) -> bytes:
    return render_to_string("reports/annual_document.html", {"report": report}).encode()


def _table(found: Table) -> Block:
    """Each row named by its first cell; a suppressed figure ("c") is also said as such."""
    rows = [
        [
            cell(
                c.text,
                c.colour,
                said=" (suppressed)" if c.suppressed else "",
                figure=c.numeric,
            )
            for c in row
        ]
        for row in found.rows
    ]
    return table(found.caption, found.header, rows, notes=found.notes)


def _section(section: Section, level: int) -> list[Block]:
    blocks = [heading(section.heading, level, label=section.anchor)]
    blocks += [paragraph(text) for text in section.paragraphs]
    blocks += [_table(t) for t in section.tables]
    for sub in section.subsections:
        blocks += _section(sub, level + 1)
    return blocks


def render_annual_pdf(report: AnnualReport) -> bytes:
    running = f"{report.partnership} · annual report {report.year_label} · {report.version_label}"
    blocks = [heading(report.title, 1), meta(running), contents()]
    for section in report.sections:
        blocks += _section(section, 2)
    return document_pdf(report.title, running, blocks)


@dataclass(frozen=True)
class AnnualFormat:
    label: str
    content_type: str
    render: Callable[[AnnualReport], bytes]


ANNUAL_FORMATS = {
    "docx": AnnualFormat(
        "Word (editable, to publish after editing)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_annual_docx,
    ),
    "pdf": AnnualFormat("PDF (A4, tagged for accessibility)", "application/pdf", render_annual_pdf),
    "html": AnnualFormat("HTML (a single file)", "text/html; charset=utf-8", render_annual_html),
}
