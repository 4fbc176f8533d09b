"""From a finding to changed practice: a recommendation in the register, plan actions with
their ratings, evidence of impact, and closing, which needs evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.audits import learning as audit_learning
from assure.core.errors import DomainError
from assure.plans import services as plans
from assure.plans.models import ActionUpdate, Recommendation
from assure.reviews import queries, recommendations
from tests.factories import ObjectiveFactory, PartnershipFactory
from tests.performance.factories import IndicatorFactory


def test_a_finding_becomes_a_recommendation_in_the_register(recommendation):
    assert recommendation.source == Recommendation.Source.CASE_REVIEW
    assert recommendation.source_title == "LCSPR-R1 Child Q: neglect"
    assert recommendation.status == Recommendation.Status.OPEN


def test_closing_a_recommendation_without_evidence_is_refused(recommendation):
    with pytest.raises(DomainError) as refused:
        recommendations.close_recommendation(None, recommendation)
    assert "only with evidence" in refused.value.message
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.OPEN


def test_the_register_marks_no_recommendation_met_without_evidence(partnership):
    with pytest.raises(DomainError) as refused:
        plans.save_recommendation(
            None,
            partnership,
            None,
            source="audit",
            reference="A9",
            text="Audit more.",
            status="met",
        )
    assert refused.value.field == "evidence_met"
    saved = plans.save_recommendation(
        None,
        partnership,
        None,
        source="audit",
        reference="A9",
        text="Audit more.",
        status="met",
        evidence_met="The re-audit in May.",
    )
    assert saved.status == "met"


def test_with_evidence_of_impact_a_recommendation_is_closed(partnership, recommendation):
    measure = IndicatorFactory(partnership=partnership)
    recommendations.record_evidence(
        None,
        recommendation,
        kind="measure",
        indicator=measure,
        text="Supervisions recorded rose.",
        recorded_on=dt.date(2021, 8, 1),
    )
    recommendations.close_recommendation(None, recommendation)
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.MET
    assert "Supervisions recorded rose." in recommendation.evidence_met
    assert str(measure) in recommendation.evidence_met


def test_evidence_names_what_it_comes_from(recommendation):
    with pytest.raises(DomainError) as refused:
        recommendations.record_evidence(
            None, recommendation, kind="audit", text="Better.", recorded_on=dt.date(2021, 8, 1)
        )
    assert refused.value.field == "case_audit"
    theirs = audit_learning.save_dip_sample(
        None,
        PartnershipFactory(),  # another partnership
        None,
        title="Another partnership's dip",
        topic="Neglect",
        carried_out_on=dt.date(2021, 6, 1),
    )
    with pytest.raises(DomainError, match="from this partnership"):
        recommendations.record_evidence(
            None,
            recommendation,
            kind="reaudit",
            dip_sample=theirs,
            text="x",
            recorded_on=dt.date(2021, 8, 1),
        )
    assert not recommendation.impact_evidence.exists()


def test_a_recommendation_becomes_an_action_whose_rating_it_shows(
    partnership, recommendation, people
):
    objective = ObjectiveFactory(priority__plan__partnership=partnership)
    action = recommendations.add_action(
        None,
        recommendation,
        objective=objective,
        code="LR-T1",
        title="Launch the tool",
        owner_person=people("owner").person,
        due_date=dt.date(2021, 12, 31),
    )
    assert list(recommendation.actions.all()) == [action]
    recommendation.refresh_from_db()
    assert recommendation.plan == action.plan  # the register names the plan that answers it
    amber = action.plan.rag_scheme.levels.get(colour="amber")
    plans.record_past_update(
        None,
        action,
        period=action.plan.reporting_period,
        rag=amber,
        progress="Briefings booked.",
        status=ActionUpdate.Status.ACCEPTED,
    )
    [row] = queries.recommendation_page(recommendation).actions
    assert row.action == action
    assert row.latest.rag == amber


def test_an_action_under_another_partnerships_plan_is_refused(recommendation):
    theirs = ObjectiveFactory()  # under a plan of a partnership of its own
    with pytest.raises(DomainError) as refused:
        recommendations.add_action(
            None,
            recommendation,
            objective=theirs,
            code="X1",
            title="x",
            owner_person=None,
            owner_organisation=None,
        )
    assert refused.value.field == "objective"
