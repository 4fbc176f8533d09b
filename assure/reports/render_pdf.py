"""The highlight report as a tagged PDF (PDF/UA-1): A4 landscape, page numbers, a running
header and table headings repeated on every page, all set in the document's print CSS.

What keeps it fast (`benchmarks/report_pdf.py` measures it): the document is plain markup
with a small print stylesheet and fixed table layout (`render_html`), and Python's cyclic
garbage collector is paused while WeasyPrint works (`no_cycle_collection`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from weasyprint import HTML

from assure.reports.highlight import HighlightReport
from assure.reports.render_html import render_html


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector. WeasyPrint builds a few hundred thousand linked
    boxes for a long report, and the collector would walk them all again and again while
    they are still in use (a third of the time of the Torbay report). Reference counting
    still frees memory as usual; the collector catches up once the pause is over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(report: HighlightReport) -> bytes:
    # Links in the report are site paths; the base URL makes them work from the file.
    html = render_html(report).decode()
    with no_cycle_collection():
        document = HTML(string=html, base_url=settings.ASSURE_BASE_URL)
        return document.write_pdf(pdf_variant="pdf/ua-1")
