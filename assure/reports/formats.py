"""The formats a report is rendered in: file extension, content type, label and renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assure.reports.highlight import HighlightReport
from assure.reports.render_docx import render_docx
from assure.reports.render_html import render_html
from assure.reports.render_xlsx import render_xlsx


@dataclass(frozen=True)
class Format:
    label: str
    content_type: str
    render: Callable[[HighlightReport], bytes]


def _pdf(report: HighlightReport) -> bytes:
    from assure.reports.render_pdf import render_pdf  # only when a PDF is asked for

    return render_pdf(report)


RENDERERS = {
    "pdf": Format("PDF (A4, tagged for accessibility)", "application/pdf", _pdf),
    "docx": Format(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "xlsx": Format(
        "Excel (one sheet per theme)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_xlsx,
    ),
    "html": Format("HTML (a single file)", "text/html; charset=utf-8", render_html),
}
