"""Learning themes are counted quarter by quarter from audits and dip samples, and linked
to the plan priorities they inform."""

import datetime as dt

import pytest
from django.urls import reverse

from assure.audits import learning
from assure.audits.models import LearningTheme
from assure.core.errors import DomainError
from assure.core.periods import Period
from assure.plans.models import Priority

pytestmark = pytest.mark.django_db


def test_themes_are_counted_by_quarter_from_audits_and_dip_samples(torbay):
    quarters = [Period(2021, 1), Period(2021, 2)]
    counts = {row.theme.name: row for row in learning.theme_counts(torbay, quarters)}
    toolkits = counts["Exploitation pathways and toolkits"]
    # The July 2021 dip samples found it six times; no audit in these quarters did.
    assert toolkits.by_quarter == {"2021-Q1": 0, "2021-Q2": 6}
    year = [Period(2020, q) for q in range(1, 5)]
    drift = {row.theme.name: row for row in learning.theme_counts(torbay, year)}["Drift and delay"]
    assert drift.total > 10  # found in audits graded "does not meet good" on decisions


def test_a_dip_sample_finding_is_added_and_counted(client_as, torbay):
    client = client_as("torbay.exploitation")  # the exploitation lead records dip samples too
    response = client.post(
        reverse("dip-sample-new", args=["torbay"]),
        {
            "title": "Return home interviews",
            "topic": "Missing",
            "carried_out_on": "2021-07-01",
            "cases_sampled": "10",
            "summary": "",
        },
    )
    assert response.status_code == 302
    theme = LearningTheme.objects.get(partnership=torbay, name="The child's voice")
    dip_url = response["Location"]
    response = client.post(
        dip_url + "findings/new/",
        {"kind": "development", "text": "Views not recorded.", "theme": theme.pk},
    )
    assert response.status_code == 302
    counts = {r.theme.name: r for r in learning.theme_counts(torbay, [Period(2021, 2)])}
    assert counts["The child's voice"].by_quarter["2021-Q2"] == 1


def test_the_learning_page_links_themes_to_plan_priorities(client_as, torbay):
    page = client_as("board").get(reverse("audit-learning", args=["torbay"])).content.decode()
    assert "Quality assurance and audit" in page  # The child's voice informs theme T4


def test_a_theme_links_only_to_this_partnerships_priorities(torbay, stockton):
    elsewhere = Priority.objects.filter(plan__partnership=stockton).first()
    with pytest.raises(DomainError) as error:
        learning.save_theme(
            None, torbay, None, name="Escalation", description="", priorities=[elsewhere]
        )
    assert error.value.field == "priorities"


def test_a_dip_sample_cannot_be_dated_in_the_future(torbay):
    with pytest.raises(DomainError) as error:
        learning.save_dip_sample(
            None,
            torbay,
            None,
            title="x",
            topic="y",
            carried_out_on=dt.date.today() + dt.timedelta(days=1),
            carried_out_by=None,
            cases_sampled=None,
            summary="",
        )
    assert error.value.field == "carried_out_on"
