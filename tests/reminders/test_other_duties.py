"""The deadlines the case reviews and the self-assessments keep reach the people who owe them
(`assure remind`), the exception report (those past due, case reviews only for those who read
them), and the learning themes report; training's follow-ups go out with the reminders.
Read from the demo, which places these clocks around the day it is loaded."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from assure.reminders import queries
from assure.reports.exception.model import exception_report
from assure.reports.learning.model import learning_report
from assure.reviews.deadlines import deadlines as review_deadlines

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def test_case_review_and_self_assessment_deadlines_are_reminded(torbay):
    kinds = {item.kind for item in queries.due_items(torbay, TODAY)}
    assert {"incident", "review_summary", "self_assessment"} <= kinds
    owed = [d for d in review_deadlines(torbay) if d.person is not None]
    first = min(owed, key=lambda d: d.due_on)
    mine = queries.due_items(torbay, TODAY, person=first.person)
    assert (first.kind, first.object_id) in {(i.kind, i.object_id) for i in mine}


def test_reminders_name_no_one_in_another_partnership(torbay, stockton):
    kinds = {item.kind for item in queries.due_items(stockton, TODAY)}
    assert not kinds & {"incident", "review_summary", "practice_review", "self_assessment"}


def test_the_exception_report_lists_what_is_past_due_and_hides_case_reviews_when_asked(torbay):
    report = exception_report(torbay, dt.date(2021, 5, 1), report_date=TODAY)
    late = [d for d in review_deadlines(torbay) if d.due_on < TODAY]
    assert late and len(report.late_reviews) == len(late)
    assert all("days overdue" in entry.finding for entry in report.late_reviews)
    assert report.late_returns, "the demo's Section 11 round has a return past due"
    assert all("/self-assessments/rounds/" in entry.href for entry in report.late_returns)
    hidden = exception_report(torbay, dt.date(2021, 5, 1), report_date=TODAY, case_reviews=False)
    assert hidden.late_reviews is None


@pytest.mark.parametrize(("persona", "shown"), [("manager", True), ("owner", False)])
def test_the_exception_page_shows_case_review_clocks_only_to_their_readers(
    client_as, persona, shown
):
    page = client_as(persona).get("/p/torbay/reports/exception/?month=2021-05").content.decode()
    assert ("Case review deadlines past due" in page) is shown
    assert "Self-assessment returns past due" in page


def test_learning_themes_are_counted_from_every_source_and_training_is_set_beside_them(torbay):
    report = learning_report(torbay)
    assert report.sources == [
        "Case audits and dip samples",
        "Case reviews and other sources",
        "Self-assessments",
    ]
    for source in report.sources:
        assert any(row.by_source[source] for row in report.rows), source
    assert any(row.taught for row in report.rows)


def test_remind_sends_the_training_follow_ups_that_have_fallen_due_once(mailoutbox):
    call_command("remind", "--partnership", "torbay")
    follow_ups = [m for m in mail.outbox if "three months" in (m.subject + m.body).lower()]
    assert follow_ups
    mail.outbox.clear()
    call_command("remind", "--partnership", "torbay")
    assert not [m for m in mail.outbox if "three months" in (m.subject + m.body).lower()]
