"""Small factories for the training tests: a course, a session, bookings and answers, made
through the services (not the demo's programme), in the partnership a test names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.training import evaluations, services
from assure.training.models import Attendance, Course, EvaluationLink, Session, Stage

DAY = dt.date(2024, 3, 12)  # a Tuesday


def agency(partnership: Partnership, name: str) -> Organisation:
    return Organisation.objects.get(partnership=partnership, name=name)


def make_course(partnership: Partnership, title: str = "Test course", **fields: Any) -> Course:
    fields.setdefault("outcomes", "Spot neglect\nAct on it")
    fields.setdefault("kind", Course.Kind.COURSE)
    return services.save_course(None, partnership, None, title=title, **fields)


def make_session(course: Course, held_on: dt.date = DAY, capacity: int = 20) -> Session:
    return services.save_session(
        None,
        course,
        None,
        held_on=held_on,
        online=True,
        place="Microsoft Teams",
        trainer="Training officer",
        capacity=capacity,
    )


def book(
    session: Session, name: str, organisation: Organisation, status: str = "booked", email: str = ""
) -> Attendance:
    email = email or f"{name.lower().replace(' ', '.')}@example.org"
    attendance = services.save_attendee(
        None, session, None, session.held_on, name=name, email=email, organisation=organisation
    )
    if status != Attendance.Status.BOOKED:
        attendance = services.set_status(None, attendance, status, session.held_on)
    return attendance


def answer(session: Session, attendance: Attendance, stage: str, **fields: Any) -> None:
    """Issue this attendee's link for the stage (if need be) and answer it."""
    when = {
        Stage.BEFORE: session.held_on,
        Stage.AFTER: session.held_on,
        Stage.FOLLOW_UP: session.follow_up_on,
    }[Stage(stage)]
    evaluations.issue_links(None, session, stage, when)
    link = EvaluationLink.objects.get(attendance=attendance, stage=stage)
    evaluations.answer(link, when, **fields)


@pytest.fixture
def council(torbay: Partnership) -> Organisation:
    return agency(torbay, "Torbay Council")


@pytest.fixture
def police(torbay: Partnership) -> Organisation:
    return agency(torbay, "Devon and Cornwall Police")


@pytest.fixture
def theme(torbay: Partnership) -> LearningTheme:
    return LearningTheme.objects.get(partnership=torbay, name="Drift and delay")


@pytest.fixture
def course(torbay: Partnership) -> Course:
    return make_course(torbay, "Neglect: the basics")


@pytest.fixture
def session(course: Course) -> Session:
    return make_session(course)


@pytest.fixture
def attended(session: Session, council: Organisation, police: Organisation) -> list[Attendance]:
    """Three who came (two council, one police), one who did not, one who cancelled."""
    return [
        book(session, "Social worker A", council, "attended"),
        book(session, "Social worker B", council, "attended"),
        book(session, "Police constable C", police, "attended"),
        book(session, "Health visitor D", council, "did_not_attend"),
        book(session, "Teacher E", council, "cancelled"),
    ]


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
