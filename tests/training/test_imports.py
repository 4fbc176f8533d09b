"""Loading a session's bookings from the booking system's export: organisations matched by
name (never guessed), every problem named by file, row and column, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from assure.training.imports import load_attendance, plain
from tests.factories import OrganisationFactory

from .factories import SessionFactory

pytestmark = pytest.mark.usefixtures("agencies")  # Torbay Council, the police, the schools

AFTER = dt.date(2024, 3, 13)


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def load(session, content: bytes, name: str = "bookings.csv"):
    return load_attendance(None, session, name, content, AFTER)


def test_rows_are_booked_and_marked_with_their_agencies(session):
    outcome = load(
        session,
        csv(
            "Name,E-mail,Organisation,Status",
            "Social worker A,sw.a@example.org,torbay council,Attended",
            "Police constable B,pc.b@example.org,Devon & Cornwall Police,DNA",
            "Teacher C,,Torbay schools and colleges,cancelled",
        ),
    )
    assert outcome.loaded and (outcome.added, outcome.changed) == (3, 0)
    found = {a.name: (a.organisation.name, a.status) for a in session.attendances.all()}
    assert found == {
        "Social worker A": ("Torbay Council", "attended"),
        "Police constable B": ("Devon and Cornwall Police", "did_not_attend"),
        "Teacher C": ("Torbay schools and colleges", "cancelled"),
    }


def test_a_second_file_changes_the_status_of_those_already_booked(session):
    load(session, csv("name,email,agency", "Social worker A,sw.a@example.org,Torbay Council"))
    outcome = load(
        session,
        csv("name,email,agency,status", "Social worker A,SW.A@example.org,Torbay Council,attended"),
    )
    assert (outcome.added, outcome.changed) == (0, 1)
    assert [a.status for a in session.attendances.all()] == ["attended"]


def test_an_unknown_organisation_is_reported_never_guessed_and_nothing_is_loaded(session):
    outcome = load(
        session,
        csv(
            "Name,Email,Organisation,Status",
            "Social worker A,sw.a@example.org,Torbay Council,attended",
            "Nurse B,nurse.b@example.org,Torbay Hospital,attended",
            "Teacher C,t.c@example.org,Torbay schools and colleges,maybe",
        ),
    )
    assert not outcome.loaded
    said = [str(p) for p in outcome.problems]
    assert said[0].startswith(
        "bookings.csv, row 3, column 'organisation': 'Torbay Hospital' is not an organisation "
        "of this partnership (expected one of:"
    )
    assert "Torbay Council" in said[0]
    assert said[1].startswith("bookings.csv, row 4, column 'status': 'maybe' is not a status")
    assert not session.attendances.exists()


def test_another_partnerships_organisation_is_not_matched(session):
    OrganisationFactory(name="Cleveland Police")  # of a partnership of its own
    outcome = load(session, csv("name,organisation", "Officer A,Cleveland Police"))
    assert "'Cleveland Police' is not an organisation of this partnership" in str(
        outcome.problems[0]
    )


def test_a_file_that_overfills_the_session_is_refused_whole(course):
    small = SessionFactory(course=course, capacity=2)
    outcome = load(
        small,
        csv(
            "name,organisation",
            "A,Torbay Council",
            "B,Torbay Council",
            "C,Torbay Council",
        ),
    )
    assert [str(p) for p in outcome.problems] == [
        "bookings.csv, row 4, column 'name': The session is full: all 2 places are taken."
    ]
    assert not small.attendances.exists()


def test_a_missing_column_and_a_repeated_address_are_named(session):
    missing = load(session, csv("name,email", "A,a@example.org"))
    assert "No 'organisation' column" in str(missing.problems[0])
    twice = load(
        session,
        csv(
            "name,email,organisation",
            "A,a@example.org,Torbay Council",
            "B,a@example.org,Torbay Council",
        ),
    )
    assert "'a@example.org' is on row 2 too" in str(twice.problems[0])


def test_an_excel_export_is_read_too(session):
    book = Workbook()
    sheet = book.active
    sheet.append(["Delegate", "Email address", "Employer", "Attendance"])
    sheet.append(["Health visitor A", "hv.a@example.org", "Torbay Council", "Attended"])
    content = io.BytesIO()
    book.save(content)
    outcome = load(session, content.getvalue(), "export.xlsx")
    assert outcome.loaded
    assert session.attendances.get().name == "Health visitor A"


def test_names_are_matched_ignoring_case_ampersands_and_punctuation():
    assert plain("Devon & Cornwall Police.") == plain("devon and cornwall  police")
