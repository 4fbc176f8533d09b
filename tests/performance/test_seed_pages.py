"""The demo's performance pages: every measure of seed 004's highlight report on the
dashboard, under the four themes of the improvement plan, and every indicator page opens."""

import re

import pytest

from assure.performance.models import Indicator

pytestmark = pytest.mark.usefixtures("demo")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def references(html):
    return re.findall(r'<td class="govuk-table__cell">(\d\.\w+)</td>', html)


def test_the_dashboard_lists_every_measure_by_theme(client_as):
    html = page(client_as("board"), "/p/torbay/performance/")
    assert len(references(html)) == 45
    for theme in ("T1 Leadership", "T2 A robust", "T3 Sufficient", "T4 Quality"):
        assert theme in html


def test_every_indicator_page_opens(client_as, torbay):
    client = client_as("board")
    for indicator in Indicator.objects.filter(partnership=torbay):
        html = page(client, f"/p/torbay/performance/indicators/{indicator.pk}/")
        assert indicator.title.replace("'", "&#x27;")[:30] in html
