"""Compliance with the programme: audits (and moderations) expected against completed, by
auditor, team and month; and the audits and moderations now overdue (which `assure remind`
chases: reminders/queries.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assure.audits import programme
from assure.audits.arrangements import programme_of
from assure.audits.models import Auditor, CaseAudit, Moderation
from assure.core.models import Partnership

Status = CaseAudit.Status


@dataclass
class Cell:
    """Expected and completed in one month (or over several): `met` counts completed audits
    up to the number expected, so one auditor's extra audits cannot hide another's gap."""

    expected: int = 0
    completed: int = 0
    met: int = 0
    on_time: int = 0

    def add(self, other: Cell) -> None:
        self.expected += other.expected
        self.completed += other.completed
        self.met += other.met
        self.on_time += other.on_time

    @property
    def compliance(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(100 * self.met) / self.expected).quantize(Decimal("1"))


@dataclass
class Row:
    label: str
    cells: list[Cell]
    auditor: Auditor | None = None
    total: Cell = field(default_factory=Cell)

    def __post_init__(self) -> None:
        for cell in self.cells:
            self.total.add(cell)


@dataclass
class Table:
    months: list[dt.date]
    auditors: list[Row]
    teams: list[Row]
    by_month: Row


def _cell(expected: int, completed: int, on_time: int) -> Cell:
    return Cell(expected, completed, min(expected, completed), on_time)


def _completed(
    partnership: Partnership, months: list[dt.date], moderations: bool
) -> tuple[Counter, Counter]:
    """(person id, month) to the number completed, and to the number completed on time."""
    plan = programme_of(partnership)
    done: Counter = Counter()
    timely: Counter = Counter()
    rows: Any
    if moderations:
        rows = Moderation.objects.filter(
            audit__partnership=partnership, month__in=months, moderated_on__isnull=False
        ).values_list("moderator_id", "month", "moderated_on")
    else:
        rows = CaseAudit.objects.filter(
            partnership=partnership, month__in=months, status=Status.COMPLETED
        ).values_list("auditor_id", "month", "audited_on")
    for person, month, on in rows:
        done[(person, month)] += 1
        timely[(person, month)] += bool(on and on <= programme.due_on(plan, month))
    return done, timely


def table(partnership: Partnership, months: list[dt.date], *, moderations: bool = False) -> Table:
    """Expected against completed for every auditor in the programme (with a moderation
    quota, for `moderations`), each team and each month."""
    done, timely = _completed(partnership, months, moderations)
    auditors = Auditor.objects.filter(partnership=partnership).select_related("person", "team")
    rows = []
    for auditor in auditors:
        expect = auditor.moderations_expected if moderations else auditor.audits_expected
        cells = [
            _cell(expect(m), done[(auditor.person_id, m)], timely[(auditor.person_id, m)])
            for m in months
        ]
        if any(c.expected or c.completed for c in cells):
            rows.append(Row(str(auditor.person), cells, auditor))
    return Table(months, rows, _by_team(rows, months), _sum("All auditors", rows, months))


def _sum(label: str, rows: list[Row], months: list[dt.date]) -> Row:
    cells = [Cell() for _ in months]
    for row in rows:
        for total, cell in zip(cells, row.cells, strict=True):
            total.add(cell)
    return Row(label, cells)


def _by_team(rows: list[Row], months: list[dt.date]) -> list[Row]:
    teams: dict[str, list[Row]] = {}
    for row in rows:
        team = row.auditor.team if row.auditor else None
        teams.setdefault(str(team) if team else "No team", []).append(row)
    return [_sum(name, members, months) for name, members in teams.items()]


@dataclass(frozen=True)
class Overdue:
    kind: str  # "audit" or "moderation"
    audit: CaseAudit
    due_on: dt.date

    def days_over(self, today: dt.date) -> int:
        return (today - self.due_on).days


def overdue(partnership: Partnership, today: dt.date) -> list[Overdue]:
    """Assigned audits, and moderations, not done by their month's audit day plus the days
    allowed, oldest first."""
    plan = programme_of(partnership)
    found = []
    audits = CaseAudit.objects.filter(partnership=partnership, status=Status.ASSIGNED)
    for audit in audits.select_related("case", "auditor", "team", "tool"):
        due = programme.due_on(plan, audit.month)
        if due < today:
            found.append(Overdue("audit", audit, due))
    moderations = Moderation.objects.filter(
        audit__partnership=partnership, moderated_on__isnull=True
    ).select_related("audit__case", "audit__tool", "moderator")
    for moderation in moderations:
        due = programme.due_on(plan, moderation.month)
        if due < today:
            found.append(Overdue("moderation", moderation.audit, due))
    return sorted(found, key=lambda o: (o.due_on, o.audit.pk))
