"""#14 finding 7: a theme has its own page, and a plan's actions can be filtered by owner,
latest RAG and overdue."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from assure.plans import queries, services
from assure.plans.models import Plan
from tests.factories import (
    ActionFactory,
    GroupFactory,
    ObjectiveFactory,
    PersonFactory,
    PlanFactory,
    PriorityFactory,
)


@pytest.fixture
def plan(partnership, people) -> Plan:
    """Two themes' actions, owned by two people and a group, rated red or amber or not yet
    updated (overdue: the plan's updates were due in July), one past its due date."""
    plan = PlanFactory(
        partnership=partnership, reporting_period="2024-Q1", updates_due=dt.date(2024, 7, 31)
    )
    first, second = PriorityFactory(plan=plan, code="T1"), PriorityFactory(plan=plan, code="T2")
    one, two = ObjectiveFactory(priority=first), ObjectiveFactory(priority=second)
    lead, other = PersonFactory(partnership=partnership), PersonFactory(partnership=partnership)
    group = GroupFactory(partnership=partnership, members=[other])
    manager = people("manager")

    def rated(action, code, accept=False):
        level = plan.rag_scheme.levels.get(code=code)
        update = services.submit_update(
            manager, action, period="2024-Q1", rag=level, progress="Progress"
        )
        if accept:
            services.review_update(manager.user, update, accept=True)

    rated(ActionFactory(objective=one, owner_person=lead), "red", accept=True)
    ActionFactory(objective=one, owner_person=other)  # not yet updated: overdue
    past_due = dt.date(2024, 5, 31)
    rated(ActionFactory(objective=two, owner_person=lead, due_date=past_due), "amber")
    rated(ActionFactory(objective=two, owner_person=None, owner_group=group), "red")
    return plan


def action_links(page: str) -> set[str]:
    return set(re.findall(r'href="(/p/[\w-]+/actions/\d+/)"', page))


def test_each_theme_has_a_page_linked_from_the_plan_with_only_its_actions(signed_in_as, plan):
    page = (
        signed_in_as("board")
        .get(reverse("plan", args=[plan.partnership.slug, plan.pk]))
        .content.decode()
    )
    theme = plan.priorities.first()
    url = reverse("priority", args=[plan.partnership.slug, theme.pk])
    assert f'href="{url}"' in page
    own = signed_in_as("board").get(url).content.decode()
    expected = {
        reverse("action", args=[plan.partnership.slug, a.pk])
        for o in theme.objectives.all()
        for a in o.actions.all()
    }
    assert action_links(own) == expected and len(expected) < len(action_links(page))


def test_filtering_by_rag_shows_exactly_the_actions_last_rated_so(signed_in_as, plan):
    rows = queries.action_rows(
        queries.actions_of(plan.partnership).filter(objective__priority__plan=plan)
    )
    red = {
        reverse("action", args=[plan.partnership.slug, r.action.pk])
        for r in rows
        if r.latest and r.latest.rag.code == "red"
    }
    assert red
    page = signed_in_as("board").get(
        reverse("plan", args=[plan.partnership.slug, plan.pk]), {"rag": "red"}
    )
    html = page.content.decode()
    assert action_links(html) == red
    assert f"{len(red)} actions match" in html or f"{len(red)} action matches" in html


def test_filtering_by_owner_and_overdue(signed_in_as, plan):
    rows = queries.action_rows(
        queries.actions_of(plan.partnership).filter(objective__priority__plan=plan)
    )
    person = next(r.action.owner_person for r in rows if r.action.owner_person)
    mine = {
        reverse("action", args=[plan.partnership.slug, r.action.pk])
        for r in rows
        if r.action.owner_person_id == person.pk
    }
    url = reverse("plan", args=[plan.partnership.slug, plan.pk])
    page = signed_in_as("board").get(url, {"owner": f"person:{person.pk}"}).content.decode()
    assert action_links(page) == mine
    overdue = {
        reverse("action", args=[plan.partnership.slug, r.action.pk])
        for r in rows
        if r.state == "overdue" or r.action.past_due
    }
    assert overdue and overdue != mine
    page = signed_in_as("board").get(url, {"overdue": "yes"}).content.decode()
    assert action_links(page) == overdue


def test_a_filter_that_makes_no_sense_is_ignored_not_a_server_error(signed_in_as, plan):
    url = reverse("plan", args=[plan.partnership.slug, plan.pk])
    for query in (
        {"owner": "x:1"},
        {"owner": "person:abc"},
        {"rag": "purple"},
        {"owner": "person:999999"},
    ):
        assert signed_in_as("board").get(url, query).status_code == 200
