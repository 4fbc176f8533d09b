"""Each persona's work lists: the overview's counts are the things they can open and submit;
an agency's actions are its lead's; board members read and are given no work.

Built with the factories: a partnership of its own where each persona owns an action, the
exploitation sub-group (chaired by an analyst, the owner a member) owns one, and the council
(led by the board member, who works for it) owns one."""

import datetime as dt
import re

import lxml.html
import pytest
from django.urls import reverse

from assure.core.models import Membership
from assure.partnership import services as structure
from assure.partnership.models import Organisation
from assure.plans import services
from assure.plans.models import Action, ActionUpdate, Plan
from assure.reminders.queries import due_items
from tests.factories import (
    ActionFactory,
    GroupFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PlanFactory,
    RiskFactory,
    signed_in,
)

PERSONAS = ["administrator", "manager", "owner", "analyst", "auditor", "board", "exploitation"]


@pytest.fixture
def police(partnership) -> Organisation:
    return OrganisationFactory(
        partnership=partnership, name="Devon and Cornwall Police", kind=Organisation.Kind.POLICE
    )


@pytest.fixture
def council(partnership) -> Organisation:
    return OrganisationFactory(
        partnership=partnership, name="The Council", kind=Organisation.Kind.COUNCIL
    )


@pytest.fixture
def personas(member, police, council) -> dict[str, Membership]:
    """The members: the owner a police officer, the board member the council's, and an
    analyst leading the response to exploitation."""
    found = {role: member(role) for role in ("administrator", "manager", "analyst", "auditor")}
    found["owner"] = member("owner", person__organisation=police)
    found["board"] = member("board", person__organisation=council)
    found["exploitation"] = member("analyst", person__name="Exploitation team manager")
    return found


@pytest.fixture
def plan(partnership, personas, council) -> Plan:
    """A plan whose updates were due in July: each persona's own action, one of the sub-group,
    one of the council's (its lead the board member), and one of the owner's already updated."""
    plan = PlanFactory(partnership=partnership, updates_due=dt.date(2024, 7, 31))
    objective = ObjectiveFactory(priority__plan=plan)
    for name, persona in personas.items():
        ActionFactory(objective=objective, owner_person=persona.person, title=f"{name}'s work")
    group = GroupFactory(
        partnership=partnership,
        name="Exploitation sub-group",
        chair=personas["exploitation"].person,
        members=[personas["owner"].person],
    )
    ActionFactory(objective=objective, owner_person=None, owner_group=group)
    structure.save_organisation(
        None,
        partnership,
        council,
        name=council.name,
        kind=council.kind,
        lead=personas["board"].person,
    )
    ActionFactory(objective=objective, code="C1", owner_person=None, owner_organisation=council)
    updated = ActionFactory(objective=objective, owner_person=personas["owner"].person)
    services.submit_update(
        personas["manager"],
        updated,
        period=plan.reporting_period,
        rag=plan.rag_scheme.levels.get(code="amber"),
        progress="Already written",
    )
    return plan


def links(page: str, caption: str) -> list[str]:
    """The hrefs of the table with this caption."""
    tree = lxml.html.fromstring(page)
    tables = tree.xpath(f'//table[caption[normalize-space()="{caption}"]]')
    return [a.get("href") for t in tables for a in t.xpath(".//a")]


def overview_count(page: str, words: str) -> int:
    found = re.search(rf"(\d+) {words}", page)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_overview_counts_only_updates_the_person_can_open_and_write(
    partnership, personas, plan, persona
):
    client = signed_in(personas[persona])
    overview = client.get(reverse("partnership", args=[partnership.slug])).content.decode()
    mine = client.get(reverse("my-actions", args=[partnership.slug])).content.decode()
    actions = [h for h in links(mine, "Updates you need to write") if "/actions/" in h]
    assert overview_count(overview, r"actions? needs? an update from you") == len(actions)
    for href in actions:
        action_page = client.get(href).content.decode()
        form = re.search(r'href="([^"]+/update/)"', action_page)
        assert form, f"{persona} is asked to update {href} but is offered no form"
        assert client.get(form.group(1)).status_code == 200


def test_the_board_member_reads_and_is_given_no_work(partnership, personas, plan):
    board = personas["board"]
    mine_by_agency = Action.objects.filter(
        objective__priority__plan__partnership=partnership,
        owner_organisation=board.person.organisation,
    )
    assert mine_by_agency.exists()  # the council owns actions: once, that made them the board's
    client = signed_in(board)
    overview = client.get(reverse("partnership", args=[partnership.slug])).content.decode()
    assert "need an update from you" not in overview and "you read the partnership" in overview
    reminders = client.get(reverse("my-reminders", args=[partnership.slug])).content.decode()
    assert "/update/" not in reminders


