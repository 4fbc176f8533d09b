"""Audit figures flow into the performance framework without retyping: completing or
moderating an audit recomputes its month's 4.2 to 4.14 as observations, N/A left out, and a
printed figure it replaces is kept as the earlier revision."""

import datetime as dt
from decimal import Decimal as D

import pytest

from assure.audits import indicators, queries
from assure.audits.models import AuditTool
from assure.performance.models import Indicator, Observation
from tests.performance.factories import FigureFactory, IndicatorFactory

from .factories import AuditFactory, DomainFactory, ToolFactory, graded, recorded

pytestmark = pytest.mark.django_db
MAY = dt.date(2021, 5, 1)


@pytest.fixture
def tool(partnership) -> AuditTool:
    """A tool numbered as 004's figures: cases audited 4.2, risk 4.3, the placement 4.12."""
    tool = ToolFactory(partnership=partnership, count_indicator="4.2", domains=())
    DomainFactory(tool=tool, number="1", title="Risk", indicator="4.3")
    DomainFactory(tool=tool, number="2", title="Quality of placement", indicator="4.12")
    return tool


def printed(partnership, reference, value, unit=Indicator.Unit.SCORE) -> Observation:
    """May 2021's figure as the highlight report printed it: a value without its workings."""
    indicator = IndicatorFactory(
        partnership=partnership, reference=reference, unit=unit, decimals=1, polarity="lower"
    )
    return FigureFactory(indicator=indicator, period="2021-05", value=D(value))


def may(partnership, reference):
    return Observation.objects.get(
        indicator__partnership=partnership,
        indicator__reference=reference,
        span="month",
        period_end=dt.date(2021, 5, 31),
    )


def test_completing_an_audit_writes_its_months_figures(partnership, tool):
    printed(partnership, "4.3", "2.4")
    # May's first audit was brought in as history (risk 3, placement 2): nothing recomputed.
    recorded(AuditFactory(partnership=partnership, tool=tool), [3, 2], dt.date(2021, 5, 27))
    assert may(partnership, "4.3").value == D("2.4")
    graded(AuditFactory(partnership=partnership, tool=tool), [1, 4])  # the placement N/A
    figures = queries.indicator_figures(partnership, MAY)
    risk = figures.averages["4.3"]
    observation = may(partnership, "4.3")
    assert (observation.numerator, observation.denominator) == (D(risk.total), D(risk.graded))
    assert (observation.numerator, observation.denominator, observation.value) == (D(4), D(2), D(2))
    assert observation.source == "computation"
    assert may(partnership, "4.2").value == D(figures.counts["4.2"]) == D(2)
    assert D("2.4") in [r.value for r in observation.revisions.all()]
    # The second audit graded the placement N/A: its denominator did not grow.
    placement = may(partnership, "4.12")
    assert (placement.denominator, placement.value) == (D(1), D(2))


def test_publishing_again_changes_nothing(partnership, tool):
    printed(partnership, "4.2", "2", unit=Indicator.Unit.COUNT)
    printed(partnership, "4.3", "2")
    printed(partnership, "4.12", "2")
    for scores in ([3, 2], [1, 2]):
        recorded(AuditFactory(partnership=partnership, tool=tool), scores, dt.date(2021, 5, 27))
    first = indicators.publish(None, partnership, [MAY])
    again = indicators.publish(None, partnership, [MAY])
    # 4.2 comes out at 2, as printed; the two averages gain their numerators.
    assert (first.written, first.unchanged) == (2, 1)
    assert (again.written, again.unchanged) == (0, 3)
    assert (may(partnership, "4.3").numerator, may(partnership, "4.3").denominator) == (4, 2)


def test_a_month_with_no_grade_for_a_domain_has_no_figure_and_says_why(partnership, tool):
    done = indicators.publish(None, partnership, [dt.date(2020, 12, 1)])
    december = Observation.objects.filter(
        indicator__partnership=partnership, span="month", period_end=dt.date(2020, 12, 31)
    )
    risk = december.get(indicator__reference="4.3")
    assert risk.value is None and "N/A excluded" in risk.quality_note
    assert december.get(indicator__reference="4.2").value == D(0)
    assert done.written == 3


def test_an_indicator_the_framework_lacks_is_added(partnership):
    tool = ToolFactory(partnership=partnership, count_indicator="Q1", domains=())
    DomainFactory(tool=tool, number="1", title="Risk", indicator="Q2")
    done = indicators.publish(None, partnership, [MAY])
    assert sorted(done.created) == ["Q1", "Q2"]
    score = Indicator.objects.get(partnership=partnership, reference="Q2")
    assert (score.unit, score.polarity, score.title) == ("score", "lower", "Risk")
