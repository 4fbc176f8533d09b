"""Financial years (April to March) and their quarters: the reporting periods of every plan.

A period is written `YYYY-Qn` where YYYY is the calendar year the financial year starts:
`2021-Q1` is April-June 2021 and `2020-Q4` is January-March 2021. Written that way, the
codes sort in time order as plain strings, which is how they are stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CODE = re.compile(r"^(\d{4})-Q([1-4])$")


def financial_year_of(day: dt.date) -> int:
    """The year the financial year holding `day` starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(fy: int) -> str:
    return f"{fy}/{str(fy + 1)[-2:]}"


@dataclass(frozen=True, order=True)
class Period:
    fy: int
    quarter: int

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        fy = financial_year_of(day)
        months_in = (day.month - 4) % 12
        return cls(fy, months_in // 3 + 1)

    @classmethod
    def parse(cls, code: str) -> Period:
        match = _CODE.match(code.strip())
        if not match:
            raise ValueError(f"'{code}' is not a period: expected YYYY-Qn, for example 2021-Q1")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def code(self) -> str:
        return f"{self.fy}-Q{self.quarter}"

    @property
    def start(self) -> dt.date:
        month = 4 + 3 * (self.quarter - 1)
        year = self.fy + (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

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
