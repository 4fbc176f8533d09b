"""The SSDA903 return's tables and columns for each collection year.

Built from the 2017 schema and the diffs of later years in `specs/ssda903/`: the spec of
collection year Y (the year ending 31 March Y) is the 2017 schema with every diff up to Y
applied. Tables keep the Department's column names (CHILD, DECOM, ...) so the SQL reads
like the guidance.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from analytics.formats.tables import (
    CODE,
    DATE,
    INTEGER,
    POSTCODE,
    TEXT,
    Column,
    TableSpec,
)

# The C loader where PyYAML has libyaml: ten times faster than the pure-Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SPEC_DIR = Path(__file__).parent / "specs" / "ssda903"
DATASET = "ssda903"
FIRST_YEAR = 2017
# Legal statuses of a short break (respite): such a child is not counted as looked after.
SHORT_BREAKS = ("V3", "V4")
# The same rule for the SQL of validation and of the indicators: `short_break(LS)`, true for
# a short break (NULL where LS is), made in each DuckDB connection that reads episodes.
SHORT_BREAK_MACRO = "CREATE OR REPLACE TEMP MACRO short_break(ls) AS ls IN ({})".format(
    ", ".join(f"'{code}'" for code in SHORT_BREAKS)
)
TITLES = {
    "header": "Header",
    "episodes": "Episodes",
    "reviews": "Reviews",
    "uasc": "UASC",
    "oc2": "OC2 (outcomes)",
    "oc3": "OC3 (care leavers)",
    "ad1": "AD1 (adoption)",
    "placed_adoption": "Placed for adoption",
    "prev_perm": "Previous permanence",
    "missing": "Missing",
    "social_worker": "Social worker episodes",
}
KEYS = {
    "header": ("CHILD",),
    "episodes": ("CHILD", "DECOM"),
    "reviews": ("CHILD", "REVIEW"),
    "uasc": ("CHILD",),
    "oc2": ("CHILD",),
    "oc3": ("CHILD",),
    "ad1": ("CHILD",),
    "placed_adoption": ("CHILD", "DATE_PLACED"),
    "prev_perm": ("CHILD",),
    "missing": ("CHILD", "MIS_START"),
    "social_worker": ("CHILD", "SW_DECOM"),
}
# Dates that mark activity in the collection year: they must fall on or before its end.
ACTIVITY_DATES = {
    "episodes": ("DECOM", "DEC"),
    "reviews": ("REVIEW",),
    "missing": ("MIS_START", "MIS_END"),
    "social_worker": ("SW_DECOM", "SW_DEC"),
    "placed_adoption": ("DATE_PLACED", "DATE_PLACED_CEASED"),
}


def _diffs() -> list[tuple[int, Path]]:
    found = []
    for path in SPEC_DIR.glob("SSDA903_schema_*.diff.yml"):
        match = re.search(r"_(\d{4})\.diff", path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def latest_year() -> int:
    return max([FIRST_YEAR, *(year for year, _ in _diffs())])


def _apply(column_map: dict[str, Any], diff: dict[str, Any]) -> None:
    for dotted, change in diff.items():
        parts = dotted.split(".")[1:]
        target = column_map
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = change["value"]


@lru_cache(maxsize=16)
def column_map(year: int) -> dict[str, Any]:
    """The schema's column map for collection year `year` (earlier years use 2017's)."""
    with (SPEC_DIR / "SSDA903_schema_2017.yml").open() as handle:
        columns = yaml.load(handle, Loader=LOADER)["column_map"]  # noqa: S506 (safe loader)
    for diff_year, path in _diffs():
        if diff_year <= year:
            with path.open() as handle:
                _apply(columns, yaml.load(handle, Loader=LOADER))  # noqa: S506 (safe loader)
    return columns


def _codes(category: list[dict[str, Any]]) -> tuple[frozenset[str], dict[str, str]]:
    codes, aliases = set(), {}
    for entry in category:
        code = str(entry["code"]).upper()
        codes.add(code)
        names = entry.get("name") or []
        for name in names if isinstance(names, list) else [names]:
            aliases[str(name).upper()] = code
    return frozenset(codes), aliases


def _column(name: str, spec: dict[str, Any]) -> Column:
    required = spec.get("canbeblank") is False
    if "category" in spec:
        codes, aliases = _codes(spec["category"])
        return Column(name, CODE, required, codes=codes, aliases=aliases)
    if "date" in spec:
        return Column(name, DATE, required, date_format=spec["date"])
    if "numeric" in spec:
        numeric = spec["numeric"]
        return Column(
            name,
            INTEGER,
            required,
            minimum=numeric.get("min_value"),
            maximum=numeric.get("max_value"),
        )
    kind = POSTCODE if spec.get("string") == "postcode" else TEXT
    return Column(name, kind, required)


@lru_cache(maxsize=16)
def specs(year: int) -> dict[str, TableSpec]:
    """Every table of the return of collection year `year`, keyed by short name."""
    return {
        table: TableSpec(
            name=f"{DATASET}_{table}",
            dataset=DATASET,
            title=f"SSDA903 {TITLES.get(table, table)}",
            columns=tuple(_column(n, s) for n, s in columns.items()),
            key=KEYS.get(table, ()),
        )
        for table, columns in column_map(year).items()
    }


def column_sets() -> dict[str, frozenset[str]]:
    """The columns of each table in the latest year, for recognising a CSV by its header."""
    return {table: frozenset(spec.names) for table, spec in specs(latest_year()).items()}
