"""The period an indicator is computed for, from the month being reported on.

Codes match the performance framework's (`2021-05`, `2021-Q1`, `2020/21`, `YTD 2021-05`,
`R12 2021-05`); a snapshot indicator is the value on the month's last day. A quarter or a
year is the latest one complete by the end of the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH, QUARTER, YEAR, YEAR_TO_DATE, ROLLING_12, SNAPSHOT = (
    "month",
    "quarter",
    "year",
    "year_to_date",
    "rolling_12",
    "snapshot",
)
SPANS = (MONTH, QUARTER, YEAR, YEAR_TO_DATE, ROLLING_12, SNAPSHOT)
SPAN_LABELS = {
    MONTH: "month",
    QUARTER: "quarter",
    YEAR: "financial year",
    YEAR_TO_DATE: "financial year to date",
    ROLLING_12: "rolling 12 months",
    SNAPSHOT: "snapshot at the end of the month",
}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift(day: dt.date, months: int) -> dt.date:
    """The last day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def financial_year(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def parse_month(text: str) -> dt.date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{text}' is not a month: write it as YYYY-MM, e.g. 2024-06")
    return month_end(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class Period:
    span: str
    start: dt.date
    end: dt.date

    @property
    def code(self) -> str:
        month = f"{self.end.year}-{self.end.month:02d}"
        fy = financial_year(self.end)
        if self.span == QUARTER:
            return f"{fy}-Q{(self.end.month - 4) % 12 // 3 + 1}"
        if self.span == YEAR:
            return f"{fy}/{(fy + 1) % 100:02d}"
        return {YEAR_TO_DATE: f"YTD {month}", ROLLING_12: f"R12 {month}"}.get(self.span, month)

    @property
    def label(self) -> str:
        if self.span == SNAPSHOT:
            return f"at {self.end:%-d %B %Y}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def params(self) -> dict[str, dt.date]:
        return {"period_start": self.start, "period_end": self.end}


def for_month(span: str, month: dt.date) -> Period:
    """The period of `span` reported in the month holding `month`."""
    end = month_end(month.year, month.month)
    if span == MONTH:
        return Period(span, end.replace(day=1), end)
    if span == SNAPSHOT:
        return Period(span, end, end)
    if span == ROLLING_12:
        return Period(span, shift(end, -12) + dt.timedelta(days=1), end)
    if span == YEAR_TO_DATE:
        return Period(span, dt.date(financial_year(end), 4, 1), end)
    if span == QUARTER:
        back = end.month % 3  # quarters end in March, June, September, December
        last = shift(end, -back)
        return Period(span, shift(last, -3) + dt.timedelta(days=1), last)
    if span == YEAR:
        last = (
            dt.date(end.year, 3, 31)
            if end >= dt.date(end.year, 3, 31)
            else dt.date(end.year - 1, 3, 31)
        )
        return Period(span, dt.date(last.year - 1, 4, 1), last)
    raise ValueError(f"'{span}' is not a period type: use one of {', '.join(SPANS)}")
