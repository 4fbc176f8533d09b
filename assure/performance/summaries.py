"""How monthly figures add up to a financial year to date or a whole year, and which way a
measure moved.

Each indicator says how its months combine (its year-to-date rule):

* ``entered``: they do not (each child counted once in the year, an average of averages);
  only a figure entered or loaded for the year or year to date is shown;
* ``sum``: the sum of the months (events in the period);
* ``ratio``: the sum of the numerators over the sum of the denominators, in the unit's scale
  (a percentage of the year's cases, not an average of monthly percentages);
* ``latest``: the last month's figure (a snapshot at month end).

A summary is only worked out when every month it needs has a figure: a missing month is
never counted as zero, so the result is None and the table shows nothing rather than a
figure that looks complete and is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from analytics import periods
from analytics.vocabulary import Polarity
from assure.performance import units

ENTERED, SUM, RATIO, LATEST = "entered", "sum", "ratio", "latest"
UP, DOWN, SAME = "up", "down", "same"


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def combine(rule: str, figures: list[Figure | None], unit_key: str) -> Decimal | None:
    """The summary of `figures` (one a month, in order; None for a month with no figure)."""
    if rule == ENTERED or not figures:
        return None
    if rule == LATEST:
        last = figures[-1]
        return last.value if last is not None else None
    if any(figure is None or figure.value is None for figure in figures):
        return None
    present = [figure for figure in figures if figure is not None]
    if rule == SUM:
        return sum((figure.value for figure in present if figure.value is not None), Decimal(0))
    if rule == RATIO:
        if any(f.numerator is None or f.denominator is None for f in present):
            return None
        numerator = sum((f.numerator for f in present if f.numerator is not None), Decimal(0))
        denominator = sum((f.denominator for f in present if f.denominator is not None), Decimal(0))
        return units.derive(unit_key, numerator, denominator) if denominator else None
    raise ValueError(f"no year-to-date rule '{rule}'")


def year_to_date(
    rule: str, months: Mapping[dt.date, Figure], through: dt.date, unit_key: str
) -> Decimal | None:
    """The financial year to date ending with `through`'s month, from monthly figures keyed
    by month end."""
    needed = periods.year_to_date_months(through)
    return combine(rule, [months.get(end) for end in needed], unit_key)


def full_year(
    rule: str, months: Mapping[dt.date, Figure], fy: int, unit_key: str
) -> Decimal | None:
    """Financial year `fy` (April to March) from monthly figures keyed by month end."""
    return combine(rule, [months.get(end) for end in periods.year_months(fy)], unit_key)


def direction(previous: Decimal | None, latest: Decimal | None) -> str | None:
    """up, down or same between two figures; None when either is missing."""
    if previous is None or latest is None:
        return None
    if latest > previous:
        return UP
    return DOWN if latest < previous else SAME


def judged(move: str | None, polarity: str) -> str | None:
    """'better' or 'worse' for a move read with the polarity; None for no direction."""
    if move not in (UP, DOWN) or polarity not in (Polarity.HIGHER, Polarity.LOWER):
        return None
    return "better" if (move == UP) == (polarity == Polarity.HIGHER) else "worse"
