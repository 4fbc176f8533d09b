"""Year-to-date and full-year arithmetic, and the direction of change, with 004's figures
(assure/performance/summaries.py)."""

import datetime as dt
from decimal import Decimal as D

from analytics.periods import year_months
from assure.performance.summaries import (
    Figure,
    combine,
    direction,
    full_year,
    judged,
    year_to_date,
)

APRIL, MAY = dt.date(2021, 4, 30), dt.date(2021, 5, 31)


def test_sum_of_the_months_2_26_dispute_resolutions():
    # 004: Apr 21 = 1, May 21 = 11, Current Year to Date = 12
    months = {APRIL: Figure(D(1)), MAY: Figure(D(11))}
    assert year_to_date("sum", months, MAY, "count") == D(12)


def test_ratio_of_totals_not_the_mean_of_percentages_2_32b_adoptions():
    # 004: Apr 21 3 of 10 = 30%, May 21 2 of 22 = 9%; year to date 5 of 32 = 15.625% (printed
    # 16%). The mean of the monthly percentages would be 19.5%.
    months = {
        APRIL: Figure(D(30), D(3), D(10)),
        MAY: Figure(D("9.09"), D(2), D(22)),
    }
    assert year_to_date("ratio", months, MAY, "percent") == D("15.625")


def test_latest_month_for_a_snapshot_1_1_placements():
    months = {APRIL: Figure(D("11.6")), MAY: Figure(D("13.0"))}
    assert year_to_date("latest", months, MAY, "percent") == D("13.0")


def test_entered_measures_are_never_worked_out():
    # 1.4 counts each child once in the year, so months do not add up (29 + 34 but YTD 48).
    months = {APRIL: Figure(D(29)), MAY: Figure(D(34))}
    assert year_to_date("entered", months, MAY, "count") is None


def test_a_missing_month_is_never_counted_as_zero():
    no_figure = Figure(None)  # a month printed n/a
    assert year_to_date("sum", {APRIL: no_figure, MAY: Figure(D(11))}, MAY, "count") is None
    assert year_to_date("sum", {MAY: Figure(D(11))}, MAY, "count") is None  # April absent
    assert year_to_date("latest", {APRIL: Figure(D(5))}, MAY, "count") is None
    ratio_without_parts = {APRIL: Figure(D(30)), MAY: Figure(D(9))}
    assert year_to_date("ratio", ratio_without_parts, MAY, "percent") is None


def test_a_full_year_needs_all_twelve_months():
    months = {end: Figure(D(end.month)) for end in year_months(2020)}  # April is 4 ... March 3
    assert full_year("sum", months, 2020, "count") == D(78)  # 1 + 2 + ... + 12
    assert full_year("latest", months, 2020, "count") == D(3)  # March's figure
    del months[dt.date(2020, 12, 31)]
    assert full_year("sum", months, 2020, "count") is None


def test_combine_of_nothing_is_nothing():
    assert combine("sum", [], "count") is None


def test_direction_and_whether_it_is_better():
    assert direction(D("11.6"), D("13.0")) == "up"
    assert direction(D(67), D(67)) == "same"
    assert direction(D(414), D(297)) == "down"
    assert direction(None, D(1)) is None
    assert judged("up", "lower") == "worse"  # 1.1 placements rising
    assert judged("down", "lower") == "better"  # 2.31 days to match falling
    assert judged("up", "higher") == "better"
    assert judged("same", "higher") is None
    assert judged("up", "none") is None
