"""Chasing: who is reminded of what, once a week, never for closed items, never across
partnerships; the dry run; the record of every reminder; the owner's "my reminders" page."""

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

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def dcs(torbay):
    return Person.objects.get(partnership=torbay, name="Director of Children's Services")


def items_for(partnership, person, today=TODAY):
    return queries.due_items(partnership, today, person=person)


def keys(items):
    return {(i.kind, i.label.split(":")[0]) for i in items}


def test_the_demo_people_have_role_based_email_addresses(torbay, stockton):
    assert dcs(torbay).email == "dcs@torbay.example"
    assert not Person.objects.filter(partnership__in=[torbay, stockton], email="").exists()


def test_overdue_and_due_within_two_weeks_are_chosen_and_later_ones_are_not(torbay):
    items = items_for(torbay, dcs(torbay))
    risks = {i.label.split(":")[0]: i.state for i in items if i.kind == "risk_review"}
    # Demo reviews: risk 5 three days ago, 1 in 5 days, 10 in 10, 4 in 12; 9 in 20, 2 in 30.
    assert risks == {
        "Review Risk 5": "overdue", "Review Risk 1": "due",
        "Review Risk 10": "due", "Review Risk 4": "due",
    }  # fmt: skip
    tracker = [i for i in items if i.kind == "tracker_action"]
    assert len(tracker) == 2 and {i.state for i in tracker} == {"overdue"}
    assert items[0].state == "overdue"  # overdue first


def test_plan_updates_due_overdue_or_sent_back_are_chosen(torbay):
    updates = [i for i in queries.due_items(torbay, TODAY) if i.kind == "plan_update"]
    assert updates and {i.state for i in updates} <= {"due", "overdue", "sent back"}
    assert all(i.person.email for i in updates)
    # The demo opens its current plans for updates due in two weeks: a month early, not yet.
    early = [
        i
        for i in queries.due_items(torbay, TODAY - dt.timedelta(days=30))
        if i.kind == "plan_update"
    ]
    assert all(i.state != "due" for i in early)


def test_closed_items_are_never_chosen(torbay):
    TrackerAction.objects.filter(partnership=torbay).update(status=TrackerAction.Status.COMPLETE)
    Risk.objects.filter(partnership=torbay, reference="5").update(status=Risk.Status.CLOSED)
    items = items_for(torbay, dcs(torbay))
    assert not [i for i in items if i.kind == "tracker_action"]
    assert "Review Risk 5" not in {i.label.split(":")[0] for i in items}


def test_remind_sends_one_email_per_owner_and_records_each_item(torbay):
    outgoing = remind(TODAY, slugs=["torbay"])
    to_dcs = [m for m in mail.outbox if m.to == ["dcs@torbay.example"]]
    assert len(to_dcs) == 1
    body = to_dcs[0].body
    assert "Dear Director of Children's Services" in body
    assert "Review Risk 5" in body and "Overdue" in body
    assert "/p/torbay/my-reminders/" in body
    sent = Reminder.objects.filter(partnership=torbay, person=dcs(torbay))
    expected = next(o for o in outgoing if o.person == dcs(torbay)).items
    assert sent.count() == len(expected) > 0
    assert {r.email for r in sent} == {"dcs@torbay.example"}
    assert len(mail.outbox) == len([o for o in outgoing if o.items])


def test_an_item_is_reminded_at_most_once_a_week(torbay):
    remind(TODAY, slugs=["torbay"])
    first = len(mail.outbox)
    assert first > 0
    remind(TODAY + dt.timedelta(days=6), slugs=["torbay"])
    sixth_day = [m for m in mail.outbox[first:] if m.to == ["dcs@torbay.example"]]
    # Six days on, only items that were not yet in the window may be sent (risk 9: day 20).
    assert all("Review Risk 5" not in m.body for m in sixth_day)
    count = len(mail.outbox)
    remind(TODAY + dt.timedelta(days=7), slugs=["torbay"])
    week_on = [m for m in mail.outbox[count:] if m.to == ["dcs@torbay.example"]]
    assert len(week_on) == 1 and "Review Risk 5" in week_on[0].body


