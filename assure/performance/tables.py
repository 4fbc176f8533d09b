"""The performance table of the highlight report (seed 004), rebuilt from the data.

For a reporting month (`through`; May 2021 in 004) each row of a table holds, in 004's order:

* the **baseline**: the final figure of the indicator's baseline year, by default the year
  before the last complete year (2019/20 for a table to May 2021);
* the **period type** (snapshot, year to date, month, quarter);
* the **months**: the `months` months ending with `through` (11 in 004: Jul 20 to May 21),
  split at the financial year: last year's months, then **last year's final figure**, then
  the **current year to date**, then this year's months;
* the current year's **target band** ("Min" and "Upper" as printed, or a note such as TBC);
* the **direction of change**: the latest monthly figure on the one before it;
* the **benchmarks** of the most recent year held; and the standing **notes**.

Every figure is rated (RAG) against the target band of its own financial year. A final or
year-to-date figure that was not entered is worked out from the months by the indicator's
rule (`summaries`) and marked as calculated; where a month is missing it is left blank.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from analytics import periods
from analytics.periods import ReportingPeriod, financial_year_label, financial_year_of
from assure.core.models import Partnership
from assure.performance import summaries, units
from assure.performance.control import Control, describe_flags
from assure.performance.models import Benchmark, Indicator, Observation, Target
from assure.performance.queries import IndicatorData, gather, latest_month
from assure.plans.models import Priority

MONTHS_SHOWN = 11
KIND_ORDER = [kind.value for kind in Benchmark.Kind]


@dataclass
class Cell:
    value: Decimal | None
    text: str = ""
    rating: str | None = None
    note: str = ""
    provisional: bool = False
    calculated: bool = False


@dataclass
class TableRow:
    data: IndicatorData
    baseline: Cell
    baseline_year: int
    previous_months: list[Cell]
    final: Cell
    year_to_date: Cell
    current_months: list[Cell]
    target: Target | None
    target_min: str
    target_upper: str
    direction: str | None
    judgement: str | None
    benchmarks: list[Cell]

    @property
    def indicator(self) -> Indicator:
        return self.data.indicator

    @property
    def baseline_label(self) -> str:
        return financial_year_label(self.baseline_year)


@dataclass
class PerformanceTable:
    heading: str
    through: dt.date
    previous_months: list[ReportingPeriod]
    current_months: list[ReportingPeriod]
    current_fy: int
    benchmark_columns: list[tuple[str, str, str]]
    rows: list[TableRow] = field(default_factory=list)

    @property
    def previous_fy(self) -> int:
        return self.current_fy - 1

    @property
    def previous_label(self) -> str:
        return financial_year_label(self.previous_fy)

    @property
    def current_label(self) -> str:
        return financial_year_label(self.current_fy)

    @property
    def default_baseline_year(self) -> int:
        return self.current_fy - 2

    @property
    def baseline_year(self) -> int:
        """The year the heading names: the one most rows' baselines are from (a row from
        another year says so), so the heading is read from the figures beneath it."""
        years = Counter(row.baseline_year for row in self.rows)
        return years.most_common(1)[0][0] if years else self.default_baseline_year

    @property
    def baseline_label(self) -> str:
        return financial_year_label(self.baseline_year)

    @property
    def noted_rows(self) -> list[TableRow]:
        """Rows whose measure has standing notes: the table's data checks and issues."""
        return [row for row in self.rows if row.indicator.standing_notes]

    @property
    def notes(self) -> list[tuple[str, str]]:
        """The table's data checks and issues, each note once with the measures it is about
        ("4.1, 4.2, 4.3": twelve audit measures sharing their scoring note print it once)."""
        found: dict[str, list[str]] = {}
        for row in self.noted_rows:
            found.setdefault(row.indicator.standing_notes.strip(), []).append(
                row.indicator.reference
            )
        return [(", ".join(references), text) for text, references in found.items()]


@dataclass
class ThemeTables:
    theme: Priority | None
    tables: list[PerformanceTable]


def cell_for(data: IndicatorData, observation: Observation | None, fy: int) -> Cell:
    if observation is None:
        return Cell(None)
    indicator = data.indicator
    return Cell(
        observation.value,
        units.format_figure(observation.value, indicator.unit, indicator.decimals),
        data.rating(observation.value, fy),
        observation.quality_note,
        observation.status == Observation.Status.PROVISIONAL,
    )


def _summary_cell(data: IndicatorData, period: ReportingPeriod) -> Cell:
    """An entered year (or year to date) figure, or one worked out from the months."""
    observation = data.figure(period)
    if observation is None and period.span == periods.YEAR_TO_DATE and period.end.month == 3:
        observation = data.figure(ReportingPeriod.year(period.financial_year))  # the whole year
    if observation is not None:
        return cell_for(data, observation, period.financial_year)
    indicator = data.indicator
    rule, months = indicator.year_to_date, data.months()
    if period.span == periods.YEAR:
        value = summaries.full_year(rule, months, period.financial_year, indicator.unit)
    else:
        value = summaries.year_to_date(rule, months, period.end, indicator.unit)
    if value is None:
        return Cell(None)
    text = units.format_value(value, indicator.unit, indicator.decimals)
    rating = data.rating(value, period.financial_year)
    return Cell(value, text, rating, "Worked out from the monthly figures", calculated=True)


