"""Audit figures written into the performance framework, never retyped: the number of cases
audited (004's 4.2) and each domain's average score (4.3 to 4.14) for a month, computed from
the completed audits and saved through the performance services as observations.

An indicator a tool or domain names that the framework does not hold yet is added to it, as
004 defines it: a monthly figure, lower is better, N/A excluded from the denominator. A month
recomputed with the same figures changes nothing; a changed figure is saved as a correction,
so the earlier one is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from analytics.periods import ReportingPeriod
from analytics.vocabulary import PeriodType, Polarity, Unit
from assure.audits import queries
from assure.audits.models import AuditTool, Domain
from assure.audits.scores import Average
from assure.core.models import Partnership
from assure.performance import services as performance
from assure.performance.models import Indicator, Observation

REASON = "Recomputed from the case audits"


@dataclass
class Published:
    created: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0


def _indicator(
    actor: Any, partnership: Partnership, reference: str, title: str, score: bool, done: Published
) -> Indicator:
    found = Indicator.objects.filter(partnership=partnership, reference=reference).first()
    if found is not None:
        return found
    done.created.append(reference)
    return performance.save_indicator(
        actor,
        partnership,
        None,
        reference=reference,
        title=title,
        unit=Unit.SCORE if score else Unit.COUNT,
        decimals=1 if score else 0,
        polarity=Polarity.LOWER if score else Polarity.NONE,
        period_type=PeriodType.IN_MONTH,
        year_to_date=Indicator.YearToDate.RATIO if score else Indicator.YearToDate.SUM,
        source=Indicator.Source.COMPUTED,
        definition="Average score of the files audited in the month; a lower score is better. "
        "Exceeds good = 1, meets good = 2, does not meet good = 3; N/As excluded from the "
        "denominator."
        if score
        else "Number of case audits completed in the month.",
    )


def _titles(partnership: Partnership) -> dict[str, str]:
    titles = {d.indicator: d.title for d in Domain.objects.filter(tool__partnership=partnership)}
    for tool in AuditTool.objects.filter(partnership=partnership).exclude(count_indicator=""):
        titles.setdefault(tool.count_indicator, "Number of cases audited")
    return titles


def _figures(month: dt.date, average: Average | None, count: int | None) -> performance.Figures:
    detail = f"Case audits completed for {month:%B %Y}"
    source = Observation.Source.COMPUTATION
    if count is not None:
        return performance.Figures(Decimal(count), source=source, source_detail=detail)
    assert average is not None
    if not average.graded:
        note = "No completed audit graded this domain (N/A excluded from the denominator)"
        return performance.Figures(None, quality_note=note, source=source, source_detail=detail)
    return performance.Figures(
        average.value,
        numerator=Decimal(average.total),
        denominator=Decimal(average.graded),
        source=source,
        source_detail=f"{detail}: {average.graded} graded, {average.not_applicable} N/A",
    )


@transaction.atomic
def publish(
    actor: Any, partnership: Partnership, months: list[dt.date], today: dt.date | None = None
) -> Published:
    """Write each month's audit figures as observations of the framework's indicators."""
    done = Published()
    titles = _titles(partnership)
    for month in months:
        figures = queries.indicator_figures(partnership, month)
        period = ReportingPeriod.month(month)
        writes: list[tuple[str, Average | None, int | None]]
        writes = [(ref, None, count) for ref, count in figures.counts.items()]
        writes += [(ref, average, None) for ref, average in figures.averages.items()]
        for reference, average, count in writes:
            score = count is None
            indicator = _indicator(actor, partnership, reference, titles[reference], score, done)
            _, changed = performance.record_observation(
                actor,
                indicator,
                period,
                _figures(month, average, count),
                reason=REASON,
                today=today,
            )
            done.written += changed
            done.unchanged += not changed
    return done
