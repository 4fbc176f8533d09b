"""Results counted by hand: the summary by standard at the agreed rating, the change since
the last round of the same kind, the organisations that did not return, the heat map, the
figures sent to the performance framework and the annual report's section."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.assessments import frameworks, indicators, results, services
from assure.performance.models import Indicator
from assure.reports.annual.assessments import assessments_section

from .conftest import DUE, rate, submit
from .factories import RoundFactory

LATE = DUE + dt.timedelta(days=3)


@pytest.fixture
def two_rounds(partnership, framework, agencies, sent, return_of):
    """Last year's round (a copy of the framework) and this year's, each hand-rated."""
    alpha, beta, gamma = agencies
    last = RoundFactory(
        partnership=partnership,
        organisations=[a.organisation for a in agencies],
        framework=frameworks.copy_framework(None, framework, "Tiny S11 last year"),
        title="Tiny S11 2023/24",
        opens_on=dt.date(2024, 1, 8),
        due_on=dt.date(2024, 3, 31),
    )
    before = {a.organisation_id: a for a in last.returns.all()}
    then = dt.date(2024, 3, 29)
    submit(
        alpha,
        rate(alpha, before[alpha.organisation.pk], {"1.1": "Met", "1.2": "Not met", "2.1": "Met"}),
        then,
    )
    submit(
        beta,
        rate(beta, before[beta.organisation.pk], {"1.1": "Partly met", "1.2": "Met", "2.1": "N/A"}),
        then,
    )
    submit(alpha, rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Partly met"}))
    submit(beta, rate(beta, return_of(beta), {"1.1": "Met", "1.2": "Not met", "2.1": "N/A"}), LATE)
    rate(gamma, return_of(gamma), {"1.1": "Met"})
    return last, sent


def test_the_summary_counts_each_standard_and_the_change_since_last_round(two_rounds):
    last, this = two_rounds
    summary = results.summary(this)
    assert summary.previous == last
    rows = {r.standard.number: r for r in summary.rows}
    assert dict(rows["1.1"].counts) == {"met": 2}
    assert dict(rows["1.2"].counts) == {"met": 1, "not_met": 1}
    assert dict(rows["2.1"].counts) == {"partly": 1, "na": 1}
    assert [rows[n].change for n in ("1.1", "1.2", "2.1")] == [50, 0, -100]
    table = results.summary_table(summary)
    assert table.header[-1] == "Change since Tiny S11 2023/24"
    assert table.column("Share met") == ["100%", "50%", "0%"]
    assert table.column("Change since Tiny S11 2023/24") == [
        "+50 points",
        "no change",
        "-100 points",
    ]
    assert "2 of 3 organisations returned (1 on time" in table.notes[0]


def test_a_first_round_has_nothing_to_compare_with(two_rounds):
    last, _ = two_rounds
    summary = results.summary(last)
    assert summary.previous is None
    assert "Share met" == results.summary_table(summary).header[-1]


def test_the_organisations_that_did_not_return_are_listed(two_rounds):
    _, this = two_rounds
    table = results.not_returned_table(results.summary(this))
    assert table.column("Organisation") == ["Gamma Aid"]
    assert table.column("Return") == ["Draft"]


def test_the_heat_map_gives_each_rating_in_words_and_colour(two_rounds):
    _, this = two_rounds
    heat = results.heat_map(this)
    assert heat.header == ["Standard", "Alpha Trust", "Beta Care"]
    first = heat.rows[0]
    assert [c.text for c in first] == ["1.1", "Met", "Met"]
    assert [c.colour for c in first[1:]] == ["green", "green"]
    assert [(c.text, c.colour) for c in heat.rows[2][1:]] == [
        ("Partly met", "amber"),
        ("N/A", None),
    ]


def test_figures_flow_into_the_performance_framework(partnership, two_rounds):
    _, this = two_rounds
    assert indicators.figures(this) == {"MET": (3, 5), "ONTIME": (1, 3)}
    assert indicators.publish(None, this) == 2
    assert indicators.publish(None, this) == 0  # the same figures again change nothing
    year = {"period_end": dt.date(2025, 3, 31), "span": "year"}
    met = Indicator.objects.get(partnership=partnership, reference="S11-MET")
    assert met.observations.get(**year).value == 60
    on_time = Indicator.objects.get(partnership=partnership, reference="S11-ONTIME")
    assert round(on_time.observations.get(**year).value) == 33


def test_the_annual_report_section_of_the_year_the_returns_were_due(partnership, two_rounds):
    section = assessments_section(partnership, 2024, public=True)
    (sub,) = section.subsections
    assert sub.heading == "Tiny S11 2024/25"
    assert "2 of 3 organisations returned, 1 on time." in sub.paragraphs[0]
    assert "Of the 5 standards rated, 3 were met (60%)" in sub.paragraphs[1]
    assert [t.caption for t in sub.tables] == [
        "Tiny S11 2024/25: summary by standard",
        "Tiny S11 2024/25: organisations that did not return",
    ]
    empty = assessments_section(partnership, 2010, public=False)
    assert empty.paragraphs == ["No Section 11 or section 175/157 returns were due in 2010/11."]


def test_a_closed_rounds_figures_are_final(partnership, two_rounds):
    _, this = two_rounds
    indicators.publish(None, this)
    met = Indicator.objects.get(partnership=partnership, reference="S11-MET")
    year = {"period_end": dt.date(2025, 3, 31), "span": "year"}
    assert met.observations.get(**year).status == "provisional"
    services.close_round(None, this)
    indicators.publish(None, this)
    assert met.observations.get(**year).status == "final"
