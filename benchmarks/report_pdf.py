"""How long the Torbay demo's highlight report takes to build and to render as PDF.

Runs against the configured database; to keep your own data apart, load the demo into a
scratch one first:

    export ASSURE_VAR_DIR=/tmp/assure-bench && .venv/bin/assure demo
    .venv/bin/python benchmarks/report_pdf.py [--month 2021-05] [--screenshot PNG]

Prints the seconds to build the report model (with its trend charts) and to render it as
PDF, best of three, as elapsed and as processor time (the second says less about whatever
else the machine is doing), the page count, and the seconds for Word and Excel (which
convert the charts to PNG). With --screenshot it writes page 1 as a PNG (needs pypdfium2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path


def best_of(runs: int, work: Callable[[], bytes]) -> tuple[float, float, bytes]:
    """The least elapsed and processor seconds of `runs` runs, and the last output."""
    elapsed, processor, output = [], [], b""
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        output = work()
        elapsed.append(time.perf_counter() - started)
        processor.append(time.process_time() - cpu)
    return min(elapsed), min(processor), output


def _pages(pdf: bytes) -> str:
    try:
        import pypdfium2
    except ImportError:
        return "?"
    return str(len(pypdfium2.PdfDocument(pdf)))


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
    from assure.reports.render_docx import render_docx
    from assure.reports.render_pdf import render_pdf
    from assure.reports.render_xlsx import render_xlsx

    torbay = Partnership.objects.get(slug="torbay")
    month = dt.datetime.strptime(args.month, "%Y-%m").date()
    started = time.perf_counter()
    report = highlight_report(torbay, current_plan(torbay), month)
    built = time.perf_counter() - started
    render_pdf(report)  # warm the fonts and the template cache
    wall, cpu, pdf = best_of(args.runs, lambda: render_pdf(report))
    pages = _pages(pdf)
    print(
        f"model {built:.2f} s; PDF best of {args.runs}: {wall:.2f} s elapsed, {cpu:.2f} s processor"
    )
    print(f"PDF: {pages} pages, {len(pdf)} bytes")
    for name, render in (("Word", render_docx), ("Excel", render_xlsx)):
        wall, cpu, output = best_of(1, lambda render=render: render(report))
        print(f"{name}: {wall:.2f} s elapsed ({len(output)} bytes)")
    if args.screenshot:
        import pypdfium2

        document = pypdfium2.PdfDocument(pdf)
        image = document[0].render(scale=1.2).to_pil().convert("P", palette=1, colors=64)
        image.save(args.screenshot, optimize=True)
        print(f"page 1 written to {args.screenshot} ({args.screenshot.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
