"""The report model to JSON and back: an issued report re-renders exactly as it was, and a
field added to the model later is kept without changing the serialiser. The report is of a
small plan of a partnership's own (tests/reports/factories.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from assure.reports.highlight import model as highlight
from assure.reports.highlight.excel import render_xlsx
from assure.reports.highlight.html import render_html
from assure.reports.highlight.model import highlight_report
from assure.reports.issued import serialisation
from assure.reports.issued.serialisation import SerialisationError
from tests.reports.factories import MAY, reported_plan


@pytest.fixture
def report(partnership, people):  # type: ignore[no-untyped-def]
    """The small plan's report for May 2021: a key priority, three risks, a theme with its
    rating, a measure with its chart and icons, and two actions."""
    plan = reported_plan(partnership, people("manager")).plan
    return highlight_report(partnership, plan, MAY, report_date=dt.date(2021, 6, 10))


def _cells(xlsx: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(xlsx))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def test_the_report_comes_back_equal_and_writes_the_same_text(report):
    assert report.key_priorities and report.risks and report.themes[0].charts
    text = serialisation.dumps(report)
    again = serialisation.loads(text)
    assert again == report
    assert serialisation.dumps(again) == text


def test_the_rebuilt_report_renders_the_same_page_and_spreadsheet(report):
    again = serialisation.loads(serialisation.dumps(report))
    assert render_html(again) == render_html(report)
    assert _cells(render_xlsx(again)) == _cells(render_xlsx(report))


def test_figures_keep_their_type_and_precision(report):
    row = next(row for theme in report.themes for t in theme.tables for row in t.rows)
    again = serialisation.loads(serialisation.dumps(report))
    row_again = next(row for theme in again.themes for t in theme.tables for row in t.rows)
    assert row_again.indicator.reference == row.indicator.reference
    assert [c.value for c in row_again.current_months] == [Decimal(80), Decimal(95)]
    assert all(isinstance(c.value, Decimal) for c in row_again.current_months)
    assert row_again.indicator.get_period_type_display() == row.indicator.get_period_type_display()
    assert isinstance(again.month, dt.date) and again.month == dt.date(2021, 5, 31)


def test_a_field_added_to_the_model_later_round_trips(monkeypatch):
    @dataclasses.dataclass
    class ChartedRow(highlight.ActionRow):
        chart_svg: str = ""

    ChartedRow.__module__, ChartedRow.__qualname__ = highlight.__name__, "ChartedRow"
    monkeypatch.setattr(highlight, "ChartedRow", ChartedRow, raising=False)
    rating = [highlight.Rating("Red", "red")]
    row = ChartedRow("1.1", "Title", "Owner", rating, "", "/", chart_svg="<svg/>")
    again = serialisation.loads(serialisation.dumps(row))
    assert type(again) is ChartedRow and again.chart_svg == "<svg/>" and again == row


def test_a_report_kept_before_a_field_existed_gets_the_field_default(report):
    data = json.loads(serialisation.dumps(report))
    del data["fields"]["themes"]
    again = serialisation.loads(json.dumps(data))
    assert again.themes == [] and again.plan == report.plan


def test_a_class_that_cannot_be_found_by_its_name_is_refused_when_written():
    @dataclasses.dataclass
    class Local:
        value: int

    Local.__module__ = highlight.__name__
    with pytest.raises(SerialisationError, match="cannot be found again"):
        serialisation.dumps(Local(1))


def test_stored_text_naming_a_class_outside_assure_is_refused():
    text = json.dumps({"dataclass": "subprocess:Popen", "fields": {}})
    with pytest.raises(SerialisationError, match="only hold Assure's own types"):
        serialisation.loads(text)


def test_a_value_the_serialiser_does_not_know_is_named():
    with pytest.raises(SerialisationError, match="cannot hold a object"):
        serialisation.dumps(highlight.Rating("Red", object()))  # type: ignore[arg-type]


def test_a_report_issued_before_the_reporting_period_moved_to_the_calendar_still_reads():
    from analytics.periods import ReportingPeriod

    stored = serialisation.dumps(ReportingPeriod.parse("2021-Q1")).replace(
        "analytics.periods:ReportingPeriod", "assure.performance.periods:ReportingPeriod"
    )
    assert "assure.performance.periods" in stored
    assert serialisation.loads(stored) == ReportingPeriod.parse("2021-Q1")
