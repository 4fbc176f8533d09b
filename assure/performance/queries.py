"""Reads of the performance framework shared by views and reports. Every query is scoped to
the partnership: a missing scope would show one partnership's figures to another.

`gather` loads indicators with all their figures, targets and benchmarks in four queries and
wraps each in an `IndicatorData`, which answers the questions tables, charts and the
dashboard ask of one indicator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from analytics import periods
from analytics.periods import ReportingPeriod
from assure.core.models import Partnership
from assure.performance import summaries
from assure.performance.models import (
    Benchmark,
    FileLoad,
    Indicator,
    Observation,
    ObservationRevision,
    Target,
)
from assure.performance.targets import Band, rate
from assure.plans.models import Priority

CHART_SPANS = (periods.MONTH, periods.QUARTER)


def indicators_of(partnership: Partnership) -> QuerySet[Indicator]:
    return Indicator.objects.filter(partnership=partnership).select_related("theme__plan")


def get_indicator(partnership: Partnership, pk: int) -> Indicator:
    return get_object_or_404(indicators_of(partnership), pk=pk)


def get_target(partnership: Partnership, pk: int) -> Target:
    return get_object_or_404(
        Target.objects.select_related("indicator"), indicator__partnership=partnership, pk=pk
    )


def get_benchmark(partnership: Partnership, pk: int) -> Benchmark:
    return get_object_or_404(
        Benchmark.objects.select_related("indicator"), indicator__partnership=partnership, pk=pk
    )


def get_observation(partnership: Partnership, pk: int) -> Observation:
    return get_object_or_404(
        Observation.objects.select_related("indicator"), indicator__partnership=partnership, pk=pk
    )


def themes_of(partnership: Partnership) -> QuerySet[Priority]:
    """The plan themes that indicators of this partnership are linked to."""
    return (
        Priority.objects.filter(plan__partnership=partnership, indicators__isnull=False)
        .select_related("plan")
        .distinct()
        .order_by("plan__title", "position", "code")
    )


def recent_loads(partnership: Partnership) -> QuerySet[FileLoad]:
    return FileLoad.objects.filter(partnership=partnership).select_related("loaded_by")[:10]


def revisions_of(indicator: Indicator) -> QuerySet[ObservationRevision]:
    return ObservationRevision.objects.filter(observation__indicator=indicator).select_related(
        "observation", "replaced_by", "entered_by"
    )


@dataclass
class IndicatorData:
    indicator: Indicator
    observations: dict[ReportingPeriod, Observation] = field(default_factory=dict)
    targets: dict[int, Target] = field(default_factory=dict)
    benchmarks: list[Benchmark] = field(default_factory=list)

    def figure(self, period: ReportingPeriod) -> Observation | None:
        return self.observations.get(period)

    def months(self) -> dict[dt.date, summaries.Figure]:
        return {
            period.end: summaries.Figure(o.value, o.numerator, o.denominator)
            for period, o in self.observations.items()
            if period.span == periods.MONTH
        }

    def band(self, fy: int) -> Band | None:
        target = self.targets.get(fy)
        return target.band if target is not None else None

    def rating(self, value: Decimal | None, fy: int) -> str | None:
        return rate(value, self.band(fy), self.indicator.polarity)

    @property
    def chart_span(self) -> str | None:
        spans = {period.span for period in self.observations}
        return next((span for span in CHART_SPANS if span in spans), None)

    def series(self) -> list[tuple[ReportingPeriod, Observation | None]]:
        """Every month (or quarter) from the first figure to the last, gaps kept as None."""
        span = self.chart_span
        if span is None:
            return []
        ends = sorted(p.end for p in self.observations if p.span == span)
        step = 1 if span == periods.MONTH else 3
        count = periods.month_ends(ends[0], ends[-1])[::step]
        return [
            (ReportingPeriod(end, span), self.figure(ReportingPeriod(end, span))) for end in count
        ]

    def latest(self) -> Observation | None:
        present = [o for _, o in self.series() if o is not None and o.value is not None]
        return present[-1] if present else None

    def latest_benchmarks(self, up_to_fy: int | None = None) -> list[Benchmark]:
        """The benchmarks of the most recent year held (no later than `up_to_fy`)."""
        held = [b for b in self.benchmarks if up_to_fy is None or b.financial_year <= up_to_fy]
        if not held:
            return []
        year = max(b.financial_year for b in held)
        return [b for b in held if b.financial_year == year]


def gather(
    partnership: Partnership, indicators: Iterable[Indicator] | None = None
) -> list[IndicatorData]:
    """Each indicator (all of the partnership's by default) with its figures, targets and
    benchmarks, in catalogue order."""
    chosen = list(indicators if indicators is not None else indicators_of(partnership))
    chosen = [i for i in chosen if i.partnership_id == partnership.pk]
    data = {i.pk: IndicatorData(i) for i in chosen}
    for o in Observation.objects.filter(indicator__in=chosen).order_by("period_end"):
        data[o.indicator_id].observations[o.period] = o
    for t in Target.objects.filter(indicator__in=chosen):
        data[t.indicator_id].targets[t.financial_year] = t
    for b in Benchmark.objects.filter(indicator__in=chosen):
        data[b.indicator_id].benchmarks.append(b)
    return [data[i.pk] for i in chosen]


def gather_one(indicator: Indicator) -> IndicatorData:
    return gather(indicator.partnership, [indicator])[0]


def latest_month(partnership: Partnership, before: dt.date | None = None) -> dt.date | None:
    """The last month the indicators of the plan's themes have a monthly figure for, or any
    indicator's when none belongs to a theme (figures computed from newer returns, with no
    theme yet, do not move the tables away from the plan's own measures). With `before`,
    the last such month ending on or before that date (a report as at a meeting)."""
    monthly = Observation.objects.filter(
        indicator__partnership=partnership, span=periods.MONTH, value__isnull=False
    )
    if before is not None:
        monthly = monthly.filter(period_end__lte=before)
    ends = monthly.order_by("-period_end").values_list("period_end", flat=True)
    return ends.filter(indicator__theme__isnull=False).first() or ends.first()
