"""Scrutiny and challenge of submitted returns: a reviewer's query of a rating and the
organisation's answer, the moderated rating the reviewers agree (the self rating is kept
beside it), the findings and learning themes a return shows, and challenge events whose
agreed actions are rows of the action tracker (`assure.meetings`), with owners and due dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from assure.assessments import access
from assure.assessments.models import ChallengeEvent, Level, Query, Rating, Return, Round
from assure.audits.models import LearningTheme
from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership
from assure.meetings import services as meetings
from assure.meetings.models import Meeting, TrackerAction
from assure.partnership.models import Group, Organisation, Person
from assure.partnership.services import check_same_partnership


def _check_reviewer(membership: Membership, assessment: Return) -> None:
    if not access.reviews(membership):
        raise DomainError("Only the reviewers of self-assessments scrutinise returns.")
    if not assessment.is_submitted:
        raise DomainError("Scrutiny starts once the organisation has submitted its return.")


@transaction.atomic
def query_rating(
    membership: Membership, rating: Rating, question: str, today: dt.date | None = None
) -> Query:
    """Ask the organisation about a rating; they answer on their return."""
    _check_reviewer(membership, rating.assessment)
    if not question.strip():
        raise DomainError("Enter the question for the organisation.", field="question")
    query = Query(rating=rating)
    fields = {
        "question": question.strip(),
        "asked_by": membership.user,
        "asked_on": today or dt.date.today(),
    }
    return audit.save_recorded(
        membership.user, membership.partnership, query, fields, f"query on {rating}"
    )


@transaction.atomic
def answer_query(
    membership: Membership, query: Query, answer: str, today: dt.date | None = None
) -> Query:
    """The organisation answers a reviewer's query (its submitted ratings stay as they are)."""
    if not access.may_write(membership, query.rating.assessment):
        raise DomainError("Only the organisation asked answers its query.")
    if not answer.strip():
        raise DomainError("Enter your answer.", field="answer")
    fields = {
        "answer": answer.strip(),
        "answered_by": membership.user,
        "answered_on": today or dt.date.today(),
    }
    what = f"answer to the query on {query.rating}"
    return audit.save_recorded(membership.user, membership.partnership, query, fields, what)


@transaction.atomic
def moderate_rating(
    membership: Membership,
    rating: Rating,
    *,
    level: Level | None,
    note: str,
    today: dt.date | None = None,
) -> Rating:
    """Record the rating the reviewers agreed; the organisation's own rating is kept."""
    _check_reviewer(membership, rating.assessment)
    if level is not None and level.framework_id != rating.assessment.round.framework_id:
        raise DomainError("Choose a rating of this framework.", field="level")
    if level is not None and level != rating.level and not note.strip():
        raise DomainError("Say why the agreed rating differs from the organisation's.", "note")
    fields = {
        "moderated_level": level,
        "moderation_note": note.strip(),
        "moderated_by": membership.user if level else None,
        "moderated_on": (today or dt.date.today()) if level else None,
    }
    return audit.save_recorded(
        membership.user, membership.partnership, rating, fields, f"moderated rating of {rating}"
    )


@transaction.atomic
def record_findings(
    membership: Membership, assessment: Return, *, note: str, themes: list[LearningTheme]
) -> Return:
    """The reviewers' findings from a return, tagged with the partnership's learning themes."""
    _check_reviewer(membership, assessment)
    check_same_partnership(membership.partnership, themes=themes)
    fields = {"scrutiny_note": note.strip(), "themes": themes}
    return audit.save_recorded(
        membership.user, membership.partnership, assessment, fields, f"findings on {assessment}"
    )


def _meeting(actor: Any, found: Round, group: Group, held_on: dt.date, present: str) -> Meeting:
    """The group's meeting that day, as the action tracker knows it (added if not there)."""
    meeting = Meeting.objects.filter(group=group, held_on=held_on).first()
    if meeting is not None:
        return meeting
    return meetings.save_meeting(
        actor,
        found.partnership,
        None,
        group=group,
        held_on=held_on,
        present=present,
        notes=f"Self-assessment challenge: {found}",
    )


@transaction.atomic
def record_challenge_event(
    membership: Membership,
    found: Round,
    *,
    group: Group | None,
    held_on: dt.date,
    attendees: str,
    outcomes: str,
    organisations: list[Organisation],
    themes: list[LearningTheme] | None = None,
) -> ChallengeEvent:
    """A challenge event: the meeting, who attended, the organisations challenged, the outcome."""
    if not access.reviews(membership):
        raise DomainError("Only the reviewers of self-assessments hold challenge events.")
    if group is None:
        raise DomainError("Choose the group that met.", field="group")
    check_same_partnership(
        found.partnership, group=group, organisations=organisations, themes=themes or []
    )
    if not organisations:
        raise DomainError("Choose the organisations challenged.", field="organisations")
    asked = set(found.returns.values_list("organisation_id", flat=True))
    if any(o.pk not in asked for o in organisations):
        raise DomainError("Choose organisations asked for a return in this round.", "organisations")
    if not attendees.strip():
        raise DomainError("Enter who attended.", field="attendees")
    if not outcomes.strip():
        raise DomainError("Enter the outcomes.", field="outcomes")
    meeting = _meeting(membership.user, found, group, held_on, attendees.strip())
    event = ChallengeEvent(round=found, meeting=meeting)
    fields = {
        "attendees": attendees.strip(),
        "outcomes": outcomes.strip(),
        "organisations": organisations,
        "themes": themes or [],
    }
    return audit.save_recorded(
        membership.user, found.partnership, event, fields, f"challenge event for {found}"
    )


@transaction.atomic
def agree_action(
    membership: Membership,
    event: ChallengeEvent,
    *,
    text: str,
    owner: Person | None,
    due_date: dt.date | None,
) -> TrackerAction:
    """An action agreed at the event: a row of its meeting's action tracker, tracked there."""
    if not access.reviews(membership):
        raise DomainError("Only the reviewers of self-assessments agree challenge actions.")
    if owner is None:
        raise DomainError("Choose who owns the action.", field="owner")
    if due_date is None:
        raise DomainError("Enter when it is due.", field="due_date")
    action = meetings.save_tracker_action(
        membership.user,
        event.round.partnership,
        None,
        meeting=event.meeting,
        minute_number="",
        text=text,
        owner=owner,
        due_date=due_date,
    )
    event.actions.add(action)
    audit.record(
        actor=membership.user,
        partnership=event.round.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=event,
        summary=f"Agreed an action at the {event}: {text[:120]}",
    )
    return action
