"""RAG by target band and polarity (assure/performance/targets.py; docs/decisions/0007).

The bands are 004's: "Min 90% Upper 100%" for ICPCs on time (higher is better), "Min 20%
Upper 25%" for vacancies and "Min 35% Upper 28%" for agency staff (both lower is better).
"""

from decimal import Decimal as D

import pytest

from assure.performance.targets import Band, assurance_target, describe, rate

ICPC = Band(D(90), D(100))
VACANCIES = Band(D(20), D(25))
AGENCY = Band(D(35), D(28))  # printed the other way round from VACANCIES


@pytest.mark.parametrize(
    "value, expected",
    [("100", "green"), ("96", "amber"), ("90", "amber"), ("89.9", "red"), ("84", "red")],
)
def test_higher_is_better_green_at_stretch_amber_in_band_red_below_minimum(value, expected):
    assert rate(D(value), ICPC, "higher") == expected


@pytest.mark.parametrize(
    "value, expected",
    [("18", "green"), ("20", "green"), ("22", "amber"), ("25", "amber"), ("25.1", "red")],
)
def test_lower_is_better_reads_the_higher_number_as_the_minimum_standard(value, expected):
    assert rate(D(value), VACANCIES, "lower") == expected


@pytest.mark.parametrize(
    "value, expected",
    # 004's agency staff figures: Sep 20 27.9%, Aug 20 34.3%, Current 35.6%
    [("27.9", "green"), ("28", "green"), ("34.3", "amber"), ("35", "amber"), ("35.6", "red")],
)
def test_a_band_printed_the_other_way_round_reads_the_same(value, expected):
    assert rate(D(value), AGENCY, "lower") == expected


def test_the_same_band_means_the_opposite_for_the_opposite_polarity():
    # read as lower is better, "Min 90 Upper 100" is at most 100, stretch 90
    assert rate(D(95), ICPC, "higher") == "amber"
    assert rate(D(85), ICPC, "higher") == "red"
    assert rate(D(85), ICPC, "lower") == "green"
    assert rate(D(101), ICPC, "lower") == "red"


def test_edges_are_threshold_then_stretch():
    assert ICPC.edges("higher") == (D(90), D(100))
    assert VACANCIES.edges("lower") == (D(25), D(20))
    assert AGENCY.edges("lower") == (D(35), D(28))
    assert ICPC.edges("none") == (None, None)


def test_a_single_number_or_equal_ends_give_green_or_red_only():
    days_to_match = Band(D(180), None)  # lower is better
    assert rate(D(180), days_to_match, "lower") == "green"
    assert rate(D(181), days_to_match, "lower") == "red"
    flat = Band(D(90), D(90))
    assert [rate(D(v), flat, "higher") for v in (89, 90, 99)] == ["red", "green", "green"]


def test_no_rating_without_a_direction_a_figure_or_numbers():
    assert rate(D(50), ICPC, "none") is None
    assert rate(None, ICPC, "higher") is None
    assert rate(D(50), None, "higher") is None
    assert rate(D(50), Band(None, None), "higher") is None  # a target "TBC"


def test_describe_says_the_band_in_words():
    def show(value):
        return f"{value}%"

    assert describe(ICPC, "higher", show) == "At least 90%, stretch 100%"
    assert describe(AGENCY, "lower", show) == "At most 35%, stretch 28%"
    assert describe(Band(D(0), None), "none", show) == "Min 0%"
    assert describe(Band(None, None), "higher", show) == ""


def test_assurance_is_tested_against_the_minimum_standard():
    assert assurance_target(ICPC, "higher") == D(90)
    assert assurance_target(VACANCIES, "lower") == D(25)
    assert assurance_target(ICPC, "none") is None
    assert assurance_target(None, "higher") is None
