"""The annual report as a standalone HTML file and as a tagged PDF (PDF/UA-1, A4, page
numbers, a running header, table headings repeated on each page), and the formats it can be
downloaded in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from assure.reports.annual import AnnualReport
from assure.reports.render_annual_docx import render_annual_docx


def render_annual_html(report: AnnualReport) -> bytes:
    return render_to_string("reports/annual_document.html", {"report": report}).encode()


def render_annual_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    html = render_annual_html(report).decode()
    document = HTML(string=html, base_url=settings.ASSURE_BASE_URL)
    return document.write_pdf(pdf_variant="pdf/ua-1")


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
