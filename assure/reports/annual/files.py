"""The annual report as a standalone HTML file and as a tagged PDF typeset by Typst (PDF/UA-1,
A4, page numbers, a running header, table headings repeated on each page, a table of
contents), and the formats it can be downloaded in."""

from __future__ import annotations

from django.template.loader import render_to_string

from assure.documents.files import Output
from assure.documents.pdf import Block, contents, document_pdf, heading, meta, paragraph, table
from assure.documents.word import DOCX
from assure.reports.annual.model import AnnualReport
from assure.reports.annual.tables import Section
from assure.reports.annual.word import render_annual_docx


def render_annual_html(report: AnnualReport) -> bytes:
    return render_to_string("reports/annual_document.html", {"report": report}).encode()


def _section(section: Section, level: int) -> list[Block]:
    blocks = [heading(section.heading, level, label=section.anchor)]
    blocks += [paragraph(text) for text in section.paragraphs]
    blocks += [table(t) for t in section.tables]
    for sub in section.subsections:
        blocks += _section(sub, level + 1)
    return blocks


def render_annual_pdf(report: AnnualReport) -> bytes:
    running = f"{report.partnership} · annual report {report.year_label} · {report.version_label}"
    blocks = [heading(report.title, 1), meta(running), contents()]
    for section in report.sections:
        blocks += _section(section, 2)
    return document_pdf(report.title, running, blocks)


ANNUAL_FORMATS: dict[str, Output[AnnualReport]] = {
    "docx": Output(
        "Word (editable, to publish after editing)",
        DOCX,
        render_annual_docx,
    ),
    "pdf": Output("PDF (A4, tagged for accessibility)", "application/pdf", render_annual_pdf),
    "html": Output("HTML (a single file)", "text/html; charset=utf-8", render_annual_html),
}
