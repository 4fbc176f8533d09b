"""Every write to meetings, the action tracker and the cabinet-response table.

Each function is atomic, refuses input that breaks a rule with a DomainError naming the
field, and records the change (who, when, before, after).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership, Partnership
from assure.meetings.models import (
    AgendaItem,
    CabinetResponse,
    Decision,
    Meeting,
    Minute,
    ResponseUpdate,
    TrackerAction,
    TrackerComment,
)
from assure.partnership import ownership
from assure.partnership.services import check_same_partnership
from assure.plans.models import Recommendation
from assure.plans.services import save_recommendation


@transaction.atomic
def save_meeting(
    actor: Any, partnership: Partnership, meeting: Meeting | None, **fields: Any
) -> Meeting:
    check_same_partnership(partnership, group=fields.get("group"))
    meeting = meeting or Meeting(partnership=partnership)
    clash = Meeting.objects.filter(group=fields.get("group"), held_on=fields["held_on"])
    if clash.exclude(pk=meeting.pk).exists():
        raise DomainError("This group already has a meeting on that day.", field="held_on")
    what = f"meeting of {fields['group']} on {fields['held_on']}"
    return audit.save_recorded(actor, partnership, meeting, fields, what)


@transaction.atomic
def save_agenda_item(
    actor: Any, meeting: Meeting, item: AgendaItem | None, **fields: Any
) -> AgendaItem:
    item = item or AgendaItem(meeting=meeting)
    what = f"agenda item {fields['number']} of {meeting}"
    return audit.save_recorded(actor, meeting.partnership, item, fields, what)


@transaction.atomic
def save_minute(actor: Any, meeting: Meeting, minute: Minute | None, **fields: Any) -> Minute:
    minute = minute or Minute(meeting=meeting)
    clash = Minute.objects.filter(meeting=meeting, number=fields.get("number"))
    if clash.exclude(pk=minute.pk).exists():
        raise DomainError(f"This meeting already has a minute {fields['number']}.", "number")
    what = f"minute {fields['number']} of {meeting}"
    return audit.save_recorded(actor, meeting.partnership, minute, fields, what)


@transaction.atomic
def record_decision(actor: Any, meeting: Meeting, *, text: str, minute: Minute | None) -> Decision:
    if minute is not None and minute.meeting_id != meeting.pk:
        raise DomainError("Choose a minute of this meeting.", field="minute")
    if not text.strip():
        raise DomainError("Enter the decision.", field="text")
    decision = Decision(meeting=meeting)
    fields = {"text": text, "minute": minute}
    return audit.save_recorded(
        actor, meeting.partnership, decision, fields, f"decision of {meeting}"
    )


def _check_action(partnership: Partnership, fields: dict[str, Any]) -> None:
    meeting, due = fields.get("meeting"), fields.get("due_date")
    if meeting is None:
        raise DomainError("Choose the meeting the action came from.", field="meeting")
    check_same_partnership(partnership, owner=fields.get("owner"), meeting=meeting)
    if meeting is not None and due is not None and due < meeting.held_on:
        raise DomainError(
            f"The due date must be on or after the meeting the action came from "
            f"({meeting.held_on:%-d %B %Y}).",
            field="due_date",
        )
    if not str(fields.get("text") or "").strip():
        raise DomainError("Enter the action.", field="text")


@transaction.atomic
def save_tracker_action(
    actor: Any, partnership: Partnership, action: TrackerAction | None, **fields: Any
) -> TrackerAction:
    """Add or edit a row of the action tracker (managers)."""
    _check_action(partnership, fields)
    action = action or TrackerAction(partnership=partnership)
    what = f"tracker action from {fields['meeting'].held_on:%-d %b %Y}"
    return audit.save_recorded(actor, partnership, action, fields, what)


def can_update_action(membership: Membership, action: TrackerAction) -> bool:
    """Managers update any row; its owner comments on the rows they own."""
    return ownership.may_do(membership, action)


@transaction.atomic
def comment_on_action(
    membership: Membership,
    action: TrackerAction,
    *,
    text: str,
    status: str | None = None,
    written_on: dt.date | None = None,
) -> TrackerComment:
    """A dated comment on a tracker row, and its new status if the owner gives one."""
    if not can_update_action(membership, action):
        raise DomainError("You can update only the tracker actions you own.")
    if not text.strip():
        raise DomainError("Enter the comment.", field="text")
    if status and status not in TrackerAction.Status.values:
        raise DomainError("Choose open, complete or closed.", field="status")
    comment = TrackerComment.objects.create(
        action=action,
        written_on=written_on or dt.date.today(),
        text=text,
        author=membership.user,
        author_person=membership.person,
    )
    before = audit.snapshot(action)
    if status and status != action.status:
        action.status = status
        action.save(update_fields=["status"])
    audit.record(
        actor=membership.user,
        partnership=action.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=action,
        summary=f"Commented on the {action}: {text[:120]}",
        before=before,
    )
    return comment


@transaction.atomic
def save_cabinet_response(
    actor: Any,
    partnership: Partnership,
    response: CabinetResponse | None,
    *,
    recommendation: dict[str, Any],
    group: Any = None,
    text: str = "",
    responded_on: dt.date | None = None,
) -> CabinetResponse:
    """A scrutiny recommendation with the cabinet's response: both saved, or neither."""
    check_same_partnership(partnership, group=group)
    saved = save_recommendation(
        actor,
        partnership,
        response.recommendation if response else None,
        **{**recommendation, "source": Recommendation.Source.SCRUTINY},
    )
    response = response or CabinetResponse(recommendation=saved)
    fields = {"group": group, "response": text, "responded_on": responded_on}
    return audit.save_recorded(
        actor, partnership, response, fields, f"cabinet response to {saved.reference}"
    )


@transaction.atomic
def add_response_update(
    actor: Any, response: CabinetResponse, *, text: str, written_on: dt.date
) -> ResponseUpdate:
    if not text.strip():
        raise DomainError("Enter the update.", field="text")
    if written_on > dt.date.today():
        raise DomainError("An update cannot be dated in the future.", field="written_on")
    update = ResponseUpdate.objects.create(
        response=response, written_on=written_on, text=text, author=actor
    )
    audit.record(
        actor=actor,
        partnership=response.recommendation.partnership,
        verb=ChangeRecord.Verb.CREATED,
        obj=update,
        summary=f"Update on {response}",
    )
    return update
