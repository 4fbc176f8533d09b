"""The board pack for a meeting, as plain dataclasses that every renderer reads.

`board_pack(partnership, meeting)` gathers, in the order members read them: the meeting's
agenda; the minutes and decisions of the group's previous meeting; the highlight report of
the partnership's current improvement plan (the model of `assure.reports.highlight.model`,
rendered by that report's own renderers); and the group's open action tracker items.

A pack reports on a month and is as at a date. The month is the one asked for, or else the
latest month with figures on or before the meeting (`reporting_month`): a meeting in July
reads May's figures when June's are not in yet, with May's year to date. The date of the
report is the one asked for, or else the meeting's (the day it is produced, for a meeting
still to come): the tracker's actions are overdue, or not, as at that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse

from analytics.periods import month_start
from assure.core.models import Partnership
from assure.documents.model import Table
from assure.meetings.exports import responses_table, tracker_table
from assure.meetings.models import Meeting
from assure.meetings.queries import meetings_of
from assure.performance.queries import latest_month
from assure.reports.highlight.model import HighlightReport, current_plan, highlight_report
from assure.training.queries import board_pack_table as training_table


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
class Paper:
    """A paper the pack carries after the tracker: a heading and one table (its notes said
    above it)."""

    key: str
    heading: str
    table: Table


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
    as_at: dt.date  # the date of the report: everything in the pack is as at this date
    agenda: list[AgendaLine]
    previous: PreviousMeeting | None
    highlight: HighlightReport | None  # None when the partnership has no current plan
    tracker: Table  # the group's open actions, overdue or not as at the date of the report
    month: dt.date | None = None  # the first day of the reporting month
    papers: list[Paper] = field(default_factory=list)  # the cabinet's responses, training

    def paper(self, key: str) -> Paper | None:
        return next((p for p in self.papers if p.key == key), None)

    @property
    def month_label(self) -> str:
        return f"{self.month:%B %Y}" if self.month else ""

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


def reporting_month(partnership: Partnership, meeting: Meeting) -> dt.date:
    """The latest month with figures ending on or before the meeting; else the month before
    the meeting's."""
    latest = latest_month(partnership, before=meeting.held_on)
    return month_start(latest) if latest else month_start(meeting.held_on, -1)


def _highlight(partnership: Partnership, month: dt.date, as_at: dt.date) -> HighlightReport | None:
    plan = current_plan(partnership)
    if plan is None:
        return None
    return highlight_report(partnership, plan, month, report_date=as_at)


def board_pack(
    partnership: Partnership,
    meeting: Meeting,
    today: dt.date | None = None,
    month: dt.date | None = None,
    as_at: dt.date | None = None,
) -> BoardPack:
    """The pack for `meeting`, as its members should read it before they meet: reporting
    on `month` (by default `reporting_month`), as at `as_at` (by default the meeting's
    date, or `today` for a meeting still to come)."""
    if meeting.partnership_id != partnership.pk:
        raise ValueError("The meeting belongs to another partnership.")
    as_at = as_at or min(today or dt.date.today(), meeting.held_on)
    month = month_start(month) if month else reporting_month(partnership, meeting)
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
        as_at,
        agenda,
        _previous(partnership, meeting),
        _highlight(partnership, month, as_at),
        tracker_table(partnership, meeting.group, today=as_at, open_only=True),
        month,
        _papers(partnership, meeting, as_at),
    )


def _papers(partnership: Partnership, meeting: Meeting, as_at: dt.date) -> list[Paper]:
    """The cabinet response tracker, when the group has recommendations with responses, and
    the year's multi-agency training, when there was any."""
    papers = []
    responses = responses_table(partnership, today=as_at, group=meeting.group)
    if responses.rows:
        papers.append(Paper("responses", "Cabinet responses", responses))
    training = training_table(partnership, as_at)
    if training.rows:
        papers.append(Paper("training", "Multi-agency training", training))
    return papers
