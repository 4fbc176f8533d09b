"""Small factories for case reviews: an incident recorded, notified, rapid-reviewed and sent,
built through the services with the dates a test names, on a partnership of its own whose
council, police and health agencies are made when first asked for; and the personas of the
partnership, its action owner a police officer (as the demo's is)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from assure.audits import learning as audit_learning
from assure.core.models import Membership, Partnership
from assure.partnership.models import Organisation
from assure.plans import services as plans
from assure.plans.models import Action, ActionUpdate, Recommendation
from assure.reviews import practice, recommendations, services
from assure.reviews.models import ImpactEvidence, Incident, Review
from tests.factories import ObjectiveFactory, OrganisationFactory, PersonFactory

AWARE = dt.date(2021, 1, 6)  # a Wednesday
NOTIFIED = dt.date(2021, 1, 11)


def partners(partnership: Partnership) -> list[Organisation]:
    """The partnership's council, police and health agencies, made when first asked for."""
    return [agency(partnership, kind) for kind in ["council", "police", "health"]]


def agency(partnership: Partnership, kind: str) -> Organisation:
    found = Organisation.objects.filter(partnership=partnership, kind=kind).first()
    return found or OrganisationFactory(partnership=partnership, kind=kind)


@pytest.fixture
def people(partnership, member) -> Callable[[str], Membership]:
    """The one member of `partnership` with each role; the action owner ("owner") works for
    the partnership's police, so the summaries asked of the police are theirs to write."""
    made: dict[str, Membership] = {}

    def find(role: str) -> Membership:
        if role not in made:
            fields: dict[str, Any] = {}
            if role == "owner":
                police = agency(partnership, "police")
                fields["person"] = PersonFactory(partnership=partnership, organisation=police)
            made[role] = member(role, **fields)
        return made[role]

    return find


@pytest.fixture
def make_incident(db) -> Callable[..., Incident]:
    count = iter(range(1, 100))

    def make(partnership: Partnership, **fields: Any) -> Incident:
        values = {
            "reference": f"SI-TEST-{next(count):02d}",
            "child_reference": "Child Q",
            "kind": Incident.Kind.HARM,
            "incident_on": AWARE - dt.timedelta(days=1),
            "aware_on": AWARE,
            "agencies": partners(partnership),
        }
        return services.record_incident(None, partnership, None, **(values | fields))

    return make


def notify(incident: Incident, on: dt.date = NOTIFIED) -> Incident:
    return services.notify(None, incident, panel_on=on, ofsted_on=on)


def rapid_review(incident: Incident, decision: str = Incident.Decision.LCSPR) -> Incident:
    on = incident.notified_panel_on + dt.timedelta(days=7)  # type: ignore[operator]
    return services.record_rapid_review(
        None,
        incident,
        meeting_on=on,
        immediate_actions="A strategy discussion for the siblings.",
        decision=decision,
        decision_reason="The case may show learning for every agency.",
        decided_on=on,
        council_signed_on=on,
        police_signed_on=on,
        health_signed_on=on,
    )


def sent(incident: Incident, decision: str = Incident.Decision.LCSPR) -> Incident:
    rapid_review(notify(incident), decision)
    return services.send_rapid_review(
        None,
        incident,
        sent_on=incident.decided_on + dt.timedelta(days=2),  # type: ignore[operator]
    )


def practice_review(incident: Incident, reference: str = "LCSPR-R1", **fields: Any) -> Review:
    """The local practice review the rapid review decided on (the incident sent first)."""
    values = {"title": "Child Q: neglect", "reviewer": "", "lead": None, "terms_of_reference": ""}
    return services.start_practice_review(
        None, sent(incident), reference=reference, **(values | fields)
    )


def recommended(
    review: Review, reference: str = "R1", text: str = "No one put it together."
) -> Recommendation:
    """A finding of the review and the recommendation answering it."""
    finding = practice.add_finding(
        None, review=review, text=text, found_on=dt.date(2021, 5, 1), themes=[]
    )
    return recommendations.recommend(
        None,
        finding,
        reference=reference,
        text="Adopt one neglect tool.",
        issued_on=dt.date(2021, 5, 1),
    )


@pytest.fixture
def recommendation(partnership, make_incident) -> Recommendation:
    return recommended(practice_review(make_incident(partnership)))


def rated_action(recommendation: Recommendation, code: str, colour: str, owner: Any) -> Action:
    """A plan action answering the recommendation, its accepted update rated `colour`."""
    objective = ObjectiveFactory(priority__plan__partnership=recommendation.partnership)
    action = recommendations.add_action(
        None,
        recommendation,
        objective=objective,
        code=code,
        title="Launch the tool",
        owner_person=owner,
        due_date=dt.date(2021, 12, 31),
    )
    plans.record_past_update(
        None,
        action,
        period=action.plan.reporting_period,
        rag=action.plan.rag_scheme.levels.get(colour=colour),
        progress="Briefings booked.",
        status=ActionUpdate.Status.ACCEPTED,
    )
    return action


def dip_sampled(recommendation: Recommendation, title: str) -> ImpactEvidence:
    """Evidence of impact from a dip sample of the recommendation's partnership."""
    dip = audit_learning.save_dip_sample(
        None,
        recommendation.partnership,
        None,
        title=title,
        topic="Neglect",
        carried_out_on=dt.date(2021, 6, 1),
    )
    return recommendations.record_evidence(
        None,
        recommendation,
        kind="reaudit",
        dip_sample=dip,
        text="Fewer drifted.",
        recorded_on=dt.date(2021, 8, 1),
    )
