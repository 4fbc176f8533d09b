"""#14 finding 5: reports open on the latest month (year) with data, never on empty tables, and
a baseline heading names the year its figures are from. Built on small plans of a
partnership's own (tests/reports/factories.py)."""

import datetime as dt

import pytest

from assure.performance.tables import theme_tables
from assure.plans.services import record_past_update
from tests.factories import ActionFactory, PlanFactory
from tests.performance.factories import FigureFactory, IndicatorFactory

from .factories import level, reported_plan


@pytest.fixture
def reported(partnership, people):  # type: ignore[no-untyped-def]
    return reported_plan(partnership, people("manager"))


def test_the_highlight_report_opens_on_the_plans_latest_month_with_data(
    signed_in_as, home, reported
):
    # the plan's last update is for Q1 2021/22 (to June 2021); its figures run to May
    response = signed_in_as("board").get(f"{home}reports/highlight/")
    assert response.context["report"].month == dt.date(2021, 6, 30)
    page = response.content.decode()
    assert "There is a problem" not in page
    asked = signed_in_as("board").get(f"{home}reports/highlight/?month=2021-05")
    assert asked.context["report"].month == dt.date(2021, 5, 31)  # what is asked for is kept


def test_the_exception_report_opens_on_the_partnerships_latest_month_with_data(
    signed_in_as, home, reported
):
    response = signed_in_as("manager").get(f"{home}reports/exception/")
    assert f"{response.context['report'].month:%Y-%m}" == "2021-06"


def test_the_annual_report_opens_on_the_latest_year_with_data_and_a_plan_that_ran(
    signed_in_as, home, reported
):
    page = signed_in_as("board").get(f"{home}reports/annual/").content.decode()
    assert "Annual report 2021/22" in page and "No plan ran during" not in page


def test_a_plan_that_ended_opens_on_its_own_months(partnership, signed_in_as, home):
    # A 2014-17 plan: its updates run to Q1 2016/17 (June 2016); no figures held
    plan = PlanFactory(
        partnership=partnership,
        starts=dt.date(2014, 4, 1),
        ends=dt.date(2017, 3, 31),
        reporting_period="2016-Q1",
    )
    action = ActionFactory(objective__priority__plan=plan)
    for period in ("2015-Q4", "2016-Q1"):
        record_past_update(
            None,
            action,
            period=period,
            rag=level(plan, "green"),
            progress="Done",
            status="accepted",
        )
    response = signed_in_as("board").get(f"{home}reports/highlight/")
    assert response.context["report"].month == dt.date(2016, 6, 30)


def test_the_baseline_heading_is_the_year_its_figures_are_from(partnership):
    # a table to December 2026 would by default use 2024/25; the measure's own is 2019/20
    measure = IndicatorFactory(partnership=partnership, baseline_year=2019)
    FigureFactory(indicator=measure, period="2026-11")
    groups = theme_tables(partnership, through=dt.date(2026, 12, 31))
    [table] = [table for group in groups for table in group.tables]
    assert table.default_baseline_year == 2024
    assert table.baseline_year == 2019 and table.baseline_label == "2019/20"
