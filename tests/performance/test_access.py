"""Who may see and change the performance framework, and that every query keeps to one
partnership: everyone in the partnership reads; analysts, business managers and
administrators edit; anyone outside it gets "not found"."""

import pytest

from assure.core.models import Role
from assure.performance import queries, services
from assure.performance.models import Observation, Target
from tests.factories import MemberFactory, PartnershipFactory, signed_in
from tests.performance.factories import icpcs_on_time, improvement_plan, theme


@pytest.fixture
def indicator(partnership):
    """004's 2.21, with its figures, its 2021/22 target and its benchmarks, in theme T2."""
    return icpcs_on_time(partnership, theme=theme(improvement_plan(partnership), "T2"))


@pytest.fixture
def outsider(db):
    """The business manager of another partnership."""
    return MemberFactory()


def read_urls(indicator):
    base = f"/p/{indicator.partnership.slug}/performance/"
    return [base, base + "tables/", base + f"indicators/{indicator.pk}/"]


def edit_urls(indicator):
    base = f"/p/{indicator.partnership.slug}/performance/"
    target = indicator.targets.first()
    observation = indicator.observations.first()
    benchmark = indicator.benchmarks.first()
    return [
        base + "indicators/new/",
        base + f"indicators/{indicator.pk}/edit/",
        base + f"indicators/{indicator.pk}/spc/",
        base + f"indicators/{indicator.pk}/targets/new/",
        base + f"targets/{target.pk}/edit/",
        base + f"indicators/{indicator.pk}/benchmarks/new/",
        base + f"benchmarks/{benchmark.pk}/edit/",
        base + f"indicators/{indicator.pk}/figures/new/",
        base + f"figures/{observation.pk}/edit/",
        base + "load/",
        base + "benchmarks/load/",
    ]


@pytest.mark.parametrize(
    "persona", ["administrator", "manager", "owner", "analyst", "auditor", "board"]
)
def test_everyone_in_the_partnership_reads(signed_in_as, indicator, persona):
    client = signed_in_as(persona)
    for url in read_urls(indicator):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["administrator", "manager", "analyst"])
def test_analysts_managers_and_administrators_edit(signed_in_as, indicator, persona):
    client = signed_in_as(persona)
    for url in edit_urls(indicator):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["owner", "auditor", "board"])
def test_other_roles_cannot_edit_and_are_told_who_can(signed_in_as, home, indicator, persona):
    client = signed_in_as(persona)
    for url in edit_urls(indicator):
        response = client.get(url)
        assert response.status_code == 403, url
    response = client.post(
        home + f"performance/indicators/{indicator.pk}/targets/new/",
        {"financial_year": "2022/23", "minimum": "90", "upper": "100"},
    )
    assert response.status_code == 403
    assert "performance analyst" in response.content.decode()
    assert not indicator.targets.filter(financial_year=2022).exists()


def test_the_edit_buttons_show_only_to_editors(signed_in_as, home, indicator):
    url = home + f"performance/indicators/{indicator.pk}/"
    assert "Add a figure" in signed_in_as("analyst").get(url).content.decode()
    assert "Add a figure" not in signed_in_as("board").get(url).content.decode()


def test_an_outsider_finds_nothing(outsider, indicator):
    client = signed_in(outsider)  # another partnership's business manager
    for url in read_urls(indicator) + edit_urls(indicator):
        assert client.get(url).status_code == 404, url


def test_another_partnerships_ids_are_not_found_under_this_one(
    signed_in_as, home, indicator, outsider
):
    other = outsider.partnership
    theirs = services.save_indicator(
        None,
        other,
        None,
        reference="S1",
        title="Their own",
        unit="count",
        polarity="none",
        period_type="in_month",
        year_to_date="sum",
        decimals=0,
    )
    theirs_home = f"/p/{other.slug}/"
    client = signed_in(outsider)
    assert client.get(theirs_home + f"performance/indicators/{theirs.pk}/").status_code == 200
    with_ids = [
        url for url in edit_urls(indicator) if any(c.isdigit() for c in url.removeprefix(home))
    ]
    for url in with_ids:  # this partnership's ids under the other's address
        assert client.get(url.replace(home, theirs_home)).status_code == 404, url
    analyst = signed_in_as("analyst")
    assert analyst.get(home + f"performance/indicators/{theirs.pk}/").status_code == 404


def test_queries_keep_to_one_partnership(indicator):
    other = PartnershipFactory()
    assert queries.indicators_of(other).filter(pk=indicator.pk).count() == 0
    assert queries.gather(other, [indicator]) == []
    assert queries.latest_month(other) is None
    assert queries.themes_of(other).count() == 0
    target = indicator.targets.first()
    with pytest.raises(Exception, match="No Target"):
        queries.get_target(other, target.pk)


def test_a_theme_from_another_partnership_is_refused(indicator):
    from assure.core.errors import DomainError

    other = PartnershipFactory()
    with pytest.raises(DomainError) as refused:
        services.save_indicator(
            None,
            other,
            None,
            reference="S2",
            title="x",
            unit="count",
            polarity="none",
            period_type="in_month",
            year_to_date="sum",
            decimals=0,
            theme=indicator.theme,
        )
    assert refused.value.field == "theme"


def test_editors_are_the_roles_the_issue_names():
    assert services.EDITORS == {Role.ADMINISTRATOR, Role.BUSINESS_MANAGER, Role.ANALYST}


def test_a_figure_posted_by_a_board_member_is_not_saved(signed_in_as, home, indicator):
    before = Observation.objects.filter(indicator=indicator).count()
    response = signed_in_as("board").post(
        home + f"performance/indicators/{indicator.pk}/figures/new/",
        {"period": "2021-06", "value": "90", "status": "final"},
    )
    assert response.status_code == 403
    assert Observation.objects.filter(indicator=indicator).count() == before
    assert Target.objects.filter(indicator=indicator).count() == 1
