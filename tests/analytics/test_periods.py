"""The calendar (analytics/periods.py) agrees with DuckDB's date arithmetic, which the SQL
indicators use, on every day of three years; month ends and starts, and months a person
types, are read as people mean them."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from analytics import periods
from analytics.indicators.periods import for_month
from analytics.vocabulary import PeriodType


def test_adding_months_agrees_with_duckdb_on_every_day_of_three_years():
    connection = duckdb.connect()
    rows = connection.execute(
        """
        SELECT day::DATE, n, CAST(day + to_months(n) AS DATE)
        FROM range(DATE '2022-01-01', DATE '2025-01-01', INTERVAL 1 DAY) t(day),
             range(-13, 14) s(n)
        """
    ).fetchall()
    assert len(rows) == 1096 * 27
    differ = [(day, n, sql) for day, n, sql in rows if periods.add_months(day, n) != sql]
    assert differ == []


@pytest.mark.parametrize(
    ("day", "months", "same_day", "end", "start"),
    [
        (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29), dt.date(2024, 2, 29), dt.date(2024, 2, 1)),
        (dt.date(2024, 2, 29), 3, dt.date(2024, 5, 29), dt.date(2024, 5, 31), dt.date(2024, 5, 1)),
        (
            dt.date(2021, 5, 15),
            -12,
            dt.date(2020, 5, 15),
            dt.date(2020, 5, 31),
            dt.date(2020, 5, 1),
        ),
        (
            dt.date(2021, 1, 31),
            -1,
            dt.date(2020, 12, 31),
            dt.date(2020, 12, 31),
            dt.date(2020, 12, 1),
        ),
    ],
)
def test_a_month_on_is_the_same_day_a_month_end_or_a_month_start(day, months, same_day, end, start):
    assert periods.add_months(day, months) == same_day
    assert periods.month_end(day, months) == end
    assert periods.month_start(day, months) == start


def test_runs_of_months_in_order():
    assert periods.month_ends(dt.date(2020, 11, 5), dt.date(2021, 2, 1)) == [
        dt.date(2020, 11, 30),
        dt.date(2020, 12, 31),
        dt.date(2021, 1, 31),
        dt.date(2021, 2, 28),
    ]
    assert periods.month_starts(dt.date(2021, 3, 9), dt.date(2021, 4, 1)) == [
        dt.date(2021, 3, 1),
        dt.date(2021, 4, 1),
    ]
    assert periods.last_months(dt.date(2021, 5, 3), 2) == [
        dt.date(2021, 4, 30),
        dt.date(2021, 5, 31),
    ]
    assert periods.month_ends(dt.date(2021, 5, 1), dt.date(2021, 4, 1)) == []


def test_a_returns_year_is_named_by_the_march_it_ends_in():
    """The generator's years (`periods.collection_year`) are the days the validation's SQL
    writes with DuckDB's `make_date(collection_year - 1, 4, 1)` and `(collection_year, 3, 31)`."""
    assert periods.collection_year(2025) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    assert periods.collection_year(2024)[1] == periods.year_end(2023) == dt.date(2024, 3, 31)
    sql = "SELECT make_date(y - 1, 4, 1), make_date(y, 3, 31) FROM range(2015, 2031) t(y)"
    assert duckdb.sql(sql).fetchall() == [periods.collection_year(y) for y in range(2015, 2031)]


@pytest.mark.parametrize("text", ["2021-13", "21-05", "May 2021", "9999-12", "1066-10", "", None])
def test_a_month_that_is_not_one_is_refused_saying_how_to_write_it(text):
    with pytest.raises(ValueError, match="not a month"):
        periods.parse_month(text)
    assert periods.month_or_none(text) is None


def test_a_month_is_read_to_its_first_day():
    assert periods.parse_month(" 2021-5 ") == dt.date(2021, 5, 1)


def test_an_indicator_period_and_a_reporting_period_have_one_code():
    may = dt.date(2021, 5, 12)
    codes = {kind: for_month(kind, may).code for kind in PeriodType}
    assert codes == {
        PeriodType.SNAPSHOT: "2021-05",
        PeriodType.IN_MONTH: "2021-05",
        PeriodType.QUARTER: "2020-Q4",  # the latest quarter complete by the end of May
        PeriodType.YEAR_TO_DATE: "YTD 2021-05",
        PeriodType.ROLLING_12: "R12 2021-05",
    }
    for kind in PeriodType:
        period = for_month(kind, may)
        parsed = period.reporting_period
        assert parsed == periods.ReportingPeriod.parse(period.code)
        if kind != PeriodType.SNAPSHOT:  # a snapshot is the month's last day alone
            assert (parsed.start, parsed.end) == (period.start, period.end)
