"""Pages stay fast as a partnership's data grows: the number of database queries a page makes
does not grow with the rows it shows. Each page is counted on a small partnership built with
the factories, then again with more of what it lists (actions with their updates, the police's
among them; risks with reviews; indicators with their figures, targets and benchmarks;
recommendations; tracker actions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assure.core.models import Membership
from assure.partnership.models import Organisation
from assure.plans import services as plans
from assure.plans.models import Action, ActionUpdate, Plan, Priority
from assure.risks import services as risks
from tests.factories import (
    ActionFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    PriorityFactory,
    RecommendationFactory,
    RiskFactory,
    signed_in,
)
from tests.meetings.factories import MeetingFactory, TrackerActionFactory
from tests.performance.factories import printed

COPIES = 6
TODAY = dt.date.today()


@dataclass
class World:
    plan: Plan
    theme: Priority
    police: Organisation
    owner: Membership  # an action owner, an officer of the police
    manager: Membership
    made: int = 0  # of each kind of row, so each one's reference is new

    def next(self) -> int:
        self.made += 1
        return self.made


@pytest.fixture
def world(partnership, member, people) -> World:
    """One of everything the pages list: an action of the owner's and one of the police's,
    each with an update, and one of the manager's with its update due; a risk reviewed once;
    a measure of the plan's theme; a recommendation; a tracker action."""
    police = OrganisationFactory(partnership=partnership, kind=Organisation.Kind.POLICE)
    officer = PersonFactory(partnership=partnership, organisation=police)
    plan = PlanFactory(partnership=partnership, updates_due=TODAY + dt.timedelta(days=7))
    made = World(
        plan,
        PriorityFactory(plan=plan),
        police,
        member("owner", person=officer),
        people("manager"),
    )
    for grow in (grow_actions, grow_risks, grow_indicators, grow_recommendations, grow_tracker):
        grow(made, 1)
    return made


def action(world: World, status: str | None, **owner: object) -> Action:
    """An action of the plan's theme, its update for the plan's period `status` (or none
    yet: then it is due)."""
    made = ActionFactory(objective__priority=world.theme, **({"owner_person": None} | owner))
    if status is None:
        return made
    plans.record_past_update(
        None, made, period=world.plan.reporting_period, status=status,
        rag=world.plan.rag_scheme.levels.get(code="amber"), progress="Training booked.",
    )  # fmt: skip
    return made


def grow_actions(world: World, copies: int = COPIES) -> None:
    for _ in range(copies):
        action(world, ActionUpdate.Status.ACCEPTED, owner_person=world.owner.person)
        action(world, ActionUpdate.Status.SUBMITTED, owner_organisation=world.police)
        action(world, None, owner_person=world.manager.person)


def grow_risks(world: World, copies: int = COPIES) -> None:
    for _ in range(copies):
        risk = RiskFactory(partnership=world.plan.partnership, owner_person=world.owner.person)
        risks.review_risk(
            world.manager, risk, probability=3, impact=4, note="Recruitment worked",
            next_review=TODAY + dt.timedelta(days=60), reviewed_on=TODAY,
        )  # fmt: skip


def grow_indicators(world: World, copies: int = COPIES) -> None:
    for _ in range(copies):
        printed(
            world.plan.partnership, f"2.{world.next()}", "63 100 100 70 82 96 100 100 76 84 100",
            baseline=63, final=80, ytd=88, target=(90, 100), benchmarks=("77.6", "72.0", "75.5"),
            theme=world.theme,
        )  # fmt: skip


def grow_recommendations(world: World, copies: int = COPIES) -> None:
    answering = list(Action.objects.filter(objective__priority=world.theme)[:1])
    for _ in range(copies):
        RecommendationFactory(
            partnership=world.plan.partnership, plan=world.plan, priorities=[world.theme],
            actions=answering,
        )  # fmt: skip


def grow_tracker(world: World, copies: int = COPIES) -> None:
    partnership = world.plan.partnership
    meeting = MeetingFactory(partnership=partnership)
    for _ in range(copies):
        TrackerActionFactory(partnership=partnership, meeting=meeting, owner=world.owner.person)


def plan_page(world: World) -> str:
    return f"plans/{world.plan.pk}/"


PAGES: list[tuple[str, str | Callable, Callable]] = [
    ("manager", plan_page, grow_actions),
    ("manager", "my-actions/", grow_actions),
    ("owner", "my-actions/", grow_actions),
    ("manager", "updates/", grow_actions),
    ("manager", "", grow_actions),
    ("manager", "risks/", grow_risks),
    ("manager", "performance/tables/", grow_indicators),
    ("manager", "performance/", grow_indicators),
    ("manager", "recommendations/", grow_recommendations),
    ("manager", "tracker/", grow_tracker),
]


def count(client: Client, page: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200, page
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("persona", "page", "grow"), PAGES, ids=lambda p: getattr(p, "__name__", p)
)
def test_a_page_makes_as_many_queries_with_more_rows(world, home, persona, page, grow):
    client = signed_in(world.owner if persona == "owner" else world.manager)
    page = home + (page(world) if callable(page) else page)
    before = count(client, page)
    grow(world)
    assert count(client, page) == before, f"{page}: the number of queries grew with the rows"
