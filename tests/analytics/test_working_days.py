"""The statutory clocks' working days: weekends, bank holidays in England and Wales, and the
day the clock starts on; the indicators' SQL table of working days and the generator's NumPy
business days agree with them."""

import datetime as dt

import duckdb
import numpy as np
import pytest

from analytics.indicators import reference
from analytics.synthetic import workdays
from analytics.working_days import add_working_days, is_working_day, working_days_between

D = dt.date


@pytest.mark.parametrize(
    ("aware", "n", "due"),
    [
        (D(2021, 3, 1), 5, D(2021, 3, 8)),  # Monday: the next Monday, the day itself not counted
        (D(2021, 1, 2), 5, D(2021, 1, 8)),  # Saturday: counted from Monday
        (D(2021, 4, 1), 5, D(2021, 4, 12)),  # Good Friday and Easter Monday skipped
        (D(2021, 12, 24), 1, D(2021, 12, 29)),  # Christmas and Boxing Day moved to 27 and 28
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # the coronation's bank holiday on Monday 8 May
        (D(2021, 3, 6), 0, D(2021, 3, 8)),  # no days on from a Saturday: the next working day
        (D(2021, 3, 5), 0, D(2021, 3, 5)),
    ],
)
def test_a_clock_counts_working_days_after_the_day_it_starts(aware, n, due):
    assert add_working_days(aware, n) == due
    if n:
        assert working_days_between(aware, due) == n


def test_between_is_signed_and_counts_the_end_not_the_start():
    assert working_days_between(D(2021, 3, 1), D(2021, 3, 1)) == 0
    assert working_days_between(D(2021, 3, 5), D(2021, 3, 8)) == 1  # Friday to Monday
    assert working_days_between(D(2021, 3, 8), D(2021, 3, 5)) == -1


def test_a_clock_is_not_run_backwards_nor_off_the_calendar():
    with pytest.raises(ValueError, match="forward"):
        add_working_days(D(2021, 3, 1), -1)
    with pytest.raises(ValueError, match="1990 to 2035"):
        add_working_days(D(2040, 1, 1), 1)


def test_the_sql_table_of_working_days_agrees_day_by_day(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSURE_CACHE_DIR", str(tmp_path))
    connection = duckdb.connect()
    reference.working_days(connection)
    rows = connection.execute("SELECT day, working, n FROM working_days ORDER BY day").fetchall()
    days, working, counts = (list(column) for column in zip(*rows, strict=True))
    assert days[0] == D(reference.FIRST_YEAR, 1, 1) and days[-1] == D(reference.LAST_YEAR, 12, 31)
    assert [is_working_day(day) for day in days] == working
    # n(b) - n(a) is how the SQL counts working days between two days.
    start = days.index(D(2020, 12, 20))
    for offset in range(1, 400, 7):
        assert counts[start + offset] - counts[start] == working_days_between(
            days[start], days[start + offset]
        )


def test_the_generators_working_days_agree_with_the_clocks():
    """The generator places events with NumPy's business days (`synthetic.workdays`): from a
    working day, n working days on is the clocks' day, and the days between are counted as
    the clocks count them, from any day (two years holding Easter, Christmas on a weekend and
    the coronation's bank holiday)."""
    days = [D(2022, 6, 1) + dt.timedelta(days=i) for i in range(731)]
    starts = np.array(days, dtype="datetime64[D]")
    for n in range(31):
        ends = [day + dt.timedelta(days=n) for day in days]
        counted = workdays.between(starts, np.array(ends, dtype="datetime64[D]"))
        clocks = [working_days_between(a, b) for a, b in zip(days, ends, strict=True)]
        assert counted.tolist() == clocks
        working = [day for day in days if is_working_day(day)]
        placed = workdays.add(np.array(working, dtype="datetime64[D]"), n)
        assert placed.astype(dt.date).tolist() == [add_working_days(day, n) for day in working]
