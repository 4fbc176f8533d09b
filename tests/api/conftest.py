"""The partnership the read API serves, built with the factories (tests/factories.py,
tests/meetings, tests/performance and tests/api factories): one of everything a table reads,
so each table has rows to give and its figures can be checked; and tokens for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from assure.api import services
from assure.core.models import Partnership, Role
from assure.performance.models import Indicator
from assure.plans import services as plans
from assure.plans.models import Action, ActionUpdate, Plan
from assure.risks import services as risks
from tests.factories import (
    ActionFactory,
    MemberFactory,
    PlanFactory,
    RecommendationFactory,
    RiskFactory,
)
from tests.meetings.factories import TrackerActionFactory
from tests.performance.factories import BenchmarkFactory, FigureFactory, TargetFactory

from .factories import CompletedAuditFactory, interviewed

MISSING_AT = dt.datetime(2024, 5, 10, 10, tzinfo=dt.UTC)


@dataclass
class World:
    plan: Plan
    rated: Action  # its update for the plan's period accepted, rated Green
    due: Action  # its update for the plan's period not sent yet
    indicator: Indicator


@pytest.fixture
def world(partnership, people) -> World:
    """A plan of 2024/25 of two actions, one rated Green for the period and one whose
    update is due, and an inspection's recommendation they answer; a risk reviewed once; a
    tracker action; a measure with two monthly figures, a target and England's figure; an
    audit tool of two domains with one audit completed in May 2024; and a child missing on
    10 May 2024, back the next day and interviewed the day after."""
    owner = people("owner").person
    plan = PlanFactory(partnership=partnership, updates_due=dt.date.today() + dt.timedelta(days=7))
    rated, due = (ActionFactory(objective__priority__plan=plan, owner_person=owner) for _ in "ab")
    plans.record_past_update(
        None, rated, period=plan.reporting_period, rag=plan.rag_scheme.levels.get(code="green"),
        progress="Toolkit training delivered.", status=ActionUpdate.Status.ACCEPTED,
    )  # fmt: skip
    RecommendationFactory(partnership=partnership, plan=plan, actions=[rated, due])
    risk = RiskFactory(partnership=partnership, owner_person=owner)
    risks.review_risk(
        people("manager"), risk, probability=3, impact=4, note="Recruitment worked",
        next_review=dt.date.today() + dt.timedelta(days=60), reviewed_on=dt.date.today(),
    )  # fmt: skip
    TrackerActionFactory(partnership=partnership, owner=owner)
    indicator = FigureFactory(indicator__partnership=partnership, period="2024-04").indicator
    FigureFactory(indicator=indicator, period="2024-05", value=Decimal(80))
    TargetFactory(indicator=indicator)
    BenchmarkFactory(indicator=indicator)
    CompletedAuditFactory(partnership=partnership, auditor=people("auditor").person)
    interviewed(partnership, MISSING_AT)
    return World(plan, rated, due, indicator)


@pytest.fixture
def token(partnership, people) -> Callable[..., str]:
    """A token's secret for the scopes named, made by the partnership's administrator (or by
    another partnership's own administrator, for that partnership)."""

    def make(*scopes: str, partnership: Partnership = partnership) -> str:
        admin = people("administrator")
        if partnership != admin.partnership:
            admin = MemberFactory(partnership=partnership, role=Role.ADMINISTRATOR)
        return services.make_token(admin.user, partnership, "Power BI", list(scopes))[1]

    return make
