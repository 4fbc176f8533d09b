"""The action tracker and the cabinet-response table as committee pack tables, in the
columns of 004's tracker (date of meeting, minute number, action, comments) with the owner,
due date and status beside them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from assure.core.models import Partnership
from assure.documents.model import Cell, Table, line
from assure.meetings import queries
from assure.meetings.models import TrackerAction
from assure.partnership.models import Group

TRACKER_COLUMNS = {
    "Date of meeting": 2.2,
    "Minute No.": 1.6,
    "Action": 8.0,
    "Owner": 3.2,
    "Due": 2.2,
    "Status": 2.0,
    "Comments": 7.5,
}
STATUS = list(TRACKER_COLUMNS).index("Status")
RESPONSE_COLUMNS = {"No.": 1.2, "Recommendation": 7.0, "Cabinet Response": 8.0, "Update": 9.0}


def tracker_table(
    partnership: Partnership,
    group: Group | None = None,
    today: dt.date | None = None,
    open_only: bool = False,
) -> Table:
    """The tracker (a group's, or the whole partnership's), each action overdue or not as at
    `today`; the board pack prints its open actions."""
    today = today or dt.date.today()
    name = group.name if group else partnership.name
    table = Table(
        f"{name} Action Tracker" + (": open actions" if open_only else ""),
        list(TRACKER_COLUMNS),
        [],
        notes=[f"Produced {today:%-d %B %Y}."],
        widths_cm=list(TRACKER_COLUMNS.values()),
        empty="The group has no open actions." if open_only else "No actions recorded.",
    )
    actions = queries.tracker_of(partnership, group)
    if open_only:
        actions = actions.filter(status=TrackerAction.Status.OPEN)
    for action in actions:
        comments = "\n".join(f"{c.written_on:%-d/%-m/%y}: {c.text}" for c in action.comments.all())
        status = action.get_status_display()
        overdue = action.is_overdue(today)
        if overdue:
            status += " (overdue)"
        cells = [
            f"{action.meeting.held_on:%-d/%-m/%y}",
            action.minute_number,
            action.text,
            str(action.owner or ""),
            f"{action.due_date:%-d/%-m/%y}" if action.due_date else "",
            status,
            comments,
        ]
        row = [
            Cell(text, "red" if overdue and i == STATUS else None) for i, text in enumerate(cells)
        ]
        href = reverse("tracker-action", args=[partnership.slug, action.pk])
        table.rows.append(line(row, href))
    return table


def responses_table(
    partnership: Partnership, today: dt.date | None = None, group: Group | None = None
) -> Table:
    """The cabinet's responses to the recommendations of scrutiny (of `group`'s, if given),
    with their updates, as the tracker of 004's pack prints them."""
    today = today or dt.date.today()
    table = Table(
        "Update on Cabinet Responses to scrutiny recommendations",
        list(RESPONSE_COLUMNS),
        [],
        notes=[f"{partnership.name}. Produced {today:%-d %B %Y}."],
        widths_cm=list(RESPONSE_COLUMNS.values()),
    )
    responses = queries.cabinet_responses(partnership)
    if group is not None:
        responses = responses.filter(group=group)
    for response in responses:
        recommendation = response.recommendation
        updates = "\n".join(f"{u.written_on:%-d/%-m/%y}: {u.text}" for u in response.updates.all())
        said = recommendation.text
        if recommendation.source_title:
            said = f"{recommendation.source_title}: {said}"
        cells = [f"{recommendation.reference}.", said, response.response, updates]
        table.rows.append([Cell(text) for text in cells])
    return table
