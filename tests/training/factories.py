"""Courses, sessions, bookings and evaluation answers, each made by the service a training
officer's (or an attendee's) action goes through (assure/training); learning themes come
from tests/factories.py.

    course = CourseFactory(partnership=partnership, title="Neglect: the basics")
    session = SessionFactory(course=course, capacity=1)
    AttendanceFactory(session=session, name="Social worker A", organisation=council,
                      status="attended")
    answer(session, attendance, Stage.AFTER, confidence=[3, 4])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from assure.core.models import Partnership
from assure.training import evaluations, services
from assure.training.models import Attendance, Course, EvaluationLink, Session, Stage
from tests.factories import OrganisationFactory, PartnershipFactory, ServiceFactory

DAY = dt.date(2024, 3, 12)  # a Tuesday


class CourseFactory(ServiceFactory):
    """A course of the programme with two learning outcomes (`save_course`)."""

    class Meta:
        model = Course

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Test course"
    kind = Course.Kind.COURSE
    outcomes = "Spot neglect\nAct on it"

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Course:
        return services.save_course(None, partnership, None, **fields)


class SessionFactory(ServiceFactory):
    """A session of a course, online, on Tuesday 12 March 2024 (`save_session`)."""

    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    held_on = DAY
    online = True
    place = "Microsoft Teams"
    trainer = "Training officer"
    capacity = 20

    @classmethod
    def made_by(cls, course: Course, **fields: Any) -> Session:
        return services.save_session(None, course, None, **fields)


class AttendanceFactory(ServiceFactory):
    """A booking on a session, made on the session's day (`save_attendee`), then marked
    attended, did not attend or cancelled (`set_status`) if the status says so."""

    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Social worker {n}")
    email = factory.LazyAttribute(lambda o: f"{o.name.lower().replace(' ', '.')}@example.org")
    organisation = factory.SubFactory(
        OrganisationFactory,
        partnership=factory.SelfAttribute("..session.course.partnership"),
        kind="council",
    )
    status = Attendance.Status.BOOKED

    @classmethod
    def made_by(cls, session: Session, status: str, **fields: Any) -> Attendance:
        booked = services.save_attendee(None, session, None, session.held_on, **fields)
        if status == Attendance.Status.BOOKED:
            return booked
        return services.set_status(None, booked, status, session.held_on)


def answer(session: Session, attendance: Attendance, stage: str, **fields: Any) -> None:
    """Issue this attendee's link for the stage on the day it opens (if need be) and answer
    it that day, as the attendee would through the form."""
    when = {
        Stage.BEFORE: session.held_on,
        Stage.AFTER: session.held_on,
        Stage.FOLLOW_UP: session.follow_up_on,
    }[Stage(stage)]
    evaluations.issue_links(None, session, stage, when)
    link = EvaluationLink.objects.get(attendance=attendance, stage=stage)
    evaluations.answer(link, when, **fields)
