"""A partnership's tables for taking out and bringing in, each record made by the service a
user's action (or an import) goes through: the records the other factories do not make
(a plan's cross-cutting theme, a past update, a past risk review, a recommendation) and
`every_table`, a partnership with rows on every sheet of the export.

    held = every_table(people("manager"))
    held.plan, held.actions, held.risk, held.meeting
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import factory

from assure.core.models import Membership
from assure.meetings import services as meetings
from assure.meetings.models import Meeting
from assure.partnership import services as structure
from assure.partnership.models import Group
from assure.plans import services as plans
from assure.plans.models import Action, ActionUpdate, CrossCuttingTheme, Plan
from assure.risks import services as risks
from assure.risks.models import Risk, RiskReview
from tests.factories import (
    ActionFactory,
    GroupFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    PriorityFactory,
    RecommendationFactory,
    RiskFactory,
    ServiceFactory,
)
from tests.meetings.factories import MeetingFactory, TrackerActionFactory
from tests.performance.factories import (
    BenchmarkFactory,
    FigureFactory,
    IndicatorFactory,
    TargetFactory,
)

# The groups the tests' tables name as owners, as seed 000's and 002's plans name them.
PERFORMANCE = "Performance Sub-Group"
EARLY_HELP = "Early Help Sub-Group"
EARLY_HELP_BOARD = "Early Help Board"
EXPLOITATION = "Children and Young People Exploitation Sub-Group (MET Subgroup)"


class CrossCuttingThemeFactory(ServiceFactory):
    """A theme running across a plan's priorities, as 000's CC1 (`save_cross_cutting_theme`)."""

    class Meta:
        model = CrossCuttingTheme

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"CC{n + 1}")
    title = "The voice of the child"

    @classmethod
    def made_by(cls, plan: Plan, **fields: Any) -> CrossCuttingTheme:
        return plans.save_cross_cutting_theme(None, plan, None, **fields)


class PastUpdateFactory(ServiceFactory):
    """An action's accepted update of 2024-Q1, written before Assure (`record_past_update`)."""

    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    period = "2024-Q1"
    rag = factory.LazyAttribute(lambda o: o.action.plan.rag_scheme.levels.order_by("pk").first())
    status = ActionUpdate.Status.ACCEPTED
    progress = "The toolkit was launched at the practitioners' forum."
    next_steps = "Audit its use in the autumn."
    submitted_at = dt.datetime(2024, 7, 5, 9, 30, tzinfo=dt.UTC)
    reviewed_at = dt.datetime(2024, 7, 12, 14, 0, tzinfo=dt.UTC)

    @classmethod
    def made_by(cls, action: Action, **fields: Any) -> ActionUpdate:
        return plans.record_past_update(None, action, **fields)


class PastReviewFactory(ServiceFactory):
    """A review of a risk's score before the register came to Assure (`record_past_review`)."""

    class Meta:
        model = RiskReview

    risk = factory.SubFactory(RiskFactory)
    reviewed_on = dt.date(2024, 3, 1)
    probability = 3
    impact = 5
    note = "Reviewed by the executive"

    @classmethod
    def made_by(cls, risk: Risk, **fields: Any) -> RiskReview:
        return risks.record_past_review(None, risk, **fields)


@dataclass
class Held:
    """What `every_table` made, for tests to name."""

    plan: Plan
    actions: list[Action]
    risk: Risk
    meeting: Meeting


def every_table(manager: Membership) -> Held:
    """The manager's partnership with a row on every sheet of the export: an agency and its
    lead, people, four groups (the sub-groups reporting to a board), a plan with a
    cross-cutting theme and three actions (owned by a group, a person and the agency), a past
    update, two risks (one with a past review), a recommendation answered by an action, a
    meeting with a tracker row and its comment, and an indicator with its target, benchmark
    and figures."""
    partnership = manager.partnership
    police = OrganisationFactory(partnership=partnership, name="Devon and Cornwall Police")
    lead = PersonFactory(
        partnership=partnership, name="Head of Public Protection", organisation=police
    )
    police = structure.save_organisation(  # its lead, once the lead is a person of it
        None, partnership, police, name=police.name, kind=police.kind, lead=lead
    )
    board = GroupFactory(partnership=partnership, name=EARLY_HELP_BOARD, kind=Group.Kind.BOARD)
    performance = GroupFactory(
        partnership=partnership, name=PERFORMANCE, reports_to=board, chair=lead,
        cycle="Every six weeks", cycle_weeks=6, purpose="Scrutinises the figures",
        members=[lead, manager.person],
    )  # fmt: skip
    for name in (EARLY_HELP, EXPLOITATION):
        GroupFactory(partnership=partnership, name=name, reports_to=board)

    plan = PlanFactory(
        partnership=partnership, title="Business plan 2024-25", senior_responsible_officer=lead
    )
    voice = CrossCuttingThemeFactory(plan=plan, code="CC1")
    neglect = ObjectiveFactory(
        priority=PriorityFactory(plan=plan, code="P1", title="Neglect"), code="1", title="Spot it"
    )
    owners = [
        {"owner_group": performance, "cross_cutting_themes": [voice]},
        {"owner_person": lead, "timescale": "Quarterly", "outcome_measure": "Fewer repeats"},
        {"owner_organisation": police},
    ]
    actions = [
        ActionFactory(objective=neglect, code=f"1.{n}", **({"owner_person": None} | owner))
        for n, owner in enumerate(owners, start=1)
    ]
    PastUpdateFactory(action=actions[0])

    risk = RiskFactory(partnership=partnership, reference="R1", owner_person=lead)
    PastReviewFactory(risk=risk)
    RiskFactory(partnership=partnership, reference="I1", kind=Risk.Kind.ISSUE, owner_person=None,
                owner_group=performance, probability=2, impact=3)  # fmt: skip
    RecommendationFactory(
        partnership=partnership, plan=plan, priorities=[neglect.priority], actions=[actions[1]]
    )

    meeting = MeetingFactory(
        partnership=partnership, group=performance, held_on=dt.date(2024, 6, 4)
    )
    row = TrackerActionFactory(partnership=partnership, meeting=meeting, owner=lead)
    meetings.comment_on_action(manager, row, text="Report drafted", written_on=dt.date(2024, 6, 20))

    indicator = IndicatorFactory(partnership=partnership, reference="2.21", theme=neglect.priority)
    TargetFactory(indicator=indicator, financial_year=2024)
    BenchmarkFactory(indicator=indicator, financial_year=2023, value=Decimal("77.6"))
    for month, value in (("2024-04", 88), ("2024-05", 100)):
        FigureFactory(indicator=indicator, period=month, value=Decimal(value))
    return Held(plan, actions, risk, meeting)
