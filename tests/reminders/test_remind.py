"""Chasing: who is reminded of what, once a week, never for closed items, never across
partnerships; the dry run; the record of every reminder; the owner's "my reminders" page.
Built on a partnership of its own (conftest.py); what the demo's people are sent is in
test_seed_reminders.py."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from assure.cli import main as cli_main
from assure.meetings.models import TrackerAction
from assure.partnership.models import Person
from assure.reminders import queries
from assure.reminders.models import Reminder
from assure.reminders.services import remind
from assure.risks.models import Risk
from tests.factories import MemberFactory, PartnershipFactory, PersonFactory, signed_in

from .conftest import TODAY, address

pytestmark = pytest.mark.django_db


def items_for(partnership, person, today=TODAY):
    return queries.due_items(partnership, today, person=person)


def keys(items):
    return {(i.kind, i.label.split(":")[0]) for i in items}


def test_overdue_and_due_within_two_weeks_are_chosen_and_later_ones_are_not(partnership, owners):
    items = items_for(partnership, owners.dcs)
    risks = {i.label.split(":")[0]: i.state for i in items if i.kind == "risk_review"}
    assert risks == {
        "Review Risk 5": "overdue", "Review Risk 1": "due",
        "Review Risk 10": "due", "Review Risk 4": "due",
    }  # fmt: skip
    tracker = [i for i in items if i.kind == "tracker_action"]
    assert len(tracker) == 2 and {i.state for i in tracker} == {"overdue"}
    assert items[0].state == "overdue"  # overdue first


def test_plan_updates_due_overdue_or_sent_back_are_chosen(partnership, owners):
    updates = [i for i in queries.due_items(partnership, TODAY) if i.kind == "plan_update"]
    assert updates and {i.state for i in updates} <= {"due", "overdue", "sent back"}
    assert all(i.person.email for i in updates)
    # The plan's updates are due in two weeks: a month early, not yet.
    early = [
        i
        for i in queries.due_items(partnership, TODAY - dt.timedelta(days=30))
        if i.kind == "plan_update"
    ]
    assert all(i.state != "due" for i in early)


def test_closed_items_are_never_chosen(partnership, owners):
    TrackerAction.objects.filter(partnership=partnership).update(
        status=TrackerAction.Status.COMPLETE
    )
    Risk.objects.filter(partnership=partnership, reference="5").update(status=Risk.Status.CLOSED)
    items = items_for(partnership, owners.dcs)
    assert not [i for i in items if i.kind == "tracker_action"]
    assert "Review Risk 5" not in {i.label.split(":")[0] for i in items}


def test_remind_sends_one_email_per_owner_and_records_each_item(partnership, owners):
    outgoing = remind(TODAY, slugs=[partnership.slug])
    dcs = address(partnership, "dcs")
    to_dcs = [m for m in mail.outbox if m.to == [dcs]]
    assert len(to_dcs) == 1
    body = to_dcs[0].body
    assert "Dear Director of Children's Services" in body
    assert "Review Risk 5" in body and "Overdue" in body
    assert f"/p/{partnership.slug}/my-reminders/" in body
    sent = Reminder.objects.filter(partnership=partnership, person=owners.dcs)
    expected = next(o for o in outgoing if o.person == owners.dcs).items
    assert sent.count() == len(expected) > 0
    assert {r.email for r in sent} == {dcs}
    assert len(mail.outbox) == len([o for o in outgoing if o.items])


def test_an_item_is_reminded_at_most_once_a_week(partnership, owners):
    dcs = address(partnership, "dcs")
    remind(TODAY, slugs=[partnership.slug])
    first = len(mail.outbox)
    assert first > 0
    remind(TODAY + dt.timedelta(days=6), slugs=[partnership.slug])
    sixth_day = [m for m in mail.outbox[first:] if m.to == [dcs]]
    # Six days on, only items that were not yet in the window may be sent (risk 9: day 20).
    assert all("Review Risk 5" not in m.body for m in sixth_day)
    count = len(mail.outbox)
    remind(TODAY + dt.timedelta(days=7), slugs=[partnership.slug])
    week_on = [m for m in mail.outbox[count:] if m.to == [dcs]]
    assert len(week_on) == 1 and "Review Risk 5" in week_on[0].body


def test_a_dry_run_sends_and_records_nothing(partnership, owners):
    outgoing = remind(TODAY, dry_run=True, slugs=[partnership.slug])
    assert any(o.items for o in outgoing)
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_reminders_never_cross_partnerships(partnership, owners):
    other = PartnershipFactory(name="Another Safeguarding Children Partnership")
    other_person = PersonFactory(partnership=other, email=address(partnership, "dcs"))
    # (the same address in both partnerships)
    row = owners.tracker[0]
    # A row wrongly pointing at the other partnership's person is never sent to them.
    TrackerAction.objects.filter(pk=row.pk).update(owner=other_person)
    remind(TODAY, slugs=[partnership.slug, other.slug])
    assert mail.outbox
    for message in mail.outbox:
        mentions_ours = partnership.name in message.subject
        mentions_theirs = other.name in message.subject
        assert mentions_ours != mentions_theirs, message.subject
        if mentions_theirs:
            assert f"/p/{partnership.slug}/" not in message.body
            assert "Review Risk" not in message.body
    assert not Reminder.objects.filter(person=other_person, partnership=partnership).exists()
    assert not Reminder.objects.filter(kind="tracker_action", object_id=row.pk).exists()
    assert not Reminder.objects.exclude(person__partnership_id=F("partnership_id")).exists()


def test_owners_without_an_email_are_listed_but_not_sent(partnership, owners, capsys):
    Person.objects.filter(pk=owners.dcs.pk).update(email="")
    call_command("remind", "--partnership", partnership.slug)
    out = capsys.readouterr().out
    assert f"No e-mail address for Director of Children's Services ({partnership.slug})" in out
    assert not [m for m in mail.outbox if "Director of Children" in m.body]
    assert not Reminder.objects.filter(person=owners.dcs).exists()


def test_the_command_dry_run_lists_what_would_be_sent_to_whom(partnership, owners, capsys):
    call_command("remind", "--dry-run", "--partnership", partnership.slug)
    out = capsys.readouterr().out
    dcs = address(partnership, "dcs")
    assert f"Would send to {dcs}, Director of Children's Services ({partnership.slug})" in out
    assert "overdue: Risk review: Review Risk 5" in out
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_the_assure_command_runs_remind(owners, capsys):
    assert cli_main(["remind", "--dry-run"]) == 0
    assert "Would send" in capsys.readouterr().out
    assert cli_main(["remind", "--today", "not-a-date"]) == 1


def test_a_refused_email_records_nothing_for_that_owner(partnership, owners, monkeypatch):
    from assure.reminders import services

    def refuse(*args, **kwargs):
        raise OSError("mail server refused")

    monkeypatch.setattr(services, "send_mail", refuse)
    outgoing = remind(TODAY, slugs=[partnership.slug])
    assert any(o.items and o.email for o in outgoing)
    assert all(o.error for o in outgoing if o.items and o.email)
    assert not Reminder.objects.exists()


def test_the_owner_sees_the_same_list_on_their_page(partnership, owners):
    row = owners.tracker[0]
    police = owners.police.person
    TrackerAction.objects.filter(pk=row.pk).update(
        owner=police, due_date=TODAY + dt.timedelta(days=3)
    )
    path = reverse("my-reminders", args=[partnership.slug])
    page = signed_in(owners.police).get(path).content.decode()
    assert "Tracker action" in page and address(partnership, "police_lead") in page
    expected = items_for(partnership, police)
    assert expected and all(
        i.label[:40] in page
        for i in expected
        if "&" not in i.label[:40] and "'" not in i.label[:40]
    )
    outsider = MemberFactory()  # the business manager of another partnership
    assert signed_in(outsider).get(path).status_code == 404


def test_the_page_lists_the_reminders_sent(partnership, owners):
    police = owners.police.person
    TrackerAction.objects.filter(pk=owners.tracker[0].pk).update(owner=police, due_date=TODAY)
    remind(TODAY, slugs=[partnership.slug])
    path = reverse("my-reminders", args=[partnership.slug])
    page = signed_in(owners.police).get(path).content.decode()
    assert "Reminders sent to you" in page and "None yet." not in page
