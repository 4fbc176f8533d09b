"""Who may do what: each persona's allowed and refused actions, and tenant isolation.

Built with the factories: a partnership of its own, whose owner (a police officer) sits on
the sub-group owning one action, and an outsider managing a partnership of their own."""

import pytest
from django.urls import reverse

from assure.core.models import ChangeRecord, Membership
from assure.partnership.models import Organisation
from assure.plans.models import Action, ActionUpdate, Plan
from tests.factories import (
    ActionFactory,
    GroupFactory,
    MemberFactory,
    OrganisationFactory,
    PlanFactory,
    signed_in,
)


@pytest.fixture
def plan(partnership) -> Plan:
    return PlanFactory(partnership=partnership, title="Children's Services Improvement Plan")


@pytest.fixture
def police_action(plan, people) -> Action:
    """An action owned by the exploitation sub-group, of which the owner (the police lead) is
    a member."""
    group = GroupFactory(
        partnership=plan.partnership,
        name="Exploitation sub-group",
        members=[people("owner").person],
    )
    return ActionFactory(
        objective__priority__plan=plan, code="2.1", owner_person=None, owner_group=group
    )


@pytest.fixture
def council_action(plan) -> Action:
    council = OrganisationFactory(
        partnership=plan.partnership, name="The Council", kind=Organisation.Kind.COUNCIL
    )
    return ActionFactory(
        objective__priority__plan=plan, owner_person=None, owner_organisation=council
    )


@pytest.fixture
def outsider(db) -> Membership:
    """The business manager of another partnership."""
    return MemberFactory()


def update_data(plan: Plan, rag_code: str = "amber") -> dict:
    level = plan.rag_scheme.levels.get(code=rag_code)
    return {"period": plan.reporting_period, "rag": level.pk, "progress": "Training delivered"}


@pytest.mark.parametrize("persona", ["manager", "owner", "analyst", "auditor", "board"])
def test_every_member_reads_the_plans_and_the_register(signed_in_as, partnership, plan, persona):
    client = signed_in_as(persona)
    slug = partnership.slug
    for url in [
        reverse("partnership", args=[slug]),
        reverse("plan", args=[slug, plan.pk]),
        reverse("recommendations", args=[slug]),
        reverse("structure", args=[slug]),
        reverse("my-actions", args=[slug]),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["owner", "analyst", "auditor", "board"])
def test_only_managers_edit_plans_and_review_updates(signed_in_as, partnership, plan, persona):
    client = signed_in_as(persona)
    slug = partnership.slug
    for url in [
        reverse("plan-edit", args=[slug, plan.pk]),
        reverse("plan-new", args=[slug]),
        reverse("updates", args=[slug]),
        reverse("changes", args=[slug]),
        reverse("structure-new", args=[slug, "group"]),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "You cannot do this" in response.content.decode()


def test_the_board_member_sees_no_edit_links(signed_in_as, partnership, plan, council_action):
    url = reverse("plan", args=[partnership.slug, plan.pk])
    page = signed_in_as("board").get(url).content.decode()
    assert "Record the overview" not in page
    assert "Add an action" not in page
    manager_page = signed_in_as("manager").get(url)
    assert "Add an action" in manager_page.content.decode()


def test_an_owner_updates_an_action_their_agency_owns(
    signed_in_as, people, partnership, police_action
):
    action = police_action
    url = reverse("update-new", args=[partnership.slug, action.pk])
    response = signed_in_as("owner").post(url, update_data(action.plan))
    assert response.status_code == 302
    update = action.updates.get()
    assert update.status == ActionUpdate.Status.SUBMITTED
    assert update.author == people("owner").user


def test_an_owner_cannot_update_another_agencys_action(signed_in_as, partnership, council_action):
    action = council_action
    client = signed_in_as("owner")
    url = reverse("update-new", args=[partnership.slug, action.pk])
    assert client.get(url).status_code == 403
    before = ActionUpdate.objects.count()
    assert client.post(url, update_data(action.plan)).status_code == 403
    assert ActionUpdate.objects.count() == before


def test_the_business_manager_records_an_update_for_any_action(
    signed_in_as, partnership, council_action
):
    action = council_action
    url = reverse("update-new", args=[partnership.slug, action.pk])
    assert signed_in_as("manager").post(url, update_data(action.plan)).status_code == 302


@pytest.mark.parametrize(
    "route",
    ["plan", "plan-edit", "action", "action-edit", "update-new", "partnership", "structure"],
)
def test_an_outsider_gets_not_found_for_every_page_of_another_partnership(
    outsider, partnership, council_action, route
):
    action = council_action
    args = {
        "plan": [action.plan.pk],
        "plan-edit": [action.plan.pk],
        "action": [action.pk],
        "action-edit": [action.pk],
        "update-new": [action.pk],
    }.get(route, [])
    response = signed_in(outsider).get(reverse(route, args=[partnership.slug, *args]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_object_is_not_found_through_the_outsiders_own_partnership(outsider, council_action):
    """Swapping the slug for one's own partnership must not reach another's objects."""
    action = council_action
    client = signed_in(outsider)
    theirs = outsider.partnership.slug
    assert client.get(reverse("action", args=[theirs, action.pk])).status_code == 404
    response = client.post(
        reverse("update-new", args=[theirs, action.pk]), update_data(action.plan)
    )
    assert response.status_code == 404
    assert not action.updates.filter(author=outsider.user).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, partnership):
    response = client.get(reverse("plans", args=[partnership.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_outsider_cannot_review_another_partnerships_update(outsider, people, council_action):
    from assure.plans import services

    action = council_action
    plan = action.plan
    update = services.submit_update(
        people("manager"),
        action,
        period=plan.reporting_period,
        rag=plan.rag_scheme.levels.get(code="red"),
        progress="Delayed",
    )
    url = reverse("update-review", args=[outsider.partnership.slug, update.pk])
    response = signed_in(outsider).post(url, {"decision": "accept"})
    assert response.status_code == 404
    update.refresh_from_db()
    assert update.status == ActionUpdate.Status.SUBMITTED
    assert not ChangeRecord.objects.filter(
        partnership=outsider.partnership, object_id=update.pk, object_type="plans.actionupdate"
    ).exists()
