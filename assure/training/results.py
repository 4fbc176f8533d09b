"""What the evaluations and the registers add up to: the figures every page, document and
the performance framework read, each defined once here.

- Did-not-attend rate: those who did not attend over those who attended or did not
  (cancelled places and bookings not yet marked are left out).
- Change in confidence: for each attendee who answered both before and after, the mean of
  their ratings after less the mean before (a scale of 1 to 5); a course's or a month's is
  the mean of those changes.
- Practice changed: the share of follow-ups answered "yes".

Results are aggregates only. A group of answers smaller than `FEWEST_SHOWN` is not shown at
all, since one or two answers would be an attendee's own; free-text examples are shown
without names, in an order that is not the order they were given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet

from assure.core.models import Partnership
from assure.training.models import Attendance, Evaluation, Stage

FEWEST_SHOWN = 3


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def rounded(value: Decimal | None, places: int = 1) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal | None:
    return None if not whole else rounded(Decimal(100) * part / whole, 0)


@dataclass
class Counts:
    """A register's counts: bookings by status."""

    booked: int = 0
    attended: int = 0
    did_not_attend: int = 0
    cancelled: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def bookings(self) -> int:
        return self.booked + self.attended + self.did_not_attend + self.cancelled

    @property
    def marked(self) -> int:
        """Those whose attendance is known: attended or did not attend."""
        return self.attended + self.did_not_attend

    @property
    def dna_rate(self) -> Decimal | None:
        return percent(self.did_not_attend, self.marked)


def counts_of(attendances: QuerySet[Attendance]) -> Counts:
    counts = Counts()
    for status in attendances.values_list("status", flat=True):
        counts.add(status)
    return counts


@dataclass
class Answers:
    """The answers given about a set of sessions, as aggregates."""

    outcomes: list[str]
    before: list[list[int]] = field(default_factory=list)
    after: list[list[int]] = field(default_factory=list)
    changes: list[Decimal] = field(default_factory=list)  # one per attendee who gave both
    follow_ups: list[bool] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        """The average change in confidence."""
        return mean(self.changes)

    @property
    def change_text(self) -> str:
        """The average change, signed, to one place: "+1.3"."""
        value = rounded(self.change)
        return "" if value is None else f"{value:+}"

    @property
    def rose(self) -> int:
        """Attendees whose confidence rose."""
        return sum(1 for change in self.changes if change > 0)

    @property
    def changed(self) -> int:
        """Follow-ups saying practice changed."""
        return sum(self.follow_ups)

    @property
    def changed_share(self) -> Decimal | None:
        return percent(self.changed, len(self.follow_ups))

    # Each group of answers is shown only when it is large enough on its own: three answers
    # before and one after must not show that one attendee's ratings (a name on the register
    # of who attended would tell whose they are).
    @property
    def before_shown(self) -> bool:
        return len(self.before) >= FEWEST_SHOWN

    @property
    def after_shown(self) -> bool:
        return len(self.after) >= FEWEST_SHOWN

    @property
    def change_shown(self) -> bool:
        return len(self.changes) >= FEWEST_SHOWN

    @property
    def follow_ups_shown(self) -> bool:
        """Enough follow-ups to show their share and their examples."""
        return len(self.follow_ups) >= FEWEST_SHOWN

    @property
    def shown(self) -> bool:
        """Whether any group of answers is large enough to show."""
        return self.before_shown or self.after_shown or self.follow_ups_shown

    def by_outcome(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """Each learning outcome with its mean rating before and after."""
        rows = []
        for index, outcome in enumerate(self.outcomes):
            before = [Decimal(r[index]) for r in self.before if index < len(r)]
            after = [Decimal(r[index]) for r in self.after if index < len(r)]
            rows.append((outcome, rounded(mean(before)), rounded(mean(after))))
        return rows


def _own_mean(ratings: list[int]) -> Decimal:
    return sum((Decimal(r) for r in ratings), Decimal(0)) / len(ratings)


def answers_of(evaluations: QuerySet[Evaluation], outcomes: list[str]) -> Answers:
    """The answers, paired by attendee for the change in confidence (and then let go of)."""
    answers = Answers(outcomes)
    by_attendee: dict[int, dict[str, list[int]]] = defaultdict(dict)
    rows = evaluations.values_list(
        "link__attendance_id", "link__stage", "confidence", "practice_changed", "example"
    )
    for attendee, stage, confidence, changed, example in rows:
        if stage == Stage.FOLLOW_UP:
            answers.follow_ups.append(bool(changed))
            if example:
                answers.examples.append(example)
            continue
        (answers.before if stage == Stage.BEFORE else answers.after).append(confidence)
        by_attendee[attendee][stage] = confidence
    for given in by_attendee.values():
        if given.get(Stage.BEFORE) and given.get(Stage.AFTER):
            answers.changes.append(_own_mean(given[Stage.AFTER]) - _own_mean(given[Stage.BEFORE]))
    answers.examples.sort(key=str.casefold)
    return answers


def evaluations_of(
    partnership: Partnership,
    *,
    held: tuple[dt.date, dt.date] | None = None,
    answered: tuple[dt.date, dt.date] | None = None,
    **where: object,
) -> QuerySet[Evaluation]:
    """The partnership's answers, of sessions held (or answers given) between two days."""
    found = Evaluation.objects.filter(
        link__attendance__session__course__partnership=partnership, **where
    )
    if held:
        found = found.filter(link__attendance__session__held_on__range=held)
    if answered:
        found = found.filter(link__answered_on__range=answered)
    return found


def attendances_of(
    partnership: Partnership, first: dt.date, last: dt.date, **where: object
) -> QuerySet[Attendance]:
    """The partnership's bookings on sessions held between two days (inclusive)."""
    return Attendance.objects.filter(
        Q(session__course__partnership=partnership),
        session__held_on__range=(first, last),
        **where,
    )
