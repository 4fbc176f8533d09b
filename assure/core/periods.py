"""Financial years (April to March) and their quarters: the reporting periods of every plan.

A period is written `YYYY-Qn` where YYYY is the calendar year the financial year starts:
`2021-Q1` is April-June 2021 and `2020-Q4` is January-March 2021. Written that way, the
codes sort in time order as plain strings, which is how they are stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analytics.periods import (
    QUARTER,
    ReportingPeriod,
    financial_year_label,
    financial_year_of,
    month_end,
    month_start,
    quarter_code,
    quarter_of,
    year_start,
)


@dataclass(frozen=True, order=True)
class Period:
    fy: int
    quarter: int

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(financial_year_of(day), quarter_of(day))

    @classmethod
    def parse(cls, code: str) -> Period:
        try:
            period = ReportingPeriod.parse(code)
        except ValueError:
            period = None
        if period is None or period.span != QUARTER:
            raise ValueError(f"'{code}' is not a period: expected YYYY-Qn, for example 2021-Q1")
        return cls.containing(period.end)

    @property
    def code(self) -> str:
        return quarter_code(self.fy, self.quarter)

    @property
    def start(self) -> dt.date:
        return month_start(year_start(self.fy), 3 * (self.quarter - 1))

    @property
    def end(self) -> dt.date:
        return month_end(self.start, 2)

    @property
    def label(self) -> str:
        months = ["April to June", "July to September", "October to December", "January to March"]
        return f"{financial_year_label(self.fy)} Q{self.quarter} ({months[self.quarter - 1]})"

    @property
    def short_label(self) -> str:
        return f"Q{self.quarter} {financial_year_label(self.fy)}"

    def next(self) -> Period:
        return Period(self.fy + self.quarter // 4, self.quarter % 4 + 1)

    def previous(self) -> Period:
        return Period(self.fy - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def quarters_of_year(self) -> list[Period]:
        return [Period(self.fy, q) for q in range(1, 5)]

    def __str__(self) -> str:
        return self.code


def current_period(today: dt.date | None = None) -> Period:
    return Period.containing(today or dt.date.today())


def update_due_date(period: Period) -> dt.date:
    """Quarterly updates are due by the end of the period they report on."""
    return period.end
