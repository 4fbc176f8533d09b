"""The indicator registry: every SQL file in `sql/`, with the metadata its header declares.

A header is the file's leading comment lines, `-- key: value`; a line `--   more text`
continues the key above it (for the Department's definition). Required keys: reference,
title, unit, polarity, period, dataset, definition, version. Optional: source (where the
definition comes from), breakdowns, benchmark. The unit, polarity and period (type) are words
of `analytics/vocabulary.py`, as the performance framework keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analytics.formats.datasets import DATASETS
from analytics.vocabulary import PeriodType, Polarity, Unit

SQL_DIR = Path(__file__).parent / "sql"
REQUIRED = ("reference", "title", "unit", "polarity", "period", "dataset", "definition", "version")
PARAMETER = re.compile(r"\$([a-z_]+)")


class HeaderError(ValueError):
    """An indicator file's header is missing a key or has a value the registry refuses."""


@dataclass(frozen=True)
class Indicator:
    reference: str
    title: str
    unit: str
    polarity: str
    period: str
    dataset: str
    definition: str
    version: int
    sql: str
    path: Path
    source: str = ""
    breakdowns: tuple[str, ...] = ()
    benchmark: str = ""

    @property
    def parameters(self) -> set[str]:
        """The named parameters the SQL uses: only these are passed to DuckDB."""
        return set(PARAMETER.findall(self.sql))


def parse_header(text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        body = line[2:]
        match = re.match(r"^ ([a-z_]+):\s?(.*)$", body)
        if match:
            key = match.group(1)
            header[key] = match.group(2).strip()
        elif key and body.startswith("   "):
            header[key] = f"{header[key]} {body.strip()}".strip()
    return header


def _check(header: dict[str, str], path: Path) -> None:
    missing = [k for k in REQUIRED if not header.get(k)]
    if missing:
        raise HeaderError(f"{path.name}: the header lacks {', '.join(missing)}")
    for key, allowed in (
        ("unit", Unit.values),
        ("polarity", Polarity.values),
        ("period", PeriodType.values),
        ("dataset", DATASETS),
    ):
        if header[key] not in allowed:
            raise HeaderError(f"{path.name}: {key} '{header[key]}' is not one of {allowed}")
    if not header["version"].isdigit():
        raise HeaderError(f"{path.name}: version must be a whole number")


def load_file(path: Path) -> Indicator:
    text = path.read_text()
    header = parse_header(text)
    _check(header, path)
    if "$la" not in text:
        raise HeaderError(f"{path.name}: the SQL must scope its rows with $la")
    breakdowns = tuple(b.strip() for b in header.get("breakdowns", "").split(",") if b.strip())
    return Indicator(
        reference=header["reference"],
        title=header["title"],
        unit=header["unit"],
        polarity=header["polarity"],
        period=header["period"],
        dataset=header["dataset"],
        definition=header["definition"],
        version=int(header["version"]),
        sql=text,
        path=path,
        source=header.get("source", ""),
        breakdowns=breakdowns,
        benchmark=header.get("benchmark", ""),
    )


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    """Every indicator, keyed by reference, in reference order."""
    found = [load_file(path) for path in sorted(SQL_DIR.glob("*.sql"))]
    references = [i.reference for i in found]
    repeated = {r for r in references if references.count(r) > 1}
    if repeated:
        raise HeaderError(f"references used twice: {', '.join(sorted(repeated))}")
    return {i.reference: i for i in sorted(found, key=lambda i: i.reference)}
