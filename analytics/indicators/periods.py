"""The period an indicator is computed for, from the month being reported on.

Codes match the performance framework's (`2021-05`, `2021-Q1`, `2020/21`, `YTD 2021-05`,
`R12 2021-05`); a snapshot indicator is the value on the month's last day. A quarter or a
year is the latest one complete by the end of the month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analytics import periods as months
from analytics.periods import (
    MONTH,
    QUARTER,
    ROLLING_12,
    YEAR,
    YEAR_TO_DATE,
    ReportingPeriod,
    financial_year_of,
    month_end,
)

SNAPSHOT = "snapshot"
SPANS = (MONTH, QUARTER, YEAR, YEAR_TO_DATE, ROLLING_12, SNAPSHOT)
SPAN_LABELS = {
    MONTH: "month",
    QUARTER: "quarter",
    YEAR: "financial year",
    YEAR_TO_DATE: "financial year to date",
    ROLLING_12: "rolling 12 months",
    SNAPSHOT: "snapshot at the end of the month",
}


def parse_month(text: str) -> dt.date:
    """The last day of the month written `YYYY-MM`."""
    return month_end(months.parse_month(text))


@dataclass(frozen=True)
class Period:
    span: str
    start: dt.date
    end: dt.date

    @property
    def code(self) -> str:
        """The performance framework's code; a snapshot is coded by its month."""
        return ReportingPeriod(self.end, MONTH if self.span == SNAPSHOT else self.span).code

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
    if span not in SPANS:
        raise ValueError(f"'{span}' is not a period type: use one of {', '.join(SPANS)}")
    end = month_end(month)
    if span == SNAPSHOT:
        return Period(span, end, end)
    if span == QUARTER:  # quarters end in March, June, September and December
        end = month_end(end, -(end.month % 3))
    if span == YEAR:
        end = months.year_end(financial_year_of(end) - (end.month != 3))
    return Period(span, ReportingPeriod(end, span).start, end)
