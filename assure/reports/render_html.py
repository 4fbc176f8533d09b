"""The highlight report as a standalone HTML document: the file the command line writes and
the source WeasyPrint lays out as PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from assure.reports.highlight import HighlightReport


def render_html(report: HighlightReport) -> bytes:
    return render_to_string("reports/highlight_document.html", {"report": report}).encode()
