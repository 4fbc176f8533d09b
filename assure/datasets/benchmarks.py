"""Published figures as benchmarks of the computed indicators: England, the region, the
authority itself and its statistical neighbours (the median of its ten), by year.

Read from the Department for Education's files in ../shared/reference/dfe/ (or
ASSURE_REFERENCE_DIR) with DuckDB, and saved through the performance framework's service.
The Department's year ending 31 March Y is financial year Y-1 (2023/24 for 2024); the
workforce census counts at 30 September, so its year is the one that date falls in.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db import transaction

from analytics.indicators.registry import indicators
from assure.core.models import Partnership
from assure.datasets.observations import ensure_indicator
from assure.performance import services as performance
from assure.performance.models import Benchmark

SOURCE = "Department for Education, {file} (Open Government Licence v3.0)"


@dataclass(frozen=True)
class Published:
    """Where one indicator's published figure is: the file, and a query of it (as the view
    `published`) giving year, geographic level, region, old LA code and value."""

    file: str
    sql: str
    year_shift: int = -1


PUBLISHED = {
    "LAC-02": Published(
        "cla_number_and_rate_per_10k_children.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(rate_per_10000 AS DOUBLE) FROM published "
        "WHERE population_type = 'Children looked after on 31 March each year'",
    ),
    "LAC-08": Published(
        "la_cla_placement_stability.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(children_percent AS DOUBLE) FROM published "
        "WHERE cla_group = 'CLA on 31 March' "
        "AND placement_stability = 'With 3 or more placements during the year'",
    ),
    "LAC-09": Published(
        "la_cla_placement_stability.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(children_percent AS DOUBLE) FROM published "
        "WHERE cla_group LIKE 'Children looked after continuously for at least 2.5 years%' "
        "AND placement_stability = 'Living with the same carer for at least 2 years'",
    ),
    "CIN-02": Published(
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(rereferral_percent AS DOUBLE) FROM published",
    ),
    "CP-03": Published(
        "d3_cpps_subsequent_plan_2013_to_2025.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(CPP_subsequent_percent AS DOUBLE) FROM published",
    ),
    "CP-04": Published(
        "d5_cpps_at31march_by_duration_2013_to_2025.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        'TRY_CAST("2_years_or_more_percent" AS DOUBLE) FROM published',
    ),
    "WF-01": Published(
        "csww_indicators_2017_to_2025.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(vacancy_rate_fte AS DOUBLE) FROM published",
        year_shift=0,
    ),
    "WF-02": Published(
        "csww_indicators_2017_to_2025.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(agency_rate_fte AS DOUBLE) FROM published",
        year_shift=0,
    ),
    "WF-03": Published(
        "csww_indicators_2017_to_2025.csv",
        "SELECT CAST(time_period AS INTEGER), geographic_level, region_name, old_la_code, "
        "TRY_CAST(turnover_rate_fte AS DOUBLE) FROM published",
        year_shift=0,
    ),
}
NEIGHBOURS = (
    "SELECT old_la_code, SN_1, SN_2, SN_3, SN_4, SN_5, SN_6, SN_7, SN_8, SN_9, SN_10 FROM published"
)


def reference_dir() -> Path:
    configured = os.environ.get("ASSURE_REFERENCE_DIR")
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "reference" / "dfe"


def _query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = duckdb.connect()
    try:
        connection.execute(
            "CREATE TABLE published AS SELECT * FROM read_csv($path, all_varchar = true)",
            {"path": str(path)},
        )
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _rows(folder: Path, published: Published) -> list[tuple[Any, ...]]:
    """Every row of the published measure; suppressed values ('c', 'x', 'z') are skipped."""
    path = folder / "csc_outcomes_and_enablers" / published.file
    return [row for row in _query(path, published.sql) if row[4] is not None]


def neighbours(folder: Path) -> dict[str, list[str]]:
    """Each authority's ten statistical neighbours (the Department's 2025 model)."""
    path = folder / "csc_outcomes_and_enablers" / "sn_model_2025_wide.csv"
    return {str(row[0]): [str(c) for c in row[1:] if c] for row in _query(path, NEIGHBOURS)}


def _figures(rows: list[tuple[Any, ...]], la: str, sn: list[str], shift: int):
    """(financial year, kind, label, value) for England, the region, the LA and its SNs."""
    by_year: dict[int, dict[str, Any]] = {}
    for year, level, region, code, value in rows:
        entry = by_year.setdefault(year + shift, {"authorities": {}, "regions": {}})
        if level == "National":
            entry["england"] = value
        elif level == "Regional":
            entry["regions"][region] = value
        elif code:
            entry["authorities"][str(code)] = (value, region)
    for fy, entry in sorted(by_year.items()):
        own = entry["authorities"].get(la)
        if "england" in entry:
            yield fy, Benchmark.Kind.ENGLAND, "", entry["england"]
        if own and own[1] in entry["regions"]:
            yield fy, Benchmark.Kind.REGION, own[1], entry["regions"][own[1]]
        if own:
            yield fy, Benchmark.Kind.AUTHORITY, "Published figure", own[0]
        values = [entry["authorities"][c][0] for c in sn if c in entry["authorities"]]
        if len(values) >= 5:
            yield fy, Benchmark.Kind.NEIGHBOURS, "median of 10", statistics.median(values)


@transaction.atomic
def load_published(actor: Any, partnership: Partnership, years: int = 5) -> int:
    """Save the last `years` years of published figures of each matching indicator."""
    folder = reference_dir()
    sn = neighbours(folder).get(partnership.la_code, [])
    definitions = indicators()
    saved = 0
    for reference, published in PUBLISHED.items():
        indicator = ensure_indicator(actor, partnership, definitions[reference])
        if indicator is None:
            continue
        figures = list(
            _figures(_rows(folder, published), partnership.la_code, sn, published.year_shift)
        )
        latest = max((f[0] for f in figures), default=0)
        for fy, kind, label, value in figures:
            if fy > latest - years:
                saved += _save(actor, indicator, fy, kind, label, value, published.file)
    return saved


def _save(actor, indicator, fy: int, kind: str, label: str, value: float, file: str) -> int:
    key = {"financial_year": fy, "kind": kind, "label": label}
    existing = Benchmark.objects.filter(indicator=indicator, **key).first()
    fields = key | {
        "value": Decimal(str(round(value, 4))),
        "source": SOURCE.format(file=file),
        "note": "",
    }
    if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        return 0
    performance.save_benchmark(actor, indicator, existing, **fields)
    return 1
