"""The stages an incident moves through (stages.TRANSITIONS), and the moves refused, each
with a message saying what must come first."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.core.errors import DomainError
from assure.reviews import practice, services, stages
from assure.reviews.models import Incident

from .conftest import notify, rapid_review, sent

Stage = Incident.Stage


def test_an_incident_goes_from_notification_to_a_published_review_and_closes(
    partnership, make_incident
):
    incident = make_incident(partnership)
    assert incident.stage == Stage.RECORDED
    notify(incident)
    assert incident.stage == Stage.NOTIFIED
    rapid_review(incident)
    services.send_rapid_review(None, incident, sent_on=dt.date(2021, 1, 20))
    assert incident.stage == Stage.REPORTED
    review = services.start_practice_review(
        None,
        incident,
        reference="LCSPR-S1",
        title="Child Q",
        reviewer="",
        lead=None,
        terms_of_reference="",
    )
    assert incident.stage == Stage.PRACTICE_REVIEW
    practice.publish_review(None, review, published_on=dt.date(2021, 6, 1), report="A link")
    incident.refresh_from_db()
    assert incident.stage == Stage.PUBLISHED
    services.close_incident(None, incident)
    assert Incident.objects.get(pk=incident.pk).stage == Stage.CLOSED


@pytest.mark.parametrize(
    ("start", "to"),
    [(s, t) for s in Stage.values for t in Stage.values if t not in stages.TRANSITIONS[s]],
)
def test_every_move_not_in_the_table_is_refused(start, to):
    incident = Incident(reference="SI-X", stage=start)
    with pytest.raises(DomainError):
        stages.move(incident, to)
    assert incident.stage == start


def test_a_rapid_review_cannot_be_sent_before_the_notification(partnership, make_incident):
    incident = make_incident(partnership)
    with pytest.raises(DomainError, match="first notify the national panel"):
        services.send_rapid_review(None, incident, sent_on=dt.date(2021, 1, 20))
    assert Incident.objects.get(pk=incident.pk).stage == Stage.RECORDED


def test_a_rapid_review_is_sent_only_decided_and_signed_off_by_the_three_partners(
    partnership, make_incident
):
    incident = notify(make_incident(partnership))
    with pytest.raises(DomainError, match="record the meeting.*signed off by the council"):
        services.send_rapid_review(None, incident, sent_on=dt.date(2021, 1, 20))
    services.record_rapid_review(
        None,
        incident,
        meeting_on=dt.date(2021, 1, 15),
        immediate_actions="",
        decision="lcspr",
        decision_reason="Learning for all.",
        decided_on=dt.date(2021, 1, 15),
        council_signed_on=dt.date(2021, 1, 16),
        police_signed_on=dt.date(2021, 1, 16),
        health_signed_on=None,
    )
    with pytest.raises(DomainError, match="signed off by the council, the police and health"):
        services.send_rapid_review(None, incident, sent_on=dt.date(2021, 1, 20))
    assert Incident.objects.get(pk=incident.pk).stage == Stage.NOTIFIED


def test_a_decision_needs_its_reason(partnership, make_incident):
    incident = notify(make_incident(partnership))
    with pytest.raises(DomainError) as refused:
        services.record_rapid_review(
            None,
            incident,
            meeting_on=dt.date(2021, 1, 15),
            immediate_actions="",
            decision="no_lcspr",
            decision_reason=" ",
            decided_on=dt.date(2021, 1, 15),
        )
    assert refused.value.field == "decision_reason"


def test_an_incident_that_decided_on_a_practice_review_is_not_closed_before_it(
    partnership, make_incident
):
    incident = sent(make_incident(partnership))
    with pytest.raises(DomainError, match="start it, and publish it"):
        services.close_incident(None, incident)


def test_no_practice_review_is_started_where_the_rapid_review_decided_on_none(
    partnership, make_incident
):
    incident = sent(make_incident(partnership), decision="no_lcspr")
    with pytest.raises(DomainError, match="did not decide on a local practice review"):
        services.start_practice_review(
            None,
            incident,
            reference="LCSPR-S2",
            title="x",
            reviewer="",
            lead=None,
            terms_of_reference="",
        )
    services.close_incident(None, incident)
    with pytest.raises(DomainError, match="closed: nothing more"):
        notify(incident)
    with pytest.raises(DomainError, match="closed: it can no longer be changed"):
        services.record_incident(
            None,
            partnership,
            incident,
            reference=incident.reference,
            child_reference="Child Q",
            kind="harm",
            incident_on=incident.incident_on,
            aware_on=incident.aware_on,
        )


def test_a_notification_is_recorded_once(partnership, make_incident):
    incident = notify(make_incident(partnership))
    with pytest.raises(DomainError, match="stage 'rapid review under way'"):
        notify(incident)


def test_a_looked_after_childs_death_is_not_notified_without_the_secretary_of_state(
    partnership, make_incident
):
    incident = make_incident(partnership, kind="death", looked_after=True)
    with pytest.raises(DomainError) as refused:
        notify(incident)
    assert refused.value.field == "secretary_of_state_on"
    assert Incident.objects.get(pk=incident.pk).stage == Stage.RECORDED
