"""Training figures written into the performance framework: each month's, computed by hand,
and an agency's figures never counting another partnership's sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from analytics.periods import month_end
from assure.partnership.models import Organisation
from assure.performance.models import Indicator, Observation
from assure.training import indicators, queries
from assure.training.models import Stage

from .conftest import answer, book, make_course, make_session

MARCH = dt.date(2024, 3, 1)


def figure(partnership, reference, month=MARCH):
    found = Observation.objects.get(
        indicator__partnership=partnership,
        indicator__reference=reference,
        period_end=month_end(month),
    )
    return found.value, found.numerator, found.denominator


def test_a_months_figures_go_to_the_framework(torbay, session, attended, council, police):
    a, b, c = attended[:3]
    answer(session, a, Stage.BEFORE, confidence=[2, 2])
    answer(session, a, Stage.AFTER, confidence=[4, 4])  # rose
    answer(session, b, Stage.BEFORE, confidence=[4, 4])
    answer(session, b, Stage.AFTER, confidence=[4, 4])  # did not
    answer(session, c, Stage.BEFORE, confidence=[1, 2])
    answer(session, c, Stage.AFTER, confidence=[3, 3])  # rose
    answer(session, c, Stage.FOLLOW_UP, practice_changed=True, example="I escalate sooner.")
    indicators.publish(None, torbay, [MARCH, dt.date(2024, 6, 1)], dt.date(2024, 7, 1))
    assert figure(torbay, "TR1")[0] == Decimal(3)
    assert figure(torbay, "TR2") == (Decimal(25), Decimal(1), Decimal(4))
    assert figure(torbay, "TR3") == (Decimal("66.6667"), Decimal(2), Decimal(3))
    # The average change: a +0 (2 to 4 is +2; 4 to 4 is 0; 1.5 to 3 is +1.5) over three.
    assert figure(torbay, "TR5") == (Decimal("1.1667"), Decimal("3.5"), Decimal(3))
    # One follow-up is one attendee's answer: no share is published from it.
    with pytest.raises(Observation.DoesNotExist):
        figure(torbay, "TR4", dt.date(2024, 6, 1))
    assert figure(torbay, indicators.agency_reference(council))[0] == Decimal(2)
    assert figure(torbay, indicators.agency_reference(police))[0] == Decimal(1)
    again = indicators.publish(None, torbay, [MARCH], dt.date(2024, 7, 1))
    assert again.written == 0  # the same figures again change nothing


def test_an_agencys_figures_exclude_other_partnerships(torbay, stockton, session, attended):
    theirs = Organisation.objects.filter(partnership=stockton).first()
    other = make_session(make_course(stockton, "Their course"), held_on=session.held_on)
    for name in ("X", "Y", "Z"):
        book(other, f"Stockton worker {name}", theirs, "did_not_attend")
    indicators.publish(None, torbay, [MARCH], dt.date(2024, 7, 1))
    assert figure(torbay, "TR1")[0] == Decimal(3)
    assert figure(torbay, "TR2") == (Decimal(25), Decimal(1), Decimal(4))
    first, last = MARCH, month_end(MARCH)
    agencies = {row.organisation.name for row in queries.uptake(torbay, first, last)}
    assert theirs.name not in agencies
    council = next(
        r for r in queries.uptake(torbay, first, last) if r.organisation.name == "Torbay Council"
    )
    assert (council.counts.attended, council.counts.did_not_attend) == (2, 1)


def test_an_average_fall_in_confidence_is_kept_below_nought(torbay, session, attended):
    for person in attended[:3]:
        answer(session, person, Stage.BEFORE, confidence=[4, 4])
        answer(session, person, Stage.AFTER, confidence=[3, 3])
    indicators.publish(None, torbay, [MARCH], dt.date(2024, 7, 1))
    assert figure(torbay, "TR5") == (Decimal(-1), Decimal(-3), Decimal(3))


def test_each_course_has_its_own_average_change_in_confidence(torbay, session, attended):
    for person, (before, after) in zip(attended[:3], [(2, 4), (3, 3), (2, 3)], strict=True):
        answer(session, person, Stage.BEFORE, confidence=[before, before])
        answer(session, person, Stage.AFTER, confidence=[after, after])
    indicators.publish(None, torbay, [MARCH], dt.date(2024, 7, 1))
    reference = indicators.course_reference(session.course)
    assert figure(torbay, reference) == (Decimal(1), Decimal(3), Decimal(3))  # (2 + 0 + 1) / 3
    assert session.course.title in Indicator.objects.get(reference=reference).title
