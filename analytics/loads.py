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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from analytics.formats import files
from analytics.problems import Problem, Report
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


Found = tuple[list[files.SourceFile], list[Problem]]


def prepare(
    paths: list[Path],
    la: str,
    year: int | None = None,
    progress: Progress = _quiet,
    found: Found | None = None,
) -> tuple[Validated, list[files.SourceFile], dict[str, float]]:
    """Read, and check and type each table on its own: everything but the rules across
    tables (`validation.across`). `found`: the files' sources (`files.sources(paths)`)
    if already known, so that no file is hashed twice."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    progress("Reading the files", 0.05)
    sources, problems = found or files.sources(paths)
    reading = files.read(sources, year)
    reading.problems = problems + reading.problems
    timings["read"] = time.perf_counter() - start
    progress("Checking structure, codes, dates and consistency", 0.4)
    start = time.perf_counter()
    validated = typed(reading, la, year)
    timings["validate"] = time.perf_counter() - start
    return validated, sources, timings


def check(
    paths: list[Path],
    la: str,
    year: int | None = None,
    progress: Progress = _quiet,
    found: Found | None = None,
) -> tuple[Validated, list[files.SourceFile], dict[str, float]]:
    """Read and validate without keeping anything: for `assure compute` and dry runs."""
    validated, sources, timings = prepare(paths, la, year, progress, found)
    start = time.perf_counter()
    across({la: validated})
    timings["validate"] += time.perf_counter() - start
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
    validated, sources, timings = check(paths, la, year, progress, (sources, problems))
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
    """`load` for many authorities (`folders[la]`): they are shared between `workers`
    processes, each loading its share together (`load_together`). The results hold no
    tables (they are in the snapshots). If a share fails, the authorities already kept stay
    kept, each whole, and loading them again finds them."""
    # By size, dealt in turn, so that the shares take about as long.
    order = sorted(folders, key=lambda la: -_size(folders[la]))
    shares = [order[i::workers] for i in range(workers) if order[i::workers]]
    results: dict[str, LoadResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        jobs = [
            pool.submit(_load_share, {la: folders[la] for la in share}, data_dir, year)
            for share in shares
        ]
        for job in jobs:
            results.update(job.result())
    return {la: results[la] for la in folders}


def load_together(
    folders: Mapping[str, list[Path]], data_dir: Path, year: int | None = None
) -> dict[str, LoadResult]:
    """Several authorities loaded as one: each read and checked table by table, then the
    rules across tables once over them all (each rule a query with a fixed cost whatever the
    tables' size, which one authority at a time is most of England's checking), then each
    accepted kept. Each report is the authority's own; one refused keeps nothing. Timings:
    each authority's own, and its share of the rules by rows."""
    prepared = {la: prepare(paths, la, year) for la, paths in folders.items()}
    start = time.perf_counter()
    across({la: validated for la, (validated, _, _) in prepared.items()})
    seconds = time.perf_counter() - start
    rows = {la: sum(t.num_rows for t in v.tables.values()) for la, (v, _, _) in prepared.items()}
    results = {}
    for la, (validated, sources, timings) in prepared.items():
        timings["validate"] += seconds * rows[la] / max(1, sum(rows.values()))
        result = LoadResult(
            validated.report, tables=validated.tables, timings=timings, files=sources
        )
        if validated.report.accepted:
            _keep(result, data_dir, la, validated)
        results[la] = result
    return results


def _load_share(
    folders: Mapping[str, list[Path]], data_dir: Path, year: int | None
) -> dict[str, LoadResult]:
    """`load_together` in a worker: the tables stay here, not sent back."""
    results = load_together(folders, data_dir, year)
    for result in results.values():
        result.tables = {}
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
