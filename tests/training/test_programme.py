"""The programme's rules: courses, sessions and bookings."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.core.errors import DomainError
from assure.training import services
from assure.training.models import Stage
from tests.factories import LearningThemeFactory

from .factories import DAY, AttendanceFactory, CourseFactory, SessionFactory, answer


def test_a_course_needs_outcomes_and_a_title_of_its_own(partnership, course):
    with pytest.raises(DomainError, match="at least one learning outcome"):
        CourseFactory(partnership=partnership, title="Another", outcomes="  \n ")
    with pytest.raises(DomainError, match="already has a course with this title"):
        CourseFactory(partnership=partnership, title="NEGLECT: THE BASICS")


def test_a_course_cannot_be_tagged_with_another_partnerships_theme(partnership):
    theirs = LearningThemeFactory(name="Theirs")  # of a partnership of its own
    with pytest.raises(DomainError) as refused:
        CourseFactory(partnership=partnership, title="Tagged", themes=[theirs])
    assert refused.value.field == "themes"


def test_outcomes_rated_by_attendees_keep_their_number(partnership, course, session, attended):
    answer(session, attended[0], Stage.AFTER, confidence=[3, 3])
    with pytest.raises(DomainError, match="keep their number and order"):
        services.save_course(
            None, partnership, course, title=course.title, kind="course", outcomes="Only one"
        )


def test_a_full_session_takes_no_more_bookings(course, council):
    small = SessionFactory(course=course, capacity=1)
    AttendanceFactory(session=small, name="Social worker A", organisation=council)
    with pytest.raises(DomainError, match="The session is full: all 1 places are taken."):
        AttendanceFactory(session=small, name="Social worker B", organisation=council)
    roomy = SessionFactory(course=course, capacity=3)
    AttendanceFactory(session=roomy, name="Social worker A", organisation=council)
    AttendanceFactory(session=roomy, name="Social worker B", organisation=council)
    with pytest.raises(DomainError, match="2 places are booked: the session cannot have fewer"):
        services.save_session(
            None, course, roomy, held_on=DAY, place="Here", trainer="T", capacity=1
        )


def test_attendance_is_recorded_on_the_day_or_after(session, council):
    booked = AttendanceFactory(session=session, name="Social worker A", organisation=council)
    with pytest.raises(DomainError, match="record who attended on the day or after"):
        services.set_status(None, booked, "attended", DAY - dt.timedelta(days=1))
    assert services.set_status(None, booked, "attended", DAY).status == "attended"


def test_one_booking_per_address(session, council):
    AttendanceFactory(
        session=session, name="Social worker A", organisation=council, email="a@example.org"
    )
    with pytest.raises(DomainError, match="already booked"):
        AttendanceFactory(
            session=session, name="Someone else", organisation=council, email="A@example.org"
        )
