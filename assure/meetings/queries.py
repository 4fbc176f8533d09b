"""Reads of meetings, trackers and cabinet responses, scoped to the partnership; and what a
group should look at before it meets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from assure.core.models import Partnership
from assure.meetings.models import CabinetResponse, Meeting, TrackerAction, TrackerComment
from assure.partnership.models import Group
from assure.plans.queries import ActionRow, action_rows, actions_of
from assure.risks.models import Risk
from assure.risks.queries import due_review

HORIZON = dt.timedelta(days=14)


def meetings_of(partnership: Partnership) -> QuerySet[Meeting]:
    return Meeting.objects.filter(partnership=partnership).select_related("group")


def get_meeting(partnership: Partnership, pk: int) -> Meeting:
    return get_object_or_404(meetings_of(partnership), pk=pk)


def get_group(partnership: Partnership, pk: int) -> Group:
    return get_object_or_404(Group.objects.filter(partnership=partnership), pk=pk)


def tracker_of(partnership: Partnership, group: Group | None = None) -> QuerySet[TrackerAction]:
    actions = TrackerAction.objects.filter(partnership=partnership).select_related(
        "meeting__group", "owner"
    )
    if group is not None:
        actions = actions.filter(meeting__group=group)
    comments = TrackerComment.objects.select_related("author_person", "author")
    return actions.prefetch_related(Prefetch("comments", queryset=comments))


def get_tracker_action(partnership: Partnership, pk: int) -> TrackerAction:
    return get_object_or_404(tracker_of(partnership), pk=pk)


def groups_with_meetings(partnership: Partnership) -> list[tuple[Group, list[Meeting]]]:
    grouped: dict[int, tuple[Group, list[Meeting]]] = {}
    for meeting in meetings_of(partnership).order_by("group__name", "-held_on"):
        grouped.setdefault(meeting.group_id, (meeting.group, []))[1].append(meeting)
    return list(grouped.values())


def cabinet_responses(partnership: Partnership) -> QuerySet[CabinetResponse]:
    return (
        CabinetResponse.objects.filter(recommendation__partnership=partnership)
        .select_related("recommendation", "group")
        .prefetch_related("updates")
    )


def get_cabinet_response(partnership: Partnership, pk: int) -> CabinetResponse:
    return get_object_or_404(cabinet_responses(partnership), pk=pk)


@dataclass
class BeforeTheMeeting:
    group: Group
    next_meeting: Meeting | None
    by: dt.date
    open_actions: list[TrackerAction]
    overdue: list[TrackerAction]
    risks_due: list[Risk]
    plan_actions: list[ActionRow]

    @property
    def other_open(self) -> list[TrackerAction]:
        return [a for a in self.open_actions if a not in self.overdue]


def before_the_meeting(group: Group, today: dt.date | None = None) -> BeforeTheMeeting:
    """What a group should look at before it meets: its open and overdue tracker actions, the
    risks it owns that are due review by the meeting, and its plan actions lacking an update."""
    today = today or dt.date.today()
    partnership = group.partnership
    upcoming = meetings_of(partnership).filter(group=group, held_on__gte=today)
    next_meeting = upcoming.order_by("held_on").first()
    by = next_meeting.held_on if next_meeting else today + HORIZON
    open_actions = list(tracker_of(partnership, group).filter(status=TrackerAction.Status.OPEN))
    owned = actions_of(partnership).filter(owner_group=group).order_by("code")
    return BeforeTheMeeting(
        group=group,
        next_meeting=next_meeting,
        by=by,
        open_actions=open_actions,
        overdue=[a for a in open_actions if a.is_overdue(today)],
        risks_due=due_review(partnership, by, group=group),
        plan_actions=[row for row in action_rows(owned, today) if row.needs_update],
    )
