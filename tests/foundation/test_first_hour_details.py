"""#14 finding 11 and the smaller things of findings 7 and 11: words a person reads.

Built with the factories on a partnership of its own; the demo's overdue agency return is
checked in tests/foundation/test_seed_first_hour.py."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ActionFactory, ObjectiveFactory, PlanFactory, PriorityFactory


@pytest.fixture
def owner(people):
    return people("owner")


def test_a_refusal_names_the_roles_in_english_and_offers_the_way_back(signed_in_as, home):
    came_from = f"http://testserver{home}plans/"
    response = signed_in_as("board").get(f"{home}updates/", HTTP_REFERER=came_from)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only an administrator or a business manager can do this." in page
    assert f'href="{came_from}"' in page and "Back to the page you came from" in page
    elsewhere = signed_in_as("board").get(f"{home}updates/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in elsewhere.content.decode()


def test_a_field_left_empty_is_named_in_its_error(partnership, owner, signed_in_as):
    action = ActionFactory(
        objective__priority__plan__partnership=partnership, owner_person=owner.person
    )
    url = reverse("update-new", args=[partnership.slug, action.pk])
    response = signed_in_as("owner").post(url, {})
    page = response.content.decode()
    assert "This field is required" not in page
    assert "Enter the progress" in page and "Select the RAG" in page


def test_no_label_says_optional_twice(signed_in_as, home):
    page = signed_in_as("analyst").get(f"{home}data/upload/").content.decode()
    assert "(optional) (optional)" not in page and "Collection year (optional)" in page


def test_an_objective_that_repeats_its_priority_is_not_printed_twice_and_past_due_is_said(
    partnership, signed_in_as
):
    words = "Ensure effective implementation of the revised Early Help Strategy"
    plan = PlanFactory(
        partnership=partnership,
        starts=dt.date(2014, 4, 1),
        ends=dt.date(2016, 3, 31),
        reporting_period="2015-Q1",
    )
    priority = PriorityFactory(plan=plan, code="1", title=words)
    objective = ObjectiveFactory(priority=priority, code="O1", title=words)
    action = ActionFactory(objective=objective, code="2b", due_date=dt.date(2015, 7, 31))
    manager = signed_in_as("manager")
    page = manager.get(reverse("plan", args=[partnership.slug, plan.pk])).content.decode()
    assert "Objective O1: Ensure effective implementation" not in page
    assert page.count(words) == 1
    detail = manager.get(reverse("action", args=[partnership.slug, action.pk]))
    assert "31 Jul 2015" in detail.content.decode() and "Past due" in detail.content.decode()


def test_a_timescale_with_no_date_says_so(partnership, signed_in_as):
    action = ActionFactory(
        objective__priority__plan__partnership=partnership,
        timescale="",
        due_date=None,
        recurrence="none",
    )
    url = reverse("action", args=[partnership.slug, action.pk])
    page = signed_in_as("board").get(url).content.decode()
    assert "A due date" not in page and "None given" in page
