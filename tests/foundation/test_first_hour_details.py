"""#14 finding 11 and the smaller things of findings 7 and 11: words a person reads."""

import pytest
from django.urls import reverse

from assure.plans.models import Action, Plan

pytestmark = pytest.mark.django_db


def test_a_refusal_names_the_roles_in_english_and_offers_the_way_back(client_as):
    came_from = "http://testserver/p/torbay/plans/"
    response = client_as("board").get("/p/torbay/updates/", HTTP_REFERER=came_from)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only an administrator or a business manager can do this." in page
    assert f'href="{came_from}"' in page and "Back to the page you came from" in page
    elsewhere = client_as("board").get("/p/torbay/updates/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in elsewhere.content.decode()


def test_a_field_left_empty_is_named_in_its_error(client_as):
    action = Action.objects.get(
        objective__priority__plan__title__startswith="Torbay Safeguarding Children Partnership",
        code="2.1",
    )
    response = client_as("owner").post(reverse("update-new", args=["torbay", action.pk]), {})
    page = response.content.decode()
    assert "This field is required" not in page
    assert "Enter the progress" in page and "Select the RAG" in page


def test_no_label_says_optional_twice(client_as):
    page = client_as("analyst").get("/p/torbay/data/upload/").content.decode()
    assert "(optional) (optional)" not in page and "Collection year (optional)" in page


def test_an_objective_that_repeats_its_priority_is_not_printed_twice_and_past_due_is_said(
    client_as,
):
    plan = Plan.objects.get(partnership__slug="stockton")
    page = client_as("outsider").get(reverse("plan", args=["stockton", plan.pk])).content.decode()
    assert "Objective O1: Ensure effective implementation" not in page
    assert page.count("Ensure effective implementation of the revised Early Help Strategy") == 1
    action = Action.objects.get(objective__priority__plan=plan, code="2b")
    detail = client_as("outsider").get(reverse("action", args=["stockton", action.pk]))
    assert "31 Jul 2015" in detail.content.decode() and "Past due" in detail.content.decode()


def test_a_timescale_with_no_date_says_so(client_as, torbay):
    action = Action.objects.filter(objective__priority__plan__partnership=torbay).first()
    Action.objects.filter(pk=action.pk).update(timescale="", due_date=None, recurrence="none")
    page = client_as("board").get(reverse("action", args=["torbay", action.pk])).content.decode()
    assert "A due date" not in page and "None given" in page


def test_an_overdue_agency_return_is_marked_overdue(client_as):
    page = client_as("owner").get("/p/torbay/audits/my-returns/").content.decode()
    assert "Overdue" in page
