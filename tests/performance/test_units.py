"""Reading, checking and writing figures (assure/performance/units.py)."""

from decimal import Decimal as D

import pytest

from assure.performance.units import (
    ValueProblem,
    check,
    format_figure,
    format_plain,
    format_value,
    read_number,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("84%", (D(84), "")),
        ("1,234", (D(1234), "")),
        (" 2.6 ", (D("2.6"), "")),
        (7, (D(7), "")),
        ("", (None, "")),
        (None, (None, "")),
        ("n/a", (None, "n/a")),
        ("N/A", (None, "N/A")),
        ("-", (None, "-")),
        ("not available for March", (None, "not available for March")),
        ("No adoptions this month so n/a", (None, "No adoptions this month so n/a")),
    ],
)
def test_cells_are_read_as_a_number_or_as_no_figure_never_zero(text, expected):
    assert read_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "12 children", "TBC", "1e400x"])
def test_other_text_is_not_a_number(text):
    with pytest.raises(ValueError, match="is not a number"):
        read_number(text)


def test_a_value_is_worked_out_from_its_numerator_and_denominator():
    assert check("percent", None, D(1), D(8)) == D("12.5")
    assert check("rate_per_10k", None, D(55), D(25000)) == D(22)


def test_a_value_written_rounded_matches_its_parts():
    # 004 prints 1 of 8 as 13%
    assert check("percent", D(13), D(1), D(8)) == D(13)


def test_a_value_that_disagrees_with_its_parts_is_refused():
    with pytest.raises(ValueProblem) as problem:
        check("percent", D(20), D(1), D(8))
    assert problem.value.field == "value"
    assert "12.5" in problem.value.message


@pytest.mark.parametrize(
    "unit, value, numerator, denominator, field",
    [
        ("percent", D(101), None, None, "value"),
        ("percent", D(-1), None, None, "value"),
        ("count", D("2.5"), None, None, "value"),
        ("count", D(3), None, D(4), "denominator"),
        ("percent", None, D(3), None, "denominator"),
        ("percent", None, D(3), D(0), "denominator"),
        ("percent", None, D(9), D(8), "numerator"),
        ("score", D("4.5"), None, None, "value"),
    ],
)
def test_figures_that_break_their_unit_name_the_field(unit, value, numerator, denominator, field):
    with pytest.raises(ValueProblem) as problem:
        check(unit, value, numerator, denominator)
    assert problem.value.field == field


def test_writing_figures():
    assert format_value(D("12.5"), "percent", 0) == "13%"  # half up, as reports round
    assert format_value(D("1234"), "count", 0) == "1,234"
    assert format_value(None, "count", 0) == ""
    assert format_figure(D("51.3000"), "percent", 0) == "51.3%"  # kept as recorded
    assert format_figure(D("66.0000"), "percent", 0) == "66%"
    assert format_figure(D("15.625"), "percent", 0) == "15.6%"
    assert format_figure(D("77.6"), "percent", 0, extra=2) == "77.6%"
    assert format_plain(D("90.0000"), "percent") == "90%"
    assert format_plain(D("14.8000"), "percent") == "14.8%"
