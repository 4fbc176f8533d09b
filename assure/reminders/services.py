"""Chasing: one e-mail per owner per partnership listing what is overdue or due soon, each
item at most once a week, every reminder sent recorded. A dry run sends and records nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from assure.core.models import Partnership
from assure.documents import links
from assure.partnership.models import Person
from assure.reminders.models import Reminder
from assure.reminders.queries import DueItem, due_items, reminded_this_week


@dataclass
class Outgoing:
    """One e-mail: its owner, the items it lists and those held back as reminded this week."""

    partnership: Partnership
    person: Person
    items: list[DueItem] = field(default_factory=list)
    held_back: list[DueItem] = field(default_factory=list)
    sent: bool = False
    error: str = ""

    @property
    def email(self) -> str:
        return self.person.email


def base_url() -> str:
    return links.configured()


def plan(partnership: Partnership, today: dt.date) -> list[Outgoing]:
    """Who would be e-mailed about what, in one partnership, on `today`."""
    already = reminded_this_week(partnership, today)
    by_person: dict[int, Outgoing] = {}
    for item in due_items(partnership, today):
        outgoing = by_person.setdefault(item.person.pk, Outgoing(partnership, item.person))
        if (item.kind, item.object_id, item.person.pk) in already:
            outgoing.held_back.append(item)
        else:
            outgoing.items.append(item)
    return sorted(by_person.values(), key=lambda o: o.person.name)


def message(outgoing: Outgoing, today: dt.date) -> tuple[str, str]:
    """The subject and plain-text body of one reminder e-mail."""
    count = len(outgoing.items)
    partnership = outgoing.partnership
    subject = (
        f"Assure: {count} item{'s' if count != 1 else ''} overdue or due soon "
        f"for {partnership.name}"
    )
    lines = [f"Dear {outgoing.person.name},", ""]
    lines.append(f"These are yours in {partnership.name}, overdue or due within two weeks:")
    for state in ("overdue", "sent back", "due"):
        chosen = [i for i in outgoing.items if i.state == state]
        if chosen:
            lines += [
                "",
                {"due": "Due soon", "sent back": "Sent back to you"}.get(state, "Overdue"),
            ]
            lines += [_line(i) for i in chosen]
    mine = reverse("my-reminders", args=[partnership.slug])
    lines += [
        "",
        f"The same list is on your page: {base_url()}{mine}",
        "You are reminded of each item at most once a week.",
        f"Sent by Assure on {today:%-d %B %Y}.",
    ]
    return subject, "\n".join(lines)


def _line(item: DueItem) -> str:
    due = f" (due {item.due_on:%-d %B %Y})" if item.due_on else ""
    return f"- {item.kind_label}: {item.label}{due}\n  {base_url()}{item.path}"


def _send(outgoing: Outgoing, today: dt.date) -> None:
    subject, body = message(outgoing, today)
    with transaction.atomic():
        Reminder.objects.bulk_create(
            Reminder(
                partnership=outgoing.partnership,
                person=outgoing.person,
                email=outgoing.email,
                kind=item.kind,
                object_id=item.object_id,
                label=item.label[:300],
                state=item.state,
                due_on=item.due_on,
                sent_on=today,
            )
            for item in outgoing.items
        )
        # Sent inside the transaction: if the mail server refuses it, nothing is recorded.
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [outgoing.email])


def remind(
    today: dt.date | None = None, *, dry_run: bool = False, slugs: list[str] | None = None
) -> list[Outgoing]:
    """Send (or, in a dry run, only list) each owner's reminders, partnership by partnership."""
    today = today or dt.date.today()
    partnerships = Partnership.objects.all()
    if slugs:
        partnerships = partnerships.filter(slug__in=slugs)
    outgoing = [o for p in partnerships for o in plan(p, today)]
    if dry_run:
        return outgoing
    for item in outgoing:
        if not item.items or not item.email:
            continue
        try:
            _send(item, today)
            item.sent = True
        except Exception as error:  # noqa: BLE001 - one refused address must not stop the rest
            item.error = str(error) or error.__class__.__name__
    return outgoing
