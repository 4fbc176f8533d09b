"""The calendar every part of Assure counts in: months, financial years and their quarters.

One statement of each rule, free of Django, used by the apps and beside the SQL indicators
(whose date arithmetic, DuckDB's, follows the same rules: `tests/analytics/test_periods.py`
checks the two agree day by day).

- `add_months(day, n)`: the same day `n` months on, or the month's last day when it has no
  such day (30 November + 3 months = 28 February, or 29 in a leap year), as DuckDB's
  `day + INTERVAL n MONTH`. A toolkit reviewed on a day is due again on this day.
- `month_end(day, n)` and `month_start(day, n)`: the last and first day of the month `n`
  months after the month holding `day`. Month-by-month figures are kept on month ends.
- Financial years run April to March and are named by the year they start in: 2020 is
  2020/21. Its quarters are `2020-Q1` (April to June) to `2020-Q4` (January to March).
- Reporting periods are written as short codes people can type and read (`ReportingPeriod`);
  a period is kept as its span (`vocabulary.Span`) and its last day, so periods sort in time
  order:

  | span          | code          | covers                                                  |
  |---------------|---------------|---------------------------------------------------------|
  | month         | `2021-05`     | May 2021                                                |
  | quarter       | `2021-Q1`     | April to June 2021 (a financial-year quarter)           |
  | year          | `2020/21`     | April 2020 to March 2021 (a financial year)             |
  | year_to_date  | `YTD 2021-05` | April 2021 to May 2021 (the financial year to date)     |
  | rolling_12    | `R12 2021-05` | June 2020 to May 2021                                   |

- A month is written `2021-05`, within `FIRST_YEAR` to `LAST_YEAR`: a year beyond them is a
  typing slip, and counting months from year 9999 runs off the calendar.
- Times are England's clock (`TIME_ZONE`, Django's too). A time written without a zone, as
  the local extracts write them, is read by `local_moment`: the hour the clocks skip in
  March, and the hour they show twice in October, are read as winter time (GMT), as DuckDB
  reads them (`timezone($time_zone, ...)`). Hours between two moments are hours elapsed, not
  the clock's: 72 hours after 10:00 on the Saturday the clocks go forward is 11:00 on Tuesday.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from analytics.vocabulary import Span

FIRST_YEAR, LAST_YEAR = 1950, 2100
TIME_ZONE = "Europe/London"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _month_index(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` months on (or back), the month's last day when it is shorter."""
    year, month = _month_index(day, months)
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def month_end(day: dt.date, months: int = 0) -> dt.date:
    """The last day of the month `months` after the month holding `day`."""
    year, month = _month_index(day, months)
    return dt.date(year, month, days_in_month(year, month))


