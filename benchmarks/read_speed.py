"""How near reading each kind of return is to the speed of the disk and of its parser.

    .venv/bin/python benchmarks/read_speed.py --data DIR [--every 1] [--repeat 3]

For the files `assure generate` wrote under DIR (one authority's folder, or England's),
every `--every`-th authority, each kind of file is read four ways, in this process, the
fastest of `--repeat` runs kept:

- **bytes**: the files read whole (from the page cache after the first run): the disk's
  speed, as near as a warm machine gives it;
- **parser**: the library alone, building nothing of Assure's: lxml's streaming parse of
  the CIN census (each child cleared as it ends); fastexcel loading every sheet of the
  Annex A workbook into Arrow; pyarrow reading each SSDA903 CSV;
- **reader**: Assure's reader, its tables of text cells as validation receives them
  (`cin_census.read_xml`, `annex_a.read_workbook` with its check against decompression
  bombs, `csv_files.read_csv`);
- of which **bomb check**: `workbooks.check` alone, for the workbooks.

Prints, for each kind, megabytes, CPU seconds and megabytes a second of CPU, and the
reader's time as a multiple of the bytes' and of the parser's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.formats import annex_a, cin_census, csv_files, workbooks  # noqa: E402

KINDS = {
    "CIN census XML": "*/cin_census.xml",
    "Annex A workbooks": "annex_a.xlsx",
    "SSDA903 CSVs": "*/ssda903/*.csv",
}


def _bytes(path: Path) -> None:
    path.read_bytes()


def _parse_xml(path: Path) -> None:
    from lxml import etree

    for _, element in etree.iterparse(str(path), **cin_census.STREAMED):
        element.clear(keep_tail=False)


def _parse_workbook(path: Path) -> None:
    import fastexcel

    book = fastexcel.read_excel(str(path))
    for title in book.sheet_names:
        book.load_sheet(title, **annex_a.AS_TEXT).to_arrow()


def _parse_csv(path: Path) -> None:
    import pyarrow.csv as pacsv

    pacsv.read_csv(path)


WAYS: dict[str, dict[str, Callable[[Path], object]]] = {
    "CIN census XML": {
        "bytes": _bytes,
        "parser": _parse_xml,
        "reader": lambda p: cin_census.read_xml(p, p.name),
    },
    "Annex A workbooks": {
        "bytes": _bytes,
        "parser": _parse_workbook,
        "reader": lambda p: annex_a.read_workbook(p, p.name),
        "bomb check": workbooks.check,
    },
    "SSDA903 CSVs": {
        "bytes": _bytes,
        "parser": _parse_csv,
        "reader": lambda p: csv_files.read_csv(p, p.name),
    },
}


def _seconds(work: Callable[[Path], object], paths: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for path in paths:
            work(path)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folders `assure generate` wrote")
    parser.add_argument("--every", type=int, default=1, help="every n-th authority")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = args.data
    folders = [data] if (data / "manifest.json").exists() else sorted(data.iterdir())
    folders = [f for f in folders if f.is_dir()][:: args.every]
    print(f"{len(folders)} authorities in {data}; CPU seconds, fastest of {args.repeat} runs")
    print(f"{'files':<19}{'MB':>8}  {'way':<11}{'CPU s':>8}{'MB/s':>8}  reader is")
    for kind, pattern in KINDS.items():
        paths = sorted(p for folder in folders for p in folder.glob(pattern))
        if not paths:
            continue
        size = sum(p.stat().st_size for p in paths) / 1e6
        ways = {way: _seconds(work, paths, args.repeat) for way, work in WAYS[kind].items()}
        for way, seconds in ways.items():
            against = ""
            if way == "reader":
                against = (
                    f"{seconds / ways['bytes']:.0f}x the bytes, "
                    f"{seconds / ways['parser']:.1f}x the parser"
                )
            first = way == "bytes"
            megabytes = f"{size:.1f}" if first else ""
            print(
                f"{kind if first else '':<19}{megabytes:>8}  {way:<11}{seconds:8.2f}"
                f"{size / seconds:8.0f}  {against}"
            )


if __name__ == "__main__":
    main()
