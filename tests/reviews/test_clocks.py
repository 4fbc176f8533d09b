"""The working-day clocks of a case review: five working days to notify, 15 to the rapid
review's report, six months to publication; weekends, bank holidays and the day of becoming
aware never count. And every open clock is a deadline; a met one leaves the list."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.reviews import clocks, practice, services
from assure.reviews.deadlines import deadlines
from assure.reviews.models import AgencyRequest

from .conftest import notify, sent


@pytest.mark.parametrize(
    ("aware", "due"),
    [
        (dt.date(2021, 1, 11), dt.date(2021, 1, 18)),  # a Monday: the day itself never counts
        (dt.date(2021, 1, 6), dt.date(2021, 1, 13)),  # a Wednesday, over a weekend
        (dt.date(2021, 1, 2), dt.date(2021, 1, 8)),  # a Saturday: counts from Monday
        (dt.date(2020, 12, 31), dt.date(2021, 1, 8)),  # New Year's Day is a bank holiday
        (dt.date(2021, 4, 1), dt.date(2021, 4, 12)),  # Good Friday and Easter Monday
    ],
)
def test_a_notification_is_due_five_working_days_after_becoming_aware(
    partnership, make_incident, aware, due
):
    incident = make_incident(partnership, incident_on=aware, aware_on=aware)
    assert clocks.notification_due(incident) == due


def test_the_rapid_review_is_due_fifteen_working_days_after_the_notification(
    partnership, make_incident
):
    aware = dt.date(2020, 12, 4)
    incident = notify(
        make_incident(partnership, incident_on=aware, aware_on=aware), on=dt.date(2020, 12, 7)
    )
    # 8-11, 14-18, 21-24 December are 13 working days; Christmas and the Boxing Day
    # holiday (Monday 28th) are not; the 29th and 30th are the 14th and 15th.
    assert clocks.rapid_review_due(incident) == dt.date(2020, 12, 30)


def test_a_notification_on_the_fifth_working_day_is_in_time_and_on_the_sixth_late(
    partnership, make_incident
):
    on_time = notify(make_incident(partnership), on=dt.date(2021, 1, 13))
    late = notify(make_incident(partnership), on=dt.date(2021, 1, 14))
    assert clocks.notified_in_time(on_time) is True
    assert clocks.notified_in_time(late) is False


def test_publication_is_expected_six_months_from_the_decision_or_as_a_delay_says(
    partnership, make_incident
):
    incident = sent(make_incident(partnership))
    review = services.start_practice_review(
        None,
        incident,
        reference="LCSPR-T1",
        title="Child Q",
        reviewer="",
        lead=None,
        terms_of_reference="",
    )
    assert clocks.publication_expected(review) == dt.date(2021, 7, 18)
    practice.record_delay(
        None,
        review,
        reason="Criminal proceedings",
        expected_on=dt.date(2021, 10, 1),
        recorded_on=dt.date(2021, 6, 1),
    )
    review.refresh_from_db()
    assert clocks.publication_expected(review) == dt.date(2021, 10, 1)


def _mine(partnership, pks):
    return [d for d in deadlines(partnership) if d.object_id in pks]


def test_each_open_clock_is_a_deadline_and_leaves_when_it_is_met(
    partnership, make_incident, people
):
    incident = make_incident(partnership, lead=people("manager").person)
    [owed] = [
        d for d in deadlines(partnership) if (d.kind, d.object_id) == ("incident", incident.pk)
    ]
    assert owed.due_on == dt.date(2021, 1, 13)
    assert owed.person == people("manager").person
    assert "Notify the national panel and Ofsted" in owed.label

    notify(incident)
    [owed] = [
        d for d in deadlines(partnership) if (d.kind, d.object_id) == ("incident", incident.pk)
    ]
    assert owed.label.startswith("Send the rapid review")
    assert owed.due_on == clocks.rapid_review_due(incident)

    police = people("owner")
    [asked] = services.ask_agencies(
        None,
        incident,
        agencies=[police.person.organisation],
        due_on=dt.date(2021, 1, 20),
        people={police.person.organisation_id: police.person},
    )
    summary = [d for d in deadlines(partnership) if d.path.endswith(f"requests/{asked.pk}/")]
    assert [(d.due_on, d.person) for d in summary] == [(dt.date(2021, 1, 20), police.person)]
    services.return_request(police, asked, text="Two callouts in a year.")
    assert not [d for d in deadlines(partnership) if d.path.endswith(f"requests/{asked.pk}/")]


def test_a_looked_after_childs_death_is_owed_to_the_secretary_of_state_too(
    partnership, make_incident
):
    incident = make_incident(partnership, kind="death", looked_after=True)
    [owed] = [
        d for d in deadlines(partnership) if (d.kind, d.object_id) == ("incident", incident.pk)
    ]
    assert "Secretary of State" in owed.label


def test_a_request_no_longer_open_is_no_deadline(partnership, make_incident):
    incident = notify(make_incident(partnership))
    [asked] = services.ask_agencies(
        None, incident, agencies=list(incident.agencies.all())[:1], due_on=dt.date(2021, 1, 20)
    )
    assert asked.kind == AgencyRequest.Kind.SUMMARY
    assert any(d.path.endswith(f"requests/{asked.pk}/") for d in deadlines(partnership))
    from .conftest import rapid_review

    rapid_review(incident)
    services.send_rapid_review(None, incident, sent_on=dt.date(2021, 1, 25))
    assert not any(d.path.endswith(f"requests/{asked.pk}/") for d in deadlines(partnership))
