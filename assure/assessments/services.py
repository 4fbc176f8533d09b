"""Every write to rounds and returns: sending a round to organisations, an organisation's
draft and its submission signed off by a senior officer, and reopening a submitted return.

Each function is atomic, refuses input that breaks a rule with a DomainError naming the
field, and records the change (who, when, before, after). A submitted return is locked:
only a reviewer reopens it, with a reason, kept in the record of changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from assure.assessments import access
from assure.assessments.models import Framework, Level, Outcome, Rating, Return, Round
from assure.core import audit
from assure.core.errors import DomainError, DomainErrors
from assure.core.models import ChangeRecord, Membership, Partnership
from assure.partnership.models import Organisation

_URL = URLValidator(schemes=["http", "https"])


@dataclass
class Entry:
    """What an organisation wrote against one standard."""

    level: Level | None = None
    evidence: str = ""
    evidence_links: str = ""
    actions: str = ""
    action_due: dt.date | None = None


def _check_round(partnership: Partnership, fields: dict[str, Any]) -> None:
    framework: Framework | None = fields.get("framework")
    if framework is None or framework.partnership_id != partnership.pk:
        raise DomainError("Choose a framework of this partnership.", field="framework")
    if not framework.standards().exists():
        raise DomainError(f"{framework} has no standards to rate yet.", field="framework")
    opens, due = fields.get("opens_on"), fields.get("due_on")
    if opens and due and due <= opens:
        raise DomainError("The returns must be due after the round is sent.", field="due_on")
    clash = Round.objects.filter(partnership=partnership, title__iexact=fields.get("title", ""))
    if clash.exists():
        raise DomainError(f"There is already a round called {fields['title']}.", field="title")


@transaction.atomic
def open_round(
    actor: Any,
    partnership: Partnership,
    *,
    organisations: Iterable[Organisation] = (),
    **fields: Any,
) -> Round:
    """Send a framework to organisations: a round, and a return for each, due on its date
    (a round for schools may start with none: they are added from a list)."""
    _check_round(partnership, fields)
    chosen = list(organisations)  # none yet for schools: they are added from a list
    found = audit.save_recorded(
        actor, partnership, Round(partnership=partnership), fields, f"round {fields['title']}"
    )
    add_organisations(actor, found, chosen)
    return found


@transaction.atomic
def add_organisations(
    actor: Any, found: Round, organisations: Iterable[Organisation]
) -> list[Return]:
    """Ask more organisations for a return in this round; one already asked is left as it is."""
    added = []
    for organisation in organisations:
        if organisation.partnership_id != found.partnership_id:
            raise DomainError("Choose organisations of this partnership.", field="organisations")
        if found.returns.filter(organisation=organisation).exists():
            continue
        assessment = Return.objects.create(
            round=found, organisation=organisation, lead=organisation.lead
        )
        Rating.objects.bulk_create(
            Rating(assessment=assessment, standard=standard)
            for standard in found.framework.standards()
        )
        added.append(assessment)
    if added:
        audit.record(
            actor=actor,
            partnership=found.partnership,
            verb=ChangeRecord.Verb.UPDATED,
            obj=found,
            summary=f"Sent {found} to {', '.join(str(r.organisation) for r in added)}",
        )
    return added


@transaction.atomic
def set_lead(actor: Any, assessment: Return, lead: Any) -> Return:
    """Name the person who completes the return and is reminded of it."""
    if lead is not None and lead.partnership_id != assessment.round.partnership_id:
        raise DomainError("Choose a person of this partnership.", field="lead")
    return audit.save_recorded(
        actor, assessment.round.partnership, assessment, {"lead": lead}, f"lead of {assessment}"
    )


def _check_writer(membership: Membership, assessment: Return) -> None:
    """Refuse all but the organisation's own, and a return locked as it now stands (read
    again under a lock: a submission in another tab is not undone by a draft saved here)."""
    if not access.may_write(membership, assessment):
        raise DomainError(f"Only {assessment.organisation}'s own contributors write its return.")
    now = Return.objects.select_for_update().select_related("round").get(pk=assessment.pk)
    if now.is_submitted:
        raise DomainError(
            "This return has been submitted, so it is locked. Ask a reviewer to reopen it."
        )
    if not now.round.is_open:
        raise DomainError(f"{now.round} is closed: its returns can no longer be changed.")


def _links_problem(text: str) -> str:
    for line in text.splitlines():
        try:
            _URL(line.strip()) if line.strip() else None
        except ValidationError:
            return f"'{line.strip()[:60]}' is not a web address: give one link a line, from http"
    return ""


def _check_entry(framework_id: int, number: str, entry: Entry, key: str) -> list[DomainError]:
    problems = []
    if entry.level is not None and entry.level.framework_id != framework_id:
        problems.append(DomainError(f"{number}: choose a rating of this framework.", key))
    if problem := _links_problem(entry.evidence_links):
        problems.append(DomainError(f"{number}: {problem}.", f"links_{key.split('_')[1]}"))
    return problems


@transaction.atomic
def save_draft(
    membership: Membership,
    assessment: Return,
    entries: dict[int, Entry],
    summary: str | None = None,
) -> Return:
    """Keep what the organisation has written so far: ratings may be left blank in a draft.
    `entries` are keyed by standard id; problems come back at once, each at its field."""
    _check_writer(membership, assessment)
    framework_id = assessment.round.framework_id
    ratings = {r.standard_id: r for r in assessment.ratings.select_related("standard")}
    problems: list[DomainError] = []
    for standard_id, entry in entries.items():
        if standard_id not in ratings:
            problems.append(DomainError("Rate only the standards of this round's framework."))
            continue
        number = ratings[standard_id].standard.number
        problems += _check_entry(framework_id, number, entry, f"level_{standard_id}")
    DomainErrors.raise_any(problems)
    before = audit.snapshot(assessment)
    for standard_id, entry in entries.items():
        rating = ratings[standard_id]
        for name, value in vars(entry).items():
            setattr(rating, name, value.strip() if isinstance(value, str) else value)
        rating.save()
    if summary is not None:
        assessment.summary = summary.strip()
    assessment.status = Return.Status.DRAFT
    assessment.save(update_fields=["summary", "status"])
    audit.record(
        actor=membership.user,
        partnership=assessment.round.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=assessment,
        summary=f"Saved the draft return of {assessment}",
        before=before,
    )
    return assessment


def submission_problems(assessment: Return) -> list[DomainError]:
    """What stops the return being submitted: each standard unrated, each rating short of met
    with no action, each not applicable with no reason."""
    problems = []
    for rating in assessment.ratings.select_related("standard", "level"):
        key, number = f"level_{rating.standard_id}", rating.standard.number
        if rating.level is None:
            problems.append(DomainError(f"Rate standard {number}.", key))
        elif rating.level.needs_action and not rating.actions.strip():
            problems.append(
                DomainError(f"Say what you will do about standard {number}.", f"actions_{key[6:]}")
            )
        elif rating.level.outcome == Outcome.NOT_APPLICABLE and not rating.evidence.strip():
            problems.append(
                DomainError(f"Say why standard {number} does not apply.", f"evidence_{key[6:]}")
            )
    return problems


@transaction.atomic
def submit_return(
    membership: Membership,
    assessment: Return,
    *,
    signed_off_by: str,
    signed_off_role: str,
    today: dt.date | None = None,
) -> Return:
    """Submit the return, signed off by a named senior officer; it is then locked."""
    _check_writer(membership, assessment)
    problems = submission_problems(assessment)
    if not signed_off_by.strip():
        problems.append(DomainError("Enter the senior officer who signed it off.", "signed_off_by"))
    if not signed_off_role.strip():
        problems.append(DomainError("Enter their role.", "signed_off_role"))
    DomainErrors.raise_any(problems)
    fields = {
        "status": Return.Status.SUBMITTED,
        "submitted_on": today or dt.date.today(),
        "submitted_by": membership.user,
        "signed_off_by": signed_off_by.strip(),
        "signed_off_role": signed_off_role.strip(),
    }
    return audit.save_recorded(
        membership.user,
        assessment.round.partnership,
        assessment,
        fields,
        f"(submitted) the return of {assessment}",
    )


@transaction.atomic
def reopen_return(membership: Membership, assessment: Return, reason: str) -> Return:
    """Unlock a submitted return for its organisation to change (a reviewer, with a reason)."""
    if not access.reviews(membership):
        raise DomainError("Only the reviewers of self-assessments reopen a return.")
    if not assessment.is_submitted:
        raise DomainError("This return has not been submitted: there is nothing to reopen.")
    if not reason.strip():
        raise DomainError("Say why the return is being reopened.", field="reason")
    before = audit.snapshot(assessment)
    assessment.status = Return.Status.DRAFT
    assessment.submitted_on = None
    assessment.save(update_fields=["status", "submitted_on"])
    audit.record(
        actor=membership.user,
        partnership=assessment.round.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=assessment,
        summary=f"Reopened the return of {assessment}: {reason.strip()}",
        before=before,
    )
    return assessment


@transaction.atomic
def close_round(actor: Any, found: Round, today: dt.date | None = None) -> Round:
    """Close the round: returns still missing are no longer chased (they stay as not returned)."""
    if not found.is_open:
        raise DomainError(f"{found} is already closed.")
    fields = {"closed_on": today or dt.date.today()}
    return audit.save_recorded(actor, found.partnership, found, fields, f"(closed) {found}")
