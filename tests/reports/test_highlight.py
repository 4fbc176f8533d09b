"""How a highlight report is built, on a small plan of a partnership's own
(tests/reports/factories.py): which plan it reports on, its risk register in reference order,
the partnership it is scoped to, the SPC icons as at the reporting month, and where its
figures come from. What the demo's report reproduces of seed 004 is in
test_seed_highlight.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from docx import Document

from analytics.periods import ReportingPeriod
from assure.performance.models import Observation
from assure.performance.queries import gather
from assure.performance.services import Figures, record_observation
from assure.plans.models import Plan
from assure.reports.highlight.html import render_html
from assure.reports.highlight.measures import SOURCES_LABEL, signal
from assure.reports.highlight.model import current_plan, highlight_report
from assure.reports.highlight.word import render_docx
from tests.factories import MemberFactory, PartnershipFactory, PlanFactory
from tests.performance.factories import printed

from .factories import MAY, PLAN, reported_plan


@pytest.fixture
def reported(partnership, people):  # type: ignore[no-untyped-def]
    return reported_plan(partnership, people("manager"))


def _word_text(report) -> str:  # type: ignore[no-untyped-def]
    document = Document(io.BytesIO(render_docx(report)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_current_improvement_plan_is_the_default(partnership, people):
    business = PlanFactory(partnership=partnership, title="Business plan", kind=Plan.Kind.BUSINESS)
    assert current_plan(partnership) == business  # no improvement plan: the current one
    reported_plan(partnership, people("manager"))
    PlanFactory(
        partnership=partnership, title="Older", kind=Plan.Kind.IMPROVEMENT, is_current=False
    )
    assert current_plan(partnership).title == PLAN


def test_risks_come_in_reference_order_with_the_date_raised_and_link_to_the_risk(
    partnership, reported
):
    report = highlight_report(partnership, reported.plan, MAY)
    assert [risk.reference for risk in report.risks] == ["R1", "R2", "R10"]  # raised R10 first
    assert [risk.score for risk in report.risks] == [25, 12, 4]
    top = reported.risks["R1"]
    assert report.risks[0].href == f"/p/{partnership.slug}/risks/{top.pk}/"
    assert {risk.raised for risk in report.risks} == {"January 2021"}
    word = Document(io.BytesIO(render_docx(report)))
    register = next(t for t in word.tables if "Date raised" in [c.text for c in t.rows[0].cells])
    assert register.rows[1].cells[4].text == "January 2021"


def test_a_plan_of_another_partnership_is_refused(partnership, reported):
    elsewhere = PlanFactory(partnership=PartnershipFactory())
    with pytest.raises(ValueError):
        highlight_report(partnership, elsewhere, MAY)


def test_another_partnership_sees_none_of_this_ones_risks(partnership, reported):
    other = PartnershipFactory()
    theirs = reported_plan(other, MemberFactory(partnership=other))
    found = highlight_report(other, theirs.plan, MAY)
    assert [r.href for r in found.risks] == [
        f"/p/{other.slug}/risks/{theirs.risks[ref].pk}/" for ref in ("R1", "R2", "R10")
    ]
    assert not any(partnership.slug in r.href for r in found.risks)


def test_the_icons_are_read_from_the_figures_as_they_stood_at_the_reporting_month(partnership):
    """A May 2021 report keeps its icons when later months are entered: eight months far
    above the limits would make June a special cause, never May."""
    printed(partnership, "2.23", "70 72 71 69 70 71 70 72 71 70 69")  # Jul 20 to May 21
    [data] = gather(partnership)
    may = signal(data, dt.date(2021, 5, 31))
    assert may.variation.label == "Common cause variation: no significant change"
    for month in range(6, 14):
        end = dt.date(2021 + month // 13, (month - 1) % 12 + 1, 28)
        period = ReportingPeriod.month(end)
        data.observations[period] = Observation(
            indicator=data.indicator, span=period.span, period_end=period.end, value=Decimal(99)
        )
    assert signal(data, dt.date(2021, 5, 31)) == may
    assert signal(data, dt.date(2022, 1, 31)).variation.label.startswith("Special cause")


def test_a_report_issued_before_the_icons_prints_no_empty_signal_table(partnership, reported):
    report = highlight_report(partnership, reported.plan, MAY)
    assert "Signal or noise" in render_html(report).decode()
    older = dataclasses.replace(
        report, themes=[dataclasses.replace(theme, signals={}) for theme in report.themes]
    )
    assert "Signal or noise" not in render_html(older).decode()
    assert "Signal or noise" not in _word_text(older)


def test_a_figure_entered_by_hand_is_named_with_its_month(partnership, reported, signed_in_as):
    report = highlight_report(partnership, reported.plan, MAY)
    [theme] = report.themes
    assert dict(theme.notes_of(theme.tables[0]))[SOURCES_LABEL] == "Loaded from a file: 1.1."
    may = ReportingPeriod.parse("2021-05")
    record_observation(None, reported.measure, may, Figures(Decimal(91)), reason="checked again")
    fresh = highlight_report(partnership, reported.plan, MAY)
    [theme] = fresh.themes
    said = dict(theme.notes_of(theme.tables[0]))[SOURCES_LABEL]
    assert said == "Loaded from a file: 1.1; entered by a person: 1.1 (May 21)."
    page = signed_in_as("manager").get(f"/p/{partnership.slug}/reports/highlight/?month=2021-05")
    assert "entered by a person: 1.1 (May 21)" in re.sub(r"\s+", " ", page.content.decode())
