"""Reporting periods and financial-year arithmetic (assure/performance/periods.py).
Financial years run April to March and are named by the year they start."""

import datetime as dt

import pytest

from analytics import periods
from analytics.periods import ReportingPeriod, parse_financial_year

D = dt.date


@pytest.mark.parametrize(
    "code, span, start, end, label",
    [
        ("2021-05", "month", D(2021, 5, 1), D(2021, 5, 31), "May 21"),
        ("2020-02", "month", D(2020, 2, 1), D(2020, 2, 29), "Feb 20"),
        ("2021-Q1", "quarter", D(2021, 4, 1), D(2021, 6, 30), "Q1 2021/22"),
        ("2020-Q4", "quarter", D(2021, 1, 1), D(2021, 3, 31), "Q4 2020/21"),
        ("2020/21", "year", D(2020, 4, 1), D(2021, 3, 31), "2020/21"),
        ("YTD 2021-05", "year_to_date", D(2021, 4, 1), D(2021, 5, 31), "2021/22 to May 21"),
        ("YTD 2021-03", "year_to_date", D(2020, 4, 1), D(2021, 3, 31), "2020/21 to Mar 21"),
        ("R12 2021-05", "rolling_12", D(2020, 6, 1), D(2021, 5, 31), "12 months to May 21"),
    ],
)
def test_codes_name_the_period_they_cover(code, span, start, end, label):
    period = ReportingPeriod.parse(code)
    assert (period.span, period.start, period.end, period.label) == (span, start, end, label)
    assert ReportingPeriod.parse(period.code) == period


def test_other_ways_of_writing_a_period_are_read():
    assert ReportingPeriod.parse("2020/2021") == ReportingPeriod.year(2020)
    assert ReportingPeriod.parse("ytd 2021-5").code == "YTD 2021-05"
    assert ReportingPeriod.parse(" 2021-Q2 ").code == "2021-Q2"


def test_a_year_with_a_hyphen_is_not_taken_for_a_month():
    # 2020-21 could be read as a 21st month; years are written 2020/21
    with pytest.raises(ValueError, match="2020/21"):
        ReportingPeriod.parse("2020-21")


@pytest.mark.parametrize("code", ["2021-13", "May 2021", "2021/23", "Q1 2021", "", "YTD May"])
def test_a_bad_code_is_refused_with_a_reason(code):
    with pytest.raises(ValueError, match="is not a"):
        ReportingPeriod.parse(code)


def test_the_financial_year_of_a_month_starts_in_april():
    assert ReportingPeriod.parse("2021-03").financial_year == 2020
    assert ReportingPeriod.parse("2021-04").financial_year == 2021
    assert ReportingPeriod.parse("2020-Q4").financial_year == 2020


def test_year_to_date_runs_from_april_to_the_month():
    assert periods.year_to_date_months(D(2021, 5, 14)) == [D(2021, 4, 30), D(2021, 5, 31)]
    assert periods.year_to_date_months(D(2021, 4, 1)) == [D(2021, 4, 30)]
    march = periods.year_to_date_months(D(2021, 3, 31))
    assert (len(march), march[0], march[-1]) == (12, D(2020, 4, 30), D(2021, 3, 31))


def test_a_financial_year_has_twelve_months_april_first():
    months = periods.year_months(2020)
    assert (len(months), months[0], months[-1]) == (12, D(2020, 4, 30), D(2021, 3, 31))


def test_004s_eleven_month_columns_run_jul_20_to_may_21():
    months = periods.last_months(D(2021, 5, 31), 11)
    assert (months[0], months[-1], len(months)) == (D(2020, 7, 31), D(2021, 5, 31), 11)
    assert periods.month_end(D(2021, 1, 31), 1) == D(2021, 2, 28)


@pytest.mark.parametrize(
    "text, year", [("2021/22", 2021), ("2021-22", 2021), ("2021/2022", 2021), ("2021", 2021)]
)
def test_financial_years_are_read_as_the_year_they_start(text, year):
    assert parse_financial_year(text) == year


@pytest.mark.parametrize("text", ["2021/23", "2021/2023", "21/22", "twenty"])
def test_a_year_that_is_not_a_financial_year_is_refused(text):
    with pytest.raises(ValueError, match="financial year"):
        parse_financial_year(text)


def test_a_period_that_has_not_begun_is_noticed():
    assert ReportingPeriod.parse("2021-06").has_begun_by(D(2021, 6, 1))
    assert not ReportingPeriod.parse("2021-06").has_begun_by(D(2021, 5, 31))
