"""Financial years run April to March; Q1 is April to June."""

import datetime as dt

import pytest

from analytics.periods import financial_year_label, financial_year_of
from assure.core.periods import Period


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(2021, 4, 1), "2021-Q1"),
        (dt.date(2021, 6, 30), "2021-Q1"),
        (dt.date(2021, 7, 1), "2021-Q2"),
        (dt.date(2021, 12, 31), "2021-Q3"),
        (dt.date(2022, 1, 1), "2021-Q4"),
        (dt.date(2022, 3, 31), "2021-Q4"),
    ],
)
def test_a_day_falls_in_its_financial_quarter(day, code):
    assert Period.containing(day).code == code


def test_quarter_boundaries_and_labels():
    q4 = Period.parse("2020-Q4")
    assert (q4.start, q4.end) == (dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert q4.short_label == "Q4 2020/21"
    assert q4.label == "2020/21 Q4 (January to March)"
    assert q4.next() == Period(2021, 1)
    assert Period(2021, 1).previous() == q4
    assert financial_year_of(dt.date(2021, 3, 31)) == 2020
    assert financial_year_label(2099) == "2099/00"


def test_codes_sort_in_time_order():
    codes = ["2021-Q1", "2020-Q4", "2020-Q2", "2021-Q3"]
    assert sorted(codes) == [p.code for p in sorted(Period.parse(c) for c in codes)]


@pytest.mark.parametrize("bad", ["2021Q1", "2021-Q5", "Q1 2021", ""])
def test_a_malformed_period_says_what_was_expected(bad):
    with pytest.raises(ValueError, match="expected YYYY-Qn"):
        Period.parse(bad)
