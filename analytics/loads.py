"""A load: files in, a validation report out, and, when nothing is fatal, a kept snapshot.

The one pipeline behind `assure load`, the upload page, `assure compute` and the
benchmarks: read, validate, keep; `load_many` does it for many authorities at once. Loading
files already kept returns their snapshot without reading them again. `progress(stage,
fraction)` is told how far it has got.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from analytics.formats import files
from analytics.problems import Report
from analytics.store import snapshots
from analytics.validation import Validated, across, typed

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


def prepare(
    paths: list[Path], la: str, year: int | None = None, progress: Progress = _quiet
) -> tuple[Validated, list[files.SourceFile], dict[str, float]]:
    """Read, and check and type each table on its own: everything but the rules across
    tables (`validation.across`)."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    progress("Reading the files", 0.05)
    sources, problems = files.sources(paths)
    reading = files.read(sources, year)
    reading.problems = problems + reading.problems
    timings["read"] = time.perf_counter() - start
    progress("Checking structure, codes, dates and consistency", 0.4)
    start = time.perf_counter()
    validated = typed(reading, la, year)
    timings["validate"] = time.perf_counter() - start
    return validated, sources, timings


def check(
    paths: list[Path], la: str, year: int | None = None, progress: Progress = _quiet
) -> tuple[Validated, list[files.SourceFile], dict[str, float]]:
    """Read and validate without keeping anything: for `assure compute` and dry runs."""
    validated, sources, timings = prepare(paths, la, year, progress)
    start = time.perf_counter()
    across({la: validated})
    timings["validate"] += time.perf_counter() - start
    return validated, sources, timings


def check_many(
    folders: Mapping[str, list[Path]], year: int | None = None, workers: int = 2
) -> dict[str, tuple[Validated, list[files.SourceFile], dict[str, float]]]:
    """`check` for many authorities (`folders[la]`): each read and typed in one of `workers`
    processes, then the rules across tables run once over them all, each a query with a
    fixed cost whatever the tables' size. Timings: each authority's own reading and typing,
    and its share of the rules by rows."""
    # The largest first, so that no worker is left reading a large authority on its own.
    order = sorted(folders, key=lambda la: -_size(folders[la]))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        jobs = {la: pool.submit(prepare, folders[la], la, year) for la in order}
        prepared = {la: jobs[la].result() for la in folders}
    start = time.perf_counter()
    across({la: validated for la, (validated, _, _) in prepared.items()})
    seconds = time.perf_counter() - start
    rows = {la: sum(t.num_rows for t in v.tables.values()) for la, (v, _, _) in prepared.items()}
    for la, (_, _, timings) in prepared.items():
        timings["validate"] += seconds * rows[la] / max(1, sum(rows.values()))
    return prepared


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
    _keep(result, data_dir, la, validated)
    progress("Loaded", 1.0)
    return result


def load_many(
    folders: Mapping[str, list[Path]],
    data_dir: Path,
    year: int | None = None,
    workers: int = 2,
) -> dict[str, LoadResult]:
    """`load` for many authorities at once (`folders[la]`), as `check_many` checks them:
    each authority's report is its own, and an authority refused keeps nothing."""
    checked = check_many(folders, year, workers)
    results = {
        la: LoadResult(validated.report, tables=validated.tables, timings=timings, files=sources)
        for la, (validated, sources, timings) in checked.items()
    }
    accepted = [la for la, (validated, _, _) in checked.items() if validated.report.accepted]
    # Writing Parquet lets go of the interpreter: `workers` snapshots are written at once.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        jobs = [pool.submit(_keep, results[la], data_dir, la, checked[la][0]) for la in accepted]
        for job in jobs:
            job.result()
    return results


def _size(paths: list[Path]) -> int:
    found = (p.rglob("*") if p.is_dir() else [p] for p in paths)
    return sum(f.stat().st_size for files in found for f in files if f.is_file())


def _keep(result: LoadResult, data_dir: Path, la: str, validated: Validated) -> None:
    start = time.perf_counter()
    result.snapshot = snapshots.write(
        data_dir,
        la,
        validated.tables,
        [{"name": s.name, "sha256": s.sha256, "size": s.size} for s in result.files],
        validated.report.as_dict(),
        {"years": validated.years, "loaded": dt.datetime.now(dt.UTC).isoformat()},
    )
    result.timings["keep"] = time.perf_counter() - start