def month_start(day: dt.date, months: int = 0) -> dt.date:
    """The first day of the month `months` after the month holding `day`."""
    year, month = _month_index(day, months)
    return dt.date(year, month, 1)


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month end from the month holding `first` to the month holding `last`."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [month_end(last, -k) for k in range(count - 1, -1, -1)]


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from the month holding `first` to the month holding `last`."""
    return [month_start(end) for end in month_ends(first, last)]


def last_months(through: dt.date, count: int) -> list[dt.date]:
    """The month ends of the `count` months ending with the month holding `through`."""
    return [month_end(through, -k) for k in range(count - 1, -1, -1)]


def parse_month(text: str) -> dt.date:
    """The first day of the month written `YYYY-MM`; ValueError saying how to write it."""
    match = _MONTH.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{text}' is not a month: write it as YYYY-MM, for example 2024-06")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' is not a month between {FIRST_YEAR} and {LAST_YEAR}")
    return dt.date(year, int(match.group(2)), 1)


def parse_moment(text: str) -> dt.datetime:
    """A date and time written in ISO 8601 (2021-07-01T09:30, with Z or an offset, or
    without, meaning UTC), as UTC: PostgreSQL refuses offsets beyond ±16 hours, and a moment
    in year 1 with an offset runs off the calendar. ValueError saying how to write it."""
    try:
        moment = dt.datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            return moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise ValueError(
            f"'{text}' is not a date and time: write it like 2021-07-01T09:30 (UTC) "
            "or 2021-07-01T09:30+01:00"
        ) from None


def local_moment(clock: dt.datetime) -> dt.datetime:
    """The moment England's clocks showed `clock` (a time without a zone); a time the clocks
    skipped or showed twice is read as winter time (GMT)."""
    zone = ZoneInfo(TIME_ZONE)
    readings = (clock.replace(tzinfo=zone, fold=0), clock.replace(tzinfo=zone, fold=1))
    return min(readings, key=lambda moment: moment.utcoffset() or dt.timedelta(0))


def month_or_none(text: str | None) -> dt.date | None:
    """The first day of the month written `YYYY-MM`, or None when `text` is not one."""
    try:
        return parse_month(str(text))
    except ValueError:
        return None


def month_asked(text: str | None, default: dt.date) -> dt.date | None:
    """The month a page was asked for: `default`'s month when none was, None when what was
    asked for is not a month (the page says so)."""
    return month_or_none(text) if text else month_start(default)


def day_or_none(text: str | None) -> dt.date | None:
    """The day written `YYYY-MM-DD`, or None when `text` is not one."""
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None


def day_argument(text: str) -> dt.date:
    """A day given on the command line (argparse's `type=`), its error a usage message."""
    day = day_or_none(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD")
    return day


def month_argument(text: str) -> dt.date:
    """A month given on the command line (argparse's `type=`), its error a usage message."""
    try:
        return parse_month(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def financial_year_of(day: dt.date) -> int:
    """The year the financial year holding `day` starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(fy: int) -> str:
    return f"{fy}/{(fy + 1) % 100:02d}"


def year_start(fy: int) -> dt.date:
    return dt.date(fy, 4, 1)


def year_end(fy: int) -> dt.date:
    return dt.date(fy + 1, 3, 31)


def collection_year(year: int) -> tuple[dt.date, dt.date]:
    """The first and last days of the statutory returns' year `year` (SSDA903, CIN census,
    Annex A), named by the 31 March it ends on: 2025 is 2024/25, the financial year 2024."""
    return year_start(year - 1), year_end(year - 1)


def quarter_of(day: dt.date) -> int:
    """The financial-year quarter (1 to 4) holding `day`."""
    return (day.month - 4) % 12 // 3 + 1


def quarter_code(fy: int, quarter: int) -> str:
    return f"{fy}-Q{quarter}"


# The spans of reporting periods, in the vocabulary's words.
MONTH, QUARTER, YEAR, YEAR_TO_DATE = Span.MONTH, Span.QUARTER, Span.YEAR, Span.YEAR_TO_DATE
ROLLING_12 = Span.ROLLING_12
SPANS = tuple(Span)
EXAMPLES = "2021-05 (a month), 2021-Q1 (a quarter), 2020/21 (a year), YTD 2021-05 or R12 2021-05"

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_PREFIXED = re.compile(r"^(YTD|R12)\s+(\d{4}-\d{1,2})$", re.IGNORECASE)


def year_months(fy: int) -> list[dt.date]:
    """The twelve month ends of financial year `fy`, April first."""
    return month_ends(year_start(fy), year_end(fy))


def year_to_date_months(through: dt.date) -> list[dt.date]:
    """Month ends from April of the financial year holding `through` to `through`'s month."""
    return month_ends(year_start(financial_year_of(through)), through)


def parse_financial_year(text: str) -> int:
    """2021 from '2021/22', '2021-22', '2021/2022' or '2021'. ValueError names the problem."""
    cleaned = str(text).strip()
    if re.fullmatch(r"\d{4}", cleaned):
        return int(cleaned)
    match = _YEAR.match(cleaned)
    if not match:
        raise ValueError(f"'{cleaned}' is not a financial year: write it like 2021/22")
    start, end = int(match.group(1)), match.group(2)
    if int(end) % 100 != (start + 1) % 100 or (len(end) == 4 and int(end) != start + 1):
        raise ValueError(
            f"'{cleaned}' is not a financial year: the second year must follow the first"
        )
    return start


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    end: dt.date
    span: str

    @classmethod
    def month(cls, day: dt.date) -> ReportingPeriod:
        return cls(month_end(day), MONTH)

    @classmethod
    def year(cls, fy: int) -> ReportingPeriod:
        return cls(year_end(fy), YEAR)

    @classmethod
    def year_to_date(cls, through: dt.date) -> ReportingPeriod:
        return cls(month_end(through), YEAR_TO_DATE)

    @classmethod
    def parse(cls, text: str) -> ReportingPeriod:
        """A period from its code; ValueError with an example of each code otherwise."""
        cleaned = " ".join(str(text).split())
        prefixed = _PREFIXED.match(cleaned)
        if prefixed:
            month = cls._parse_month(prefixed.group(2), cleaned)
            span = YEAR_TO_DATE if prefixed.group(1).upper() == "YTD" else ROLLING_12
            return cls(month, span)
        if _MONTH.match(cleaned):
            return cls(cls._parse_month(cleaned, cleaned), MONTH)
        quarter = _QUARTER.match(cleaned)
        if quarter:
            fy, number = int(quarter.group(1)), int(quarter.group(2))
            return cls(month_end(year_start(fy), 3 * number - 1), QUARTER)
        if _YEAR.match(cleaned):
            return cls.year(parse_financial_year(cleaned))
        raise ValueError(f"'{cleaned}' is not a period: write {EXAMPLES}")

    @staticmethod
    def _parse_month(code: str, whole: str) -> dt.date:
        try:
            return month_end(parse_month(code))
        except ValueError:
            raise ValueError(f"'{whole}' is not a period: write {EXAMPLES}") from None

    @property
    def financial_year(self) -> int:
        return financial_year_of(self.end)

    @property
    def start(self) -> dt.date:
        if self.span == MONTH:
            return self.end.replace(day=1)
        if self.span == QUARTER:
            return month_start(self.end, -2)
        if self.span in (YEAR, YEAR_TO_DATE):
            return year_start(self.financial_year)
        return month_start(self.end, -11)

    @property
    def code(self) -> str:
        month = f"{self.end.year}-{self.end.month:02d}"
        if self.span == QUARTER:
            return quarter_code(self.financial_year, quarter_of(self.end))
        if self.span == YEAR:
            return financial_year_label(self.financial_year)
        if self.span == YEAR_TO_DATE:
            return f"YTD {month}"
        return f"R12 {month}" if self.span == ROLLING_12 else month

    @property
    def label(self) -> str:
        """As a table heading prints it: 'May 21', 'Q1 2021/22', '2020/21', 'YTD May 21'."""
        month = self.end.strftime("%b %y")
        if self.span == QUARTER:
            return f"{self.code[-2:]} {financial_year_label(self.financial_year)}"
        if self.span == YEAR:
            return self.code
        if self.span == YEAR_TO_DATE:
            return f"{financial_year_label(self.financial_year)} to {month}"
        if self.span == ROLLING_12:
            return f"12 months to {month}"
        return month

    def has_begun_by(self, today: dt.date) -> bool:
        """Whether the period has begun by `today`: a figure for a later period is a slip."""
        return self.start <= today

    def __str__(self) -> str:
        return self.code
