"""Who may do what: each persona's allowed and refused actions, and tenant isolation."""

import pytest
from django.urls import reverse

from assure.core.models import ChangeRecord
from assure.plans.models import Action, ActionUpdate, Plan

pytestmark = pytest.mark.django_db


def torbay_plan(title_start: str) -> Plan:
    return Plan.objects.get(partnership__slug="torbay", title__startswith=title_start)


def police_action() -> Action:
    """An action of the 2021-24 partnership plan owned by the exploitation sub-group, of which
    the owner (the police lead) is a member."""
    return Action.objects.get(
        objective__priority__plan__title__startswith="Torbay Safeguarding Children Partnership",
        owner_group__members__memberships_as_person__user__username="torbay.owner",
        code="2.1",
    )


def council_action() -> Action:
    return Action.objects.filter(
        objective__priority__plan__title__startswith="Children's Services Improvement Plan 2021",
        owner_organisation__name="Torbay Council",
    ).first()


def update_data(plan: Plan, rag_code: str = "amber") -> dict:
    level = plan.rag_scheme.levels.get(code=rag_code)
    return {"period": plan.reporting_period, "rag": level.pk, "progress": "Training delivered"}


@pytest.mark.parametrize("persona", ["manager", "owner", "analyst", "auditor", "board"])
def test_every_member_reads_the_plans_and_the_register(client_as, persona):
    plan = torbay_plan("Children's Services Improvement Plan 2021")
    client = client_as(persona)
    for url in [
        reverse("partnership", args=["torbay"]),
        reverse("plan", args=["torbay", plan.pk]),
        reverse("recommendations", args=["torbay"]),
        reverse("structure", args=["torbay"]),
        reverse("my-actions", args=["torbay"]),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["owner", "analyst", "auditor", "board"])
def test_only_managers_edit_plans_and_review_updates(client_as, persona):
    plan = torbay_plan("Children's Services Improvement Plan 2021")
    client = client_as(persona)
    for url in [
        reverse("plan-edit", args=["torbay", plan.pk]),
        reverse("plan-new", args=["torbay"]),
        reverse("updates", args=["torbay"]),
        reverse("changes", args=["torbay"]),
        reverse("structure-new", args=["torbay", "group"]),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "You cannot do this" in response.content.decode()


def test_the_board_member_sees_no_edit_links(client_as):
    plan = torbay_plan("Children's Services Improvement Plan 2021")
    page = client_as("board").get(reverse("plan", args=["torbay", plan.pk])).content.decode()
    assert "Record the overview" not in page
    assert "Add an action" not in page
    manager_page = client_as("manager").get(reverse("plan", args=["torbay", plan.pk]))
    assert "Add an action" in manager_page.content.decode()


def test_an_owner_updates_an_action_their_agency_owns(client_as):
    action = police_action()
    url = reverse("update-new", args=["torbay", action.pk])
    response = client_as("owner").post(url, update_data(action.plan))
    assert response.status_code == 302
    update = action.updates.get()
    assert update.status == ActionUpdate.Status.SUBMITTED
    assert update.author.username == "torbay.owner"


def test_an_owner_cannot_update_another_agencys_action(client_as):
    action = council_action()
    client = client_as("owner")
    url = reverse("update-new", args=["torbay", action.pk])
    assert client.get(url).status_code == 403
    before = ActionUpdate.objects.count()
    assert client.post(url, update_data(action.plan)).status_code == 403
    assert ActionUpdate.objects.count() == before


def test_the_business_manager_records_an_update_for_any_action(client_as):
    action = council_action()
    url = reverse("update-new", args=["torbay", action.pk])
    assert client_as("manager").post(url, update_data(action.plan)).status_code == 302


@pytest.mark.parametrize(
    "route",
    ["plan", "plan-edit", "action", "action-edit", "update-new", "partnership", "structure"],
)
def test_an_outsider_gets_not_found_for_every_torbay_page(client_as, route):
    action = council_action()
    args = {
        "plan": [action.plan.pk],
        "plan-edit": [action.plan.pk],
        "action": [action.pk],
        "action-edit": [action.pk],
        "update-new": [action.pk],
    }.get(route, [])
    response = client_as("outsider").get(reverse(route, args=["torbay", *args]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_torbay_object_is_not_found_through_the_outsiders_own_partnership(client_as):
    """Swapping the slug for one's own partnership must not reach another's objects."""
    action = council_action()
    client = client_as("outsider")
    assert client.get(reverse("action", args=["stockton", action.pk])).status_code == 404
    response = client.post(
        reverse("update-new", args=["stockton", action.pk]), update_data(action.plan)
    )
    assert response.status_code == 404
    assert not action.updates.filter(author__username="stockton.manager").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("plans", args=["torbay"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_outsider_cannot_review_a_torbay_update(client_as, membership):
    from assure.plans import services

    action = council_action()
    plan = action.plan
    update = services.submit_update(
        membership("manager"),
        action,
        period=plan.reporting_period,
        rag=plan.rag_scheme.levels.get(code="red"),
        progress="Delayed",
    )
    url = reverse("update-review", args=["stockton", update.pk])
    response = client_as("outsider").post(url, {"decision": "accept"})
    assert response.status_code == 404
    update.refresh_from_db()
    assert update.status == ActionUpdate.Status.SUBMITTED
    assert not ChangeRecord.objects.filter(
        partnership__slug="stockton", object_id=update.pk, object_type="plans.actionupdate"
    ).exists()
