"""Checking every row of an observations or benchmarks file before anything is saved.

Each check turns a row into typed figures or into problems naming the row and the column, so
a load can refuse the whole file and say exactly what to fix. The columns are documented in
docs/performance-files.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from analytics.periods import ReportingPeriod, parse_financial_year
from assure.performance import units
from assure.performance.files import Problem, Table, text
from assure.performance.models import Benchmark, Indicator, Observation

OBSERVATION_COLUMNS = ("indicator", "period", "value", "numerator", "denominator", "status", "note")
BENCHMARK_COLUMNS = ("indicator", "year", "kind", "label", "value", "source", "note")
KINDS = {
    "england": Benchmark.Kind.ENGLAND,
    "national": Benchmark.Kind.ENGLAND,
    "region": Benchmark.Kind.REGION,
    "regional": Benchmark.Kind.REGION,
    "statistical_neighbours": Benchmark.Kind.NEIGHBOURS,
    "statistical neighbours": Benchmark.Kind.NEIGHBOURS,
    "authority": Benchmark.Kind.AUTHORITY,
}


@dataclass
class ObservationRow:
    row: int
    indicator: Indicator
    period: ReportingPeriod
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    note: str


@dataclass
class BenchmarkRow:
    row: int
    indicator: Indicator
    financial_year: int
    kind: str
    label: str
    value: Decimal
    source: str
    note: str


@dataclass
class Checked:
    rows: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _RowProblem(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def _columns(table: Table, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[Problem]:
    problems = [
        Problem(table.file, 1, column, f"Unknown column: the columns are {', '.join(allowed)}")
        for column in table.columns
        if column and column not in allowed
    ]
    problems += [
        Problem(table.file, 1, column, "This column is missing")
        for column in required
        if column not in table.columns
    ]
    return problems


def _check_rows(
    table: Table,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    check_row: Callable[[int, dict[str, Any]], Any],
    key: Callable[[Any], tuple[Any, ...]],
) -> Checked:
    checked = Checked(problems=_columns(table, allowed, required))
    if checked.problems:
        return checked
    if not table.rows:
        checked.problems.append(Problem(table.file, None, "", "The file has no rows of figures"))
    seen: dict[tuple[Any, ...], int] = {}
    for number, cells in table.rows:
        try:
            row = check_row(number, cells)
        except _RowProblem as problem:
            checked.problems.append(Problem(table.file, number, problem.column, problem.message))
            continue
        earlier = seen.setdefault(key(row), number)
        if earlier != number:
            message = f"Row {earlier} already gives a figure for the same indicator and period"
            checked.problems.append(Problem(table.file, number, "", message))
        checked.rows.append(row)
    return checked


def _indicator(cells: dict[str, Any], indicators: Mapping[str, Indicator]) -> Indicator:
    reference = text(cells.get("indicator"))
    if not reference:
        raise _RowProblem("indicator", "Give the indicator's reference, for example 2.21")
    found = indicators.get(reference)
    if found is None:
        raise _RowProblem("indicator", f"There is no indicator '{reference}' in this partnership")
    return found


def _number(cells: dict[str, Any], column: str) -> tuple[Decimal | None, str]:
    try:
        return units.read_number(cells.get(column))
    except ValueError as error:
        raise _RowProblem(column, f"{error}: give a number, or leave it empty") from error


def _period(cell: Any, today: dt.date) -> ReportingPeriod:
    try:
        if isinstance(cell, dt.date):  # Excel turns 2021-05 into a date
            period = ReportingPeriod.month(cell)
        else:
            period = ReportingPeriod.parse(text(cell))
    except ValueError as error:
        raise _RowProblem("period", str(error)) from error
    if not period.has_begun_by(today):
        raise _RowProblem("period", f"{period.label} has not begun yet")
    return period


def check_observations(
    table: Table, indicators: Mapping[str, Indicator], today: dt.date
) -> Checked:
    """Typed rows of an observations file, or the problems that stop it loading."""

    def check_row(number: int, cells: dict[str, Any]) -> ObservationRow:
        indicator = _indicator(cells, indicators)
        period = _period(cells.get("period"), today)
        value, missing = _number(cells, "value")
        numerator, _ = _number(cells, "numerator")
        denominator, _ = _number(cells, "denominator")
        note = text(cells.get("note")) or missing
        try:
            value = units.check(indicator.unit, value, numerator, denominator)
        except units.ValueProblem as problem:
            raise _RowProblem(problem.field, problem.message) from problem
        if value is None and not note:
            raise _RowProblem("value", "Give a figure, or a note saying why there is none")
        status = text(cells.get("status")).lower() or Observation.Status.PROVISIONAL
        if status not in Observation.Status.values:
            raise _RowProblem("status", f"'{status}' is not a status: write provisional or final")
        return ObservationRow(
            number, indicator, period, value, numerator, denominator, status, note
        )

    return _check_rows(
        table,
        OBSERVATION_COLUMNS,
        ("indicator", "period"),
        check_row,
        lambda row: (row.indicator.pk, row.period),
    )


def _benchmark_row(
    number: int, cells: dict[str, Any], indicators: Mapping[str, Indicator]
) -> BenchmarkRow:
    indicator = _indicator(cells, indicators)
    try:
        year = parse_financial_year(text(cells.get("year")))
    except ValueError as error:
        raise _RowProblem("year", str(error)) from error
    kind = KINDS.get(text(cells.get("kind")).lower().replace("-", "_"))
    if kind is None:
        raise _RowProblem("kind", "Write england, region, statistical_neighbours or authority")
    label = text(cells.get("label"))
    if kind == Benchmark.Kind.AUTHORITY and not label:
        raise _RowProblem("label", "Name the authority this benchmark is for")
    value, _ = _number(cells, "value")
    if value is None:
        raise _RowProblem("value", "Give the benchmark's figure")
    try:
        units.check(indicator.unit, value, None, None)
    except units.ValueProblem as problem:
        raise _RowProblem("value", problem.message) from problem
    source, note = text(cells.get("source")), text(cells.get("note"))
    return BenchmarkRow(number, indicator, year, kind, label, value, source, note)


def check_benchmarks(table: Table, indicators: Mapping[str, Indicator]) -> Checked:
    """Typed rows of a benchmarks file, or the problems that stop it loading."""
    return _check_rows(
        table,
        BENCHMARK_COLUMNS,
        ("indicator", "year", "kind", "value"),
        lambda number, cells: _benchmark_row(number, cells, indicators),
        lambda row: (row.indicator.pk, row.financial_year, row.kind, row.label),
    )
