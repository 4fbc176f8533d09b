"""A session's bookings and attendance read from a spreadsheet or the booking system's
export (CSV or .xlsx), all or nothing.

The file has a row per person: name, e-mail (optional), organisation (or agency) and
status (optional: booked, attended, did not attend, cancelled). Organisations are matched
to the partnership's by name, ignoring case, "&" for "and", punctuation and spacing; a name
that matches none is reported with the names it could have been, never guessed. A row for
someone already booked (the same e-mail, or the same name and agency) changes their status.
Every problem names the file, row and column; any problem keeps the whole file out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from assure.core.errors import DomainError
from assure.partnership.models import Organisation
from assure.performance.files import FileProblem, Problem, read_table
from assure.training import services
from assure.training.models import Attendance, Session

NAME = ("name", "attendee", "delegate", "full name")
EMAIL = ("email", "e-mail", "email address", "e-mail address")
ORGANISATION = ("organisation", "organization", "agency", "employer")
STATUS = ("status", "attendance")
STATUS_WORDS = {
    "": Attendance.Status.BOOKED,
    "booked": Attendance.Status.BOOKED,
    "attended": Attendance.Status.ATTENDED,
    "present": Attendance.Status.ATTENDED,
    "did not attend": Attendance.Status.DID_NOT_ATTEND,
    "dna": Attendance.Status.DID_NOT_ATTEND,
    "no show": Attendance.Status.DID_NOT_ATTEND,
    "cancelled": Attendance.Status.CANCELLED,
    "canceled": Attendance.Status.CANCELLED,
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Row:
    row: int
    fields: dict[str, Any]


@dataclass
class Outcome:
    file: str
    problems: list[Problem] = field(default_factory=list)
    added: int = 0
    changed: int = 0

    @property
    def loaded(self) -> bool:
        return not self.problems


def plain(name: str) -> str:
    """An organisation's name as matched: lower case, "&" read as "and", no punctuation."""
    words = re.sub(r"[^\w\s]", " ", name.casefold().replace("&", " and "))
    return " ".join(words.split())


def _column(columns: list[str], names: tuple[str, ...]) -> str | None:
    return next((c for c in columns if c in names), None)


def _cell(values: dict[str, Any], column: str | None) -> str:
    return str(values.get(column) or "").strip() if column else ""


def _read_row(
    name: str, number: int, values: dict[str, Any], columns: dict[str, str | None], agencies: dict
) -> tuple[Row | None, list[Problem]]:
    problems = []
    person = _cell(values, columns["name"])
    if not person:
        problems.append(Problem(name, number, columns["name"] or "name", "The name is empty"))
    email = _cell(values, columns["email"]).lower()
    if email and not _EMAIL.match(email):
        problems.append(
            Problem(name, number, columns["email"] or "", f"'{email}' is not an e-mail address")
        )
    said = _cell(values, columns["organisation"])
    agency = agencies.get(plain(said))
    if agency is None:
        known = "; ".join(sorted(a.name for a in agencies.values()))
        problems.append(
            Problem(
                name,
                number,
                columns["organisation"] or "organisation",
                f"'{said}' is not an organisation of this partnership (expected one of: {known})",
            )
        )
    word = " ".join(_cell(values, columns["status"]).lower().split())
    status = STATUS_WORDS.get(word)
    if status is None:
        problems.append(
            Problem(
                name,
                number,
                columns["status"] or "status",
                f"'{word}' is not a status "
                "(expected booked, attended, did not attend or cancelled)",
            )
        )
    if problems:
        return None, problems
    fields = {"name": person, "email": email, "organisation": agency, "status": status}
    return Row(number, fields), []


def read_rows(session: Session, name: str, content: bytes) -> tuple[list[Row], list[Problem]]:
    """The file's rows, checked; problems name file, row and column."""
    try:
        table = read_table(name, content)
    except FileProblem as error:
        return [], [error.problem]
    columns = {
        "name": _column(table.columns, NAME),
        "email": _column(table.columns, EMAIL),
        "organisation": _column(table.columns, ORGANISATION),
        "status": _column(table.columns, STATUS),
    }
    for needed, words in (("name", NAME), ("organisation", ORGANISATION)):
        if columns[needed] is None:
            message = f"No '{needed}' column (expected a heading such as {', '.join(words)})"
            return [], [Problem(name, 1, "", message)]
    organisations = Organisation.objects.filter(partnership=session.course.partnership)
    agencies = {plain(o.name): o for o in organisations}
    rows: list[Row] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, values in table.rows:
        row, found = _read_row(name, number, values, columns, agencies)
        problems += found
        if row is None:
            continue
        email = row.fields["email"]
        if email in seen:
            where = columns["email"] or "email"
            message = f"'{email}' is on row {seen[email]} too: give each person one row"
            problems.append(Problem(name, number, where, message))
        elif email:
            seen[email] = number
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(name, None, "", "The file has headings but no rows"))
    return rows, problems


def _existing(session: Session, fields: dict[str, Any]) -> Attendance | None:
    if fields["email"]:
        return session.attendances.filter(email=fields["email"]).first()
    return session.attendances.filter(
        name__iexact=fields["name"], organisation=fields["organisation"], email=""
    ).first()


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@transaction.atomic
def _save(actor: Any, session: Session, name: str, rows: list[Row], today: dt.date) -> Outcome:
    outcome = Outcome(name)
    for row in rows:
        attendance = _existing(session, row.fields)
        try:
            services.save_attendee(actor, session, attendance, today, **row.fields)
        except DomainError as error:
            raise _Refused(Problem(name, row.row, error.field or "", error.message)) from error
        outcome.added += attendance is None
        outcome.changed += attendance is not None
    return outcome


def load_attendance(
    actor: Any, session: Session, name: str, content: bytes, today: dt.date
) -> Outcome:
    """Book and mark every row of the file, or none: any problem changes nothing."""
    rows, problems = read_rows(session, name, content)
    if problems:
        return Outcome(name, problems)
    try:
        return _save(actor, session, name, rows, today)
    except _Refused as refused:
        return Outcome(name, [refused.problem])
