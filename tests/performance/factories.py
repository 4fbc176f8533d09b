"""Factories for the performance framework, each made by the service a user's action goes
through (assure/performance/services.py), and `printed`, which builds a measure as seed 004's
highlight report prints its row: months from Jul 20 to May 21, the 2019/20 baseline, the
2020/21 final, the year to date to May 21, the 2021/22 target and the 2019/20 benchmarks.

    indicator = IndicatorFactory(partnership=partnership, reference="2.21")
    TargetFactory(indicator=indicator, minimum=D(90), upper=D(100))
    FigureFactory(indicator=indicator, period="2021-05", value=D(100))
    icpc = printed(partnership, "2.21", "63 100 100 70 82 96 100 100 76 84 100", target=(90, 100))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import factory

from analytics.periods import ReportingPeriod, month_end
from assure.core.models import Partnership
from assure.performance import services
from assure.performance.models import Benchmark, Indicator, Observation, Target
from assure.plans.models import Plan, Priority
from tests.factories import PartnershipFactory, PlanFactory, PriorityFactory, ServiceFactory

FIRST_MONTH = dt.date(2020, 7, 31)  # 004's tables show Jul 20 ... May 21
PROVISIONAL_FROM = dt.date(2021, 4, 1)  # 2021/22's figures are provisional in July 2021
BENCHMARKS = (("england", ""), ("statistical_neighbours", "to 2021"))
BENCHMARKS += (("statistical_neighbours", "from 2021"),)


class IndicatorFactory(ServiceFactory):
    """A measure of the catalogue (`save_indicator`): a percentage, higher is better."""

    class Meta:
        model = Indicator

    partnership = factory.SubFactory(PartnershipFactory)
    reference = factory.Sequence(lambda n: f"9.{n}")
    title = factory.Sequence(lambda n: f"Measure {n} of the highlight report")
    unit = Indicator.Unit.PERCENT
    decimals = 0
    polarity = Indicator.Polarity.HIGHER
    period_type = Indicator.PeriodType.IN_MONTH
    year_to_date = Indicator.YearToDate.ENTERED

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Indicator:
        return services.save_indicator(None, partnership, None, **fields)


class TargetFactory(ServiceFactory):
    """A 2021/22 target band of "Min 90% Upper 100%" (`save_target`)."""

    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    financial_year = 2021
    minimum = Decimal(90)
    upper = Decimal(100)
    note = ""

    @classmethod
    def made_by(cls, indicator: Indicator, **fields: Any) -> Target:
        return services.save_target(None, indicator, None, **fields)


class BenchmarkFactory(ServiceFactory):
    """England's figure for 2019/20 (`save_benchmark`)."""

    class Meta:
        model = Benchmark

    indicator = factory.SubFactory(IndicatorFactory)
    financial_year = 2019
    kind = Benchmark.Kind.ENGLAND
    label = ""
    value = Decimal("77.6")
    source = "DfE published figures"
    note = ""

    @classmethod
    def made_by(cls, indicator: Indicator, **fields: Any) -> Benchmark:
        return services.save_benchmark(None, indicator, None, **fields)


class FigureFactory(ServiceFactory):
    """An indicator's figure for a period given by its code, "2021-05" or "2020/21"
    (`record_observation`)."""

    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    period = "2021-05"
    value: Any = Decimal(100)
    numerator = None
    denominator = None
    status = Observation.Status.PROVISIONAL
    quality_note = ""
    source = Observation.Source.FILE
    source_detail = "Highlight report, 13 July 2021"

    @classmethod
    def made_by(cls, indicator: Indicator, period: str, **fields: Any) -> Observation:
        figures = services.Figures(**fields)
        return services.record_observation(None, indicator, ReportingPeriod.parse(period), figures)[
            0
        ]


def theme(plan: Plan, code: str, title: str = "", **fields: Any) -> Priority:
    """A theme of a plan, as the improvement plan numbers them: theme(plan, "T2")."""
    return PriorityFactory(plan=plan, code=code, title=title or f"Theme {code}", **fields)


def improvement_plan(partnership: Partnership) -> Plan:
    return PlanFactory(partnership=partnership, title="Children's Services Improvement Plan")


Cell = str | int | Decimal | tuple[int, int]


def printed(
    partnership: Partnership,
    reference: str,
    values: str | Sequence[Cell] = (),
    *,
    first: dt.date = FIRST_MONTH,
    baseline: Cell = "",
    final: Cell = "",
    ytd: Cell = "",
    target: tuple[Any, Any] | str | None = None,
    benchmarks: Sequence[Any] = (),
    **fields: Any,
) -> Indicator:
    """A measure with its row of 004's table. `values` are the months from `first`, as
    printed: a number, a (numerator, denominator) pair, words saying there is no figure
    (kept as its note), or "" for an empty cell (nothing recorded). `target` is the 2021/22
    band, or its words ("TBC"); `benchmarks` are England's and the statistical neighbours' (to
    and from 2021) for 2019/20."""
    indicator = IndicatorFactory(partnership=partnership, reference=reference, **fields)
    cells = values.split() if isinstance(values, str) else list(values)
    for months, cell in enumerate(cells):
        _record(indicator, ReportingPeriod.month(month_end(first, months)), cell)
    baseline_year = indicator.baseline_year or 2019
    for period, cell in (
        (ReportingPeriod.year(baseline_year), baseline),
        (ReportingPeriod.year(2020), final),
        (ReportingPeriod.parse("YTD 2021-05"), ytd),
    ):
        _record(indicator, period, cell)
    if isinstance(target, str):
        TargetFactory(indicator=indicator, minimum=None, upper=None, note=target)
    elif target is not None:
        minimum, upper = (None if end is None else Decimal(end) for end in target)
        TargetFactory(indicator=indicator, minimum=minimum, upper=upper)
    for (kind, label), value in zip(BENCHMARKS, benchmarks, strict=False):
        if value is not None:
            BenchmarkFactory(indicator=indicator, kind=kind, label=label, value=Decimal(value))
    return indicator


def _record(indicator: Indicator, period: ReportingPeriod, cell: Cell) -> None:
    if cell == "":
        return
    status = "provisional" if period.end >= PROVISIONAL_FROM else "final"
    figures: dict[str, Any] = {"status": status}
    if isinstance(cell, tuple):
        figures |= {"value": None, "numerator": Decimal(cell[0]), "denominator": Decimal(cell[1])}
    else:
        try:
            figures["value"] = Decimal(str(cell).rstrip("%"))
        except InvalidOperation:
            figures |= {"value": None, "quality_note": str(cell)}
    FigureFactory(indicator=indicator, period=period.code, **figures)


def icpcs_on_time(partnership: Partnership, **fields: Any) -> Indicator:
    """004's measure 2.21 as printed: "% of ICPCs held within 15 working days of Strategy
    Discussions", at least 90% and stretch 100% in 2021/22, England 77.6% in 2019/20."""
    return printed(
        partnership,
        "2.21",
        "63 100 100 70 82 96 100 100 76 84 100",
        baseline=63,
        final=80,
        ytd=88,
        target=(90, 100),
        benchmarks=("77.6", "72.0", "75.5"),
        baseline_year=2019,  # fixed at 2019/20, as the plan does
        title="% of ICPCs held within 15 working days of Strategy Discussions",
        period_type=Indicator.PeriodType.YEAR_TO_DATE,
        year_to_date=Indicator.YearToDate.RATIO,
        **fields,
    )
