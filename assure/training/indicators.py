"""Training figures written into the performance framework, never retyped: for each month,
attendances (the partnership's and each agency's), the did-not-attend rate, the share of
attendees whose confidence rose and the average change in confidence, the partnership's and
each course's (a unit of its own,
`Unit.CHANGE`, the one that may be below nought), and the share of follow-ups saying
practice changed. Each is computed by `results.py` and saved through the performance
services as an observation; a figure from fewer answers than the pages show is not sent.

All but the last are of sessions held in the month; the last of follow-ups answered in it.
An indicator not held yet is added. A
month recomputed with the same figures changes nothing; a changed figure is a correction,
the earlier kept. A month of a financial year that has ended is final; of the year in
progress, provisional (follow-ups and late registers still come in).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from analytics.periods import ReportingPeriod, financial_year_of, month_end
from analytics.vocabulary import PeriodType, Polarity, Unit
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.performance import services as performance
from assure.performance.models import Indicator, Observation
from assure.training.models import Attendance, Course
from assure.training.results import (
    FEWEST_SHOWN,
    answers_of,
    attendances_of,
    counts_of,
    evaluations_of,
)

REASON = "Recomputed from the training registers and evaluations"
ATTENDED, DNA, ROSE, CHANGED, CONFIDENCE = "TR1", "TR2", "TR3", "TR4", "TR5"
DEFINITIONS: dict[str, tuple[str, str, str]] = {  # reference: (title, unit, polarity)
    ATTENDED: ("Multi-agency training: attendances", Unit.COUNT, Polarity.HIGHER),
    DNA: ("Multi-agency training: did-not-attend rate", Unit.PERCENT, Polarity.LOWER),
    ROSE: ("Multi-agency training: attendees whose confidence rose", Unit.PERCENT, Polarity.HIGHER),
    CHANGED: (
        "Multi-agency training: follow-ups saying practice changed",
        Unit.PERCENT,
        Polarity.HIGHER,
    ),
    CONFIDENCE: (
        "Multi-agency training: average change in confidence",
        Unit.CHANGE,
        Polarity.HIGHER,
    ),
}
EXPLAINED = {
    ATTENDED: "People who attended a session of the programme held in the month.",
    DNA: "Of those booked on sessions held in the month and not cancelled, the share who did "
    "not attend.",
    ROSE: "Of attendees of sessions held in the month who rated their confidence before and "
    "after, the share whose average rating rose.",
    CHANGED: "Of the three-month follow-ups answered in the month, the share saying the "
    "training changed the attendee's practice.",
    CONFIDENCE: "Of attendees of sessions held in the month who rated their confidence before "
    "and after, the average change (after less before, on a scale of 1 to 5).",
}


@dataclass
class Published:
    created: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0


def agency_reference(organisation: Organisation) -> str:
    return f"{ATTENDED}.{organisation.pk}"


def _indicator(
    actor: Any, partnership: Partnership, reference: str, done: Published, named: str = ""
) -> Indicator:
    found = Indicator.objects.filter(partnership=partnership, reference=reference).first()
    if found is not None:
        return found
    done.created.append(reference)
    base = reference.split(".")[0]
    title, unit, polarity = DEFINITIONS[base]
    if named:  # one agency's, or one course's
        title = f"{title}: {named}"
    ratio = unit in (Unit.PERCENT, Unit.CHANGE)
    return performance.save_indicator(
        actor,
        partnership,
        None,
        reference=reference,
        title=title,
        sub_heading="Multi-agency training",
        unit=unit,
        decimals=1 if unit == Unit.CHANGE else 0,
        polarity=polarity,
        period_type=PeriodType.IN_MONTH,
        year_to_date=Indicator.YearToDate.RATIO if ratio else Indicator.YearToDate.SUM,
        source=Indicator.Source.COMPUTED,
        definition=EXPLAINED[base],
    )


def _mean_change(changes: list[Decimal], detail: str) -> performance.Figures | None:
    """The average change in confidence as an observation: the changes added up over how
    many attendees gave both ratings; none from fewer than the pages show."""
    if len(changes) < FEWEST_SHOWN:
        return None
    return performance.Figures(
        None,
        numerator=sum(changes, Decimal(0)).quantize(Decimal("0.0001")),  # as figures are kept
        denominator=Decimal(len(changes)),
        source=Observation.Source.COMPUTATION,
        source_detail=detail,
    )


def _share(part: int, whole: int, detail: str, least: int = 1) -> performance.Figures | None:
    """A share as an observation; none below `least` answers (an evaluation's answers are
    shown only as many together as the pages show them)."""
    if whole < least or not whole:
        return None
    return performance.Figures(
        None,
        numerator=Decimal(part),
        denominator=Decimal(whole),
        source=Observation.Source.COMPUTATION,
        source_detail=detail,
    )


def month_figures(
    partnership: Partnership, month: dt.date
) -> dict[str, tuple[performance.Figures | None, str]]:
    """Each reference's figures for a month (None where there is nothing to divide by)."""
    first, last = month.replace(day=1), month_end(month)
    detail = f"Training registers and evaluations for {first:%B %Y}"
    attendances = attendances_of(partnership, first, last)
    counts = counts_of(attendances)
    source = Observation.Source.COMPUTATION
    figures: dict[str, tuple[performance.Figures | None, str]] = {
        ATTENDED: (
            performance.Figures(Decimal(counts.attended), source=source, source_detail=detail),
            "",
        ),
        DNA: (_share(counts.did_not_attend, counts.marked, detail), ""),
    }
    held = answers_of(evaluations_of(partnership, held=(first, last)), [])
    figures[ROSE] = (_share(held.rose, len(held.changes), detail, FEWEST_SHOWN), "")
    figures[CONFIDENCE] = (_mean_change(held.changes, detail), "")
    answered = answers_of(evaluations_of(partnership, answered=(first, last)), [])
    figures[CHANGED] = (
        _share(answered.changed, len(answered.follow_ups), detail, FEWEST_SHOWN),
        "",
    )
    return figures


