"""The business manager builds a plan through the web; bad input is explained, nothing is saved."""

import pytest
from django.urls import reverse

from assure.core.models import ChangeRecord
from assure.plans import services
from assure.plans.models import Action, Objective, Plan, Priority
from tests.factories import (
    ActionFactory,
    GroupFactory,
    ObjectiveFactory,
    PersonFactory,
    PlanFactory,
    signed_in,
)


@pytest.fixture
def manager(people):
    return people("manager")


def plan_form(partnership, **overrides):
    data = {
        "title": "Neglect strategy 2026-2028",
        "kind": "strategy",
        "rag_scheme": partnership.schemes.get(key="three_level").pk,
        "starts": "2026-04-01",
        "ends": "2028-03-31",
        "reporting_period": "2026-Q1",
        "summary": "",
    }
    return {**data, **overrides}


def test_the_manager_builds_a_plan_down_to_an_action(partnership, manager):
    group = GroupFactory(partnership=partnership, name="Neglect sub-group")
    client = signed_in(manager)
    slug = partnership.slug
    response = client.post(reverse("plan-new", args=[slug]), plan_form(partnership))
    assert response.status_code == 302
    plan = Plan.objects.get(title="Neglect strategy 2026-2028")
    client.post(
        reverse("priority-new", args=[slug, plan.pk]),
        {"code": "N1", "title": "Spot neglect early", "kind": "priority", "position": 0},
    )
    priority = Priority.objects.get(plan=plan, code="N1")
    client.post(
        reverse("objective-new", args=[slug, priority.pk]),
        {"code": "N1.1", "title": "Use the Graded Care Profile", "position": 0},
    )
    objective = Objective.objects.get(priority=priority)
    response = client.post(
        reverse("action-new", args=[slug, objective.pk]),
        {
            "code": "N1.1a",
            "title": "Train 200 practitioners",
            "owner_group": group.pk,
            "timescale": "Quarterly",
            "recurrence": "quarterly",
            "status": "open",
            "position": 0,
        },
    )
    action = Action.objects.get(code="N1.1a", objective=objective)
    assert response["Location"] == reverse("action", args=[slug, action.pk])
    page = client.get(reverse("plan", args=[slug, plan.pk])).content.decode()
    assert "Train 200 practitioners" in page and "Spot neglect early" in page
    assert ChangeRecord.objects.filter(
        object_type="plans.action", object_id=action.pk, actor=manager.user
    ).exists()


def test_a_plan_that_ends_before_it_starts_gets_an_error_summary(partnership, manager):
    response = signed_in(manager).post(
        reverse("plan-new", args=[partnership.slug]), plan_form(partnership, ends="2025-01-01")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert 'href="#id_ends"' in page
    assert "The plan must end after it starts." in page
    assert not Plan.objects.filter(title="Neglect strategy 2026-2028").exists()


def test_missing_fields_are_each_named(partnership, manager):
    response = signed_in(manager).post(reverse("plan-new", args=[partnership.slug]), {})
    page = response.content.decode()
    for field in ["title", "kind", "starts", "ends", "reporting_period"]:
        assert f'href="#id_{field}"' in page
    assert 'aria-describedby="id_title_error"' in page


def test_an_owner_from_another_partnership_is_refused(partnership, manager):
    action = ActionFactory(objective__priority__plan__partnership=partnership)
    stranger = PersonFactory()  # of a partnership of their own
    response = signed_in(manager).post(
        reverse("action-edit", args=[partnership.slug, action.pk]),
        {
            "code": action.code,
            "title": "Changed title",
            "owner_person": stranger.pk,
            "recurrence": "none",
            "status": "open",
            "position": 0,
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    action.refresh_from_db()
    assert action.title != "Changed title"


def test_an_action_needs_an_owner(partnership, manager):
    objective = ObjectiveFactory(priority__plan__partnership=partnership)
    response = signed_in(manager).post(
        reverse("action-new", args=[partnership.slug, objective.pk]),
        {
            "code": "Z9",
            "title": "Nobody's job",
            "recurrence": "none",
            "status": "open",
            "position": 0,
        },
    )
    assert response.status_code == 400
    assert "Give the action an owner" in response.content.decode()
    assert not Action.objects.filter(code="Z9").exists()


def test_a_duplicate_action_code_in_a_plan_is_refused(partnership, manager):
    action = ActionFactory(objective__priority__plan__partnership=partnership)
    other = ActionFactory(objective__priority__plan=action.objective.priority.plan)
    response = signed_in(manager).post(
        reverse("action-edit", args=[partnership.slug, other.pk]),
        {
            "code": action.code,
            "title": other.title,
            "owner_group": other.owner_group_id or "",
            "owner_person": other.owner_person_id or "",
            "recurrence": "none",
            "status": "open",
            "owner_organisation": other.owner_organisation_id or "",
            "position": 0,
        },
    )
    assert response.status_code == 400
    assert f"already has an action {action.code}" in response.content.decode()


def test_an_empty_update_is_explained_and_nothing_saved(partnership, manager):
    action = ActionFactory(objective__priority__plan__partnership=partnership)
    response = signed_in(manager).post(
        reverse("update-new", args=[partnership.slug, action.pk]),
        {"period": "2024-Q2", "progress": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_rag_0"' in page and 'href="#id_progress"' in page
    assert not action.updates.filter(period="2024-Q2").exists()


def test_a_group_cannot_report_to_itself_through_others(partnership, manager):
    parent = GroupFactory(partnership=partnership, name="Children's Improvement Board")
    board = GroupFactory(
        partnership=partnership, name="Practice Improvement Board", reports_to=parent
    )
    response = signed_in(manager).post(
        reverse("structure-edit", args=[partnership.slug, "group", parent.pk]),
        {"name": parent.name, "kind": parent.kind, "reports_to": board.pk},
    )
    assert response.status_code == 400
    assert "cannot report to itself" in response.content.decode()
    parent.refresh_from_db()
    assert parent.reports_to_id != board.pk


def test_the_manager_adds_a_key_priority_area_shown_on_the_plan(partnership, manager, people):
    plan = PlanFactory(partnership=partnership, kind=Plan.Kind.IMPROVEMENT)
    services.save_commitment(
        None,
        plan,
        None,
        kind="key_priority",
        reference="1",
        description="Stabilise the workforce",
        by_when="December 2021",
    )
    assert plan.commitments.filter(kind="key_priority").count() == 1
    client = signed_in(manager)
    slug = partnership.slug
    response = client.post(
        reverse("commitment-new", args=[slug, plan.pk]),
        {
            "kind": "key_priority",
            "reference": "6",
            "description": "Reduce agency social workers",
            "by_when": "March 2022",
        },
    )
    assert response.status_code == 302
    board = signed_in(people("board"))
    page = board.get(reverse("plan", args=[slug, plan.pk])).content.decode()
    assert "Reduce agency social workers" in page and "Stabilise the workforce" in page
    assert plan.commitments.filter(kind="key_priority").count() == 2
    assert board.get(reverse("commitment-new", args=[slug, plan.pk])).status_code == 403
