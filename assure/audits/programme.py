"""The programme's calendar: months, the monthly audit day (003: the last Thursday), the date
an audit becomes overdue, and the quotas 003 sets for each kind of auditor."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from analytics.periods import month_start
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
    day = audit_day(programme, month_start(today))
    return day if day >= today else audit_day(programme, month_start(today, 1))
