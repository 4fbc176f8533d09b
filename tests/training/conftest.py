"""The training tests' partnership: its agencies, a learning theme, a course with a session
on 12 March 2024, and the session's register, built through the services
(tests/training/factories.py) on a partnership of its own, not the demo's programme."""

from __future__ import annotations

import pytest

from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.training.models import Attendance, Course, Session
from tests.factories import LearningThemeFactory, OrganisationFactory

from .factories import AttendanceFactory, CourseFactory, SessionFactory

AGENCIES = {
    "Torbay Council": Organisation.Kind.COUNCIL,
    "Devon and Cornwall Police": Organisation.Kind.POLICE,
    "Torbay schools and colleges": Organisation.Kind.EDUCATION,
}


@pytest.fixture
def agencies(partnership: Partnership) -> dict[str, Organisation]:
    """The partnership's council, police and schools, by name."""
    return {
        name: OrganisationFactory(partnership=partnership, name=name, kind=kind)
        for name, kind in AGENCIES.items()
    }


@pytest.fixture
def council(agencies: dict[str, Organisation]) -> Organisation:
    return agencies["Torbay Council"]


@pytest.fixture
def police(agencies: dict[str, Organisation]) -> Organisation:
    return agencies["Devon and Cornwall Police"]


@pytest.fixture
def theme(partnership: Partnership) -> LearningTheme:
    return LearningThemeFactory(partnership=partnership, name="Drift and delay")


@pytest.fixture
def course(partnership: Partnership) -> Course:
    return CourseFactory(partnership=partnership, title="Neglect: the basics")


@pytest.fixture
def session(course: Course) -> Session:
    return SessionFactory(course=course)


@pytest.fixture
def attended(session: Session, council: Organisation, police: Organisation) -> list[Attendance]:
    """Three who came (two council, one police), one who did not, one who cancelled."""
    return [
        AttendanceFactory(session=session, name=name, organisation=agency, status=status)
        for name, agency, status in [
            ("Social worker A", council, "attended"),
            ("Social worker B", council, "attended"),
            ("Police constable C", police, "attended"),
            ("Health visitor D", council, "did_not_attend"),
            ("Teacher E", council, "cancelled"),
        ]
    ]
