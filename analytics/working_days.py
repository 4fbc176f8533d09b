"""Working days in England and Wales: the one statement of which days count.

Statutory clocks run in working days: a serious incident is notified within five working
days of the local authority becoming aware of it, a rapid review reaches the national panel
within 15 working days of the notification. A working day is a Monday to Friday that is not
a bank holiday in England and Wales (the `holidays` package carries them offline, one-off
ones such as a coronation included).

- `add_working_days(day, n)`: the `n`th working day after `day`; `day` itself never counts,
  so a clock started on a Saturday or a bank holiday runs from the next working day
  (aware on Saturday 2 January 2021: the fifth working day is Friday 8 January).
- `working_days_between(start, end)`: the working days after `start` up to and including
  `end`, so `working_days_between(day, add_working_days(day, n)) == n`.

The indicators' SQL joins to a table of the same days (`indicators.reference.working_days`,
built from `bank_holidays`), and the generator counts them with NumPy's business days
(`synthetic.workdays`, the same holidays); `tests/analytics/test_working_days.py` checks all
three agree.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

FIRST_YEAR, LAST_YEAR = 1990, 2035
ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=4)
def bank_holidays(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> dict[dt.date, str]:
    """England and Wales' bank holidays from `first` to `last`, with their names."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=range(first, last + 1)))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The `n`th working day after `day` (n >= 0; with n = 0, `day` or the next working day)."""
    if n < 0:
        raise ValueError("Count working days forward only.")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"Working days are known from {FIRST_YEAR} to {LAST_YEAR}.")
    counted = 0
    while counted < n or (n == 0 and not is_working_day(day)):
        day += ONE_DAY
        counted += is_working_day(day)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + ONE_DAY * i) for i in range(1, (end - start).days + 1))
