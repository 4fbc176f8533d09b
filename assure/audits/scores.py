"""Scores: averages that leave out grades that do not count (N/A), the final grade of a domain
(the moderated, agreed grade when there is one), and the differences moderation finds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from assure.audits.models import Domain, ScaleLevel

PLACES = Decimal("0.0001")


@dataclass
class Average:
    """A running average of grades. N/A (a level that does not count) is counted apart and
    never enters the numerator or the denominator."""

    total: int = 0
    graded: int = 0
    not_applicable: int = 0

    def add(self, level: ScaleLevel | None) -> None:
        if level is None:
            return
        if level.counts:
            self.total += level.score
            self.graded += 1
        else:
            self.not_applicable += 1

    @property
    def value(self) -> Decimal | None:
        if not self.graded:
            return None
        return (Decimal(self.total) / Decimal(self.graded)).quantize(PLACES)


def average(levels: Iterable[ScaleLevel | None]) -> Decimal | None:
    running = Average()
    for level in levels:
        running.add(level)
    return running.value


def final_grades(
    auditor: dict[int, ScaleLevel], agreed: dict[int, ScaleLevel]
) -> dict[int, ScaleLevel]:
    """Domain id to the grade that counts: the agreed grade of a completed moderation where
    there is one, otherwise the auditor's."""
    return {**auditor, **agreed}


@dataclass
class Comparison:
    """One domain of a moderated audit: the two auditors' grades and the one agreed."""

    domain: Domain
    first: ScaleLevel | None
    second: ScaleLevel | None
    agreed: ScaleLevel | None

    @property
    def differs(self) -> bool:
        return self.first is not None and self.second is not None and self.first != self.second

    @property
    def difference(self) -> int | None:
        """How many grades apart the moderator was (positive: the moderator graded worse)."""
        if not self.differs or not (self.first and self.second):
            return None
        if not (self.first.counts and self.second.counts):
            return None
        return self.second.score - self.first.score

    @property
    def describe(self) -> str:
        """The difference in words: 'graded 1 worse', 'graded 2 better', or 'N/A against 2'."""
        if not self.differs:
            return ""
        difference = self.difference
        if difference is None:
            return f"{self.second} against {self.first}"
        steps = abs(difference)
        return f"graded {steps} {'worse' if difference > 0 else 'better'}"

    @property
    def changed(self) -> bool:
        return self.first is not None and self.agreed is not None and self.first != self.agreed


@dataclass
class ModerationSummary:
    rows: list[Comparison] = field(default_factory=list)

    @property
    def compared(self) -> int:
        return sum(1 for r in self.rows if r.first is not None and r.second is not None)

    @property
    def differences(self) -> int:
        return sum(1 for r in self.rows if r.differs)

    @property
    def agreement(self) -> Decimal | None:
        """The share of domains both graded where the grades were the same, as a percentage."""
        if not self.compared:
            return None
        same = self.compared - self.differences
        return (Decimal(100 * same) / self.compared).quantize(Decimal("1"))


def compare(
    domains: Iterable[Domain],
    first: dict[int, ScaleLevel],
    second: dict[int, ScaleLevel],
    agreed: dict[int, ScaleLevel],
) -> ModerationSummary:
    return ModerationSummary(
        [Comparison(d, first.get(d.pk), second.get(d.pk), agreed.get(d.pk)) for d in domains]
    )
