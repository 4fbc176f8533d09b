"""Each persona's work lists: the overview's counts are the things they can open and submit;
an agency's actions are its lead's; board members read and are given no work."""

import re

import lxml.html
import pytest
from django.urls import reverse

from assure.partnership.models import Organisation
from assure.plans.models import Action, ActionUpdate, Objective
from assure.reminders.queries import due_items

pytestmark = pytest.mark.django_db

PERSONAS = [
    "administrator",
    "manager",
    "owner",
    "analyst",
    "auditor",
    "board",
    "torbay.exploitation",
]


def links(page: str, caption: str) -> list[str]:
    """The hrefs of the table with this caption."""
    tree = lxml.html.fromstring(page)
    tables = tree.xpath(f'//table[caption[normalize-space()="{caption}"]]')
    return [a.get("href") for t in tables for a in t.xpath(".//a")]


def overview_count(page: str, words: str) -> int:
    found = re.search(rf"(\d+) {words}", page)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_overview_counts_only_updates_the_person_can_open_and_write(client_as, persona):
    client = client_as(persona)
    overview = client.get(reverse("partnership", args=["torbay"])).content.decode()
    mine = client.get(reverse("my-actions", args=["torbay"])).content.decode()
    actions = [h for h in links(mine, "Updates you need to write") if "/actions/" in h]
    assert overview_count(overview, r"actions? needs? an update from you") == len(actions)
    for href in actions:
        action_page = client.get(href).content.decode()
        form = re.search(r'href="([^"]+/update/)"', action_page)
        assert form, f"{persona} is asked to update {href} but is offered no form"
        assert client.get(form.group(1)).status_code == 200


def test_the_board_member_reads_and_is_given_no_work(client_as, membership):
    board = membership("board")
    mine_by_agency = Action.objects.filter(
        objective__priority__plan__partnership__slug="torbay",
        owner_organisation=board.person.organisation,
    )
    assert mine_by_agency.exists()  # the council owns actions: once, that made them the board's
    overview = client_as("board").get(reverse("partnership", args=["torbay"])).content.decode()
    assert "need an update from you" not in overview and "you read the partnership" in overview
    reminders = client_as("board").get(reverse("my-reminders", args=["torbay"])).content.decode()
    assert "/update/" not in reminders


def test_the_manager_is_told_how_many_updates_await_review_and_each_opens(client_as, membership):
    action = Action.objects.get(
        objective__priority__plan__title__startswith="Torbay Safeguarding Children Partnership",
        code="2.1",
    )
    client = client_as("owner")
    page = client.get(reverse("update-new", args=["torbay", action.pk])).content.decode()
    assert "Write" in page
    level = action.plan.rag_scheme.levels.get(code="amber")
    data = {"period": action.plan.reporting_period, "rag": level.pk, "progress": "Delivered"}
    assert client.post(reverse("update-new", args=["torbay", action.pk]), data).status_code == 302

    manager = client_as("manager")
    overview = manager.get(reverse("partnership", args=["torbay"])).content.decode()
    waiting = ActionUpdate.objects.filter(
        action__objective__priority__plan__partnership__slug="torbay",
        status=ActionUpdate.Status.SUBMITTED,
    )
    assert overview_count(overview, "updates? awaiting your review") == waiting.count() > 0
    updates = manager.get(reverse("updates", args=["torbay"])).content.decode()
    reviews = [h for h in links(updates, "Awaiting your review") if h.endswith("/review/")]
    assert len(reviews) == waiting.count()
    assert all(manager.get(h).status_code == 200 for h in reviews)


@pytest.fixture
def police_action(torbay) -> Action:
    """An action the police own, with no person or group named."""
    objective = Objective.objects.filter(
        priority__plan__partnership=torbay, priority__plan__updates_due__isnull=False
    ).first()
    police = Organisation.objects.get(partnership=torbay, name="Devon and Cornwall Police")
    return Action.objects.create(
        objective=objective, code="9.9", title="Review joint visits", owner_organisation=police
    )


def test_an_agencys_action_is_its_named_leads_to_update_and_be_reminded_of(
    client_as, membership, police_action
):
    owner = membership("owner")  # a police officer, not (yet) the police's lead
    url = reverse("update-new", args=["torbay", police_action.pk])
    mine = client_as("owner").get(reverse("my-actions", args=["torbay"])).content.decode()
    assert url not in mine and client_as("owner").get(url).status_code == 403

    police = police_action.owner_organisation
    manager = client_as("manager")
    edit = reverse("structure-edit", args=["torbay", "organisation", police.pk])
    data = {"name": police.name, "kind": police.kind, "lead": owner.person.pk}
    assert manager.post(edit, data).status_code == 302

    mine = client_as("owner").get(reverse("my-actions", args=["torbay"])).content.decode()
    assert f"/actions/{police_action.pk}/" in mine
    assert client_as("owner").get(url).status_code == 200
    due = due_items(owner.partnership, today=police_action.plan.updates_due)
    assert [i.person for i in due if i.object_id == police_action.pk] == [owner.person]


def test_a_named_owner_who_audits_writes_their_own_actions_update(client_as, membership):
    auditor = membership("auditor")
    action = Action.objects.filter(owner_person=auditor.person).first()
    url = reverse("update-new", args=["torbay", action.pk])
    level = action.plan.rag_scheme.levels.get(code="amber")
    data = {"period": action.plan.reporting_period, "rag": level.pk, "progress": "Framework agreed"}
    assert client_as("auditor").post(url, data).status_code == 302
    assert action.updates.get(status=ActionUpdate.Status.SUBMITTED).author == auditor.user


def test_the_ownership_rule_in_sql_and_in_python_agree(torbay, police_action):
    from assure.partnership import ownership
    from assure.partnership.models import Person
    from assure.risks.models import Risk

    police_action.owner_organisation.lead = Person.objects.get(
        partnership=torbay, memberships_as_person__user__username="torbay.owner"
    )
    police_action.owner_organisation.save()
    actions = list(Action.objects.filter(objective__priority__plan__partnership=torbay))
    risks = list(Risk.objects.filter(partnership=torbay))
    for person in Person.objects.filter(partnership=torbay):
        by_sql = set(
            Action.objects.filter(ownership.owned_by(person, agencies=True)).values_list(
                "pk", flat=True
            )
        )
        assert by_sql == {a.pk for a in actions if ownership.owns(person, a)}, person
        risky = set(Risk.objects.filter(ownership.owned_by(person)).values_list("pk", flat=True))
        assert risky == {r.pk for r in risks if ownership.owns(person, r)}, person
