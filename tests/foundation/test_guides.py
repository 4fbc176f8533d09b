"""#14 finding 10: upload pages offer their format and a template in the service, not a path
in the source code; a template filled in loads."""

import re

import pytest
from django.urls import reverse

from assure.performance import services as performance
from assure.performance.models import Observation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "page"), [("analyst", "performance/load/"), ("analyst", "data/upload/")]
)
def test_an_upload_page_links_to_its_format_and_templates_never_to_a_source_file(
    signed_in_as, home, persona, page
):
    client = signed_in_as(persona)
    html = client.get(f"{home}{page}").content.decode()
    assert "docs/" not in html and ".md" not in html
    links = re.findall(r'href="([^"]+)"', html)
    guides = [link for link in links if link.startswith("/formats/")]
    templates = [link for link in links if link.endswith(".csv")]
    assert guides and templates
    for link in guides:
        guide = client.get(link)
        assert guide.status_code == 200 and 'class="govuk-table"' in guide.content.decode()
    for link in templates:
        response = client.get(link)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_the_figures_template_filled_in_loads(signed_in_as, people, home, partnership):
    indicator = performance.save_indicator(
        None,
        partnership,
        None,
        reference="2.21",
        title="Re-referrals within 12 months",
        unit="count",
        polarity="none",
        period_type="in_month",
        year_to_date="sum",
        decimals=0,
    )
    template = signed_in_as("analyst").get(f"{home}performance/templates/observations.csv")
    header = template.content.decode("utf-8-sig").strip()
    assert header == "indicator,period,value,numerator,denominator,status,note"
    filled = f"{header}\n2.21,2021-06,61,,,provisional,\n".encode()
    analyst = people("analyst").user
    outcome = performance.load_observations(analyst, partnership, "f.csv", filled)
    assert outcome.loaded and not outcome.problems
    assert Observation.objects.filter(indicator=indicator, value=61).exists()


def test_an_unknown_guide_or_template_is_not_found(signed_in_as, home):
    client = signed_in_as("analyst")
    assert client.get("/formats/nothing/").status_code == 404
    assert client.get(f"{home}data/templates/nothing.csv").status_code == 404
    assert client.get(f"{home}performance/templates/x.csv").status_code == 404


def test_a_guide_is_for_signed_in_people(client):
    assert client.get(reverse("guide", args=["ssda903"])).status_code == 302
