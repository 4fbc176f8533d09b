"""Training figures written into the performance framework: each month's, computed by hand,
and an agency's figures never counting another partnership's sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from analytics.periods import month_end
from assure.performance.models import Indicator, Observation
from assure.training import indicators, queries
from assure.training.models import Stage
from tests.factories import OrganisationFactory

from .factories import AttendanceFactory, CourseFactory, SessionFactory, answer

MARCH = dt.date(2024, 3, 1)


def figure(partnership, reference, month=MARCH):
    found = Observation.objects.get(
        indicator__partnership=partnership,
        indicator__reference=reference,
        period_end=month_end(month),
    )
    return found.value, found.numerator, found.denominator


def test_a_months_figures_go_to_the_framework(partnership, session, attended, council, police):
    a, b, c = attended[:3]
    answer(session, a, Stage.BEFORE, confidence=[2, 2])
    answer(session, a, Stage.AFTER, confidence=[4, 4])  # rose
    answer(session, b, Stage.BEFORE, confidence=[4, 4])
    answer(session, b, Stage.AFTER, confidence=[4, 4])  # did not
    answer(session, c, Stage.BEFORE, confidence=[1, 2])
    answer(session, c, Stage.AFTER, confidence=[3, 3])  # rose
    answer(session, c, Stage.FOLLOW_UP, practice_changed=True, example="I escalate sooner.")
    indicators.publish(None, partnership, [MARCH, dt.date(2024, 6, 1)], dt.date(2024, 7, 1))
    assert figure(partnership, "TR1")[0] == Decimal(3)
    assert figure(partnership, "TR2") == (Decimal(25), Decimal(1), Decimal(4))
    assert figure(partnership, "TR3") == (Decimal("66.6667"), Decimal(2), Decimal(3))
    # The average change: a +0 (2 to 4 is +2; 4 to 4 is 0; 1.5 to 3 is +1.5) over three.
    assert figure(partnership, "TR5") == (Decimal("1.1667"), Decimal("3.5"), Decimal(3))
    # One follow-up is one attendee's answer: no share is published from it.
    with pytest.raises(Observation.DoesNotExist):
        figure(partnership, "TR4", dt.date(2024, 6, 1))
    assert figure(partnership, indicators.agency_reference(council))[0] == Decimal(2)
    assert figure(partnership, indicators.agency_reference(police))[0] == Decimal(1)
    again = indicators.publish(None, partnership, [MARCH], dt.date(2024, 7, 1))
    assert again.written == 0  # the same figures again change nothing


def test_an_agencys_figures_exclude_other_partnerships(partnership, session, attended):
    theirs = OrganisationFactory(name="Cleveland Police")  # of a partnership of its own
    course = CourseFactory(partnership=theirs.partnership, title="Their course")
    other = SessionFactory(course=course, held_on=session.held_on)
    for name in ("X", "Y", "Z"):
        AttendanceFactory(
            session=other, name=f"Their worker {name}", organisation=theirs,
            status="did_not_attend",
        )  # fmt: skip
    indicators.publish(None, partnership, [MARCH], dt.date(2024, 7, 1))
    assert figure(partnership, "TR1")[0] == Decimal(3)
    assert figure(partnership, "TR2") == (Decimal(25), Decimal(1), Decimal(4))
    first, last = MARCH, month_end(MARCH)
    agencies = {row.organisation.name for row in queries.uptake(partnership, first, last)}
    assert theirs.name not in agencies
    council = next(
        r
        for r in queries.uptake(partnership, first, last)
        if r.organisation.name == "Torbay Council"
    )
    assert (council.counts.attended, council.counts.did_not_attend) == (2, 1)


def test_an_average_fall_in_confidence_is_kept_below_nought(partnership, session, attended):
    for person in attended[:3]:
        answer(session, person, Stage.BEFORE, confidence=[4, 4])
        answer(session, person, Stage.AFTER, confidence=[3, 3])
    indicators.publish(None, partnership, [MARCH], dt.date(2024, 7, 1))
    assert figure(partnership, "TR5") == (Decimal(-1), Decimal(-3), Decimal(3))


def test_each_course_has_its_own_average_change_in_confidence(partnership, session, attended):
    for person, (before, after) in zip(attended[:3], [(2, 4), (3, 3), (2, 3)], strict=True):
        answer(session, person, Stage.BEFORE, confidence=[before, before])
        answer(session, person, Stage.AFTER, confidence=[after, after])
    indicators.publish(None, partnership, [MARCH], dt.date(2024, 7, 1))
    reference = indicators.course_reference(session.course)
    assert figure(partnership, reference) == (Decimal(1), Decimal(3), Decimal(3))  # (2 + 0 + 1) / 3
    assert session.course.title in Indicator.objects.get(reference=reference).title
