"""Finding which file is which, and reading every table in the files and folders given.

`read(paths)` takes files or folders and returns every table found, as text cells, with
the problems met while reading: SSDA903 CSVs (recognised by their column sets) and XML, the
CIN census XML, Ofsted Annex A workbooks, and the local extracts of
docs/formats/local_extracts.md. Checking the cells is `analytics.validation`'s job.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from analytics.formats import (
    annex_a,
    cin_census,
    local_extracts,
    ssda903,
    ssda903_schema,
)
from analytics.formats.csv_files import read_csv
from analytics.formats.datasets import all_specs  # noqa: F401 (where callers find it)
from analytics.formats.tables import RawTable, TableSpec
from analytics.problems import Problem, fatal, warning

DATA_SUFFIXES = {".csv", ".xml", ".xlsx", ".xlsm"}


@dataclass(frozen=True)
class SourceFile:
    name: str
    path: Path
    sha256: str
    size: int


@dataclass
class Reading:
    tables: list[RawTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def candidates() -> dict[str, TableSpec]:
    found = dict(ssda903_schema.specs(ssda903_schema.latest_year()))
    found.update(local_extracts.SPECS)
    return found


def recognise(header: list[str]) -> tuple[str | None, str | None]:
    """The table whose columns best match a CSV header, and the closest if none matches."""
    given = {_loose(h) for h in header if h}
    best, score = None, 0.0
    for table, spec in candidates().items():
        wanted = {_loose(n) for n in spec.names}
        overlap = len(given & wanted) / len(given | wanted)
        if overlap > score:
            best, score = table, overlap
    return (best, best) if score >= 0.5 else (None, best)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _expand(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                name = child.relative_to(path).as_posix()
                if child.suffix.lower() in DATA_SUFFIXES:
                    found.append((child, name))
                else:
                    problems.append(
                        warning(
                            name,
                            "file.skipped",
                            "Not a data file; skipped.",
                            expected=".csv, .xml or .xlsx",
                        )
                    )
        else:
            found.append((path, path.name))
    return found, problems


def _csv(path: Path, name: str, reading: Reading, returns: dict[tuple, list[RawTable]]):
    content = read_csv(path, name)
    reading.problems += content.problems
    if not content.readable:
        return
    table, closest = recognise(content.header)
    if table is None:
        spec = candidates()[closest] if closest else None
        reading.problems.append(
            fatal(
                name,
                "file.unrecognised",
                "The columns do not match any return or extract Assure knows.",
                row=1,
                expected=f"the columns of {spec.title}: {', '.join(spec.names)}" if spec else "",
            )
        )
        return
    spec = candidates()[table]
    by_loose = {_loose(n): n for n in spec.names}
    cells = {by_loose[_loose(h)]: a for h, a in content.columns.items() if _loose(h) in by_loose}
    extra = [h for h in content.header if h and _loose(h) not in by_loose]
    if table in local_extracts.SPECS:
        reading.tables.append(RawTable(spec, name, cells, content.rows, extra_columns=extra))
        return
    raw = ssda903.raw_from_columns(table, name, cells, content.rows, extra)
    token = re.search(r"20\d\d(?:[-_]?\d\d)?", path.stem)
    returns[(path.parent, token.group(0) if token else "")].append(raw)


def _xml(path: Path, name: str, reading: Reading, returns: dict[tuple, list[RawTable]]):
    try:
        _, root = next(etree.iterparse(str(path), events=("start",)))
        tag = root.tag
    except (etree.XMLSyntaxError, StopIteration):
        tag = ""
    if tag == cin_census.ROOT:
        tables, problems = cin_census.read_xml(path, name)
        reading.tables += tables
    elif tag in (ssda903.XML_ROOT, "CHILD"):
        tables, problems = ssda903.read_xml(path, name)
        returns[(path, "xml")].extend(tables)
    else:
        problems = [
            fatal(
                name,
                "file.unrecognised",
                f"The XML's root element is <{tag}>.",
                expected="<Message> (CIN census) or <EXPSSDA903> (SSDA903)",
            )
        ]
    reading.problems += problems


def _set_years(returns: dict[tuple, list[RawTable]], year: int | None, reading: Reading):
    for tables in returns.values():
        found = year or ssda903.infer_year(tables) or ssda903_schema.latest_year()
        ssda903.set_year(tables, found)
        reading.tables += tables


def sources(paths: list[Path]) -> tuple[list[SourceFile], list[Problem]]:
    """The data files among the files and folders given, each with its checksum."""
    found, problems = _expand(paths)
    files = [SourceFile(name, path, sha256(path), path.stat().st_size) for path, name in found]
    if not files:
        problems.append(
            fatal(
                "(no files)",
                "file.none",
                "No data files were given.",
                expected=".csv, .xml or .xlsx files",
            )
        )
    return files, problems


def read(paths: list[Path] | list[SourceFile], year: int | None = None) -> Reading:
    """Every table in the files given. `year` is the SSDA903 collection year if known."""
    reading = Reading()
    if not paths or isinstance(paths[0], Path):
        reading.files, reading.problems = sources(paths)  # type: ignore[arg-type]
    else:
        reading.files = list(paths)
    returns: dict[tuple, list[RawTable]] = defaultdict(list)
    for source in reading.files:
        path, name = source.path, source.name
        suffix = path.suffix.lower()
        if suffix == ".csv":
            _csv(path, name, reading, returns)
        elif suffix == ".xml":
            _xml(path, name, reading, returns)
        elif suffix in (".xlsx", ".xlsm"):
            tables, problems = annex_a.read_workbook(path, name)
            reading.tables += tables
            reading.problems += problems
        else:
            reading.problems.append(
                fatal(
                    name,
                    "file.unrecognised",
                    "Not a file Assure reads.",
                    expected=".csv, .xml or .xlsx",
                )
            )
    _set_years(returns, year, reading)
    return reading
