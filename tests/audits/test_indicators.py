"""Audit figures flow into the performance framework without retyping: completing or
moderating an audit recomputes its month's 4.2 to 4.14 as observations, N/A left out, and a
printed figure it replaces is kept as the earlier revision."""

import datetime as dt
from decimal import Decimal as D

import pytest

from assure.audits import indicators, queries, services
from assure.audits.arrangements import DEFAULT_SCALE, programme_of
from assure.audits.models import AuditTool, CaseAudit
from assure.performance.models import Indicator, Observation

from .conftest import level

pytestmark = pytest.mark.django_db
MAY = dt.date(2021, 5, 1)


def may(torbay, reference):
    return Observation.objects.get(
        indicator__partnership=torbay,
        indicator__reference=reference,
        span="month",
        period_end=dt.date(2021, 5, 31),
    )


def test_completing_an_audit_writes_its_months_figures(torbay):
    printed = may(torbay, "4.3")
    assert printed.value == D("2.4") and printed.numerator is None  # 004, as printed
    tool = programme_of(torbay).tool
    audit = CaseAudit.objects.filter(tool=tool, month=MAY, status="assigned").first()
    grades = {d.pk: (level(tool, 1 if d.number == "1" else 4), "") for d in tool.domains.all()}
    services.save_audit(
        None,
        audit,
        grades=grades,
        complete=True,
        audited_on=dt.date(2021, 6, 1),
        social_worker_present=True,
    )
    figures = queries.indicator_figures(torbay, MAY)
    risk = figures.averages["4.3"]
    observation = may(torbay, "4.3")
    assert (observation.numerator, observation.denominator) == (D(risk.total), D(risk.graded))
    assert observation.value == risk.value and observation.source == "computation"
    assert may(torbay, "4.2").value == D(figures.counts["4.2"])
    assert printed.value in [r.value for r in observation.revisions.all()]
    # This audit graded every domain but risk N/A: their denominators did not grow.
    placement = may(torbay, "4.12")
    before = queries.score_table(tool, [MAY]).rows[9].cells[0]
    assert placement.denominator == D(before.graded)


def test_publishing_again_changes_nothing(torbay):
    first = indicators.publish(None, torbay, [MAY])
    again = indicators.publish(None, torbay, [MAY])
    # 4.2 comes out at 13, as printed; the twelve averages gain their numerators.
    assert (first.written, first.unchanged) == (12, 1)
    assert (again.written, again.unchanged) == (0, 13)


def test_a_month_with_no_grade_for_a_domain_has_no_figure_and_says_why(torbay):
    done = indicators.publish(None, torbay, [dt.date(2020, 12, 1)])
    december = Observation.objects.get(
        indicator__partnership=torbay,
        indicator__reference="4.3",
        span="month",
        period_end=dt.date(2020, 12, 31),
    )
    assert december.value is None and "N/A excluded" in december.quality_note
    assert done.written == 13


def test_an_indicator_the_framework_lacks_is_added(stockton):
    tool = AuditTool.objects.create(
        partnership=stockton, name="Stockton tool", kind="single_agency", count_indicator="Q1"
    )
    for score, label, meaning, counts in DEFAULT_SCALE:
        tool.scale.create(score=score, label=label, meaning=meaning, counts=counts)
    tool.domains.create(number="1", title="Risk", indicator="Q2")
    done = indicators.publish(None, stockton, [MAY])
    assert sorted(done.created) == ["Q1", "Q2"]
    score = Indicator.objects.get(partnership=stockton, reference="Q2")
    assert (score.unit, score.polarity, score.title) == ("score", "lower", "Risk")
