"""The words an indicator and its figures are described in: each list stated once.

An indicator has a unit, a polarity (which way is better) and a period type; each of its
figures is kept for a reporting period of some span. The same words are written everywhere:
in an indicator's SQL header (`-- polarity: higher`), in the application database, in the
files people load, in the API and in the reports. Each word has the label pages show.

| list         | words                                                     |
|--------------|-----------------------------------------------------------|
| `Polarity`   | higher, lower, none                                       |
| `Unit`       | percent, count, rate_per_10k, days, weeks, score, average |
| `Span`       | month, quarter, year, year_to_date, rolling_12            |
| `PeriodType` | in_month, quarter, year_to_date, snapshot, rolling_12     |

A span is a reporting period's (the calendar, `analytics/periods.py`, writes its codes); a
period type is an indicator's, and says the span its figures are kept under (`SPAN_OF`).

A list reads like Django's choices (`Polarity.HIGHER`, `Polarity.HIGHER.label`,
`Polarity.choices`), so the apps' model fields take their choices from it; the registry of
SQL indicators refuses a header whose word is not in its list.
"""

from __future__ import annotations

from enum import EnumType, StrEnum
from typing import Any, Self


class _WordList(EnumType):
    @property
    def choices(cls) -> list[tuple[str, str]]:
        """(word, label) pairs, in order: a model field's or a form's choices."""
        words: list[Any] = list(cls)
        return [(word.value, word.label) for word in words]

    @property
    def values(cls) -> list[str]:
        return [word for word, _ in cls.choices]


class Words(StrEnum, metaclass=_WordList):
    """A list of words, each equal to the text it is written as, with a label."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        word = str.__new__(cls, value)
        word._value_ = value
        word.label = label
        return word


class Polarity(Words):
    """Which way a figure is better: targets, ratings, directions and SPC are read with it."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "No direction"


class Unit(Words):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    RATE = "rate_per_10k", "Rate per 10,000 children aged 0-17"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"
    SCORE = "score", "Audit score"
    # A plain mean (WF-04, cases per social worker): computed by the SQL indicators and
    # `assure compute`; the performance framework keeps no such figures yet.
    AVERAGE = "average", "Average"
    # A mean change on a rating scale (training: confidence after a session less before):
    # the one unit whose figures may be below nought.
    CHANGE = "change", "Change on a rating scale"


# value = numerator / denominator x scale: a percentage of 100, a rate per 10,000 children;
# a mean (of days, weeks, scores or anything else) of 1. A count has no scale: it is its value.
SCALE: dict[str, int] = {
    Unit.PERCENT: 100,
    Unit.RATE: 10_000,
    Unit.DAYS: 1,
    Unit.WEEKS: 1,
    Unit.SCORE: 1,
    Unit.AVERAGE: 1,
    Unit.CHANGE: 1,
}


class Span(Words):
    """The span of a reporting period (its codes and dates are the calendar's)."""

    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Financial year"
    YEAR_TO_DATE = "year_to_date", "Financial year to date"
    ROLLING_12 = "rolling_12", "Rolling 12 months"


class PeriodType(Words):
    """The period an indicator's figure covers, and so the span it is kept under."""

    IN_MONTH = "in_month", "In month"
    QUARTER = "quarter", "Quarter"
    YEAR_TO_DATE = "year_to_date", "Financial year to date"
    SNAPSHOT = "snapshot", "Snapshot at month end"
    ROLLING_12 = "rolling_12", "Rolling 12 months"


# A snapshot is the value on a month's last day, kept as that month's figure.
SPAN_OF: dict[str, Span] = {
    PeriodType.IN_MONTH: Span.MONTH,
    PeriodType.QUARTER: Span.QUARTER,
    PeriodType.YEAR_TO_DATE: Span.YEAR_TO_DATE,
    PeriodType.SNAPSHOT: Span.MONTH,
    PeriodType.ROLLING_12: Span.ROLLING_12,
}
