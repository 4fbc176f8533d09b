"""The formats a report is rendered in: file extension, content type, label and renderer."""

from __future__ import annotations

from assure.documents.excel import XLSX
from assure.documents.files import Output
from assure.documents.word import DOCX
from assure.reports.highlight.excel import render_xlsx
from assure.reports.highlight.html import render_html
from assure.reports.highlight.model import HighlightReport
from assure.reports.highlight.word import render_docx


def _pdf(report: HighlightReport) -> bytes:
    from assure.reports.highlight.pdf import render_pdf  # only when a PDF is asked for

    return render_pdf(report)


RENDERERS: dict[str, Output[HighlightReport]] = {
    "pdf": Output("PDF (A4, tagged for accessibility)", "application/pdf", _pdf),
    "docx": Output(
        "Word",
        DOCX,
        render_docx,
    ),
    "xlsx": Output(
        "Excel (one sheet per theme)",
        XLSX,
        render_xlsx,
    ),
    "html": Output("HTML (a single file)", "text/html; charset=utf-8", render_html),
}
