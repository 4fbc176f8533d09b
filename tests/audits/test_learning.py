"""Learning themes are counted quarter by quarter from audits and dip samples, and linked
to the plan priorities they inform."""

import datetime as dt

import pytest
from django.urls import reverse

from assure.audits import learning, services
from assure.core.errors import DomainError
from assure.core.periods import Period
from assure.exploitation import services as exploitation
from tests.factories import LearningThemeFactory, PriorityFactory, signed_in

from .factories import AuditFactory, DipSampleFactory, FindingFactory, graded

pytestmark = pytest.mark.django_db


def test_themes_are_counted_by_quarter_from_audits_and_dip_samples(partnership, small_tool):
    toolkits = LearningThemeFactory(partnership=partnership, name="Exploitation toolkits")
    drift = LearningThemeFactory(partnership=partnership, name="Drift and delay")
    dip = DipSampleFactory(partnership=partnership, carried_out_on=dt.date(2021, 7, 1))
    for _ in range(2):
        FindingFactory(dip_sample=dip, theme=toolkits)
    FindingFactory(dip_sample=dip, theme=None)  # a finding of no theme counts for none
    for month in (dt.date(2020, 4, 1), dt.date(2020, 5, 1), dt.date(2021, 1, 1)):
        audit = AuditFactory(partnership=partnership, tool=small_tool, month=month)
        graded(audit, [3, 3, 4], learning_themes=[drift])
    # An audit saved as a draft has found nothing yet.
    draft = AuditFactory(partnership=partnership, tool=small_tool, month=dt.date(2020, 6, 1))
    services.save_audit(None, draft, grades={}, learning_themes=[drift])
    quarters = [Period(2021, 1), Period(2021, 2)]
    counts = {row.theme.name: row for row in learning.theme_counts(partnership, quarters)}
    # The July 2021 dip sample found it twice; no audit in these quarters did.
    assert counts["Exploitation toolkits"].by_quarter == {"2021-Q1": 0, "2021-Q2": 2}
    year = [Period(2020, q) for q in range(1, 5)]
    found = {row.theme.name: row for row in learning.theme_counts(partnership, year)}
    # Found in the audits of April and May 2020 (Q1) and January 2021 (Q4).
    assert found["Drift and delay"].by_quarter == {
        "2020-Q1": 2,
        "2020-Q2": 0,
        "2020-Q3": 0,
        "2020-Q4": 1,
    }


def test_a_dip_sample_finding_is_added_and_counted(partnership, home, member):
    lead = member("analyst")  # an exploitation lead records dip samples too
    exploitation.grant_lead(None, lead, reason="Leads on exploitation")
    client = signed_in(lead)
    response = client.post(
        f"{home}audits/learning/dip-samples/new/",
        {
            "title": "Return home interviews",
            "topic": "Missing",
            "carried_out_on": "2021-07-01",
            "cases_sampled": "10",
            "summary": "",
        },
    )
    assert response.status_code == 302
    theme = LearningThemeFactory(partnership=partnership, name="The child's voice")
    dip_url = response["Location"]
    response = client.post(
        dip_url + "findings/new/",
        {"kind": "development", "text": "Views not recorded.", "theme": theme.pk},
    )
    assert response.status_code == 302
    counts = {r.theme.name: r for r in learning.theme_counts(partnership, [Period(2021, 2)])}
    assert counts["The child's voice"].by_quarter["2021-Q2"] == 1


def test_the_learning_page_links_themes_to_plan_priorities(signed_in_as, partnership):
    priority = PriorityFactory(plan__partnership=partnership, title="Quality assurance and audit")
    LearningThemeFactory(partnership=partnership, name="The child's voice", priorities=[priority])
    PriorityFactory(plan__partnership=partnership, title="A priority no theme informs")
    page = signed_in_as("board").get(reverse("audit-learning", args=[partnership.slug]))
    html = page.content.decode()
    assert "The child&#x27;s voice" in html and "Quality assurance and audit" in html
    assert "A priority no theme informs" not in html


def test_a_theme_links_only_to_this_partnerships_priorities(partnership):
    elsewhere = PriorityFactory()  # of another partnership's plan
    with pytest.raises(DomainError) as error:
        learning.save_theme(
            None, partnership, None, name="Escalation", description="", priorities=[elsewhere]
        )
    assert error.value.field == "priorities"


def test_a_dip_sample_cannot_be_dated_in_the_future(partnership):
    with pytest.raises(DomainError) as error:
        learning.save_dip_sample(
            None,
            partnership,
            None,
            title="x",
            topic="y",
            carried_out_on=dt.date.today() + dt.timedelta(days=1),
            carried_out_by=None,
            cases_sampled=None,
            summary="",
        )
    assert error.value.field == "carried_out_on"
