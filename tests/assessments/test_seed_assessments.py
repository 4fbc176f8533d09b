"""The demo holds Torbay's self-assessments at every stage: a Section 11 round of the police,
health, the council and two voluntary organisations, a section 175/157 round of schools, and
the 2020/21 round they are compared with; Stockton has none."""

from __future__ import annotations

import pytest

from assure.assessments import results
from assure.assessments.models import Return, Round

pytestmark = pytest.mark.usefixtures("demo")


def test_torbay_has_a_section_11_round_at_different_stages(torbay):
    current = Round.objects.filter(partnership=torbay, framework__kind="section11").first()
    assert current is not None and current.is_open
    kinds = sorted(r.organisation.kind for r in current.returns.select_related("organisation"))
    assert kinds == ["council", "health", "police", "voluntary", "voluntary"]
    stages = {r.status for r in current.returns.all()}
    assert stages == {Return.Status.NOT_STARTED, Return.Status.DRAFT, Return.Status.SUBMITTED}
    summary = results.summary(current)
    assert summary.previous is not None and summary.previous.title == "Section 11 2020/21"


def test_torbay_has_a_section_175_round_of_schools(torbay):
    schools = Round.objects.get(partnership=torbay, framework__kind="section175")
    returns = list(schools.returns.select_related("organisation__school"))
    assert len(returns) == 4 and all(r.organisation.school.urn for r in returns)
    assert {r.status for r in returns} == {"not_started", "draft", "submitted"}


def test_stockton_has_no_self_assessments(stockton):
    assert not Round.objects.filter(partnership=stockton).exists()


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf"])
def test_the_demo_schools_round_downloads_with_every_rating_colour(torbay, client_as, kind):
    schools = Round.objects.get(partnership=torbay, framework__kind="section175")
    response = client_as("manager").get(
        f"/p/torbay/self-assessments/rounds/{schools.pk}/results.{kind}"
    )
    assert response.status_code == 200 and len(response.content) > 1000
