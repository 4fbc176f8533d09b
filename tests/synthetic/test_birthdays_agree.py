"""Birthdays and ages are worked out in Python by the generator (`frame.birthday`,
`frame.age_on`, NumPy) and in SQL by the validation and the indicators (`DOB + INTERVAL 18
YEAR` in DuckDB). They must agree on every day, 29 February included (a birthday that day
falls on 28 February in other years, as the Department's validators count it), or the
generator would write children the validation finds a day too old or too young."""

from __future__ import annotations

from bisect import bisect_right

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from analytics.synthetic.frame import age_on, birthday, birthdays

# Eight years of dates of birth, two 29 Februaries among them.
BORN = np.arange("2004-01-01", "2012-01-01", dtype="datetime64[D]")


def sql_birthdays(years: int) -> np.ndarray:
    """`DOB + INTERVAL n YEAR`, as the validation's and indicators' SQL writes it."""
    connection = duckdb.connect()
    connection.register("born", pa.table({"DOB": pa.array(BORN)}))
    query = "SELECT CAST(DOB + INTERVAL (?) YEAR AS DATE) FROM born ORDER BY DOB"
    found = connection.execute(query, [years]).fetchall()
    return np.array([day for (day,) in found], dtype="datetime64[D]")


@pytest.mark.parametrize("years", [1, 4, 10, 16, 17, 18, 21])
def test_the_generators_birthdays_are_the_sqls(years):
    assert (birthday(BORN, years) == sql_birthdays(years)).all()


@pytest.mark.parametrize("years", [4, 16, 18])
def test_an_age_is_reached_on_the_sqls_birthday_and_not_the_day_before(years):
    day = sql_birthdays(years)
    assert (age_on(BORN, day) == years).all()
    assert (age_on(BORN, day - np.timedelta64(1, "D")) == years - 1).all()


def test_a_leap_day_birthday_falls_on_28_february():
    leap = np.array(["2008-02-29"], dtype="datetime64[D]")
    assert birthday(leap, 1)[0] == np.datetime64("2009-02-28")
    assert birthday(leap, 4)[0] == np.datetime64("2012-02-29")


def test_the_birthdays_passed_are_the_age_on_every_day_to_18():
    # The placements count a child's age as the birthdays passed (frame.birthdays), many
    # times a child: it is age_on's age on every third day of a child's first 19 years, for
    # a child born on each day of the week and on and around 29 February.
    leap = [f"{year}-{day}" for year in (2004, 2008) for day in ("02-28", "02-29", "03-01")]
    born = np.union1d(BORN[::7], np.array(leap, dtype="datetime64[D]"))  # and 29 February
    passed = birthdays(born, 20)
    for offset in range(0, 19 * 366, 3):
        when = born + np.timedelta64(offset, "D")
        days = when.astype(int).tolist()
        counted = [bisect_right(b, d) - 1 for b, d in zip(passed, days, strict=True)]
        assert counted == age_on(born, when).tolist(), offset
