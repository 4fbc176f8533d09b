"""An attendee answers their evaluation on a phone, from the link in their e-mail, signed in
as no one; the business manager then reads the programme down to the session, its results
shown without names. Every page is checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.training import evaluations
from assure.training.models import Session, Stage

from . import layout

pytestmark = pytest.mark.browser

UPCOMING = "Recognising and responding to neglect"


def a_link_for_the_session_coming_up() -> tuple[Session, str]:
    session = Session.objects.get(
        course__partnership__slug="torbay", course__title=UPCOMING, held_on__gt=dt.date.today()
    )
    issued = evaluations.issue_links(None, session, Stage.BEFORE, dt.date.today())
    return session, issued[0].token


def test_an_attendee_answers_their_evaluation_on_a_phone(visit):
    session, token = a_link_for_the_session_coming_up()
    attendee = visit(None, viewport=layout.PHONE)
    attendee.go(f"/p/torbay/evaluate/{token}/")
    assert attendee.heading() == f"{UPCOMING}: before the session"
    assert layout.overflow(attendee.page, layout.PHONE) == []
    outcomes = session.course.outcome_list
    page = attendee.page
    page.get_by_role("group", name=outcomes[0]).get_by_label("2 a little confident").check()
    attendee.submit("Send my answers", expect=400)  # two outcomes left unrated
    assert f"Choose how confident you are: {outcomes[1]}" in attendee.text()
    assert layout.overflow(attendee.page, layout.PHONE) == []
    for outcome in outcomes[1:]:
        page.get_by_role("group", name=outcome).get_by_label("3 fairly confident").check()
    attendee.shot("training-evaluation-phone")
    attendee.submit("Send my answers")
    assert "Thank you" in attendee.heading()
    attendee.go(f"/p/torbay/evaluate/{token}/")
    assert attendee.heading() == "You have already answered"


def test_the_manager_reads_the_programme_down_to_a_session(visit):
    manager = visit("manager")
    manager.go("/p/torbay/training/")
    assert manager.heading() == "Multi-agency training"
    manager.shot("training-programme")
    manager.follow("Uptake by agency")
    assert "Torbay Council" in manager.text()
    manager.follow("Back to the programme")
    manager.follow("Child exploitation and the exploitation pathway")
    manager.follow("16 June 2020")
    text = manager.text()
    assert "What attendees now do differently" in text
    assert "Bookings" in text
    manager.shot("training-session")
