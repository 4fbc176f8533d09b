"""The engine: DuckDB over a load's tables, running each indicator's SQL for a period.

Tables come from kept snapshots (Parquet, read where they lie: one view each, set up once
for every indicator) or straight from validation (Arrow, for `assure compute --data`); a
table not loaded is present but empty, so every SQL file binds. The
SQL receives only named parameters ($period_start, $period_end, $la, and $time_zone, the
calendar's, for times written without a zone); no value is ever written into it. Run for
many authorities or months at once (`run_many`), its $la and period become the columns of
each case in a lateral join, the cases' values still parameters. The SQL returns
`numerator` and `denominator` (and, for a breakdown, `dimension` and `category`); the engine
turns them into a value by the indicator's unit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from analytics.formats.datasets import all_specs
from analytics.formats.ssda903_schema import SHORT_BREAK_MACRO
from analytics.formats.tables import empty_table_sql
from analytics.indicators import reference
from analytics.indicators.periods import Period, for_month
from analytics.indicators.registry import Indicator, indicators
from analytics.periods import TIME_ZONE
from analytics.vocabulary import SCALE, Unit

if TYPE_CHECKING:  # tables in memory are Arrow's; a compute from a snapshot imports none
    import pyarrow as pa

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


@dataclass
class Holding:
    """What one authority's tables hold: its datasets, and the snapshot each came from."""

    datasets: set[str]
    snapshots: dict[str, str] = field(default_factory=dict)


# An indicator's parameters that a case gives (`Engine.run_cases`): its authority and period.
CASE = re.compile(r"\$(la|period_start|period_end)\b")


