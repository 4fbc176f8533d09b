"""A deadline: something the partnership owes by a date (a notification to the national
panel, a rapid review's report, an agency's summary, an organisation's self-assessment).

The apps that keep such clocks (case reviews, self-assessments) each list their open
deadlines as `Deadline`s; the reminders e-mail the person named on each as it falls due, and
the exception report lists those past due. A deadline leaves the list once it is met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assure.partnership.models import Person


@dataclass(frozen=True)
class Deadline:
    kind: str  # the reminders' kind of item (`reminders.models.Reminder.Kind`)
    object_id: int  # the object the reminders record they reminded of
    label: str  # what is owed, in a line: "Notify the national panel of incident SI-2021-03"
    due_on: dt.date
    person: Person | None  # who is reminded; None when no one is named yet
    path: str  # the page where it is done
    owner: str = ""  # whose it is, as the exception report prints it
    listed_at: str = ""  # where the exception report links, for any reader (by default `path`)

    def state(self, today: dt.date) -> str:
        return "overdue" if self.due_on < today else "due"
