"""The programme's rules: courses, sessions and bookings."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.audits.models import LearningTheme
from assure.core.errors import DomainError
from assure.training import services
from assure.training.models import Stage

from .conftest import DAY, answer, book, make_course, make_session


def test_a_course_needs_outcomes_and_a_title_of_its_own(torbay, course):
    with pytest.raises(DomainError, match="at least one learning outcome"):
        make_course(torbay, "Another", outcomes="  \n ")
    with pytest.raises(DomainError, match="already has a course with this title"):
        make_course(torbay, "NEGLECT: THE BASICS")


def test_a_course_cannot_be_tagged_with_another_partnerships_theme(torbay, stockton):
    theirs = LearningTheme.objects.create(partnership=stockton, name="Theirs")
    with pytest.raises(DomainError) as refused:
        make_course(torbay, "Tagged", themes=[theirs])
    assert refused.value.field == "themes"


def test_outcomes_rated_by_attendees_keep_their_number(torbay, course, session, attended):
    answer(session, attended[0], Stage.AFTER, confidence=[3, 3])
    with pytest.raises(DomainError, match="keep their number and order"):
        services.save_course(
            None, torbay, course, title=course.title, kind="course", outcomes="Only one"
        )


def test_a_full_session_takes_no_more_bookings(course, council):
    small = make_session(course, capacity=1)
    book(small, "Social worker A", council)
    with pytest.raises(DomainError, match="The session is full: all 1 places are taken."):
        book(small, "Social worker B", council)
    roomy = make_session(course, capacity=3)
    book(roomy, "Social worker A", council)
    book(roomy, "Social worker B", council)
    with pytest.raises(DomainError, match="2 places are booked: the session cannot have fewer"):
        services.save_session(
            None, course, roomy, held_on=DAY, place="Here", trainer="T", capacity=1
        )


def test_attendance_is_recorded_on_the_day_or_after(session, council):
    booked = book(session, "Social worker A", council)
    with pytest.raises(DomainError, match="record who attended on the day or after"):
        services.set_status(None, booked, "attended", DAY - dt.timedelta(days=1))
    assert services.set_status(None, booked, "attended", DAY).status == "attended"


def test_one_booking_per_address(session, council):
    book(session, "Social worker A", council, email="a@example.org")
    with pytest.raises(DomainError, match="already booked"):
        book(session, "Someone else", council, email="A@example.org")
