"""The validation report: each problem names file, row, column, rule and what was expected.

A fatal problem refuses the whole load (nothing is kept); a warning is kept with the snapshot.
A file with thousands of the same fault would drown the page, so the report keeps the first
few of each (file, column, rule) and counts the rest.

Beneath both the readers of the statutory formats (`formats/`), which find problems as they
read, and the validation of what they read (`validation/`), which finds the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

FATAL = "fatal"
WARNING = "warning"
KEPT_PER_RULE = 25


@dataclass(frozen=True)
class Problem:
    severity: str
    file: str
    rule: str
    message: str
    expected: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""

    @property
    def fatal(self) -> bool:
        return self.severity == FATAL

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        text = f"{self.severity.upper()} {where}: {self.message}"
        return text + (f" (expected {self.expected})" if self.expected else "")


def _key(problem: Problem) -> tuple[str, str, str, str]:
    """What a report counts problems by."""
    return (problem.severity, problem.file, problem.column, problem.rule)


@dataclass
class Report:
    """Every problem found in one load, with the count of those not kept for display."""

    problems: list[Problem] = field(default_factory=list)
    counts: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)

    def add(self, problem: Problem) -> None:
        key = _key(problem)
        self.counts[key] += 1
        if self.counts[key] <= KEPT_PER_RULE:
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def add_sample(self, sample: list[Problem], more: Mapping[str, int]) -> None:
        """The first few problems of one rule, and how many more there were in each file (a
        rule across tables finds them in several)."""
        for problem in sample:
            self.add(problem)
        if sample:
            severity, _, column, rule = _key(sample[0])
            for file, count in more.items():
                self.counts[(severity, file, column, rule)] += count

    def merge(self, other: Report) -> None:
        self.problems.extend(other.problems)
        self.counts.update(other.counts)

    @property
    def fatal_count(self) -> int:
        return sum(n for (severity, *_), n in self.counts.items() if severity == FATAL)

    @property
    def warning_count(self) -> int:
        return sum(n for (severity, *_), n in self.counts.items() if severity == WARNING)

    @property
    def accepted(self) -> bool:
        return self.fatal_count == 0

    def not_shown(self) -> list[dict[str, Any]]:
        """For each rule and file with more problems than were kept: how many more there are."""
        shown = Counter(_key(problem) for problem in self.problems)
        more = []
        for key, count in sorted(self.counts.items()):
            if count > shown[key]:
                severity, file, column, rule = key
                more.append(
                    {
                        "severity": severity,
                        "file": file,
                        "column": column,
                        "rule": rule,
                        "more": count - shown[key],
                    }
                )
        return more

    def sorted_problems(self) -> list[Problem]:
        return sorted(
            self.problems,
            key=lambda p: (p.severity != FATAL, p.file, p.row or 0, p.column, p.rule),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "fatal": self.fatal_count,
            "warnings": self.warning_count,
            "problems": [p.as_dict() for p in self.sorted_problems()],
            "not_shown": self.not_shown(),
        }

    def summary(self) -> str:
        verdict = "accepted" if self.accepted else "refused"
        return f"{verdict}: {self.fatal_count} fatal problems, {self.warning_count} warnings"


def fatal(file: str, rule: str, message: str, **where: Any) -> Problem:
    return Problem(FATAL, file, rule, message, **where)


def warning(file: str, rule: str, message: str, **where: Any) -> Problem:
    return Problem(WARNING, file, rule, message, **where)
