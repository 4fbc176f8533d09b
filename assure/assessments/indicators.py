"""Self-assessment figures written into the performance framework, never retyped: for each
round, the share of standards fully met (agreed ratings, not applicable left out) and the
share of organisations asked that submitted on time, as the whole financial year's figure of
the year the returns were due, final once the round is closed. Saved through the performance
services as observations; a figure recomputed unchanged changes nothing, a changed one is kept
as a correction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from analytics.periods import ReportingPeriod, financial_year_of
from analytics.vocabulary import PeriodType, Polarity, Unit
from assure.assessments import results
from assure.assessments.models import Framework, Outcome, Round
from assure.performance import services as performance
from assure.performance.models import Indicator, Observation

REASON = "Recomputed from the self-assessment returns"
PREFIX = {Framework.Kind.SECTION_11: "S11", Framework.Kind.SECTION_175: "S175"}
MET, ON_TIME = "MET", "ONTIME"
TITLES = {
    MET: "{kind} self-assessment: share of standards fully met",
    ON_TIME: "{kind} self-assessment: returns submitted on time",
}
DEFINITIONS = {
    MET: "Of the standards rated in the submitted returns of the year's round, the percentage "
    "rated met (the reviewers' moderated rating where agreed); not applicable excluded.",
    ON_TIME: "Of the organisations asked for a return in the year's round, the percentage that "
    "submitted it by the due date.",
}


def reference(kind: str, figure: str) -> str:
    return f"{PREFIX[Framework.Kind(kind)]}-{figure}"


def _indicator(actor: Any, found: Round, figure: str) -> Indicator:
    ref = reference(found.framework.kind, figure)
    existing = Indicator.objects.filter(partnership=found.partnership, reference=ref).first()
    if existing is not None:
        return existing
    return performance.save_indicator(
        actor,
        found.partnership,
        None,
        reference=ref,
        title=TITLES[figure].format(kind=found.framework.get_kind_display()),
        unit=Unit.PERCENT,
        decimals=0,
        polarity=Polarity.HIGHER,
        period_type=PeriodType.YEAR_TO_DATE,
        year_to_date=Indicator.YearToDate.ENTERED,
        source=Indicator.Source.COMPUTED,
        definition=DEFINITIONS[figure],
    )


def figures(found: Round) -> dict[str, tuple[int, int]]:
    """(numerator, denominator) of each figure of the round."""
    summary = results.summary(found)
    met = sum(row.counts[Outcome.MET] for row in summary.rows)
    rated = sum(
        row.counts[o]
        for row in summary.rows
        for o in (Outcome.MET, Outcome.PARTLY, Outcome.NOT_MET)
    )
    return {MET: (met, rated), ON_TIME: (summary.on_time, len(summary.asked))}


def _figures(found: Round, numerator: int, denominator: int) -> performance.Figures:
    """A closed round's figures are final; an open round's may still change."""
    figures = performance.Figures(
        None,
        status=Observation.Status.PROVISIONAL if found.is_open else Observation.Status.FINAL,
        source=Observation.Source.COMPUTATION,
        source_detail=f"{found}: {numerator} of {denominator}",
    )
    if not denominator:
        figures.quality_note = f"{found}: nothing to count yet"
    else:
        figures.numerator, figures.denominator = Decimal(numerator), Decimal(denominator)
    return figures


@transaction.atomic
def publish(actor: Any, found: Round, today: dt.date | None = None) -> int:
    """Write the round's figures as observations; how many changed."""
    period = ReportingPeriod.year(financial_year_of(found.due_on))
    changed = 0
    for figure, (numerator, denominator) in figures(found).items():
        _, written = performance.record_observation(
            actor,
            _indicator(actor, found, figure),
            period,
            _figures(found, numerator, denominator),
            reason=REASON,
            today=today,
        )
        changed += written
    return changed
