"""A load: files in, a validation report out, and, when nothing is fatal, a kept snapshot.

The one pipeline behind `assure load`, the upload page, `assure compute` and the
benchmarks: read, validate, keep. Loading files already kept returns their snapshot
without reading them again. `progress(stage, fraction)` is told how far it has got.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from analytics.formats import files
from analytics.problems import Report
from analytics.store import snapshots
from analytics.validation import Validated, validate

Progress = Callable[[str, float], None]


@dataclass
class LoadResult:
    report: Report
    snapshot: snapshots.Snapshot | None = None
    reused: bool = False
    tables: dict[str, pa.Table] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    files: list[files.SourceFile] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.report.accepted


def _quiet(stage: str, fraction: float) -> None:
    """No one is watching."""


def check(
    paths: list[Path], la: str, year: int | None = None, progress: Progress = _quiet
) -> tuple[Validated, list[files.SourceFile], dict[str, float]]:
    """Read and validate without keeping anything: for `assure compute` and dry runs."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    progress("Reading the files", 0.05)
    sources, problems = files.sources(paths)
    reading = files.read(sources, year)
    reading.problems = problems + reading.problems
    timings["read"] = time.perf_counter() - start
    progress("Checking structure, codes, dates and consistency", 0.4)
    start = time.perf_counter()
    validated = validate(reading, la, year)
    timings["validate"] = time.perf_counter() - start
    return validated, sources, timings


def load(
    paths: list[Path],
    la: str,
    data_dir: Path,
    year: int | None = None,
    progress: Progress = _quiet,
) -> LoadResult:
    sources, problems = files.sources(paths)
    if not problems or all(not p.fatal for p in problems):
        digest = snapshots.checksum([s.sha256 for s in sources])
        existing = snapshots.find(data_dir, la, digest) if sources else None
        if existing:
            progress("These files were loaded before", 1.0)
            report = Report()
            report.extend(problems)
            return LoadResult(report, existing, reused=True, files=sources)
    validated, sources, timings = check(paths, la, year, progress)
    result = LoadResult(validated.report, tables=validated.tables, timings=timings, files=sources)
    if not validated.report.accepted:
        progress("Refused: see the report", 1.0)
        return result
    progress("Keeping the snapshot", 0.8)
    start = time.perf_counter()
    result.snapshot = snapshots.write(
        data_dir,
        la,
        validated.tables,
        [{"name": s.name, "sha256": s.sha256, "size": s.size} for s in sources],
        validated.report.as_dict(),
        {"years": validated.years, "loaded": dt.datetime.now(dt.UTC).isoformat()},
    )
    timings["keep"] = time.perf_counter() - start
    progress("Loaded", 1.0)
    return result
