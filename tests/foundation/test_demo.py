"""The demo partnerships hold what the seed documents say."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from assure.core.models import Partnership
from assure.partnership.models import FundingContribution, Group
from assure.plans.models import Action, Plan, Priority

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_stockton_funding_is_the_pcc_decision(stockton, client_as):
    rows = FundingContribution.objects.filter(partnership=stockton).order_by("financial_year")
    assert [(r.financial_year, r.amount) for r in rows] == [
        (2017, Decimal("16683.00")),
        (2018, Decimal("16683.00")),
        (2019, Decimal("16683.00")),
    ]
    page = client_as("stockton.board").get(reverse("structure", args=["stockton"]))
    assert "£50,049.00 in all" in page.content.decode()


def test_torbay_groups_report_upwards_with_their_cycles(torbay):
    cib = Group.objects.get(partnership=torbay, name__icontains="Children's Improvement Board")
    pib = Group.objects.get(partnership=torbay, name__icontains="Practice Improvement Board")
    assert cib.cycle_weeks == 6 and pib.cycle_weeks == 4
    assert pib.reports_to == cib


def test_the_2018_business_plan_has_its_priorities_and_cross_cutting_themes(torbay):
    plan = Plan.objects.get(partnership=torbay, title__contains="2018")
    assert list(plan.priorities.values_list("code", flat=True)) == ["P1", "P2", "P3", "P4"]
    assert list(plan.cross_cutting_themes.values_list("code", flat=True)) == [
        "CC1",
        "CC2",
        "CC3",
        "CC4",
    ]
    action = Action.objects.get(objective__priority__plan=plan, code="1.1")
    assert action.recurrence == "quarterly"
    assert action.owner_group.name.startswith("Performance")


def test_stockton_uses_the_four_level_scheme_with_bright_green(stockton):
    plan = Plan.objects.get(partnership=stockton)
    assert list(plan.rag_scheme.levels.values_list("label", flat=True)) == [
        "Green",
        "Bright Green",
        "Amber",
        "Red",
    ]
    assert Priority.objects.filter(plan=plan, kind="objective").count() == 6


def test_stocktons_action_2b_keeps_its_earlier_due_date(stockton):
    action = Action.objects.get(objective__priority__plan__partnership=stockton, code="2b")
    revisions = list(action.revisions.values_list("previous_due", "new_due"))
    assert revisions == [(dt.date(2014, 9, 30), dt.date(2015, 7, 31))]
    assert action.due_date == dt.date(2015, 7, 31)


def test_the_2021_improvement_plan_has_four_themes_rated_for_q1(torbay):
    plan = Plan.objects.get(partnership=torbay, kind="improvement", is_current=True)
    themes = Priority.objects.filter(plan=plan, kind="theme")
    assert themes.count() == 4
    assert plan.statuses.get(period="2021-Q1").rag.code == "amber"
    assert all(t.reviews.filter(period="2021-Q1").exists() for t in themes)


def test_no_personal_names_from_the_seeds_appear(torbay):
    from assure.plans.models import ActionUpdate

    names = ["Nancy Meehan", "Rachel Setter", "Becky Thompson", "Amanda Wilkinson", "Katie Buckley"]
    text = " ".join(ActionUpdate.objects.values_list("progress", flat=True))
    text += " ".join(Action.objects.values_list("title", flat=True))
    for name in names:
        assert name not in text


def test_the_2015_plan_answers_the_sixteen_ofsted_recommendations(torbay, client_as):
    from assure.plans.models import Recommendation

    recommendations = Recommendation.objects.filter(partnership=torbay, source="ofsted_inspection")
    assert recommendations.count() == 16
    assert all(r.paragraphs for r in recommendations)
    page = client_as("board").get(reverse("recommendations", args=["torbay"])).content.decode()
    # Recommendation 1 (leadership) is answered by no action in the plan: it is flagged.
    unanswered = [r.reference for r in recommendations if not r.actions.exists()]
    assert "1" in unanswered
    # The page counts every source's unanswered recommendations (scrutiny ones too).
    every = Recommendation.objects.filter(partnership=torbay, actions__isnull=True)
    assert f"{every.count()} recommendation" in page
    assert "No action answers this" in page


def test_loading_the_demo_again_replaces_it(torbay):
    from demo.loader import DATA, load_partnership

    plans_before = Plan.objects.filter(partnership__slug="torbay").count()
    snapshot = torbay.loads.get().snapshot_id
    load_partnership(DATA / "torbay")
    assert Plan.objects.filter(partnership__slug="torbay").count() == plans_before
    # the synthetic returns are recognised, and their figures computed again
    again = Partnership.objects.get(slug="torbay").loads.get()
    assert (again.status, again.snapshot_id) == ("reused", snapshot) and again.observations
