"""The programme's calendar: months, the monthly audit day (003: the last Thursday), the date
an audit becomes overdue, and the quotas 003 sets for each kind of auditor."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from assure.audits.models import Auditor, Programme

Kind = Auditor.Kind


@dataclass(frozen=True)
class Quota:
    audits_a_month: int
    starter_audits_a_month: int = 1
    starter_months: int = 0
    moderations_a_month: int = 0


# 003, theme 5: practice managers and senior practitioners audit two cases a month, a new
# senior practitioner one for their first three months; heads of service audit two and
# moderate (second-audit) two; the director and assistant director audit one.
QUOTAS = {
    Kind.DIRECTOR: Quota(1),
    Kind.HEAD_OF_SERVICE: Quota(2, moderations_a_month=2),
    Kind.PRACTICE_MANAGER: Quota(2),
    Kind.SENIOR_PRACTITIONER: Quota(2, starter_audits_a_month=1, starter_months=3),
    Kind.LEAD_AUDITOR: Quota(2, moderations_a_month=2),
    Kind.AGENCY: Quota(1),
}


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_from(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s month to `last`'s, in order."""
    months, month = [], month_of(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def parse_month(text: str | None) -> dt.date | None:
    """A month from '2021-05' (or None when it is not one, or is not within a century of
    now: '9999-12' would run off the calendar when months are counted from it)."""
    try:
        year, month = (int(part) for part in str(text).split("-"))
        return dt.date(year, month, 1) if 1950 <= year <= 2100 else None
    except (TypeError, ValueError):
        return None


def audit_day(programme: Programme, month: dt.date) -> dt.date:
    """The programme's audit day in a month: for example the last Thursday."""
    weeks = calendar.Calendar().monthdatescalendar(month.year, month.month)
    days = [
        day
        for week in weeks
        for day in week
        if day.month == month.month and day.weekday() == programme.audit_weekday
    ]
    week = programme.audit_week
    return days[-1] if week == -1 else days[min(week, len(days)) - 1]


def due_on(programme: Programme, month: dt.date) -> dt.date:
    """The last day an audit for `month` is on time."""
    return audit_day(programme, month) + dt.timedelta(days=programme.grace_days)


def next_audit_day(programme: Programme, today: dt.date) -> dt.date:
    day = audit_day(programme, month_of(today))
    return day if day >= today else audit_day(programme, add_months(month_of(today), 1))
