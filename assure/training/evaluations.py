"""Evaluation links and answers: a link per attendee and stage, opened without signing in,
answered once.

A token is made with `secrets.token_urlsafe` when its link is issued, put in the e-mail (or
handed back to the caller) and forgotten: only its SHA-256 digest is kept, so whoever reads
the database cannot answer for an attendee. One answer per link is kept by the database (an
answer is one-to-one with its link) and checked under a row lock, so a second submit, even a
simultaneous one, is refused with a message rather than an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Partnership
from assure.documents import links
from assure.training.models import (
    CONFIDENCE,
    Attendance,
    Evaluation,
    EvaluationLink,
    Session,
    Stage,
)

EXAMPLE_LIMIT = 2000
ANSWERS_FROM = {  # who is asked at each stage
    Stage.BEFORE: {Attendance.Status.BOOKED, Attendance.Status.ATTENDED},
    Stage.AFTER: {Attendance.Status.ATTENDED},
    Stage.FOLLOW_UP: {Attendance.Status.ATTENDED},
}


class AlreadyAnswered(DomainError):
    """The link has been answered: its answer stands."""


@dataclass(frozen=True)
class Issued:
    """A link just issued: the only moment its token exists."""

    attendance: Attendance
    link: EvaluationLink
    token: str


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def address(partnership: Partnership, token: str) -> str:
    """The whole address of an evaluation, as an e-mail gives it."""
    return links.configured() + reverse("evaluate", args=[partnership.slug, token])


def opens_on(session: Session, stage: str) -> dt.date | None:
    """The first day a stage's questions may be answered (None: from when they are sent)."""
    return {Stage.AFTER: session.held_on, Stage.FOLLOW_UP: session.follow_up_on}.get(Stage(stage))


def check_open(session: Session, stage: str, today: dt.date) -> None:
    first = opens_on(session, stage)
    if stage == Stage.BEFORE and today > session.held_on:
        raise DomainError("The session has been held: the questions before it are closed.")
    if first is not None and today < first:
        label = Stage(stage).label.lower()
        raise DomainError(f"The questions {label} open on {first:%-d %B %Y}.")


def waiting(session: Session, stage: str) -> QuerySet[Attendance]:
    """Attendees asked at this stage who have an e-mail address and no link for it yet."""
    asked = session.attendances.filter(status__in=ANSWERS_FROM[Stage(stage)]).exclude(email="")
    return asked.exclude(evaluation_links__stage=stage)


def _issue(attendance: Attendance, stage: str, today: dt.date) -> Issued:
    token = secrets.token_urlsafe(32)
    link = EvaluationLink.objects.create(
        attendance=attendance, stage=stage, digest=digest_of(token), issued_on=today
    )
    return Issued(attendance, link, token)


def _record(actor: Any, session: Session, stage: str, count: int, verb: str) -> None:
    if count:
        audit.record(
            actor=actor,
            partnership=session.course.partnership,
            verb=ChangeRecord.Verb.CREATED,
            obj=session,
            summary=f"{verb} {count} evaluation links ({Stage(stage).label.lower()}) for {session}",
        )


@transaction.atomic
def issue_links(actor: Any, session: Session, stage: str, today: dt.date) -> list[Issued]:
    """A link for each attendee asked at this stage who has an e-mail address and no link
    for it yet, handed back (not e-mailed)."""
    check_open(session, stage, today)
    issued = [_issue(attendance, stage, today) for attendance in waiting(session, stage)]
    _record(actor, session, stage, len(issued), "Issued")
    return issued


def message(session: Session, stage: str, url: str) -> tuple[str, str]:
    """The subject and plain-text body of an evaluation e-mail."""
    course = session.course
    asks = {
        Stage.BEFORE: "Before the session, please say how confident you feel about each of "
        "its learning outcomes. It takes two minutes.",
        Stage.AFTER: "Now that you have attended, please say how confident you feel about "
        "each of its learning outcomes. It takes two minutes.",
        Stage.FOLLOW_UP: "Three months on, has the training changed your practice? Please tell "
        "us, with an example. It takes three minutes.",
    }[Stage(stage)]
    subject = f"{course.title}: {Stage(stage).label.lower()}"
    body = "\n".join(
        [
            f"{course.partnership.name}: {session}",
            "",
            asks,
            "",
            url,
            "",
            "The link is yours alone and can be answered once. Your answers are reported only "
            "with others', never with your name.",
        ]
    )
    return subject, body


