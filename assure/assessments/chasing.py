"""Chasing returns: who is asked for each return still missing (its lead, else the
organisation's lead), and the e-mail a reviewer sends now to every one of them at once (the
weekly reminders of `assure remind` aside, through `deadlines.py`). Each e-mail sent is kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from assure.assessments import access
from assure.assessments.models import Chase, Return, Round
from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership
from assure.documents import links
from assure.partnership.models import Person


def lead_of(assessment: Return) -> Person | None:
    return assessment.lead or assessment.organisation.lead


def outstanding(found: Round) -> list[Return]:
    """The returns of the round not submitted yet."""
    pending = found.returns.exclude(status=Return.Status.SUBMITTED)
    return list(pending.select_related("organisation__lead", "lead", "round"))


def return_path(assessment: Return) -> str:
    return reverse(
        "self-assessment-return", args=[assessment.round.partnership.slug, assessment.pk]
    )


def message(assessment: Return, person: Person, today: dt.date) -> tuple[str, str]:
    found = assessment.round
    state = "was due" if found.due_on < today else "is due"
    subject = (
        f"Assure: {found} return for {assessment.organisation} {state} {found.due_on:%-d %B %Y}"
    )
    body = "\n".join(
        [
            f"Dear {person.name},",
            "",
            f"{found.partnership.name} asked {assessment.organisation} for its {found} "
            f"self-assessment. It {state} on {found.due_on:%-d %B %Y} and has not been "
            f"submitted yet ({assessment.get_status_display().lower()}).",
            "",
            f"Complete and submit it here: {links.configured()}{return_path(assessment)}",
            "",
            f"Sent by Assure on {today:%-d %B %Y}.",
        ]
    )
    return subject, body


@dataclass
class Chased:
    sent: list[Return] = field(default_factory=list)
    nobody: list[Return] = field(default_factory=list)  # no lead with an e-mail address


def chase_outstanding(membership: Membership, found: Round, today: dt.date | None = None) -> Chased:
    """E-mail the lead of every return still missing, now; each e-mail is recorded."""
    if not access.reviews(membership):
        raise DomainError("Only the reviewers of self-assessments chase returns.")
    if not found.is_open:
        raise DomainError(f"{found} is closed: its missing returns are no longer chased.")
    today = today or dt.date.today()
    chased = Chased()
    for assessment in outstanding(found):
        person = lead_of(assessment)
        if person is None or not person.email:
            chased.nobody.append(assessment)
            continue
        subject, body = message(assessment, person, today)
        with transaction.atomic():
            Chase.objects.create(
                assessment=assessment, person=person, email=person.email, sent_by=membership.user
            )
            # Sent inside the transaction: if the mail server refuses it, nothing is recorded.
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        chased.sent.append(assessment)
    if chased.sent:
        audit.record(
            actor=membership.user,
            partnership=found.partnership,
            verb=ChangeRecord.Verb.UPDATED,
            obj=found,
            summary=f"Chased {len(chased.sent)} missing return(s) of {found}",
        )
    return chased
