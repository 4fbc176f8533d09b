"""Working days in England: weekends and England's bank holidays, for whole arrays of dates.

Timescales in children's social care are counted in working days (an assessment within 45,
an initial conference within 15 of the strategy discussion), so the generator places those
events with numpy's business-day functions and the bank holidays of the `holidays` package,
which carries them offline.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from analytics.working_days import bank_holidays as england_and_wales

FIRST_YEAR, LAST_YEAR = 1990, 2035


@lru_cache(maxsize=1)
def bank_holidays() -> np.ndarray:
    """England's bank holidays (including one-off ones such as coronations) as datetime64[D]."""
    days = england_and_wales(FIRST_YEAR, LAST_YEAR)
    return np.array(sorted(days), dtype="datetime64[D]")


@lru_cache(maxsize=1)
def calendar() -> np.busdaycalendar:
    return np.busdaycalendar(weekmask="1111100", holidays=bank_holidays())


def add(dates: np.ndarray, days: np.ndarray | int) -> np.ndarray:
    """The working day `days` working days after each date (a non-working date rolls forward)."""
    return np.busday_offset(dates, days, roll="forward", busdaycal=calendar())


def between(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Working days from start to end, counting end but not start (as timescales are counted)."""
    one = np.timedelta64(1, "D")
    return np.busday_count(start + one, end + one, busdaycal=calendar())


def next_working(dates: np.ndarray) -> np.ndarray:
    """Each date if it is a working day, otherwise the next working day."""
    return np.busday_offset(dates, 0, roll="forward", busdaycal=calendar())
