"""The period an indicator is computed for, from the month being reported on.

An indicator's period type (`vocabulary.PeriodType`) says which period: codes match the
performance framework's (`2021-05`, `2021-Q1`, `YTD 2021-05`, `R12 2021-05`); a snapshot
indicator is the value on the month's last day, coded by its month. A quarter is the latest
one complete by the end of the month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analytics import periods as months
from analytics.periods import QUARTER, ReportingPeriod, month_end
from analytics.vocabulary import SPAN_OF, PeriodType


def parse_month(text: str) -> dt.date:
    """The last day of the month written `YYYY-MM`."""
    return month_end(months.parse_month(text))


@dataclass(frozen=True)
class Period:
    period_type: str
    start: dt.date
    end: dt.date

    @property
    def reporting_period(self) -> ReportingPeriod:
        """The performance framework's period its figure is kept under (a snapshot: its month)."""
        return ReportingPeriod(self.end, SPAN_OF[self.period_type])

    @property
    def code(self) -> str:
        return self.reporting_period.code

    @property
    def label(self) -> str:
        if self.period_type == PeriodType.SNAPSHOT:
            return f"at {self.end:%-d %B %Y}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def params(self) -> dict[str, dt.date]:
        return {"period_start": self.start, "period_end": self.end}


def for_month(period_type: str, month: dt.date) -> Period:
    """The period of `period_type` (`vocabulary.PeriodType`) reported in the month holding
    `month`."""
    if period_type not in PeriodType.values:
        raise ValueError(
            f"'{period_type}' is not a period type: use one of {', '.join(PeriodType.values)}"
        )
    end = month_end(month)
    if period_type == PeriodType.SNAPSHOT:
        return Period(period_type, end, end)
    span = SPAN_OF[period_type]
    if span == QUARTER:  # quarters end in March, June, September and December
        end = month_end(end, -(end.month % 3))
    return Period(period_type, ReportingPeriod(end, span).start, end)