def agency_figures(
    partnership: Partnership, month: dt.date, agencies: list[Organisation]
) -> dict[str, tuple[performance.Figures | None, str]]:
    first, last = month.replace(day=1), month_end(month)
    detail = f"Training registers for {first:%B %Y}"
    attended = attendances_of(partnership, first, last, status=Attendance.Status.ATTENDED)
    return {
        agency_reference(agency): (
            performance.Figures(
                Decimal(attended.filter(organisation=agency).count()),
                source=Observation.Source.COMPUTATION,
                source_detail=detail,
            ),
            agency.name,
        )
        for agency in agencies
    }


def course_reference(course: Course) -> str:
    return f"{CONFIDENCE}.{course.pk}"


def course_figures(
    partnership: Partnership, month: dt.date
) -> dict[str, tuple[performance.Figures | None, str]]:
    """Each course's average change in confidence, of its sessions held in the month."""
    first, last = month.replace(day=1), month_end(month)
    detail = f"Evaluations of the course's sessions held in {first:%B %Y}"
    held = Course.objects.filter(
        partnership=partnership, sessions__held_on__range=(first, last)
    ).distinct()
    figures = {}
    for course in held:
        answers = answers_of(
            evaluations_of(
                partnership, held=(first, last), link__attendance__session__course=course
            ),
            [],
        )
        figures[course_reference(course)] = (_mean_change(answers.changes, detail), course.title)
    return figures


def agencies_trained(partnership: Partnership, months: list[dt.date]) -> list[Organisation]:
    """The agencies with a booking in any of the months."""
    first, last = min(months).replace(day=1), month_end(max(months))
    booked = attendances_of(partnership, first, last).values_list("organisation_id", flat=True)
    return list(Organisation.objects.filter(partnership=partnership, pk__in=set(booked)))


@transaction.atomic
def publish(
    actor: Any, partnership: Partnership, months: list[dt.date], today: dt.date | None = None
) -> Published:
    """Write each month's training figures as observations of the framework's indicators."""
    done = Published()
    if not months:
        return done
    agencies = agencies_trained(partnership, months)
    this_year = financial_year_of(today or dt.date.today())
    for month in months:
        figures = (
            month_figures(partnership, month)
            | agency_figures(partnership, month, agencies)
            | course_figures(partnership, month)
        )
        ended = financial_year_of(month) < this_year
        for reference, (values, named) in figures.items():
            if values is None:
                continue
            values.status = Observation.Status.FINAL if ended else Observation.Status.PROVISIONAL
            indicator = _indicator(actor, partnership, reference, done, named)
            _, changed = performance.record_observation(
                actor, indicator, ReportingPeriod.month(month), values, reason=REASON, today=today
            )
            done.written += changed
            done.unchanged += not changed
    return done
