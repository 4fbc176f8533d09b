"""How long the Torbay demo's highlight report takes to build and to render as PDF.

Runs against the configured database (load it first with `assure demo`):

    .venv/bin/python benchmarks/report_pdf.py [--month 2021-05] [--screenshot PNG]

Prints the seconds to build the report model and to render it as PDF (best of three), the
page count, and with --screenshot writes page 1 as a PNG (needs pypdfium2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month", default="2021-05")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assure.settings")
    import django

    django.setup()
    from assure.core.models import Partnership
    from assure.reports.highlight import current_plan, highlight_report
    from assure.reports.render_pdf import render_pdf

    torbay = Partnership.objects.get(slug="torbay")
    month = dt.datetime.strptime(args.month, "%Y-%m").date()
    started = time.perf_counter()
    report = highlight_report(torbay, current_plan(torbay), month)
    built = time.perf_counter() - started
    render_pdf(report)  # warm the fonts and the template cache
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        pdf = render_pdf(report)
        times.append(time.perf_counter() - started)
    print(f"model {built:.2f} s; PDF best {min(times):.2f} s of {args.runs} ({len(pdf)} bytes)")
    if args.screenshot:
        import pypdfium2

        document = pypdfium2.PdfDocument(pdf)
        print(f"{len(document)} pages")
        image = document[0].render(scale=1.2).to_pil().convert("P", palette=1, colors=64)
        image.save(args.screenshot, optimize=True)
        print(f"page 1 written to {args.screenshot} ({args.screenshot.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
