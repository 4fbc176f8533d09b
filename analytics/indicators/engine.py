"""The engine: DuckDB over a load's tables, running each indicator's SQL for a period.

Tables come from kept snapshots (Parquet, read where they lie: one view each, set up once
for every indicator) or straight from validation (Arrow, for `assure compute --data`); a
table not loaded is present but empty, so every SQL file binds. The
SQL receives only named parameters ($period_start, $period_end, $la, and $time_zone, the
calendar's, for times written without a zone); it is never formatted. The SQL returns
`numerator` and `denominator` (and, for a breakdown, `dimension` and `category`); the engine
turns them into a value by the indicator's unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from analytics.formats.datasets import all_specs
from analytics.formats.ssda903_schema import SHORT_BREAK_MACRO
from analytics.formats.tables import arrow_schema
from analytics.indicators import reference
from analytics.indicators.periods import Period, for_month
from analytics.indicators.registry import Indicator, indicators
from analytics.periods import TIME_ZONE
from analytics.vocabulary import SCALE, Unit

VIEWS_DIR = Path(__file__).parent / "views"


@dataclass
class Result:
    indicator: Indicator
    period: Period
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    breakdowns: list[dict[str, Any]] = field(default_factory=list)
    computed: bool = True
    snapshot: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "reference": self.indicator.reference,
            "title": self.indicator.title,
            "unit": self.indicator.unit,
            "period": self.period.code,
            "period_type": self.indicator.period,
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "computed": self.computed,
            "snapshot": self.snapshot,
            "definition_version": self.indicator.version,
            "breakdowns": self.breakdowns,
        }


def _tidy(number: Any) -> Any:
    """Sums of fractional FTEs carry float noise (16.099999999999998): four places suffice."""
    return round(number, 4) if isinstance(number, float) else number


def value_of(unit: str, numerator: Any, denominator: Any) -> float | None:
    if numerator is None:
        return None
    if unit == Unit.COUNT:
        return numerator if isinstance(numerator, int) else float(numerator)
    if not denominator:
        return None
    return round(SCALE[unit] * float(numerator) / float(denominator), 1)


class Engine:
    """One DuckDB connection over one authority's tables."""

    def __init__(
        self,
        tables: Mapping[str, pa.Table | Path],
        la: str,
        snapshots: Mapping[str, str] | None = None,
    ):
        self.la = la
        self.snapshots = dict(snapshots or {})
        self.connection = duckdb.connect()
        specs = all_specs()
        self.datasets = {specs[name].dataset for name in tables if name in specs}
        for name, spec in specs.items():
            source = tables.get(name)
            if isinstance(source, Path):
                # In SQL: the relation API takes twice as long to make the same view. The name
                # is a spec's, the path the store's own, its quotes doubled.
                parquet = str(source).replace("'", "''")
                self.connection.execute(
                    f"CREATE TEMP VIEW {name} AS FROM read_parquet('{parquet}')"  # noqa: S608
                )
            else:
                self.connection.register(name, source or arrow_schema(spec).empty_table())
        self.connection.register("working_days", reference.working_days())
        self.connection.register("population", reference.population())
        self._postcodes = False
        self.connection.execute(SHORT_BREAK_MACRO)
        for path in sorted(VIEWS_DIR.glob("*.sql")):
            self.connection.execute(path.read_text())

    @classmethod
    def from_snapshots(cls, chosen: Iterable[Any], la: str) -> Engine:
        """An engine over snapshots (newest last): each table from the newest holding it."""
        tables: dict[str, Path] = {}
        owners: dict[str, str] = {}
        for snapshot in chosen:
            for name in snapshot.tables:
                tables[name] = snapshot.table_path(name)
            for dataset in snapshot.datasets:
                owners[dataset] = snapshot.id
        return cls(tables, la, owners)

    def _register_postcodes(self) -> None:
        """Centroids of the postcodes the episodes use: a few thousand rows, not millions."""
        if self._postcodes:
            return
        used = self.connection.execute(
            "SELECT DISTINCT replace(p, ' ', '') FROM (SELECT HOME_POST AS p FROM "
            "ssda903_episodes UNION SELECT PL_POST FROM ssda903_episodes) WHERE p IS NOT NULL"
        ).fetchall()
        self.connection.register("postcodes", reference.centroids([row[0] for row in used]))
        self._postcodes = True

    def rows(self, indicator: Indicator, period: Period) -> list[dict[str, Any]]:
        """The SQL's own rows, for tests and for analysts checking a figure."""
        if "postcodes" in indicator.sql:
            self._register_postcodes()
        params = {**period.params, "la": self.la, "time_zone": TIME_ZONE}
        params = {k: v for k, v in params.items() if k in indicator.parameters}
        cursor = self.connection.execute(indicator.sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def run(self, indicator: Indicator, period: Period) -> Result:
        result = Result(indicator, period, snapshot=self.snapshots.get(indicator.dataset))
        if indicator.dataset not in self.datasets:
            result.computed = False
            return result
        for row in self.rows(indicator, period):
            numerator, denominator = _tidy(row.get("numerator")), _tidy(row.get("denominator"))
            value = value_of(indicator.unit, numerator, denominator)
            if row.get("dimension"):
                result.breakdowns.append(
                    {
                        "dimension": row["dimension"],
                        "category": row.get("category"),
                        "numerator": numerator,
                        "denominator": denominator,
                        "value": value,
                    }
                )
            else:
                result.numerator, result.denominator, result.value = numerator, denominator, value
        return result

    def run_all(self, month: dt.date, references: Iterable[str] | None = None) -> list[Result]:
        chosen = indicators()
        wanted = list(references) if references else list(chosen)
        return [self.run(chosen[r], for_month(chosen[r].period, month)) for r in wanted]

    def close(self) -> None:
        self.connection.close()
