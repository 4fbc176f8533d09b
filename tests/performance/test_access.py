"""Who may see and change the performance framework, and that every query keeps to one
partnership: everyone in the partnership reads; analysts, business managers and
administrators edit; anyone outside it gets "not found"."""

import pytest

from assure.core.models import Role
from assure.performance import queries, services
from assure.performance.models import Indicator, Observation, Target


@pytest.fixture
def indicator(torbay):
    return Indicator.objects.get(partnership=torbay, reference="2.21")


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
def test_everyone_in_the_partnership_reads(client_as, indicator, persona):
    client = client_as(persona)
    for url in read_urls(indicator):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["administrator", "manager", "analyst"])
def test_analysts_managers_and_administrators_edit(client_as, indicator, persona):
    client = client_as(persona)
    for url in edit_urls(indicator):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["owner", "auditor", "board"])
def test_other_roles_cannot_edit_and_are_told_who_can(client_as, indicator, persona):
    client = client_as(persona)
    for url in edit_urls(indicator):
        response = client.get(url)
        assert response.status_code == 403, url
    response = client.post(
        f"/p/torbay/performance/indicators/{indicator.pk}/targets/new/",
        {"financial_year": "2022/23", "minimum": "90", "upper": "100"},
    )
    assert response.status_code == 403
    assert "performance analyst" in response.content.decode()
    assert not indicator.targets.filter(financial_year=2022).exists()


def test_the_edit_buttons_show_only_to_editors(client_as, indicator):
    url = f"/p/torbay/performance/indicators/{indicator.pk}/"
    assert "Add a figure" in client_as("analyst").get(url).content.decode()
    assert "Add a figure" not in client_as("board").get(url).content.decode()


def test_an_outsider_finds_nothing(client_as, indicator):
    client = client_as("outsider")  # Stockton's business manager
    for url in read_urls(indicator) + edit_urls(indicator):
        assert client.get(url).status_code == 404, url


def test_another_partnerships_ids_are_not_found_under_this_one(client_as, indicator, stockton):
    theirs = services.save_indicator(
        None,
        stockton,
        None,
        reference="S1",
        title="Stockton's own",
        unit="count",
        polarity="none",
        period_type="in_month",
        year_to_date="sum",
        decimals=0,
    )
    client = client_as("outsider")
    assert client.get(f"/p/stockton/performance/indicators/{theirs.pk}/").status_code == 200
    with_ids = [url for url in edit_urls(indicator) if any(c.isdigit() for c in url)]
    for url in with_ids:  # Torbay's ids under Stockton's address
        assert client.get(url.replace("/p/torbay/", "/p/stockton/")).status_code == 404, url
    analyst = client_as("analyst")
    assert analyst.get(f"/p/torbay/performance/indicators/{theirs.pk}/").status_code == 404


def test_queries_keep_to_one_partnership(torbay, stockton, indicator):
    assert queries.indicators_of(stockton).filter(pk=indicator.pk).count() == 0
    assert queries.gather(stockton, [indicator]) == []
    assert queries.latest_month(stockton) is None
    assert queries.themes_of(stockton).count() == 0
    target = indicator.targets.first()
    with pytest.raises(Exception, match="No Target"):
        queries.get_target(stockton, target.pk)


def test_a_theme_from_another_partnership_is_refused(stockton, indicator, membership):
    from assure.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.save_indicator(
            None,
            stockton,
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


def test_a_figure_posted_by_a_board_member_is_not_saved(client_as, indicator):
    before = Observation.objects.filter(indicator=indicator).count()
    response = client_as("board").post(
        f"/p/torbay/performance/indicators/{indicator.pk}/figures/new/",
        {"period": "2021-06", "value": "90", "status": "final"},
    )
    assert response.status_code == 403
    assert Observation.objects.filter(indicator=indicator).count() == before
    assert Target.objects.filter(indicator=indicator).count() == 1
