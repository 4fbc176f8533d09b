"""How long the Torbay demo's highlight report takes to build and to render as PDF.

Runs against the configured database; to keep your own data apart, load the demo into a
scratch one first:

    export ASSURE_VAR_DIR=/tmp/assure-bench && .venv/bin/assure demo --now
    .venv/bin/python benchmarks/report_pdf.py [--month 2021-05] [--runs 5] [--screenshot PNG]

Prints the seconds to build the report model (with its trend charts) and to render it as
PDF, as elapsed and as processor time, the page count, and the seconds for Word and Excel
(which convert the charts to PNG). Typst remembers what it laid out within a process, so
each PDF is timed in a fresh process, as the first PDF a server process makes: the best and
the median of `--runs`. With --screenshot it writes page 1 as a PNG (needs pypdfium2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
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


def _fresh(month: str) -> tuple[float, float]:
    """Elapsed and processor seconds of the first PDF made in a new process."""
    done = subprocess.run(  # noqa: S603 (this script, our own arguments)
        [sys.executable, __file__, "--month", month, "--one"],
        check=True,
        capture_output=True,
        text=True,
    )
    wall, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    return wall, cpu


def _pages(pdf: bytes) -> str:
    try:
        import pypdfium2
    except ImportError:
        return "?"
    return str(len(pypdfium2.PdfDocument(pdf)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month", default="2021-05")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assure.settings")
    import django

    django.setup()
    from assure.core.models import Partnership
    from assure.reports.highlight.excel import render_xlsx
    from assure.reports.highlight.model import current_plan, highlight_report
    from assure.reports.highlight.pdf import render_pdf
    from assure.reports.highlight.word import render_docx

    torbay = Partnership.objects.get(slug="torbay")
    month = dt.datetime.strptime(args.month, "%Y-%m").date()
    started = time.perf_counter()
    report = highlight_report(torbay, current_plan(torbay), month)
    built = time.perf_counter() - started
    if args.one:  # a fresh process: its first PDF
        wall, cpu, _ = best_of(1, lambda: render_pdf(report))
        print(json.dumps([wall, cpu]))
        return
    runs = [_fresh(args.month) for _ in range(args.runs)]
    wall, cpu = min(w for w, _ in runs), min(c for _, c in runs)
    median = statistics.median(w for w, _ in runs)
    pdf = render_pdf(report)
    pages = _pages(pdf)
    print(
        f"model {built:.2f} s; PDF in a fresh process, best of {args.runs}: {wall:.2f} s "
        f"elapsed ({cpu:.2f} s processor), median {median:.2f} s"
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
