"""The performance pages as their users meet them: the dashboard and its filters, the
indicator page with its chart and table, the SPC baseline lock, entering and correcting
figures, targets and benchmarks, and loading a file through the browser. Each test enters
the measures of seed 004 it reads (tests/performance/factories.py); the demo's pages are
test_seed_pages.py."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assure.core.models import ChangeRecord
from assure.performance import control, queries
from assure.performance.models import Indicator, Observation
from tests.performance.factories import (
    IndicatorFactory,
    icpcs_on_time,
    improvement_plan,
    printed,
    theme,
)

THEMES = {
    "T1": "Leadership, Management and Governance",
    "T2": "A robust model of social work practice",
    "T3": "Sufficient and skilled workforce",
    "T4": "Quality assurance and performance",
}


@pytest.fixture
def themes(partnership):
    """The four themes of the improvement plan 004 reports on, by code."""
    plan = improvement_plan(partnership)
    return {
        code: theme(plan, code, title, position=n)
        for n, (code, title) in enumerate(THEMES.items(), start=1)
    }


@pytest.fixture
def indicator(partnership, themes):
    return icpcs_on_time(partnership, theme=themes["T2"])


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def references(html):
    return re.findall(r'<td class="govuk-table__cell">(\d\.\w+)</td>', html)


def placements(partnership, **fields):
    """004's 1.1, "% with 3 or more placements" (lower is better)."""
    return printed(
        partnership,
        "1.1",
        "9.6 5.8 4.3 9.8 10.1 9.6 11.9 11.4 10.6 11.6 13.0",
        baseline="15.4",
        final="10.6",
        ytd="13.0",
        target="TBC",
        benchmarks=("11.0", "11.8", "10.5"),
        decimals=1,
        polarity="lower",
        period_type="snapshot",
        year_to_date="latest",
        **fields,
    )


def test_the_dashboard_lists_every_measure_by_theme(signed_in_as, home, partnership, themes):
    for n, code in enumerate(["T1", "T1", "T2", "T3", "T4", "T4"]):
        IndicatorFactory(partnership=partnership, reference=f"{code[1]}.{n}", theme=themes[code])
    html = page(signed_in_as("board"), home + "performance/")
    assert len(references(html)) == 6
    for heading in ("T1 Leadership", "T2 A robust", "T3 Sufficient", "T4 Quality"):
        assert heading in html


def test_the_dashboard_filters_by_theme(signed_in_as, home, partnership, themes):
    for reference, code in [("2.21", "T2"), ("3.1", "T3"), ("3.2", "T3"), ("3.3", "T3")]:
        IndicatorFactory(partnership=partnership, reference=reference, theme=themes[code])
    html = page(signed_in_as("board"), home + f"performance/?theme={themes['T3'].pk}")
    assert references(html) == ["3.1", "3.2", "3.3"]


@pytest.fixture
def rated(partnership, themes):
    """The measures whose May 2021 figures 004 rates, one with no target and one whose latest
    figure is of 2020/21."""
    higher = {"polarity": "higher", "theme": themes["T2"]}
    icpcs_on_time(partnership, theme=themes["T2"])
    printed(
        partnership,
        "2.22",
        ["", "", "", "", "", "", "", "", "", 81, 100],
        target=(90, 100),
        **higher,
    )
    printed(
        partnership,
        "2.25",
        ["", "", "", "", "", "", "", "", "", 97, 97],
        target=(90, 100),
        **higher,
    )
    printed(
        partnership,
        "2.31",
        ["", "", "", "", "", "", "", "", "", 414, 297],
        target=(180, 140),
        unit="days",
        polarity="lower",
        theme=themes["T2"],
    )
    printed(
        partnership,
        "3.1",
        ["28.3", "28.0"],
        first=dt.date(2020, 8, 31),
        target=(20, 25),
        decimals=1,
        polarity="lower",
        theme=themes["T3"],
    )
    placements(partnership, theme=themes["T1"])


@pytest.mark.parametrize(
    "rag, expected",
    # May 2021 against the 2021/22 bands: 2.21 and 2.22 100% (stretch 100%), 2.25 97% (90-100),
    # 2.31 297 days (at most 180). 3.x's latest monthly figures are for 2020/21: no target.
    [("green", ["2.21", "2.22"]), ("amber", ["2.25"]), ("red", ["2.31"])],
)
def test_the_dashboard_filters_by_rag(signed_in_as, home, rated, rag, expected):
    html = page(signed_in_as("board"), home + f"performance/?rag={rag}")
    assert references(html) == expected