@dataclass
class Sending:
    """The links e-mailed, and the addresses the mail server refused (tried again next time)."""

    sent: list[Issued] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def send_links(actor: Any, session: Session, stage: str, today: dt.date) -> Sending:
    """E-mail each attendee their link for this stage, once. Each link is made and sent in a
    transaction of its own: one the mail server refuses is not kept, so it is sent again
    next time, and those sent before it stand."""
    check_open(session, stage, today)
    done = Sending()
    for attendance in waiting(session, stage):
        try:
            with transaction.atomic():
                item = _issue(attendance, stage, today)
                url = address(session.course.partnership, item.token)
                subject, body = message(session, stage, url)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [attendance.email])
                item.link.sent_on = today
                item.link.save(update_fields=["sent_on"])
            done.sent.append(item)
        except Exception as error:  # noqa: BLE001 - one refused address must not stop the rest
            done.refused.append(f"{attendance.email}: {error or error.__class__.__name__}")
    _record(actor, session, stage, len(done.sent), "E-mailed")
    return done


def find_link(partnership: Partnership, token: str) -> EvaluationLink | None:
    """The link a token opens, in this partnership; None for any other token."""
    if not token or len(token) > 100:
        return None
    return (
        EvaluationLink.objects.select_related("attendance__session__course__partnership")
        .filter(digest=digest_of(token), attendance__session__course__partnership=partnership)
        .first()
    )


def _ratings(link: EvaluationLink, confidence: list[Any]) -> list[int]:
    outcomes = link.attendance.session.course.outcome_list
    ratings = []
    for index, outcome in enumerate(outcomes):
        value = confidence[index] if index < len(confidence) else None
        if not isinstance(value, int) or isinstance(value, bool) or value not in CONFIDENCE:
            raise DomainError(f"Choose how confident you are: {outcome}", field=f"outcome_{index}")
        ratings.append(value)
    if len(confidence) > len(outcomes):
        raise DomainError("Rate each learning outcome once.")
    return ratings


def _checked(link: EvaluationLink, fields: dict[str, Any]) -> dict[str, Any]:
    if link.stage != Stage.FOLLOW_UP:
        return {"confidence": _ratings(link, list(fields.get("confidence") or []))}
    changed = fields.get("practice_changed")
    example = str(fields.get("example") or "").strip()
    if changed not in (True, False):
        raise DomainError("Say whether your practice has changed.", field="practice_changed")
    if changed and not example:
        raise DomainError("Give an example of how your practice has changed.", field="example")
    if len(example) > EXAMPLE_LIMIT:
        raise DomainError(
            f"Keep the example to {EXAMPLE_LIMIT:,} characters or fewer.", field="example"
        )
    return {"practice_changed": changed, "example": example}


@transaction.atomic
def answer(link: EvaluationLink, today: dt.date, **fields: Any) -> Evaluation:
    """Keep an attendee's answer to their link; a link answered before refuses another."""
    link = EvaluationLink.objects.select_for_update().get(pk=link.pk)
    if link.answered_on is not None or Evaluation.objects.filter(link=link).exists():
        raise AlreadyAnswered("These questions have been answered already: thank you.")
    session = link.attendance.session
    check_open(session, link.stage, today)
    evaluation = Evaluation.objects.create(link=link, **_checked(link, fields))
    link.answered_on = today
    link.save(update_fields=["answered_on"])
    audit.record(
        actor=None,
        partnership=session.course.partnership,
        verb=ChangeRecord.Verb.CREATED,
        obj=evaluation,
        summary=f"An evaluation was answered ({link.get_stage_display().lower()}) for {session}",
    )
    return evaluation
