"""The action tracker and the cabinet-response table as committee pack tables, in the
columns of 004's tracker (date of meeting, minute number, action, comments) with the owner,
due date and status beside them."""

from __future__ import annotations

import datetime as dt

from assure.core.models import Partnership
from assure.meetings import queries
from assure.packs.tables import Column, PackTable
from assure.partnership.models import Group

TRACKER_COLUMNS = [
    Column("Date of meeting", 2.2),
    Column("Minute No.", 1.6),
    Column("Action", 8.0),
    Column("Owner", 3.2),
    Column("Due", 2.2),
    Column("Status", 2.0),
    Column("Comments", 7.5),
]
RESPONSE_COLUMNS = [
    Column("No.", 1.2),
    Column("Recommendation", 7.0),
    Column("Cabinet Response", 8.0),
    Column("Update", 9.0),
]


def tracker_table(
    partnership: Partnership, group: Group | None = None, today: dt.date | None = None
) -> PackTable:
    today = today or dt.date.today()
    name = group.name if group else partnership.name
    table = PackTable(
        title=f"{name} Action Tracker",
        subtitle=f"Produced {today:%-d %B %Y}.",
        columns=TRACKER_COLUMNS,
    )
    for action in queries.tracker_of(partnership, group):
        comments = "\n".join(f"{c.written_on:%-d/%-m/%y}: {c.text}" for c in action.comments.all())
        status = action.get_status_display()
        if action.is_overdue(today):
            status += " (overdue)"
        table.rows.append(
            [
                f"{action.meeting.held_on:%-d/%-m/%y}",
                action.minute_number,
                action.text,
                str(action.owner or ""),
                f"{action.due_date:%-d/%-m/%y}" if action.due_date else "",
                status,
                comments,
            ]
        )
    return table


def responses_table(partnership: Partnership, today: dt.date | None = None) -> PackTable:
    today = today or dt.date.today()
    table = PackTable(
        title="Update on Cabinet Responses to scrutiny recommendations",
        subtitle=f"{partnership.name}. Produced {today:%-d %B %Y}.",
        columns=RESPONSE_COLUMNS,
    )
    for response in queries.cabinet_responses(partnership):
        recommendation = response.recommendation
        updates = "\n".join(f"{u.written_on:%-d/%-m/%y}: {u.text}" for u in response.updates.all())
        table.rows.append(
            [
                f"{recommendation.reference}.",
                f"{recommendation.source_title}: {recommendation.text}"
                if recommendation.source_title
                else recommendation.text,
                response.response,
                updates,
            ]
        )
    return table