def test_a_dry_run_sends_and_records_nothing(torbay):
    outgoing = remind(TODAY, dry_run=True, slugs=["torbay"])
    assert any(o.items for o in outgoing)
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_reminders_never_cross_partnerships(torbay, stockton):
    stockton_person = Person.objects.filter(partnership=stockton).first()
    stockton_person.email = "dcs@torbay.example"  # the same address in both partnerships
    stockton_person.save()
    row = TrackerAction.objects.filter(partnership=torbay, owner=dcs(torbay)).first()
    # A row wrongly pointing at the other partnership's person is never sent to them.
    TrackerAction.objects.filter(pk=row.pk).update(owner=stockton_person)
    remind(TODAY)
    for message in mail.outbox:
        mentions_torbay = "Torbay" in message.subject
        mentions_stockton = "Stockton" in message.subject
        assert mentions_torbay != mentions_stockton, message.subject
        if mentions_stockton:
            assert "/p/torbay/" not in message.body and "Review Risk" not in message.body
    assert not Reminder.objects.filter(person=stockton_person, partnership=torbay).exists()
    assert not Reminder.objects.filter(kind="tracker_action", object_id=row.pk).exists()
    assert not Reminder.objects.exclude(person__partnership_id=F("partnership_id")).exists()


def test_owners_without_an_email_are_listed_but_not_sent(torbay, capsys):
    Person.objects.filter(pk=dcs(torbay).pk).update(email="")
    call_command("remind", "--partnership", "torbay")
    out = capsys.readouterr().out
    assert "No e-mail address for Director of Children's Services (torbay)" in out
    assert not [m for m in mail.outbox if "Director of Children" in m.body]
    assert not Reminder.objects.filter(person=dcs(torbay)).exists()


def test_the_command_dry_run_lists_what_would_be_sent_to_whom(capsys):
    call_command("remind", "--dry-run", "--partnership", "torbay")
    out = capsys.readouterr().out
    assert "Would send to dcs@torbay.example, Director of Children's Services (torbay)" in out
    assert "overdue: Risk review: Review Risk 5" in out
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_the_assure_command_runs_remind(capsys):
    assert cli_main(["remind", "--dry-run"]) == 0
    assert "Would send" in capsys.readouterr().out
    assert cli_main(["remind", "--today", "not-a-date"]) == 1


def test_a_refused_email_records_nothing_for_that_owner(torbay, monkeypatch):
    from assure.reminders import services

    def refuse(*args, **kwargs):
        raise OSError("mail server refused")

    monkeypatch.setattr(services, "send_mail", refuse)
    outgoing = remind(TODAY, slugs=["torbay"])
    assert all(o.error for o in outgoing if o.items and o.email)
    assert not Reminder.objects.exists()


def test_the_owner_sees_the_same_list_on_their_page(torbay, client_as):
    row = TrackerAction.objects.filter(partnership=torbay).first()
    police = Person.objects.get(partnership=torbay, name="Detective Inspector")
    TrackerAction.objects.filter(pk=row.pk).update(
        owner=police, due_date=TODAY + dt.timedelta(days=3)
    )
    page = client_as("owner").get(reverse("my-reminders", args=["torbay"])).content.decode()
    assert "Tracker action" in page and "police_lead@torbay.example" in page
    expected = items_for(torbay, police)
    assert expected and all(
        i.label[:40] in page
        for i in expected
        if "&" not in i.label[:40] and "'" not in i.label[:40]
    )
    assert client_as("outsider").get(reverse("my-reminders", args=["torbay"])).status_code == 404


def test_the_page_lists_the_reminders_sent(torbay, client_as):
    police = Person.objects.get(partnership=torbay, name="Detective Inspector")
    row = TrackerAction.objects.filter(partnership=torbay).first()
    TrackerAction.objects.filter(pk=row.pk).update(owner=police, due_date=TODAY)
    remind(TODAY, slugs=["torbay"])
    page = client_as("owner").get(reverse("my-reminders", args=["torbay"])).content.decode()
    assert "Reminders sent to you" in page and "None yet." not in page
