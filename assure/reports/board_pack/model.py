"""The board pack for a meeting, as plain dataclasses that every renderer reads.

`board_pack(partnership, meeting)` gathers, in the order members read them: the meeting's
agenda; the minutes and decisions of the group's previous meeting; the highlight report of
the partnership's current improvement plan for the month of the meeting (the model of
`assure.reports.highlight.model`, rendered by that report's own renderers); and the group's open
action tracker items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from assure.core.models import Partnership
from assure.meetings.models import Meeting, TrackerAction
from assure.meetings.queries import meetings_of, tracker_of
from assure.reports.highlight.model import HighlightReport, current_plan, highlight_report


@dataclass
class AgendaLine:
    number: str
    title: str
    purpose: str
    presenter: str
    papers: str


@dataclass
class MinuteLine:
    number: str
    title: str
    text: str
    decisions: list[str] = field(default_factory=list)


@dataclass
class PreviousMeeting:
    held_on: dt.date
    present: str
    minutes: list[MinuteLine]
    other_decisions: list[str]  # decisions recorded against no minute
    href: str


@dataclass
class TrackerLine:
    meeting_date: dt.date
    minute_number: str
    text: str
    owner: str
    due: dt.date | None
    overdue: bool
    comments: list[str]
    href: str


@dataclass
class BoardPack:
    partnership: str
    slug: str
    group: str
    held_on: dt.date
    starts_at: dt.time | None
    place: str
    notes: str
    href: str
    produced_on: dt.date
    agenda: list[AgendaLine]
    previous: PreviousMeeting | None
    highlight: HighlightReport | None  # None when the partnership has no current plan
    tracker: list[TrackerLine]

    @property
    def title(self) -> str:
        return f"{self.group}: board pack for {self.held_on:%-d %B %Y}"

    @property
    def when(self) -> str:
        time = f", {self.starts_at:%-I.%M %p}".lower() if self.starts_at else ""
        return f"{self.held_on:%A %-d %B %Y}{time}" + (f", {self.place}" if self.place else "")


def _previous(partnership: Partnership, meeting: Meeting) -> PreviousMeeting | None:
    earlier = meetings_of(partnership).filter(group=meeting.group, held_on__lt=meeting.held_on)
    last = earlier.order_by("-held_on").first()
    if last is None:
        return None
    decisions = list(last.decisions.all())
    minutes = [
        MinuteLine(m.number, m.title, m.text, [d.text for d in decisions if d.minute_id == m.pk])
        for m in last.minutes.all()
    ]
    return PreviousMeeting(
        last.held_on,
        last.present,
        minutes,
        [d.text for d in decisions if d.minute_id is None],
        reverse("meeting", args=[partnership.slug, last.pk]),
    )


def _tracker(partnership: Partnership, meeting: Meeting, today: dt.date) -> list[TrackerLine]:
    actions = tracker_of(partnership, meeting.group).filter(status=TrackerAction.Status.OPEN)
    return [
        TrackerLine(
            a.meeting.held_on,
            a.minute_number,
            a.text,
            str(a.owner or ""),
            a.due_date,
            a.is_overdue(today),
            [f"{c.written_on:%-d %B %Y}: {c.text}" for c in a.comments.all()],
            reverse("tracker-action", args=[partnership.slug, a.pk]),
        )
        for a in actions
    ]


def _highlight(
    partnership: Partnership, meeting: Meeting, today: dt.date
) -> HighlightReport | None:
    plan = current_plan(partnership)
    if plan is None:
        return None
    return highlight_report(partnership, plan, meeting.held_on, report_date=today)


def board_pack(
    partnership: Partnership, meeting: Meeting, today: dt.date | None = None
) -> BoardPack:
    """The pack for `meeting`, as its members should read it before they meet."""
    if meeting.partnership_id != partnership.pk:
        raise ValueError("The meeting belongs to another partnership.")
    today = today or dt.date.today()
    agenda = [
        AgendaLine(i.number, i.title, i.purpose, i.presenter, i.papers)
        for i in meeting.agenda.all()
    ]
    return BoardPack(
        partnership.name,
        partnership.slug,
        str(meeting.group),
        meeting.held_on,
        meeting.starts_at,
        meeting.place,
        meeting.notes,
        reverse("meeting", args=[partnership.slug, meeting.pk]),
        today,
        agenda,
        _previous(partnership, meeting),
        _highlight(partnership, meeting, today),
        _tracker(partnership, meeting, today),
    )
