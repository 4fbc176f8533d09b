"""Quarterly updates: an owner writes, the business manager accepts or sends back, history kept.

Built with the factories: the owner's action 2.1 of a plan whose updates were due in July."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.plans import queries, services
from assure.plans.models import Action, ActionUpdate, Plan
from tests.factories import ActionFactory, MemberFactory, PartnershipFactory, PlanFactory, signed_in
from tests.forms import form_values


@pytest.fixture
def owner(people):
    return people("owner")


@pytest.fixture
def manager(member):
    """The business manager, with a name the record of changes prints."""
    return member(
        "manager", user__username="sam.reid", user__first_name="Sam", user__last_name="Reid"
    )


@pytest.fixture
def action(partnership, owner) -> Action:
    return ActionFactory(
        objective__priority__plan__partnership=partnership,
        objective__priority__plan__updates_due=dt.date(2024, 7, 31),
        code="2.1",
        owner_person=owner.person,
        outcome_measure="Fewer repeat referrals",
    )


def level(plan: Plan, code: str):
    return plan.rag_scheme.levels.get(code=code)


def submit(member, action, rag="amber", **extra):
    plan = action.plan
    fields = {"period": plan.reporting_period, "progress": "Audit completed", **extra}
    return services.submit_update(member, action, rag=level(plan, rag), **fields)


def test_an_action_without_its_update_is_overdue_after_the_deadline(action, owner):
    plan = action.plan
    rows = {r.action.pk: r for r in queries.my_actions(owner)}
    assert plan.updates_due < dt.date.today()
    assert rows[action.pk].state == "overdue"
    submit(owner, action)
    rows = {r.action.pk: r for r in queries.my_actions(owner)}
    assert rows[action.pk].state == "awaiting review"


def test_sending_back_keeps_the_first_update_and_asks_for_another(action, owner, manager):
    first = submit(owner, action, rag="green")
    services.review_update(
        manager.user,
        first,
        accept=False,
        challenge="Where is the evidence of impact?",
    )
    row = queries.action_rows([action])[0]
    assert row.state == "sent back"
    assert row.latest is None or row.latest.pk != first.pk  # a returned update is not current
    second = submit(owner, action, rag="amber", evidence="https://example.org/a")
    services.review_update(manager.user, second, accept=True)
    history = list(action.updates.order_by("submitted_at", "id"))
    assert [u.status for u in history] == ["returned", "accepted"]
    assert history[0].challenge == "Where is the evidence of impact?"
    row = queries.action_rows([action])[0]
    assert (row.state, row.latest.rag.code) == ("done", "amber")


def test_a_challenge_is_needed_to_send_an_update_back(action, owner, manager):
    update = submit(owner, action)
    with pytest.raises(DomainError, match="what the owner needs"):
        services.review_update(manager.user, update, accept=False, challenge=" ")
    update.refresh_from_db()
    assert update.status == ActionUpdate.Status.SUBMITTED


def test_an_update_cannot_be_reviewed_twice(action, owner, manager):
    update = submit(owner, action)
    services.review_update(manager.user, update, accept=True)
    with pytest.raises(DomainError, match="already been reviewed"):
        services.review_update(manager.user, update, accept=False, challenge="x")


def test_a_period_outside_the_plan_is_refused(action, owner):
    with pytest.raises(DomainError, match="outside the plan") as error:
        submit(owner, action, period="2030-Q1")
    assert error.value.field == "period"
    assert not action.updates.exists()


def test_a_rating_from_another_scheme_is_refused(action, owner):
    other = PartnershipFactory()
    bright_green = other.schemes.get(key="four_level").levels.get(code="bright_green")
    with pytest.raises(DomainError, match="scheme"):
        services.submit_update(
            owner,
            action,
            period=action.plan.reporting_period,
            rag=bright_green,
            progress="On track",
        )


def test_green_in_the_four_level_scheme_completes_the_action(db):
    their_manager = MemberFactory()  # of a partnership rating its plan on four levels
    plan = PlanFactory(
        partnership=their_manager.partnership,
        rag_scheme=their_manager.partnership.schemes.get(key="four_level"),
    )
    action = ActionFactory(objective__priority__plan=plan)
    assert action.status == Action.Status.OPEN
    submit(their_manager, action, rag="green")
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE


def test_the_review_page_accepts_and_the_queue_empties(action, owner, manager, partnership):
    update = submit(owner, action)
    client = signed_in(manager)
    queue = client.get(reverse("updates", args=[partnership.slug])).content.decode()
    assert reverse("update-review", args=[partnership.slug, update.pk]) in queue
    response = client.post(
        reverse("update-review", args=[partnership.slug, update.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.status == ActionUpdate.Status.ACCEPTED
    assert update.reviewed_by == manager.user
    queue = client.get(reverse("updates", args=[partnership.slug])).content.decode()
    assert reverse("update-review", args=[partnership.slug, update.pk]) not in queue


def test_the_action_page_shows_the_update_history_and_the_challenge(
    action, owner, manager, people, partnership
):
    first = submit(owner, action, rag="green")
    services.review_update(
        manager.user, first, accept=False, challenge="Evidence the attendance figures"
    )
    page = (
        signed_in(people("board"))
        .get(reverse("action", args=[partnership.slug, action.pk]))
        .content.decode()
    )
    assert "Evidence the attendance figures" in page
    assert "Sent back" in page


def test_every_change_is_recorded_with_before_and_after(action, manager, partnership):
    old_measure = action.outcome_measure
    services.save_action(
        manager.user,
        action.objective,
        action,
        code=action.code,
        title=action.title,
        owner_person=action.owner_person,
        owner_group=action.owner_group,
        owner_organisation=action.owner_organisation,
        timescale="March 2022",
        recurrence="none",
        due_date=dt.date(2022, 3, 31),
        outcome_measure="More referrals",
        impact_measure="",
        status="open",
        position=0,
        revision_reason="Board agreed",
    )
    change = ChangeRecord.objects.filter(object_type="plans.action", object_id=action.pk).first()
    assert change.actor == manager.user
    assert ("outcome measure", old_measure, "More referrals") in [
        (name, old, new) for name, old, new in change.changed_fields()
    ]
    page = signed_in(manager).get(reverse("action", args=[partnership.slug, action.pk]))
    assert "More referrals" in page.content.decode()
    assert "Board agreed" in page.content.decode()


def test_a_new_due_date_keeps_the_earlier_one(action, manager):
    fields = {
        f: getattr(action, f)
        for f in ("code", "title", "owner_person", "owner_group", "owner_organisation")
    }
    services.save_action(
        manager.user,
        action.objective,
        action,
        **fields,
        due_date=dt.date(2025, 7, 31),
        revision_reason="Delayed by the restructure",
    )
    revisions = list(action.revisions.values_list("previous_due", "new_due", "reason"))
    assert revisions == [(dt.date(2025, 3, 31), dt.date(2025, 7, 31), "Delayed by the restructure")]
    action.refresh_from_db()
    assert action.due_date == dt.date(2025, 7, 31)


def test_one_update_a_period_edited_while_it_awaits_review_then_history(
    action, owner, manager, partnership
):
    browser = signed_in(owner)
    first = submit(owner, action, progress="Audit planned")
    page = browser.get(reverse("action", args=[partnership.slug, action.pk])).content.decode()
    assert "awaiting review" in page and "Write the" not in page
    form = form_values(
        browser.get(reverse("update-new", args=[partnership.slug, action.pk])).content.decode()
    )
    assert form["progress"] == "Audit planned"  # the saved update, not a blank form
    form["progress"] = "Audit planned for June"
    assert (
        browser.post(reverse("update-new", args=[partnership.slug, action.pk]), form).status_code
        == 302
    )
    assert [(u.pk, u.progress) for u in action.updates.all()] == [
        (first.pk, "Audit planned for June")
    ]

    services.review_update(manager.user, first, accept=True)
    page = browser.get(reverse("action", args=[partnership.slug, action.pk])).content.decode()
    assert "update-new" not in page and f"/actions/{action.pk}/update/" not in page
    assert browser.get(reverse("update-new", args=[partnership.slug, action.pk])).status_code == 302
    with pytest.raises(DomainError, match="was accepted on"):
        submit(owner, action)
    assert action.updates.count() == 1


def test_the_database_keeps_one_live_update_a_period_when_two_are_sent_at_once(action):
    from django.db import IntegrityError, transaction

    plan = action.plan
    fields = {"period": plan.reporting_period, "rag": level(plan, "amber"), "progress": "x"}
    ActionUpdate.objects.create(action=action, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionUpdate.objects.create(action=action, **fields)


def test_a_sent_back_update_is_answered_starting_from_its_own_text(
    action, owner, manager, partnership
):
    first = submit(owner, action, progress="Training delivered", next_steps="Evaluate")
    services.review_update(manager.user, first, accept=False, challenge="Numbers?")
    page = signed_in(owner).get(reverse("update-new", args=[partnership.slug, action.pk])).content
    form = form_values(page.decode())
    assert (form["progress"], form["next_steps"]) == ("Training delivered", "Evaluate")
    assert "Numbers?" in page.decode()
    form["progress"] = "Training delivered to 40 staff"
    signed_in(owner).post(reverse("update-new", args=[partnership.slug, action.pk]), form)
    assert [u.status for u in action.updates.order_by("id")] == ["returned", "submitted"]


def test_an_update_edited_after_the_review_page_opened_is_not_accepted_unseen(
    action, owner, manager, partnership
):
    update = submit(owner, action, progress="First version")
    browser = signed_in(manager)
    review = form_values(
        browser.get(reverse("update-review", args=[partnership.slug, update.pk])).content.decode()
    )
    submit(owner, action, progress="Second version", editing=update)
    review["decision"] = "accept"
    response = browser.post(reverse("update-review", args=[partnership.slug, update.pk]), review)
    assert response.status_code == 400
    assert "since you opened it" in response.content.decode()
    assert "Second version" in response.content.decode()
    update.refresh_from_db()
    assert update.status == ActionUpdate.Status.SUBMITTED


def test_an_owners_edit_after_the_review_is_refused_and_the_review_stands(
    action, owner, manager, partnership
):
    browser = signed_in(owner)
    update = submit(owner, action, progress="First version")
    form = form_values(
        browser.get(reverse("update-new", args=[partnership.slug, action.pk])).content.decode()
    )
    services.review_update(manager.user, update, accept=False, challenge="More")
    form["progress"] = "Edited late"
    response = browser.post(reverse("update-new", args=[partnership.slug, action.pk]), form)
    assert response.status_code == 400 and "since you opened it" in response.content.decode()
    update.refresh_from_db()
    assert (update.status, update.progress) == (ActionUpdate.Status.RETURNED, "First version")


def test_the_updates_page_leads_with_reviews_and_each_review_opens_the_next(
    action, manager, partnership
):
    second_action = ActionFactory(objective=action.objective)
    ActionFactory(  # an action of a plan whose updates are due next month: still due
        objective__priority__plan__partnership=partnership,
        objective__priority__plan__kind=Plan.Kind.STRATEGY,
        objective__priority__plan__updates_due=dt.date.today() + dt.timedelta(days=30),
    )
    first = submit(manager, action)
    second = submit(manager, second_action)
    browser = signed_in(manager)
    page = browser.get(reverse("updates", args=[partnership.slug])).content.decode()
    reviews = page.index(reverse("update-review", args=[partnership.slug, first.pk]))
    assert reviews < page.index("<details")  # before the (folded) actions still due
    response = browser.post(
        reverse("update-review", args=[partnership.slug, first.pk]), {"decision": "accept"}
    )
    assert response.headers["Location"] == reverse(
        "update-review", args=[partnership.slug, second.pk]
    )
    review = browser.get(response.headers["Location"]).content.decode()
    assert "Earlier updates of this action" in review
    response = browser.post(
        reverse("update-review", args=[partnership.slug, second.pk]), {"decision": "accept"}
    )
    assert response.headers["Location"].endswith("/updates/#awaiting-review")


def test_the_record_of_changes_reads_as_words_links_to_the_record_and_names_people(
    action, owner, manager, people, partnership
):
    update = submit(owner, action, progress="Audit completed")
    services.review_update(manager.user, update, accept=True)
    page = signed_in(manager).get(reverse("changes", args=[partnership.slug])).content.decode()
    row = next(r for r in page.split("<tr") if "Accepted the" in r)
    assert f'href="{reverse("action", args=[partnership.slug, action.pk])}"' in row
    assert "Sam Reid" in row  # the manager's full name
    assert manager.user.username not in row
    assert not re.search(r"\d{2}:\d{2}:\d{2}|\+00:00|\{'", row)  # no ISO times, no dict text
    action_page = signed_in(people("board")).get(
        reverse("action", args=[partnership.slug, action.pk])
    )
    changes = action_page.content.decode().split("Changes to this action")[-1]
    assert "Accepted the" in changes and "Update for 2.1" in changes


def test_two_reviews_read_at_once_resolve_to_one(action, owner, manager, people):
    update = submit(owner, action)
    theirs = ActionUpdate.objects.get(pk=update.pk)  # both managers opened it awaiting review
    mine = ActionUpdate.objects.get(pk=update.pk)
    services.review_update(manager.user, theirs, accept=False, challenge="Why?")
    with pytest.raises(DomainError, match="already been reviewed"):
        services.review_update(people("administrator").user, mine, accept=True)
    update.refresh_from_db()
    assert (update.status, update.challenge) == (ActionUpdate.Status.RETURNED, "Why?")
    reviews = ChangeRecord.objects.filter(
        object_type="plans.actionupdate", object_id=update.pk, verb=ChangeRecord.Verb.REVIEWED
    )
    assert reviews.count() == 1


def test_the_same_update_sent_twice_is_one_update(action, owner):
    submit(owner, action)
    with pytest.raises(DomainError, match="awaits review"):
        submit(owner, action)
    assert action.updates.count() == 1


def test_the_latest_live_update_is_bounded_by_period_and_skips_sent_back_ones(action):
    plan = action.plan
    first = ActionUpdate.objects.create(
        action=action, period="2021-Q1", rag=level(plan, "amber"), progress="Q1"
    )
    ActionUpdate.objects.create(
        action=action, period="2021-Q2", rag=level(plan, "red"), progress="Q2", status="returned"
    )
    later = ActionUpdate.objects.create(
        action=action, period="2021-Q3", rag=level(plan, "green"), progress="Q3"
    )
    assert queries.latest_updates([action])[action.pk] == later
    assert queries.latest_updates([action], up_to="2021-Q2")[action.pk] == first  # not sent back
    assert action.pk not in queries.latest_updates([action], up_to="2021-Q2", since="2021-Q2")