class Engine:
    """One DuckDB connection over one authority's tables, or several authorities' (each row
    has its `la`; `holdings` says what each holds)."""

    def __init__(
        self,
        tables: Mapping[str, pa.Table | Path | Sequence[Path]],
        la: str,
        snapshots: Mapping[str, str] | None = None,
        holdings: Mapping[str, Holding] | None = None,
    ):
        self.la = la
        specs = all_specs()
        self.holdings = dict(holdings or {})
        self.holdings.setdefault(
            la, Holding({specs[n].dataset for n in tables if n in specs}, dict(snapshots or {}))
        )
        self.connection = duckdb.connect()
        for name, spec in specs.items():
            source = tables.get(name)
            if isinstance(source, Path | list | tuple):
                # In SQL: the relation API takes twice as long to make the same view. The name
                # is a spec's, each path the store's own, its quotes doubled. Snapshots kept
                # by different versions may hold different columns: matched by name.
                paths = [source] if isinstance(source, Path) else list(source)
                parquet = ", ".join("'{}'".format(str(p).replace("'", "''")) for p in paths)
                union = ", union_by_name = true" if len(paths) > 1 else ""
                self.connection.execute(
                    f"CREATE TEMP VIEW {name} AS FROM read_parquet([{parquet}]{union})"  # noqa: S608
                )
            elif source is not None:
                self.connection.register(name, source)
            else:
                self.connection.execute(empty_table_sql(spec))
        reference.working_days(self.connection)
        reference.population(self.connection)
        self._postcodes = False
        self.connection.execute(SHORT_BREAK_MACRO)
        for path in sorted(VIEWS_DIR.glob("*.sql")):
            self.connection.execute(path.read_text())

    @property
    def datasets(self) -> set[str]:
        """The datasets the engine's own authority (`la`) holds."""
        return self.holdings[self.la].datasets

    @classmethod
    def from_snapshots(cls, chosen: Iterable[Any], la: str) -> Engine:
        """An engine over snapshots (newest last): each table from the newest holding it."""
        return cls.over_authorities({la: chosen})

    @classmethod
    def over_authorities(cls, chosen: Mapping[str, Iterable[Any]]) -> Engine:
        """An engine over several authorities' snapshots (`chosen[la]`, newest last), each
        table from the newest of the authority's holding it; the first authority is `la`."""
        tables: dict[str, list[Path]] = {}
        holdings: dict[str, Holding] = {}
        for la, snapshots in chosen.items():
            newest: dict[str, Path] = {}
            holding = holdings[la] = Holding(set())
            for snapshot in snapshots:
                for name in snapshot.tables:
                    newest[name] = snapshot.table_path(name)
                for dataset in snapshot.datasets:
                    holding.snapshots[dataset] = snapshot.id
                    holding.datasets.add(dataset)
            for name, path in newest.items():
                tables.setdefault(name, []).append(path)
        return cls(tables, next(iter(chosen)), holdings=holdings)

    def _register_postcodes(self) -> None:
        """Centroids of the postcodes the episodes use: a few thousand rows, not millions."""
        if self._postcodes:
            return
        used = self.connection.execute(
            "SELECT DISTINCT replace(p, ' ', '') FROM (SELECT HOME_POST AS p FROM "
            "ssda903_episodes UNION SELECT PL_POST FROM ssda903_episodes) WHERE p IS NOT NULL"
        ).fetchall()
        reference.centroids(self.connection, [row[0] for row in used])
        self._postcodes = True

    def _params(self, indicator: Indicator, given: Mapping[str, Any]) -> dict[str, Any]:
        if "postcodes" in indicator.sql:
            self._register_postcodes()
        params = {**given, "time_zone": TIME_ZONE}
        return {k: v for k, v in params.items() if k in indicator.parameters}

    def rows(self, indicator: Indicator, period: Period) -> list[dict[str, Any]]:
        """The SQL's own rows, for tests and for analysts checking a figure."""
        params = self._params(indicator, {**period.params, "la": self.la})
        cursor = self.connection.execute(indicator.sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def case_rows(
        self, indicator: Indicator, cases: Sequence[tuple[str, Period]]
    ) -> list[list[dict[str, Any]]]:
        """`rows` for many cases (authority, period) in one query: the SQL run for each case
        in a lateral join, its authority and period a case's columns instead of parameters.
        Each query has a fixed cost whatever its size, which for many small authorities,
        or many months, is most of the computing."""
        sql = CASE.sub(lambda m: f"_case.{m.group(1)}", indicator.sql)
        # The registry's own SQL; every value is a parameter.
        lateral = (
            "SELECT _case.number AS _case_number, _rows.* FROM "  # noqa: S608
            "(SELECT unnest($case_la) AS la, unnest($case_start) AS period_start, "
            "unnest($case_end) AS period_end, "
            f"unnest($case_number) AS number) _case, LATERAL ({sql}) _rows"
        )
        params = self._params(indicator, {})
        params |= {
            "case_la": [la for la, _ in cases],
            "case_start": [period.start for _, period in cases],
            "case_end": [period.end for _, period in cases],
            "case_number": list(range(len(cases))),
        }
        cursor = self.connection.execute(lateral, params)
        names = [d[0] for d in cursor.description][1:]
        found: list[list[dict[str, Any]]] = [[] for _ in cases]
        for number, *row in cursor.fetchall():
            found[number].append(dict(zip(names, row, strict=True)))
        return found

    def run(self, indicator: Indicator, period: Period) -> Result:
        holding = self.holdings[self.la]
        if indicator.dataset not in holding.datasets:
            return self._result(indicator, period, holding, None)
        return self._result(indicator, period, holding, self.rows(indicator, period))

    def run_cases(self, indicator: Indicator, cases: Sequence[tuple[str, Period]]) -> list[Result]:
        """`run` for each case (authority, period), in one query."""
        held = [(la, p) for la, p in cases if indicator.dataset in self.holdings[la].datasets]
        found = dict(zip(held, self.case_rows(indicator, held), strict=True)) if held else {}
        return [
            self._result(indicator, period, self.holdings[la], found.get((la, period)))
            for la, period in cases
        ]

    @staticmethod
    def _result(
        indicator: Indicator, period: Period, holding: Holding, rows: list[dict[str, Any]] | None
    ) -> Result:
        result = Result(indicator, period, snapshot=holding.snapshots.get(indicator.dataset))
        if rows is None:
            result.computed = False
            return result
        for row in rows:
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

    def run_many(
        self,
        months: Iterable[dt.date],
        references: Iterable[str] | None = None,
        authorities: Iterable[str] | None = None,
    ) -> dict[tuple[str, dt.date], list[Result]]:
        """`run_all` for every authority (default: all the engine holds) and month at once,
        each indicator one query (`run_cases`): results by (authority, month)."""
        chosen = indicators()
        wanted = list(references) if references else list(chosen)
        keys = [(la, month) for la in authorities or self.holdings for month in months]
        results: dict[tuple[str, dt.date], list[Result]] = {key: [] for key in keys}
        for code in wanted:
            indicator = chosen[code]
            cases = [(la, for_month(indicator.period, month)) for la, month in keys]
            for key, result in zip(keys, self.run_cases(indicator, cases), strict=True):
                results[key].append(result)
        return results

    def close(self) -> None:
        self.connection.close()
