"""The deadlines the case reviews and the self-assessments keep reach the people who owe them
(`assure remind`), the exception report (those past due, case reviews only for those who read
them), and the learning themes report; training's follow-ups go out with the reminders.
Built on a partnership of its own: an incident whose notification is past due, led by the
business manager, a self-assessment return past due, owed by an agency's lead, and a
learning theme found in every source and taught."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.management import call_command

from analytics.periods import add_months
from assure.assessments import scrutiny
from assure.assessments import services as assessments
from assure.assessments.models import Level
from assure.audits import learning as audits
from assure.core.models import Membership
from assure.reminders import queries
from assure.reports.exception.model import exception_report
from assure.reports.learning.model import learning_report
from assure.reviews import practice
from assure.reviews import services as case_reviews
from assure.reviews.deadlines import deadlines as review_deadlines
from assure.reviews.models import Incident, Review
from assure.training.models import Attendance
from tests.assessments.factories import DUE, RoundFactory, make_agency
from tests.factories import LearningThemeFactory, PartnershipFactory, signed_in
from tests.training.factories import AttendanceFactory, CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@dataclass(frozen=True)
class Owed:
    incident: Incident
    manager: Membership


@pytest.fixture
def owed(partnership, member) -> Owed:
    """An incident of 2021 not yet notified, led by the manager, and a Section 11 round whose
    return from an agency is past due."""
    manager = member("manager")
    incident = case_reviews.record_incident(
        None,
        partnership,
        None,
        reference="SI-2021-01",
        child_reference="Child Q",
        kind=Incident.Kind.HARM,
        incident_on=dt.date(2021, 4, 5),
        aware_on=dt.date(2021, 4, 6),
        lead=manager.person,
    )
    agency = make_agency(partnership, "Alpha Trust")
    RoundFactory(partnership=partnership, organisations=[agency.organisation])
    return Owed(incident, manager)


def test_case_review_and_self_assessment_deadlines_are_reminded(partnership, owed):
    kinds = {item.kind for item in queries.due_items(partnership, TODAY)}
    assert {"incident", "self_assessment"} <= kinds
    owed_by = [d for d in review_deadlines(partnership) if d.person is not None]
    first = min(owed_by, key=lambda d: d.due_on)
    mine = queries.due_items(partnership, TODAY, person=first.person)
    assert (first.kind, first.object_id) in {(i.kind, i.object_id) for i in mine}


def test_reminders_name_no_one_in_another_partnership(owed):
    other = PartnershipFactory()
    kinds = {item.kind for item in queries.due_items(other, TODAY)}
    assert not kinds & {"incident", "review_summary", "practice_review", "self_assessment"}


def test_the_exception_report_lists_what_is_past_due_and_hides_case_reviews_when_asked(
    partnership, owed
):
    report = exception_report(partnership, dt.date(2021, 5, 1), report_date=TODAY)
    late = [d for d in review_deadlines(partnership) if d.due_on < TODAY]
    assert late and len(report.late_reviews) == len(late)
    assert all("days overdue" in entry.finding for entry in report.late_reviews)
    assert report.late_returns, "the round's return is past due"
    assert all("/self-assessments/rounds/" in entry.href for entry in report.late_returns)
    hidden = exception_report(
        partnership, dt.date(2021, 5, 1), report_date=TODAY, case_reviews=False
    )
    assert hidden.late_reviews is None


@pytest.mark.parametrize(("persona", "shown"), [("manager", True), ("owner", False)])
def test_the_exception_page_shows_case_review_clocks_only_to_their_readers(
    partnership, owed, member, persona, shown
):
    reader = owed.manager if persona == "manager" else member(persona)
    path = f"/p/{partnership.slug}/reports/exception/?month=2021-05"
    page = signed_in(reader).get(path).content.decode()
    assert ("Case review deadlines past due" in page) is shown
    assert "Self-assessment returns past due" in page


def found_everywhere_and_taught(partnership, auditor) -> None:
    """A theme found in a dip sample, a national review and a self-assessment return, and
    taught on a course attended: each through the service a user's action goes through."""
    theme = LearningThemeFactory(partnership=partnership, name="Neglect")
    dip = audits.save_dip_sample(
        None, partnership, None, title="Neglect dip", topic="Neglect",
        carried_out_on=dt.date(2024, 6, 3),
    )  # fmt: skip
    audits.add_finding(None, dip, kind="development", text="Drift in plans.", theme=theme)
    review = practice.save_review(
        None, partnership, None, reference="NAT-T1", kind=Review.Kind.NATIONAL,
        title="Child protection in England", source="The national panel",
    )  # fmt: skip
    practice.add_finding(
        None, review=review, text="Neglect unseen.", found_on=dt.date(2024, 9, 2), themes=[theme]
    )
    agency = make_agency(partnership, "Alpha Trust")
    sent = RoundFactory(partnership=partnership, organisations=[agency.organisation])
    draft = sent.returns.get()
    met = Level.objects.get(framework=sent.framework, label="Met")
    entries = {
        r.standard_id: assessments.Entry(level=met, evidence="Policy reviewed", actions="")
        for r in draft.ratings.all()
    }
    assessments.save_draft(agency.member, draft, entries)
    submitted = assessments.submit_return(
        agency.member, draft, signed_off_by="Chief Executive",
        signed_off_role="Chief Executive of the agency", today=DUE,
    )  # fmt: skip
    scrutiny.record_findings(auditor, submitted, note="Neglect training low", themes=[theme])
    course = CourseFactory(partnership=partnership, themes=[theme])
    session = SessionFactory(course=course, held_on=dt.date(2024, 10, 8))
    AttendanceFactory(session=session, status=Attendance.Status.ATTENDED)


def test_learning_themes_are_counted_from_every_source_and_training_is_set_beside_them(
    partnership, member
):
    found_everywhere_and_taught(partnership, member("auditor"))
    report = learning_report(partnership)
    assert report.sources == [
        "Case audits and dip samples",
        "Case reviews and other sources",
        "Self-assessments",
    ]
    for source in report.sources:
        assert any(row.by_source[source] for row in report.rows), source
    assert any(row.taught for row in report.rows)


def test_remind_sends_the_training_follow_ups_that_have_fallen_due_once(partnership, mailoutbox):
    session = SessionFactory(course__partnership=partnership, held_on=add_months(TODAY, -3))
    AttendanceFactory(session=session, status=Attendance.Status.ATTENDED)
    call_command("remind", "--partnership", partnership.slug)
    follow_ups = [m for m in mail.outbox if "three months" in (m.subject + m.body).lower()]
    assert follow_ups
    mail.outbox.clear()
    call_command("remind", "--partnership", partnership.slug)
    assert not [m for m in mail.outbox if "three months" in (m.subject + m.body).lower()]
