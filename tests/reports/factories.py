"""Board report test data: a small improvement plan for 2021/22 with what a highlight report
reads of it, each part made by the service a user's action goes through (assure/plans,
assure/risks, assure/performance services).

    reported = reported_plan(partnership, people("manager"))
    report = highlight_report(partnership, reported.plan, MAY)

The plan has one key priority area, 1 Edge of Care, by March 2022; one theme, T1, rated Amber
for Q1 2021/22, and an overall status of Amber; two
actions, 1.1.1 rated Amber for Q1 (with barriers and next steps) and 1.1.2 not yet updated;
three risks on its register, R1 (5 x 5 = 25), R2 (3 x 4 = 12) and R10 (2 x 2 = 4); and one
measure of the theme, 1.1, at 80% in April 2021 and 95% in May 2021 against a target of
90% to 100%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from assure.core.models import Membership, Partnership, RagLevel
from assure.performance.models import Indicator
from assure.plans import services as plans
from assure.plans.models import Action, Commitment, Plan, Priority
from assure.risks.models import Risk
from tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    RiskFactory,
)
from tests.performance.factories import FigureFactory, IndicatorFactory, TargetFactory

MAY = dt.date(2021, 5, 1)
PLAN = "Children's Services Improvement Plan 2021/22"
RISKS = {"R10": (2, 2), "R2": (3, 4), "R1": (5, 5)}  # raised in this order
FIGURES = {"2021-04": Decimal(80), "2021-05": Decimal(95)}


@dataclass
class Reported:
    plan: Plan
    theme: Priority
    actions: dict[str, Action]
    risks: dict[str, Risk]
    measure: Indicator


def level(plan: Plan, colour: str) -> RagLevel:
    """The plan's RAG level of a colour: level(plan, "red")."""
    return plan.rag_scheme.levels.get(colour=colour)


def reported_plan(partnership: Partnership, manager: Membership, title: str = PLAN) -> Reported:
    """The partnership's current improvement plan for 2021/22 (above), the manager its senior
    responsible officer and the owner of all in it."""
    person = manager.person
    plan = PlanFactory(
        partnership=partnership,
        title=title,
        kind=Plan.Kind.IMPROVEMENT,
        starts=dt.date(2021, 4, 1),
        ends=dt.date(2022, 3, 31),
        reporting_period="2021-Q1",
        senior_responsible_officer=person,
    )
    theme = PriorityFactory(plan=plan, code="T1", title="Leadership", kind=Priority.Kind.THEME)
    objective = ObjectiveFactory(
        priority=theme, code="1.1", title="Supervision is regular", lead_person=person
    )
    actions = {
        code: ActionFactory(objective=objective, code=code, title=title, owner_person=person)
        for code, title in (("1.1.1", "Audit supervision"), ("1.1.2", "Train the supervisors"))
    }
    amber = level(plan, "amber")
    plans.submit_update(
        manager,
        actions["1.1.1"],
        period="2021-Q1",
        rag=amber,
        progress="Half the teams audited",
        barriers="Sickness in two teams",
        next_steps="Audit the rest by September",
    )
    plans.record_plan_status(None, plan, "2021-Q1", amber, "On track, slowly")
    plans.review_priority(None, theme, "2021-Q1", amber, "Supervision is improving")
    plans.save_commitment(
        None,
        plan,
        None,
        kind=Commitment.Kind.KEY_PRIORITY,
        reference="1",
        description="Edge of Care",
        owner=person,
        by_when="March 2022",
    )
    risks = {
        reference: RiskFactory(
            partnership=partnership,
            reference=reference,
            plan=plan,
            owner_person=person,
            probability=probability,
            impact=impact,
            raised_on=dt.date(2021, 1, 10),
        )
        for reference, (probability, impact) in RISKS.items()
    }
    measure = IndicatorFactory(
        partnership=partnership, reference="1.1", title="Supervision on time", theme=theme
    )
    TargetFactory(indicator=measure)
    for period, value in FIGURES.items():
        FigureFactory(indicator=measure, period=period, value=value)
    return Reported(plan, theme, actions, risks, measure)