def test_the_manager_is_told_how_many_updates_await_review_and_each_opens(
    partnership, personas, plan
):
    action = Action.objects.get(
        objective__priority__plan=plan, owner_person=personas["owner"].person, updates=None
    )
    client = signed_in(personas["owner"])
    page = client.get(reverse("update-new", args=[partnership.slug, action.pk])).content.decode()
    assert "Write" in page
    level = action.plan.rag_scheme.levels.get(code="amber")
    data = {"period": action.plan.reporting_period, "rag": level.pk, "progress": "Delivered"}
    url = reverse("update-new", args=[partnership.slug, action.pk])
    assert client.post(url, data).status_code == 302

    manager = signed_in(personas["manager"])
    overview = manager.get(reverse("partnership", args=[partnership.slug])).content.decode()
    waiting = ActionUpdate.objects.filter(
        action__objective__priority__plan__partnership=partnership,
        status=ActionUpdate.Status.SUBMITTED,
    )
    assert overview_count(overview, "updates? awaiting your review") == waiting.count() > 0
    updates = manager.get(reverse("updates", args=[partnership.slug])).content.decode()
    reviews = [h for h in links(updates, "Awaiting your review") if h.endswith("/review/")]
    assert len(reviews) == waiting.count()
    assert all(manager.get(h).status_code == 200 for h in reviews)


@pytest.fixture
def police_action(plan, police) -> Action:
    """An action the police own, with no person or group named."""
    return ActionFactory(
        objective=ObjectiveFactory(priority__plan=plan),
        code="9.9",
        title="Review joint visits",
        owner_person=None,
        owner_organisation=police,
    )


def test_an_agencys_action_is_its_named_leads_to_update_and_be_reminded_of(
    partnership, personas, police_action
):
    owner = personas["owner"]  # a police officer, not (yet) the police's lead
    slug = partnership.slug
    url = reverse("update-new", args=[slug, police_action.pk])
    mine = signed_in(owner).get(reverse("my-actions", args=[slug])).content.decode()
    assert url not in mine and signed_in(owner).get(url).status_code == 403

    police = police_action.owner_organisation
    manager = signed_in(personas["manager"])
    edit = reverse("structure-edit", args=[slug, "organisation", police.pk])
    data = {"name": police.name, "kind": police.kind, "lead": owner.person.pk}
    assert manager.post(edit, data).status_code == 302

    mine = signed_in(owner).get(reverse("my-actions", args=[slug])).content.decode()
    assert f"/actions/{police_action.pk}/" in mine
    assert signed_in(owner).get(url).status_code == 200
    due = due_items(owner.partnership, today=police_action.plan.updates_due)
    assert [i.person for i in due if i.object_id == police_action.pk] == [owner.person]


def test_a_named_owner_who_audits_writes_their_own_actions_update(partnership, personas, plan):
    auditor = personas["auditor"]
    action = Action.objects.filter(owner_person=auditor.person).first()
    url = reverse("update-new", args=[partnership.slug, action.pk])
    level = action.plan.rag_scheme.levels.get(code="amber")
    data = {"period": action.plan.reporting_period, "rag": level.pk, "progress": "Framework agreed"}
    assert signed_in(auditor).post(url, data).status_code == 302
    assert action.updates.get(status=ActionUpdate.Status.SUBMITTED).author == auditor.user


def test_the_ownership_rule_in_sql_and_in_python_agree(partnership, personas, police_action):
    from assure.partnership import ownership
    from assure.partnership.models import Group, Person
    from assure.risks.models import Risk

    police = police_action.owner_organisation
    structure.save_organisation(
        None, partnership, police, name=police.name, kind=police.kind, lead=personas["owner"].person
    )
    group = Group.objects.get(partnership=partnership, name="Exploitation sub-group")
    RiskFactory(partnership=partnership, owner_person=personas["analyst"].person)
    RiskFactory(partnership=partnership, owner_person=None, owner_group=group)
    actions = list(Action.objects.filter(objective__priority__plan__partnership=partnership))
    risks = list(Risk.objects.filter(partnership=partnership))
    for person in Person.objects.filter(partnership=partnership):
        by_sql = set(
            Action.objects.filter(ownership.owned_by(person, agencies=True)).values_list(
                "pk", flat=True
            )
        )
        assert by_sql == {a.pk for a in actions if ownership.owns(person, a)}, person
        risky = set(Risk.objects.filter(ownership.owned_by(person)).values_list("pk", flat=True))
        assert risky == {r.pk for r in risks if ownership.owns(person, r)}, person