def test_the_dashboard_shows_icons_with_their_meaning(signed_in_as, home, partnership, themes):
    icpcs_on_time(partnership, theme=themes["T2"])
    printed(
        partnership,
        "1.2",
        "64 61 62 62 64 66 67 66 66 67 67",
        target="TBC",
        period_type="snapshot",
        year_to_date="latest",
        theme=themes["T1"],
    )
    html = page(signed_in_as("board"), home + "performance/")
    assert 'aria-label="Common cause variation: no significant change"' in html
    # 1.2 long-term stability (higher is better): mean 712 / 11 = 64.73%, mean moving range
    # 11 / 10 = 1.1, so two-thirds of the way to the upper limit is 64.73 + 1.7733 * 1.1 = 66.68%;
    # Apr and May 21 (67%, 67%) are two of the last three points beyond it.
    assert 'aria-label="Special cause variation: improving (high)"' in html
    assert 'aria-label="Assurance: will sometimes meet and sometimes miss the target"' in html


def test_the_indicator_page_draws_the_chart_and_gives_the_same_numbers(
    signed_in_as, home, indicator
):
    html = page(signed_in_as("board"), home + f"performance/indicators/{indicator.pk}/")
    svg = re.search(r'<svg class="assure-chart".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "11 figures from Jul 20 to May 21" in svg
    assert svg.count("<circle") + svg.count("<polygon") == 11  # one mark a figure
    assert "<rect" in svg  # the 2021/22 target band
    assert "England 77.6%" in svg and "Mean 88%" in svg
    table = html[html.index("The chart's figures") :]
    assert "84%" in table and "(red)" in table and "(green)" in table
    assert "Trial limits" in html  # 11 points
    assert "At least 90%, stretch 100%" in html


def test_special_causes_are_named_in_words_beside_the_chart(signed_in_as, home, partnership):
    measure = placements(partnership)
    html = page(signed_in_as("board"), home + f"performance/indicators/{measure.pk}/")
    # 1.1: Sep 20 4.3% is below the lower process limit (5.1%)
    assert "Outside the process limits (low)" in html


def test_the_analyst_locks_the_baseline_and_the_limits_follow(signed_in_as, home, indicator):
    url = home + f"performance/indicators/{indicator.pk}/spc/"
    response = signed_in_as("analyst").post(
        url, {"baseline_end": "2021-01", "run_length": "7", "two_sigma": "on"}
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.spc_baseline_end.isoformat(), indicator.spc_two_sigma) == (
        "2021-01-31",
        True,
    )
    reading = control.control(queries.gather_one(indicator))
    # Jul 20 - Jan 21: 63, 100, 100, 70, 82, 96, 100; mean 611 / 7 = 87.2857
    assert reading.result.baseline_values == 7
    assert reading.result.mean == pytest.approx(611 / 7)
    assert ChangeRecord.objects.filter(object_id=indicator.pk, summary__contains="SPC").exists()
    html = page(signed_in_as("board"), home + f"performance/indicators/{indicator.pk}/")
    assert "the 7 figures up to January 2021 (locked)" in html


def test_a_baseline_with_too_few_figures_is_refused(signed_in_as, home, indicator):
    url = home + f"performance/indicators/{indicator.pk}/spc/"
    response = signed_in_as("analyst").post(url, {"baseline_end": "2020-07", "run_length": "7"})
    assert response.status_code == 400
    assert "at least 2 monthly figures" in response.content.decode()
    response = signed_in_as("analyst").post(url, {"baseline_end": "July", "run_length": "7"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_a_figure_entered_on_the_page_is_saved_with_who_entered_it(
    signed_in_as, home, indicator, people
):
    url = home + f"performance/indicators/{indicator.pk}/figures/new/"
    response = signed_in_as("analyst").post(
        url, {"period": "2021-06", "numerator": "11", "denominator": "12", "status": "final"}
    )
    assert response.status_code == 302
    june = indicator.observations.get(span="month", period_end="2021-06-30")
    assert june.value.quantize(D("0.01")) == D("91.67")
    assert (june.source, june.entered_by) == ("person", people("analyst").user)


def test_bad_figures_get_an_error_summary_and_nothing_is_saved(signed_in_as, home, indicator):
    url = home + f"performance/indicators/{indicator.pk}/figures/new/"
    before = Observation.objects.count()
    for data, message in [
        ({"period": "2021-06", "value": "120", "status": "final"}, "cannot be above 100"),
        ({"period": "June", "value": "90", "status": "final"}, "is not a period"),
        ({"period": "2021-06", "status": "final"}, "Give a figure, or a note"),
    ]:
        response = signed_in_as("analyst").post(url, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "govuk-error-summary" in html and message in html
    assert Observation.objects.count() == before


def test_a_correction_needs_a_reason_and_keeps_the_earlier_figure(signed_in_as, home, indicator):
    may = indicator.observations.get(span="month", period_end="2021-05-31")
    url = home + f"performance/figures/{may.pk}/edit/"
    client = signed_in_as("analyst")
    assert 'value="2021-05"' in page(client, url)
    response = client.post(url, {"period": "2021-05", "value": "95", "status": "final"})
    assert response.status_code == 400
    assert "Say why the figure is being corrected" in response.content.decode()
    response = client.post(
        url, {"period": "2021-05", "value": "95", "status": "final", "reason": "Late recording"}
    )
    assert response.status_code == 302
    may.refresh_from_db()
    assert may.value == D(95)
    moved = client.post(
        url, {"period": "2021-06", "value": "90", "status": "final", "reason": "Typo"}
    )  # the period of a figure being corrected cannot be changed
    assert moved.status_code == 302
    may.refresh_from_db()
    assert may.value == D(90)
    assert not indicator.observations.filter(period_end="2021-06-30").exists()
    html = page(client, home + f"performance/indicators/{indicator.pk}/")
    earlier = html[html.index("Earlier figures") :]
    assert "100%" in earlier and "Late recording" in earlier and "95%" in earlier


def test_targets_and_benchmarks_are_set_on_the_page(signed_in_as, home, indicator):
    client = signed_in_as("manager")
    base = home + f"performance/indicators/{indicator.pk}/"
    response = client.post(
        base + "targets/new/", {"financial_year": "2022/23", "minimum": "92", "upper": "100"}
    )
    assert response.status_code == 302
    assert indicator.targets.get(financial_year=2022).minimum == D(92)
    again = client.post(base + "targets/new/", {"financial_year": "2022/23", "minimum": "90"})
    assert again.status_code == 400
    assert "already a target for this year" in again.content.decode()
    nameless = client.post(
        base + "benchmarks/new/", {"financial_year": "2020/21", "kind": "authority", "value": "81"}
    )
    assert nameless.status_code == 400 and "Name the authority" in nameless.content.decode()
    named = client.post(
        base + "benchmarks/new/",
        {"financial_year": "2020/21", "kind": "authority", "label": "Plymouth", "value": "81"},
    )
    assert named.status_code == 302
    assert indicator.benchmarks.filter(label="Plymouth").exists()


def test_a_new_indicator_is_added_to_the_catalogue(signed_in_as, home, partnership, indicator):
    theme = indicator.theme
    response = signed_in_as("analyst").post(
        home + "performance/indicators/new/",
        {
            "reference": "2.35",
            "title": "Re-referrals within 12 months",
            "theme": theme.pk,
            "unit": "percent",
            "decimals": "1",
            "polarity": "lower",
            "period_type": "rolling_12",
            "year_to_date": "ratio",
            "source": "file",
            "definition": "Referrals within 12 months of a previous referral",
            "position": "0",
        },
    )
    assert response.status_code == 302
    added = Indicator.objects.get(partnership=partnership, reference="2.35")
    assert (added.theme, added.period_type) == (theme, "rolling_12")
    clash = signed_in_as("analyst").post(
        home + "performance/indicators/new/",
        {"reference": "2.21", "title": "x", "unit": "count", "decimals": "0",
         "polarity": "none", "period_type": "in_month", "year_to_date": "sum",
         "source": "manual", "position": "0"},
    )  # fmt: skip
    assert clash.status_code == 400 and "already an indicator 2.21" in clash.content.decode()


def test_a_bad_file_uploaded_in_the_browser_is_reported_and_changes_nothing(
    signed_in_as, home, indicator
):
    before = Observation.objects.count()
    upload = SimpleUploadedFile(
        "june.csv", b"indicator,period,value\n2.21,2021-06,92\n2.21,2021-06x,93\n"
    )
    response = signed_in_as("analyst").post(home + "performance/load/", {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "june.csv was not loaded: nothing has changed" in html
    assert "june.csv, row 3, column &#x27;period&#x27;" in html
    assert Observation.objects.count() == before


def test_a_good_file_uploaded_in_the_browser_loads(signed_in_as, home, indicator):
    client = signed_in_as("analyst")
    upload = SimpleUploadedFile("june.csv", b"indicator,period,value\n2.21,2021-06,92\n")
    response = client.post(home + "performance/load/", {"file": upload})
    assert response.status_code == 302
    html = page(client, home + "performance/")
    assert "Loaded 1 rows from june.csv: 1 changed" in html
    assert "Recent files loaded" in html


def test_the_tables_page_rebuilds_the_report_to_a_chosen_month(
    signed_in_as, home, partnership, themes
):
    icpcs_on_time(partnership, theme=themes["T2"])
    placements(
        partnership,
        theme=themes["T1"],
        standing_notes="Figures before January 2021 undercount children placed for adoption.",
    )
    html = page(signed_in_as("board"), home + "performance/tables/")
    assert "Performance tables to May 2021" in html
    assert "Data checks and issues" in html
    assert "Figures before January 2021 undercount children placed for adoption." in html
    earlier = page(signed_in_as("board"), home + "performance/tables/?through=2021-03")
    assert "Performance tables to March 2021" in earlier
    bad = page(signed_in_as("board"), home + "performance/tables/?through=March")
    assert "govuk-error-summary" in bad and "Performance tables to May 2021" in bad


def test_the_service_navigation_links_to_performance(signed_in_as, home):
    html = page(signed_in_as("owner"), home + "plans/")
    assert f'href="{home}performance/"' in html
