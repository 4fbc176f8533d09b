"""The Torbay demo holds every measure of seed 004's highlight report, with its figures as
printed, linked to the themes of the Children's Services Improvement Plan 2021/22."""

import datetime as dt
from decimal import Decimal as D

import pytest

from assure.performance.models import Benchmark, Indicator, Observation

pytestmark = pytest.mark.usefixtures("demo")

PRINTED = (
    "1.1 1.2 1.3 1.S 1.4 1.5 1.6 1.7 1.8a 1.8b 1.8c 1.8d 1.8e "
    "2.21 2.22 2.23 2.24 2.25 2.26 2.27 2.28 2.29 2.29r 2.30 2.32a 2.32b 2.31 2.33 2.34 "
    "3.1 3.2 3.3 "
    "4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 4.13 4.14"
).split()


def months(partnership, reference):
    indicator = Indicator.objects.get(partnership=partnership, reference=reference)
    return {o.period_end: o for o in indicator.observations.filter(span="month")}


def printed(partnership):
    """The measures of the report, not those the demo computes from its synthetic returns."""
    return Indicator.objects.filter(partnership=partnership).exclude(
        source=Indicator.Source.COMPUTED
    )


def test_every_measure_of_the_report_is_held_in_its_order(torbay):
    assert list(printed(torbay).values_list("reference", flat=True)) == PRINTED


def test_each_measure_belongs_to_a_theme_of_the_improvement_plan(torbay):
    themes = {
        i.reference: (i.theme.plan.title, i.theme.code)
        for i in printed(torbay).select_related("theme__plan")
    }
    assert {plan for plan, _ in themes.values()} == {"Children's Services Improvement Plan 2021/22"}
    codes = [code for _, code in themes.values()]
    assert [codes.count(f"T{n}") for n in range(1, 5)] == [13, 16, 3, 13]


def test_monthly_figures_are_as_printed(torbay):
    placements = months(torbay, "1.1")
    assert [placements[end].value for end in sorted(placements)] == [
        D(v) for v in "9.6 5.8 4.3 9.8 10.1 9.6 11.9 11.4 10.6 11.6 13.0".split()
    ]
    vacancies = months(torbay, "3.1")  # Dec 19 ... Sep 20 with gaps printed "-"
    assert vacancies[dt.date(2019, 12, 31)].value == D("38.0")
    assert vacancies[dt.date(2020, 9, 30)].value == D("28.0")


def test_not_available_cells_are_missing_never_zero(torbay):
    matching = months(torbay, "2.31")
    july = matching[dt.date(2020, 7, 31)]
    assert (july.value, july.quality_note) == (None, "No adoptions this month so n/a")
    assert not any(o.value == 0 for o in matching.values())
    march = months(torbay, "1.8e")[dt.date(2021, 3, 31)]
    assert (march.value, march.quality_note) == (None, "not available for March")
    december = months(torbay, "4.3")[dt.date(2020, 12, 31)]
    assert (december.value, december.quality_note) == (None, "Printed as 'N/A': no figure")
    # 1.8a-e began in January 2021: the empty cells before it record nothing at all
    assert min(months(torbay, "1.8a")) == dt.date(2021, 1, 31)


def test_baselines_finals_and_years_to_date_are_held(torbay):
    exits = Indicator.objects.get(partnership=torbay, reference="2.29")
    held = {o.period.code: o.value for o in exits.observations.exclude(span="month")}
    assert held == {"2018/19": D(137), "2020/21": D(107), "YTD 2021-05": D(32)}
    rate = Indicator.objects.get(partnership=torbay, reference="2.29r")
    assert {o.period.code: o.value for o in rate.observations.all()} == {
        "2018/19": D(55), "2020/21": D(42), "YTD 2021-05": D(75)
    }  # fmt: skip


def test_targets_keep_the_printed_band_or_its_words(torbay):
    def target(reference):
        return Indicator.objects.get(partnership=torbay, reference=reference).targets.get()

    matching = target("2.31")
    assert (matching.financial_year, matching.minimum, matching.upper) == (2021, 180, 140)
    agency = target("3.3")
    assert (agency.minimum, agency.upper) == (35, 28)
    placements = target("1.1")
    assert (placements.minimum, placements.upper, placements.note) == (None, None, "TBC")


def test_benchmarks_are_held_by_kind_and_year(torbay):
    icpc = Benchmark.objects.filter(indicator__partnership=torbay, indicator__reference="2.21")
    assert {(b.kind, b.label, b.financial_year, b.value) for b in icpc} == {
        ("england", "", 2019, D("77.6")),
        ("statistical_neighbours", "to 2021", 2019, D("72.0")),
        ("statistical_neighbours", "from 2021", 2019, D("75.5")),
    }
    proceedings = Benchmark.objects.get(indicator__partnership=torbay, indicator__reference="2.28")
    assert (proceedings.value, proceedings.financial_year) == (252, 2020)
    assert "36 weeks" in proceedings.note


def test_2021_22_figures_are_provisional(torbay):
    """The figures the demo loads from the seeds (those computed from its records, such as
    training's, are final once their financial year has ended)."""
    observations = Observation.objects.filter(indicator__partnership=torbay).exclude(
        source=Observation.Source.COMPUTATION
    )
    assert not observations.filter(period_end__gte="2021-04-01", status="final").exists()
    assert not observations.filter(period_end__lt="2021-04-01", status="provisional").exists()
