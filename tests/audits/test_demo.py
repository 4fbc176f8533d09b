"""Torbay's demo: a synthetic year of case audits whose counts and averages by domain come
out at seed 004's theme four table, a programme with about 50% compliance (003), moderation,
multi-agency audits with one return outstanding, and dip-sampling learning; the figures 004
printed for May 2021, which the demo's audits recompute unchanged."""

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml

from analytics.periods import month_starts
from assure.audits import compliance, indicators, learning, queries
from assure.audits.models import AgencyReturn, AuditTool, CaseAudit, DipFinding, Moderation
from assure.core.periods import Period
from assure.performance.models import Observation

pytestmark = pytest.mark.usefixtures("demo")
FIGURES = Path(__file__).parents[2] / "demo" / "data" / "torbay" / "audits" / "figures.yaml"
YEAR = month_starts(dt.date(2020, 6, 1), dt.date(2021, 5, 1))


def targets():
    return yaml.safe_load(FIGURES.read_text())["audits"]["months"]


def table(torbay):
    tool = AuditTool.objects.get(partnership=torbay, name="Children's Services case audit tool")
    return queries.score_table(tool, YEAR)


def test_cases_audited_each_month_are_004s(torbay):
    assert table(torbay).counts == [t["count"] for t in targets().values()]
    assert table(torbay).counts[1:] == [10, 1, 17, 18, 25, 0, 24, 13, 13, 6, 13]  # 004's 4.2


def test_each_domain_averages_004s_figure_within_rounding(torbay):
    rows = table(torbay).rows
    for month, target in zip(YEAR, targets().values(), strict=True):
        if not target["count"] or target["count"] < 5:
            continue  # one audit cannot average 2.3; December had none
        for row, expected in zip(rows, target["averages"], strict=True):
            cell = row.cells[YEAR.index(month)]
            # Whole grades over a few audits, and moderation's agreed grades, move it a little.
            assert abs(cell.value - D(str(expected))) <= D("0.25"), (month, row.domain.indicator)


def test_december_had_no_audits_and_its_averages_are_na(torbay):
    december = YEAR.index(dt.date(2020, 12, 1))
    assert all(row.cells[december].value is None for row in table(torbay).rows)


def test_about_half_the_audits_expected_are_completed(torbay):
    whole_year = compliance.table(torbay, YEAR).by_month.total
    assert 40 <= whole_year.compliance <= 60
    assert (
        Moderation.objects.filter(audit__partnership=torbay, moderated_on__isnull=False).count()
        >= 15
    )


def test_late_recording_leaves_audits_overdue(torbay):
    late = compliance.overdue(torbay, dt.date(2021, 7, 1))
    assert {o.audit.month for o in late} == {dt.date(2021, 4, 1), dt.date(2021, 5, 1)}


def test_a_multi_agency_audit_waits_for_the_police_return(torbay):
    audit = CaseAudit.objects.get(partnership=torbay, tool__kind="multi_agency", status="assigned")
    outstanding = AgencyReturn.objects.filter(audit=audit, submitted_on__isnull=True)
    assert [r.organisation.kind for r in outstanding] == ["police"]


def test_dip_sampling_findings_are_learning(torbay):
    findings = DipFinding.objects.filter(dip_sample__partnership=torbay)
    assert findings.filter(kind="strength").count() == 6
    assert findings.filter(theme__name="Exploitation pathways and toolkits").count() >= 5


def test_publishing_may_keeps_004s_printed_count_and_adds_the_averages_workings(torbay):
    printed = Observation.objects.get(
        indicator__partnership=torbay,
        indicator__reference="4.3",
        span="month",
        period_end=dt.date(2021, 5, 31),
    )
    assert printed.value == D("2.4") and printed.numerator is None  # 004, as printed
    first = indicators.publish(None, torbay, [dt.date(2021, 5, 1)])
    again = indicators.publish(None, torbay, [dt.date(2021, 5, 1)])
    # 4.2 comes out at 13, as printed; the twelve averages gain their numerators.
    assert (first.written, first.unchanged) == (12, 1)
    assert (again.written, again.unchanged) == (0, 13)


def test_learning_themes_are_found_in_the_dip_samples_and_the_years_audits(torbay):
    quarters = [Period(2021, 1), Period(2021, 2)]
    counts = {row.theme.name: row for row in learning.theme_counts(torbay, quarters)}
    toolkits = counts["Exploitation pathways and toolkits"]
    # The July 2021 dip samples found it six times; no audit in these quarters did.
    assert toolkits.by_quarter == {"2021-Q1": 0, "2021-Q2": 6}
    year = [Period(2020, q) for q in range(1, 5)]
    drift = {row.theme.name: row for row in learning.theme_counts(torbay, year)}["Drift and delay"]
    assert drift.total > 10  # found in audits graded "does not meet good" on decisions
