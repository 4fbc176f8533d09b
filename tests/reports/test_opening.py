"""#14 finding 5: reports open on the latest month (year) with data, never on empty tables, and
a baseline heading names the year its figures are from."""

import datetime as dt

import pytest

from assure.performance.tables import theme_tables

pytestmark = pytest.mark.django_db


def test_the_highlight_report_opens_on_the_plans_latest_month_with_data(client_as):
    # the current plan's last update is for Q1 2021/22 (to June 2021); its figures run to May
    response = client_as("board").get("/p/torbay/reports/highlight/")
    assert response.context["report"].month == dt.date(2021, 6, 30)
    page = response.content.decode()
    assert "There is a problem" not in page
    asked = client_as("board").get("/p/torbay/reports/highlight/?month=2021-05")
    assert asked.context["report"].month == dt.date(2021, 5, 31)  # what is asked for is kept


def test_the_exception_report_opens_on_the_partnerships_latest_month_with_data(client_as):
    response = client_as("manager").get("/p/torbay/reports/exception/")
    assert f"{response.context['report'].month:%Y-%m}" == "2021-06"


def test_the_annual_report_opens_on_the_latest_year_with_data_and_a_plan_that_ran(client_as):
    page = client_as("board").get("/p/torbay/reports/annual/").content.decode()
    assert "2021/22" in page and "No plan ran during" not in page


def test_a_plan_that_ended_opens_on_its_own_months(client_as):
    # Stockton's 2014-17 plan: its updates run to Q1 2016/17 (June 2016); no figures held
    response = client_as("outsider").get("/p/stockton/reports/highlight/")
    assert response.context["report"].month == dt.date(2016, 6, 30)


def test_the_baseline_heading_is_the_year_its_figures_are_from(torbay):
    # a table to December 2026 would by default use 2024/25; the measures' own are 2019/20
    groups = theme_tables(torbay, through=dt.date(2026, 12, 31))
    table = next(table for group in groups for table in group.tables)
    assert table.default_baseline_year == 2024
    assert table.baseline_year == 2019 and table.baseline_label == "2019/20"
