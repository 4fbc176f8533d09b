"""What changed between two highlight reports, on small hand-built reports: each change is
found by reference and says which way it went in words, not colour alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from analytics.periods import ReportingPeriod
from assure.performance.models import Indicator
from assure.performance.queries import IndicatorData
from assure.performance.tables import Cell, PerformanceTable, TableRow
from assure.reports.highlight.model import (
    ActionRow,
    CommitmentRow,
    HighlightReport,
    Rating,
    RiskRow,
    ThemeSection,
)
from assure.reports.issued.compare import compare

RED, AMBER, GREEN = Rating("Red", "red"), Rating("Amber", "amber"), Rating("Green", "green")
QUARTERS = ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22"]


def _risk(reference: str, score: int, band: str = "high") -> RiskRow:
    return RiskRow(
        reference, "Risk", f"If {reference} then harm", "", "DCS", 4, 4, score, None, band, ""
    )


def _table(
    months: dict[str, Decimal | None], ratings: dict[str, str] | None = None
) -> PerformanceTable:
    """One indicator, PI 1, with figures for April and May 2021 as given."""
    ratings = ratings or {}
    periods = [ReportingPeriod.month(dt.date(2021, m, 1)) for m in (4, 5)]
    cells = [
        Cell(months.get(p.label), f"{months.get(p.label)}%", ratings.get(p.label))
        if months.get(p.label) is not None
        else Cell(None)
        for p in periods
    ]
    row = TableRow(
        IndicatorData(Indicator(reference="PI 1", title="Re-referrals")),
        *(Cell(None), 2019, []),
        *(Cell(None), Cell(None), cells),
        *(None, "", "", None, None, []),
    )
    return PerformanceTable("", dt.date(2021, 5, 31), [], periods, 2021, [], [row])


def _report(**changes: object) -> HighlightReport:
    """A report for May 2021 with one theme, one action, one table, two risks and one
    commitment; `changes` replaces any of those."""
    parts: dict[str, object] = {
        "status": AMBER,
        "theme_rating": AMBER,
        "quarters": [AMBER, None, None, None],
        "table": _table({"Apr 21": Decimal(10)}, {"Apr 21": "green"}),
        "risks": [_risk("R1", 16, "very high"), _risk("R2", 9)],
        "priorities": [CommitmentRow("KP1", "Edge of care", "DCS", "June 2021")],
    }
    parts.update(changes)
    action = ActionRow(
        "1.1.1", "Assure supervision", "Head of service", parts["quarters"], "", "/a/1/"
    )
    theme = ThemeSection("T1", "Leadership", parts["theme_rating"], "", [parts["table"]], [action])
    return HighlightReport(
        "Torbay", "torbay", "Improvement plan", dt.date(2021, 5, 31), dt.date(2021, 6, 10), "DCS",
        parts["status"], "", parts["priorities"], [], parts["risks"], [], QUARTERS, [theme],
    )  # fmt: skip


def test_the_same_report_twice_has_no_changes():
    assert compare(_report(), _report()).count == 0


def test_an_overall_status_going_from_amber_to_red_is_worse_in_words():
    changes = compare(_report(), _report(status=RED))
    [change] = changes.status
    assert (change.was, change.now, change.movement_label) == ("Amber", "Red", "Worse")
    assert change.arrow == "↓"


def test_a_theme_going_from_amber_to_green_is_better():
    [change] = compare(_report(), _report(theme_rating=GREEN)).themes
    assert change.subject == "T1 Leadership"
    assert (change.was, change.now, change.movement) == ("Amber", "Green", "better")


def test_each_quarter_of_an_action_is_compared_and_a_first_rating_is_new():
    changes = compare(_report(), _report(quarters=[RED, GREEN, None, None])).actions
    assert [(c.detail, c.was, c.now, c.movement) for c in changes] == [
        ("Q1 2021/22", "Amber", "Red", "worse"),
        ("Q2 2021/22", "No rating", "Green", "new"),
    ]
    assert changes[0].href == "/a/1/"


def test_a_new_monthly_figure_is_listed_with_its_rating():
    later = _report(
        table=_table(
            {"Apr 21": Decimal(10), "May 21": Decimal(12)}, {"Apr 21": "green", "May 21": "red"}
        )
    )
    changes = compare(_report(), later).performance
    new = [c for c in changes if c.movement == "new"]
    assert [(c.subject, c.detail, c.was, c.now, c.now_colour) for c in new] == [
        ("PI 1 Re-referrals", "May 21", "No figure", "12% (Red)", "red")
    ]


def test_a_latest_rating_going_from_green_to_red_is_worse():
    later = _report(
        table=_table(
            {"Apr 21": Decimal(10), "May 21": Decimal(12)}, {"Apr 21": "green", "May 21": "red"}
        )
    )
    [latest] = [c for c in compare(_report(), later).performance if c.detail == "Latest RAG"]
    assert latest.was == "Green (Apr 21: 10%)" and latest.now == "Red (May 21: 12%)"
    assert latest.movement_label == "Worse"


def test_a_revised_figure_shows_what_it_was():
    revised = _report(table=_table({"Apr 21": Decimal(11)}, {"Apr 21": "green"}))
    [change] = compare(_report(), revised).performance
    assert (change.detail, change.was, change.now) == (
        "Apr 21 (revised)",
        "10% (Green)",
        "11% (Green)",
    )


def test_risks_new_closed_and_rescored_where_a_lower_score_is_better():
    later = _report(risks=[_risk("R1", 12), _risk("R3", 20, "very high")])
    changes = compare(_report(), later).risks
    summary = [(c.subject.split()[0], c.was, c.now, c.movement_label) for c in changes]
    assert summary == [
        ("R1", "16 (very high)", "12 (high)", "Better"),
        ("R3", "Not on the register", "20 (very high)", "New"),
        ("R2", "9 (high)", "Closed or no longer linked to this plan", "No longer shown"),
    ]


def test_a_risk_scored_higher_is_worse():
    [change] = compare(_report(), _report(risks=[_risk("R1", 20), _risk("R2", 9)])).risks
    assert change.movement == "worse" and change.arrow == "↓"


def test_commitments_added_removed_and_moved():
    later = _report(
        priorities=[
            CommitmentRow("KP1", "Edge of care", "DCS", "September 2021"),
            CommitmentRow("KP2", "Family hubs", "DCS", "2022"),
        ]
    )
    changes = compare(_report(), later).commitments
    assert [(c.subject, c.detail, c.was, c.now) for c in changes] == [
        ("Key priority KP1", "By when", "June 2021", "September 2021"),
        ("Key priority KP2", "Description", "Not listed", "Family hubs"),
    ]
    [gone] = compare(later, _report(priorities=[])).commitments[-1:]
    assert gone.movement == "gone" and gone.now == "Removed"
