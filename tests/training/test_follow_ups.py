"""The three-month follow-up: sent by `assure remind` on time, not early, once; a dry run
sends nothing."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from assure.training.follow_ups import send_follow_ups
from assure.training.models import EvaluationLink, Stage

from .factories import AttendanceFactory, SessionFactory

DUE = dt.date(2024, 6, 12)  # three months after the session of 12 March 2024


def ours(session, today, **options):
    """The follow-ups of the session's partnership alone."""
    return send_follow_ups(today, slugs=[session.course.partnership.slug], **options)


def test_not_sent_the_day_before_it_falls_due(session, attended, mailoutbox):
    assert ours(session, DUE - dt.timedelta(days=1)) == []
    assert mailoutbox == []


def test_sent_on_the_day_to_those_who_came_once(session, attended, mailoutbox):
    done = ours(session, DUE)
    assert [(d.session, d.attendees, d.sent) for d in done] == [(str(session), 3, True)]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "police.constable.c@example.org",
        "social.worker.a@example.org",
        "social.worker.b@example.org",
    ]
    assert (
        EvaluationLink.objects.filter(
            attendance__session=session, stage=Stage.FOLLOW_UP, sent_on=DUE
        ).count()
        == 3
    )
    assert ours(session, DUE) == [] and ours(session, DUE + dt.timedelta(days=1)) == []
    assert len(mailoutbox) == 3


def test_the_e_mail_links_to_the_follow_up_form(session, attended, mailoutbox, settings):
    settings.ASSURE_BASE_URL = "https://assure.example.gov.uk"
    ours(session, DUE)
    link = re.search(r"https://assure\.example\.gov\.uk(/\S+)", mailoutbox[0].body)
    assert link
    page = Client().get(link.group(1))
    assert page.status_code == 200
    assert "Has the training changed your practice?" in page.content.decode()


def test_a_dry_run_sends_and_records_nothing(session, attended, mailoutbox):
    done = ours(session, DUE, dry_run=True)
    assert [d.attendees for d in done] == [3]
    assert "Would send" in str(done[0])
    assert mailoutbox == []
    mine = EvaluationLink.objects.filter(attendance__session=session, stage=Stage.FOLLOW_UP)
    assert not mine.exists()


def test_one_left_unsent_for_months_is_not_sent_late(session, attended, mailoutbox):
    assert ours(session, DUE + dt.timedelta(days=120)) == []


def test_an_address_the_mail_server_refuses_is_tried_again_the_next_day(
    session, attended, mailoutbox, monkeypatch
):
    from django.core import mail

    from assure.training import evaluations

    def refuse_the_police(subject, body, sender, to):
        if to[0].startswith("police"):
            raise ConnectionRefusedError("mail server refused")
        return mail.send_mail(subject, body, sender, to)

    monkeypatch.setattr(evaluations, "send_mail", refuse_the_police)
    first = ours(session, DUE)
    assert (first[0].attendees, first[0].sent) == (2, True)
    assert "police.constable.c@example.org: mail server refused" in first[0].error
    monkeypatch.undo()
    second = ours(session, DUE + dt.timedelta(days=1))
    assert [(d.attendees, d.sent, d.error) for d in second] == [(1, True, "")]
    assert sorted(m.to[0] for m in mailoutbox)[0] == "police.constable.c@example.org"
    assert len(mailoutbox) == 3


def test_at_a_month_end_it_is_sent_on_the_day_the_page_gives(course, council, mailoutbox):
    """Held 30 November: three months on is 28 February (no 30th), as the session's page
    says; the follow-up goes that day, not a day or two after."""
    held = SessionFactory(course=course, held_on=dt.date(2025, 11, 30))
    AttendanceFactory(session=held, name="Social worker M", organisation=council, status="attended")
    assert held.follow_up_on == dt.date(2026, 2, 28)
    assert not send_follow_ups(dt.date(2026, 2, 27))
    assert [f.session for f in send_follow_ups(dt.date(2026, 2, 28))] == [str(held)]
