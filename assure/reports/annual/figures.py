"""The annual report's key figures: each indicator with a figure in the financial year, that
year's figure and the England, region and statistical-neighbour benchmarks beside it.

The year's figure is, in this order: the figure entered for the whole year; the year to
date at the last month with a figure (entered, or worked out from the months by the
indicator's rule); for a snapshot, the last month's figure. In the public version a count of
1 to 5 is "c", and so is a percentage, rate or average whose numerator or denominator is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from analytics import periods, suppression
from analytics.periods import ReportingPeriod, financial_year_label, financial_year_of
from assure.core.models import Partnership
from assure.documents.model import Cell, Table
from assure.performance import summaries, units
from assure.performance.models import Benchmark, Indicator, Observation
from assure.performance.queries import IndicatorData, gather

KINDS = [Benchmark.Kind.ENGLAND, Benchmark.Kind.REGION, Benchmark.Kind.NEIGHBOURS]
HEADER = ["Ref", "Measure", "Figure", "Period", "England", "Region", "Statistical neighbours"]
HEADER += ["Benchmark year"]


@dataclass(frozen=True)
class YearFigure:
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    period: str


def _from(observation: Observation, period: str) -> YearFigure | None:
    if observation.value is None:
        return None
    return YearFigure(observation.value, observation.numerator, observation.denominator, period)


def _worked_out(data: IndicatorData, last: dt.date) -> YearFigure | None:
    """The year to date at `last` from the months, with the counts it adds up."""
    indicator, months = data.indicator, data.months()
    value = summaries.year_to_date(indicator.year_to_date, months, last, indicator.unit)
    if value is None:
        return None
    label = ReportingPeriod.year_to_date(last).label
    if indicator.year_to_date == summaries.LATEST:
        figure = months[last]
        return YearFigure(value, figure.numerator, figure.denominator, f"at {last:%b %y}")
    needed = [months[end] for end in periods.year_to_date_months(last)]
    if indicator.year_to_date == summaries.RATIO:
        numerator = sum((f.numerator or Decimal(0) for f in needed), Decimal(0))
        denominator = sum((f.denominator or Decimal(0) for f in needed), Decimal(0))
        return YearFigure(value, numerator, denominator, label)
    return YearFigure(value, None, None, label)


def year_figure(data: IndicatorData, fy: int) -> YearFigure | None:
    whole = data.figure(ReportingPeriod.year(fy))
    if whole is not None and whole.value is not None:
        return _from(whole, financial_year_label(fy))
    held = [
        end
        for end, figure in data.months().items()
        if figure.value is not None and financial_year_of(end) == fy
    ]
    entered = sorted(
        (p.end for p, o in data.observations.items() if p.span == periods.YEAR_TO_DATE)
    )
    entered = [end for end in entered if financial_year_of(end) == fy]
    last = max([*held, *entered], default=None)
    if last is None:
        return None
    to_date = data.figure(ReportingPeriod.year_to_date(last))
    if to_date is not None and to_date.value is not None:
        return _from(to_date, ReportingPeriod.year_to_date(last).label)
    return _worked_out(data, last) if last in held else None


def _is_small(value: Decimal | None) -> bool:
    return value is not None and suppression.is_small(int(value)) and value == int(value)


def hidden(indicator: Indicator, figure: YearFigure) -> bool:
    """Whether the public version shows the figure as "c": a small count of children, or a
    figure worked out from one."""
    unit = indicator.unit
    if unit == Indicator.Unit.COUNT:
        return _is_small(figure.value)
    if unit in (Indicator.Unit.PERCENT, Indicator.Unit.RATE):
        return _is_small(figure.numerator) or _is_small(figure.denominator)
    return _is_small(figure.denominator)  # days, weeks, scores: averages over cases


def _benchmarks(data: IndicatorData, fy: int) -> list[Cell]:
    held = data.latest_benchmarks(fy)
    indicator = data.indicator
    cells = []
    for kind in KINDS:
        found = next((b for b in held if b.kind == kind), None)
        text = (
            units.format_figure(found.value, indicator.unit, indicator.decimals, extra=2)
            if found
            else suppression.UNAVAILABLE
        )
        cells.append(Cell(text, numeric=True))
    year = financial_year_label(held[0].financial_year) if held else ""
    return [*cells, Cell(year)]


def _row(data: IndicatorData, figure: YearFigure, fy: int, public: bool) -> list[Cell]:
    indicator = data.indicator
    text = units.format_figure(figure.value, indicator.unit, indicator.decimals)
    if public and hidden(indicator, figure):
        text = suppression.SUPPRESSED
    return [
        Cell(indicator.reference),
        Cell(indicator.title),
        Cell(text, data.rating(figure.value, fy) if text != "c" else None, numeric=True),
        Cell(figure.period),
        *_benchmarks(data, fy),
    ]


def key_figures(partnership: Partnership, fy: int, public: bool) -> Table:
    rows = []
    for data in gather(partnership):
        figure = year_figure(data, fy)
        if figure is not None:
            rows.append(_row(data, figure, fy, public))
    notes = [
        "Figures are coloured against the year's target band where the measure has one. "
        "Benchmarks are of the latest year published by the year of the report; x: none held.",
        "Each figure is the one reported in the performance framework (entered, loaded from "
        "a return, or computed). Where a later section counts the same thing from the records "
        "held here (case audits completed, missing episodes in the register), it says so, and "
        "the two may differ.",
    ]
    return Table(f"Key figures, {financial_year_label(fy)}", list(HEADER), rows, notes=notes)
