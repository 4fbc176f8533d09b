"""The highlight report as a tagged PDF (PDF/UA-1): A4 landscape, page numbers, a running
header and table headings repeated on every page, all set in the document's print CSS."""

from __future__ import annotations

from django.conf import settings
from weasyprint import HTML

from assure.reports.highlight import HighlightReport
from assure.reports.render_html import render_html


def render_pdf(report: HighlightReport) -> bytes:
    # Links in the report are site paths; the base URL makes them work from the file.
    document = HTML(string=render_html(report).decode(), base_url=settings.ASSURE_BASE_URL)
    return document.write_pdf(pdf_variant="pdf/ua-1")
