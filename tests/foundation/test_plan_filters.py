"""#14 finding 7: a theme has its own page, and a plan's actions can be filtered by owner,
latest RAG and overdue."""

import re

import pytest
from django.urls import reverse

from assure.plans import queries
from assure.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(title="Children's Services Improvement Plan 2021/22")


def action_links(page: str) -> set[str]:
    return set(re.findall(r'href="(/p/torbay/actions/\d+/)"', page))


def test_each_theme_has_a_page_linked_from_the_plan_with_only_its_actions(client_as, plan):
    page = client_as("board").get(reverse("plan", args=["torbay", plan.pk])).content.decode()
    theme = plan.priorities.first()
    url = reverse("priority", args=["torbay", theme.pk])
    assert f'href="{url}"' in page
    own = client_as("board").get(url).content.decode()
    expected = {
        reverse("action", args=["torbay", a.pk])
        for o in theme.objectives.all()
        for a in o.actions.all()
    }
    assert action_links(own) == expected and len(expected) < len(action_links(page))


def test_filtering_by_rag_shows_exactly_the_actions_last_rated_so(client_as, plan):
    rows = queries.action_rows(
        queries.actions_of(plan.partnership).filter(objective__priority__plan=plan)
    )
    red = {
        reverse("action", args=["torbay", r.action.pk])
        for r in rows
        if r.latest and r.latest.rag.code == "red"
    }
    assert red
    page = client_as("board").get(reverse("plan", args=["torbay", plan.pk]), {"rag": "red"})
    html = page.content.decode()
    assert action_links(html) == red
    assert f"{len(red)} actions match" in html or f"{len(red)} action matches" in html


def test_filtering_by_owner_and_overdue(client_as, plan):
    rows = queries.action_rows(
        queries.actions_of(plan.partnership).filter(objective__priority__plan=plan)
    )
    person = next(r.action.owner_person for r in rows if r.action.owner_person)
    mine = {
        reverse("action", args=["torbay", r.action.pk])
        for r in rows
        if r.action.owner_person_id == person.pk
    }
    url = reverse("plan", args=["torbay", plan.pk])
    page = client_as("board").get(url, {"owner": f"person:{person.pk}"}).content.decode()
    assert action_links(page) == mine
    overdue = {
        reverse("action", args=["torbay", r.action.pk])
        for r in rows
        if r.state == "overdue" or r.action.past_due
    }
    assert overdue and overdue != mine
    page = client_as("board").get(url, {"overdue": "yes"}).content.decode()
    assert action_links(page) == overdue


def test_a_filter_that_makes_no_sense_is_ignored_not_a_server_error(client_as, plan):
    url = reverse("plan", args=["torbay", plan.pk])
    for query in (
        {"owner": "x:1"},
        {"owner": "person:abc"},
        {"rag": "purple"},
        {"owner": "person:999999"},
    ):
        assert client_as("board").get(url, query).status_code == 200