def _target_text(target: Target | None, unit: str) -> tuple[str, str]:
    if target is None:
        return "", ""
    if target.minimum is None and target.upper is None:
        return target.note, target.note
    return units.format_plain(target.minimum, unit), units.format_plain(target.upper, unit)


def _direction(cells: list[Cell], polarity: str) -> tuple[str | None, str | None]:
    present = [cell.value for cell in cells if cell.value is not None]
    if len(present) < 2:
        return None, None
    move = summaries.direction(present[-2], present[-1])
    return move, summaries.judged(move, polarity)


def _benchmark_columns(rows: list[IndicatorData], fy: int) -> list[tuple[str, str, str]]:
    """(kind, label, name) of every benchmark in the table: England, region, neighbours,
    authorities, each kind in the order its benchmarks were first recorded."""
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for data in rows:
        for b in data.latest_benchmarks(fy):
            first = found.get((b.kind, b.label))
            if first is None or b.pk < first[0]:
                found[(b.kind, b.label)] = (b.pk, b.name)
    ordered = sorted(found, key=lambda key: (KIND_ORDER.index(key[0]), found[key][0]))
    return [(kind, label, found[(kind, label)][1]) for kind, label in ordered]


def _benchmark_cells(
    data: IndicatorData, columns: list[tuple[str, str, str]], fy: int
) -> list[Cell]:
    held = {(b.kind, b.label): b for b in data.latest_benchmarks(fy)}
    cells = []
    for kind, label, _ in columns:
        benchmark = held.get((kind, label))
        if benchmark is None:
            cells.append(Cell(None))
            continue
        indicator = data.indicator
        text = units.format_figure(benchmark.value, indicator.unit, indicator.decimals, extra=2)
        year = financial_year_label(benchmark.financial_year)
        note = f"{year}. {benchmark.note}".strip() if benchmark.note else year
        cells.append(Cell(benchmark.value, text, note=note))
    return cells


def build_table(
    rows: list[IndicatorData], through: dt.date, heading: str = "", months: int = MONTHS_SHOWN
) -> PerformanceTable:
    """One table of 004's layout for `rows`, reporting to the month holding `through`."""
    fy = financial_year_of(through)
    window = [ReportingPeriod.month(end) for end in periods.last_months(through, months)]
    table = PerformanceTable(
        heading,
        periods.month_end(through),
        [p for p in window if p.financial_year < fy],
        [p for p in window if p.financial_year == fy],
        fy,
        _benchmark_columns(rows, fy),
    )
    for data in rows:
        table.rows.append(_row(table, data))
    return table


def _row(table: PerformanceTable, data: IndicatorData) -> TableRow:
    indicator = data.indicator
    baseline_year = indicator.baseline_year or table.default_baseline_year
    previous = [cell_for(data, data.figure(p), p.financial_year) for p in table.previous_months]
    current = [cell_for(data, data.figure(p), p.financial_year) for p in table.current_months]
    target = data.targets.get(table.current_fy)
    direction, judgement = _direction(previous + current, indicator.polarity)
    return TableRow(
        data,
        _summary_cell(data, ReportingPeriod.year(baseline_year)),
        baseline_year,
        previous,
        _summary_cell(data, ReportingPeriod.year(table.previous_fy)),
        _summary_cell(data, ReportingPeriod.year_to_date(table.through)),
        current,
        target,
        *_target_text(target, indicator.unit),
        direction,
        judgement,
        _benchmark_cells(data, table.benchmark_columns, table.current_fy),
    )


@dataclass
class ChartRow:
    period: ReportingPeriod
    cell: Cell
    signals: str


def chart_rows(data: IndicatorData, reading: Control) -> list[ChartRow]:
    """The chart's figures as a table: each period, its rated figure, its special causes."""
    points = {p.index: p for p in reading.result.points} if reading.result else {}
    rows = []
    for index, (period, observation) in enumerate(reading.series):
        flags = [(f.rule, f.direction) for f in points[index].flags] if index in points else []
        cell = cell_for(data, observation, period.financial_year)
        rows.append(ChartRow(period, cell, describe_flags(flags)))
    return rows


def theme_tables(
    partnership: Partnership,
    through: dt.date | None = None,
    theme: Priority | None = None,
    months: int = MONTHS_SHOWN,
) -> list[ThemeTables]:
    """The partnership's tables grouped by plan theme, then by sub-heading, in catalogue
    order; indicators with no theme come last. Empty when there are no monthly figures."""
    through = through or latest_month(partnership)
    if through is None:
        return []
    groups: dict[int | None, dict[str, list[IndicatorData]]] = {}
    themes: dict[int | None, Priority | None] = {}
    for data in gather(partnership):
        chosen = data.indicator.theme
        if theme is not None and (chosen is None or chosen.pk != theme.pk):
            continue
        key = chosen.pk if chosen is not None else None
        themes[key] = chosen
        groups.setdefault(key, {}).setdefault(data.indicator.sub_heading, []).append(data)
    ordered = sorted(groups, key=lambda k: _theme_order(themes[k]))
    return [
        ThemeTables(
            themes[key],
            [build_table(rows, through, heading, months) for heading, rows in groups[key].items()],
        )
        for key in ordered
    ]


def _theme_order(theme: Priority | None) -> tuple[int, str, int, str]:
    if theme is None:
        return (1, "", 0, "")
    return (0, theme.plan.title, theme.position, theme.code)
