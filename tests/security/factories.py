"""A partnership with a record behind every page, for the walks of test_matrix.py: each record
made by the service a user's action goes through, by the factories of tests/factories.py,
tests/{meetings,performance,assessments,training,api}/factories.py, or here where none makes
it (a case review's stages, an audit's programme and agencies' returns, a self-assessment
return rated and submitted, a meeting's agenda, a load of returns).

    lead = furnish(partnership, people, workforce)  # people(Role.CONTRIBUTOR) is a police officer
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from assure.api import services as api
from assure.assessments import scrutiny
from assure.assessments import services as assessments
from assure.assessments.models import Level
from assure.audits import arrangements, learning
from assure.audits import services as audits
from assure.audits.models import AuditTool
from assure.core.models import Membership, Partnership, Role
from assure.datasets import services as datasets
from assure.exploitation import services as exploitation
from assure.meetings import services as meetings
from assure.partnership import services as structure
from assure.partnership.models import Organisation
from assure.plans import services as plans
from assure.plans.models import ActionUpdate, Plan
from assure.reviews import practice, recommendations
from assure.reviews import services as reviews
from assure.reviews.models import AgencyRequest, Incident
from tests.api.factories import (
    CompletedAuditFactory,
    interviewed,
)
from tests.assessments.factories import FrameworkFactory, RoundFactory, make_agency
from tests.audits.factories import ToolFactory
from tests.exploitation.factories import ChildFactory
from tests.factories import (
    ActionFactory,
    GroupFactory,
    LearningThemeFactory,
    MemberFactory,
    OrganisationFactory,
    PlanFactory,
    RecommendationFactory,
    RiskFactory,
)
from tests.meetings.factories import CabinetResponseFactory, MeetingFactory, TrackerActionFactory
from tests.performance.factories import icpcs_on_time
from tests.training.factories import AttendanceFactory, SessionFactory

People = Callable[[str], Membership]
ON = dt.date(2024, 5, 10)
WORKFORCE = """month,team,establishment_fte,filled_fte,agency_fte,leavers_fte,cases
2024-04,Assessment,36.2,25.2,6.2,0.6,570
2024-05,Assessment,36.2,26.0,5.8,1.0,552
"""


def members(partnership: Partnership) -> People:
    """The one member of `partnership` with each role (a Role), made when first asked for."""
    made: dict[str, Membership] = {}

    def find(role: str) -> Membership:
        if role not in made:
            made[role] = MemberFactory(partnership=partnership, role=role)
        return made[role]

    return find


def furnish(partnership: Partnership, people: People, folder: Path) -> Membership:
    """Records of every kind in `partnership`, by its members `people(role)` (a Role); the
    action owner is made an officer of its police, the police's lead; a workforce extract is
    written to `folder` and loaded. Returns the exploitation lead: an analyst granted the
    lead's access to children's records."""
    police = OrganisationFactory(
        partnership=partnership, name="Devon and Cornwall Police", kind=Organisation.Kind.POLICE
    )
    owner = people(Role.CONTRIBUTOR)
    structure.save_person(
        None, partnership, owner.person, name=owner.person.name, organisation=police
    )
    structure.save_organisation(
        None, partnership, police, name=police.name, kind=police.kind, lead=owner.person
    )
    plan = _plans(partnership, owner)
    _meetings(partnership, owner)
    RiskFactory(partnership=partnership, owner_person=owner.person)
    icpcs_on_time(partnership, theme=plan.priorities.first())
    _audits(partnership, people, police)
    _reviews(partnership, people, police)
    _self_assessment(partnership, people, owner, police)
    AttendanceFactory(session=SessionFactory(course__partnership=partnership))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "workforce.csv").write_text(WORKFORCE)
    analyst = people(Role.ANALYST).user
    started = datasets.start_paths(analyst, partnership, [folder / "workforce.csv"])
    loaded = datasets.run(started.pk, analyst)
    assert loaded.snapshot_id, loaded.report
    api.make_token(people(Role.ADMINISTRATOR).user, partnership, "Power BI", ["plans"])
    return _exploitation(partnership)


def _plans(partnership: Partnership, owner: Membership) -> Plan:
    """A plan whose updates are due, of an action rated Green, one due from the owner, a
    commitment and a recommendation."""
    plan = PlanFactory(partnership=partnership, updates_due=dt.date.today() + dt.timedelta(days=7))
    rated, due = (
        ActionFactory(objective__priority__plan=plan, owner_person=owner.person) for _ in "ab"
    )
    plans.record_past_update(
        None, rated, period=plan.reporting_period, rag=plan.rag_scheme.levels.get(code="green"),
        progress="Toolkit training delivered.", status=ActionUpdate.Status.ACCEPTED,
    )  # fmt: skip
    plans.save_commitment(
        None, plan, None, kind="key_priority", reference="1", description="Exploitation",
        owner=owner.person, joint_owners=[], by_when="March 2025", due_date=plan.ends,
    )  # fmt: skip
    RecommendationFactory(partnership=partnership, plan=plan, actions=[rated, due])
    return plan


def _meetings(partnership: Partnership, owner: Membership) -> None:
    meeting = MeetingFactory(partnership=partnership)
    meetings.save_agenda_item(None, meeting, None, number="1", title="Exploitation data")
    TrackerActionFactory(partnership=partnership, meeting=meeting, owner=owner.person)
    CabinetResponseFactory(partnership=partnership, group=meeting.group)


def _audits(partnership: Partnership, people: People, police: Organisation) -> None:
    """A team and its auditor, a multi-agency audit waiting for the police's return, an
    audit completed (the latest change), a learning theme and a dip sample."""
    auditor = people(Role.AUDITOR).person
    team = arrangements.save_team(None, partnership, None, name="Front door")
    arrangements.save_auditor(
        None,
        partnership,
        None,
        person=auditor,
        team=team,
        kind="practice_manager",
        starts_on=dt.date(2024, 4, 1),
    )
    tool = ToolFactory(
        partnership=partnership, kind=AuditTool.Kind.MULTI, domains=("Risk", "Voice of the child")
    )
    case = arrangements.add_case(None, partnership, identifier="MULTI-1", category="cared_for")
    audit = audits.start_audit(
        None, partnership, case=case, tool=tool, month=ON.replace(day=1), auditor=auditor
    )
    audits.request_returns(None, audit, organisations=[police], due_on=ON)
    CompletedAuditFactory(partnership=partnership, auditor=auditor)  # the latest change
    LearningThemeFactory(partnership=partnership)
    learning.save_dip_sample(
        None, partnership, None, title="Drift", topic="Neglect", carried_out_on=ON
    )


def _reviews(partnership: Partnership, people: People, police: Organisation) -> None:
    """An incident not yet notified (the latest), and one at its practice review: a
    milestone, a request to the police for its chronology, a finding and its
    recommendation."""
    agencies = [police] + [
        OrganisationFactory(partnership=partnership, kind=kind) for kind in ("council", "health")
    ]
    incidents = [
        reviews.record_incident(
            None,
            partnership,
            None,
            reference=f"SI-{n}",
            child_reference="Child Q",
            kind=Incident.Kind.HARM,
            incident_on=ON,
            aware_on=ON,
            agencies=agencies,
        )  # fmt: skip
        for n in (1, 2)
    ]
    incident = reviews.notify(None, incidents[0], panel_on=ON, ofsted_on=ON)
    decided = ON + dt.timedelta(days=7)
    reviews.record_rapid_review(
        None, incident, meeting_on=decided, immediate_actions="A strategy discussion.",
        decision=Incident.Decision.LCSPR, decision_reason="Learning for every agency.",
        decided_on=decided, council_signed_on=decided, police_signed_on=decided,
        health_signed_on=decided,
    )  # fmt: skip
    reviews.send_rapid_review(None, incident, sent_on=decided + dt.timedelta(days=2))
    review = reviews.start_practice_review(
        None, incident, reference="LCSPR-1", title="Child Q", reviewer="", lead=None,
        terms_of_reference="",
    )  # fmt: skip
    practice.add_milestone(None, review, title="Chronologies in", due_on=decided)
    reviews.ask_agencies(
        None, incident, agencies=[police], due_on=decided, kind=AgencyRequest.Kind.CHRONOLOGY
    )
    finding = practice.add_finding(
        None, review=review, text="No one put it together.", found_on=decided, themes=[]
    )
    recommendations.recommend(
        None, finding, reference="R1", text="Adopt one neglect tool.", issued_on=decided
    )


def _self_assessment(
    partnership: Partnership, people: People, owner: Membership, police: Organisation
) -> None:
    """A round sent to the police and to a trust: the trust's return rated and submitted by
    its lead, the police's a draft of the owner's (its lead); and a challenge event."""
    trust = make_agency(partnership, "Alpha Trust")
    sent = RoundFactory(
        partnership=partnership,
        framework=FrameworkFactory(partnership=partnership),
        organisations=[trust.organisation, police],
    )
    met = Level.objects.get(framework=sent.framework_id, label="Met")
    for writer, organisation in ((trust.member, trust.organisation), (owner, police)):
        assessment = sent.returns.get(organisation=organisation)
        entries = {
            rating.standard_id: assessments.Entry(level=met, evidence="Policy reviewed in 2024")
            for rating in assessment.ratings.all()
        }
        assessments.save_draft(writer, assessment, entries)
    assessments.submit_return(
        trust.member, sent.returns.get(organisation=trust.organisation),
        signed_off_by="Chief Executive", signed_off_role="Chief Executive", today=sent.due_on,
    )  # fmt: skip
    scrutiny.record_challenge_event(
        people(Role.AUDITOR), sent, group=GroupFactory(partnership=partnership), held_on=ON,
        attendees="The board", outcomes="Agreed", organisations=[trust.organisation],
    )  # fmt: skip


def _exploitation(partnership: Partnership) -> Membership:
    """A child missing, back and interviewed; a child with a toolkit; and the lead."""
    interviewed(partnership, dt.datetime(2024, 5, 10, 10, tzinfo=dt.UTC))
    exploitation.open_toolkit(
        None, ChildFactory(partnership=partnership), reviewed_on=ON, kind="cse", risk="high",
        team=None,
    )  # fmt: skip
    lead = MemberFactory(partnership=partnership, role=Role.ANALYST)
    exploitation.grant_lead(None, lead, reason="The exploitation team's manager")
    return lead
