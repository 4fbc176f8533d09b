"""Golden tests for analytics.spc: every expected number is worked out by hand in a comment.

Indices are 0-based positions in the input, so "point 13" of a series is index 12.
"""

import json

import pytest

from analytics.spc import Flag, analyse

# A 12-point baseline used throughout. Worked by hand:
#   sum = 3 * (50 + 54 + 50 + 46) = 3 * 200 = 600; mean = 600 / 12 = 50
#   moving ranges: |54-50|=4, |50-54|=4, |46-50|=4, |50-46|=4, ... -> eleven 4s; mMR = 44 / 11 = 4
#   limits: 50 +/- 2.66 * 4 = 50 +/- 10.64 -> 60.64 and 39.36
#   two-thirds: 50 +/- (2/3) * 10.64 = 50 +/- 7.09333 -> 57.09333 and 42.90667
#   one sigma: 50 +/- 10.64 / 3 = 50 +/- 3.54667 -> 53.54667 and 46.45333
BASE = [50, 54, 50, 46] * 3


def flagged(result, rule=None):
    """{index: [(rule, direction), ...]} for flagged points (optionally one rule only)."""
    out = {}
    for point in result.points:
        flags = [tuple(f) for f in point.flags if rule is None or f.rule == rule]
        if flags:
            out[point.index] = flags
    return out


# --- limits -------------------------------------------------------------------------------


def test_twelve_point_series_limits_by_hand():
    result = analyse(BASE)
    assert result.mean == pytest.approx(50)
    assert result.mean_moving_range == pytest.approx(4)
    assert result.upper_limit == pytest.approx(60.64)
    assert result.lower_limit == pytest.approx(39.36)
    assert result.upper_two_thirds == pytest.approx(57.093333, abs=1e-6)
    assert result.lower_two_thirds == pytest.approx(42.906667, abs=1e-6)
    assert result.upper_one_sigma == pytest.approx(53.546667, abs=1e-6)
    assert result.lower_one_sigma == pytest.approx(46.453333, abs=1e-6)
    assert result.trial_limits is False
    assert result.baseline_values == 12
    assert [p.moving_range for p in result.points] == [None] + [4.0] * 11
    assert flagged(result) == {}
    assert result.variation == "common_cause"


def test_point_13_jumps_outside_upper_limit():
    # BASE + [70], all 13 points in the baseline:
    #   mean = (600 + 70) / 13 = 670 / 13 = 51.538462
    #   moving ranges: eleven 4s and |70-46| = 24 -> mMR = (44 + 24) / 12 = 68 / 12 = 5.666667
    #   UPL = 51.538462 + 2.66 * 5.666667 = 51.538462 + 15.073333 = 66.611795
    #   LPL = 51.538462 - 15.073333 = 36.465128
    #   70 > 66.61 -> outside_limits high at index 12, nothing else.
    result = analyse([*BASE, 70])
    assert result.mean == pytest.approx(51.538462, abs=1e-6)
    assert result.mean_moving_range == pytest.approx(5.666667, abs=1e-6)
    assert result.upper_limit == pytest.approx(66.611795, abs=1e-6)
    assert result.lower_limit == pytest.approx(36.465128, abs=1e-6)
    assert result.points[12].moving_range == pytest.approx(24)
    assert flagged(result) == {12: [("outside_limits", "high")]}


def test_trial_limits_under_twelve_points():
    # 11 points: fewer than 12 in the baseline -> trial limits; 12 points -> not trial.
    assert analyse(BASE[:11]).trial_limits is True
    assert analyse(BASE[:11]).baseline_values == 11
    assert analyse(BASE).trial_limits is False


def test_locked_baseline_limits_come_from_first_n_points_only():
    # baseline=12: mean 50 and mMR 4 from BASE, as above; 70 and its moving range of 24 are
    # left out. UPL 60.64 -> 70 is outside (index 12); 52 is inside every line (index 13).
    result = analyse([*BASE, 70, 52], baseline=12)
    assert result.mean == pytest.approx(50)
    assert result.mean_moving_range == pytest.approx(4)
    assert result.upper_limit == pytest.approx(60.64)
    assert result.trial_limits is False
    assert [p.in_baseline for p in result.points] == [True] * 12 + [False] * 2
    assert result.points[13].moving_range == pytest.approx(18)  # |52 - 70|, shown, not used
    assert flagged(result) == {12: [("outside_limits", "high")]}


def test_locked_baseline_of_six_points_is_trial():
    # first 6 points 50,54,50,46,50,54: mean = 304 / 6 = 50.666667
    # moving ranges 4,4,4,4,4 -> mMR = 4; UPL = 50.666667 + 10.64 = 61.306667
    result = analyse(BASE, baseline=6)
    assert result.mean == pytest.approx(50.666667, abs=1e-6)
    assert result.mean_moving_range == pytest.approx(4)
    assert result.upper_limit == pytest.approx(61.306667, abs=1e-6)
    assert result.trial_limits is True
    assert result.baseline_values == 6


def test_outlier_screening_changes_mean_moving_range():
    # 10,12 x5 then 10, 40: sum = 5*22 + 10 + 40 = 160; mean = 160 / 12 = 13.333333
    # moving ranges: ten 2s and |40-10| = 30 -> mMR = (20 + 30) / 11 = 50 / 11 = 4.545455
    # screening: 3.267 * 4.545455 = 14.85 -> 30 is dropped; mMR = 20 / 10 = 2
    # screened limits: 13.333333 +/- 2.66 * 2 = 13.333333 +/- 5.32 -> 18.653333 and 8.013333
    values = [10, 12] * 5 + [10, 40]
    plain = analyse(values)
    assert plain.mean_moving_range == pytest.approx(4.545455, abs=1e-6)
    assert plain.screened_out == []
    screened = analyse(values, screen_outliers=True)
    assert screened.mean == pytest.approx(13.333333, abs=1e-6)
    assert screened.mean_moving_range == pytest.approx(2)
    assert screened.upper_limit == pytest.approx(18.653333, abs=1e-6)
    assert screened.lower_limit == pytest.approx(8.013333, abs=1e-6)
    assert screened.screened_out == [11]


def test_outlier_screening_keeps_ranges_at_or_below_the_ceiling():
    # BASE: every moving range is 4 and 4 <= 3.267 * 4, so nothing is dropped.
    assert analyse(BASE, screen_outliers=True).mean_moving_range == pytest.approx(4)


# --- shift ---------------------------------------------------------------------------------


def test_shift_of_seven_above_mean_is_flagged():
    # Locked BASE (mean 50, two-thirds line 57.09): 52,53,52,53,52,53,52 are 7 points above
    # the mean, inside the two-thirds line, alternating (no trend) -> shift high at 12..18.
    result = analyse([*BASE, 52, 53, 52, 53, 52, 53, 52], baseline=12)
    assert flagged(result) == {i: [("shift", "high")] for i in range(12, 19)}


def test_six_above_mean_is_not_a_shift():
    # Only 6 above the mean (indices 12..17), then 48 below it: no flag at all.
    result = analyse([*BASE, 52, 53, 52, 53, 52, 53, 48], baseline=12)
    assert flagged(result) == {}


def test_shift_below_and_above_without_locked_baseline():
    # 1,3,1,3,1,3,1 then 5,6,5,6,5,6,5: sum = 13 + 38 = 51; mean = 51 / 14 = 3.642857
    # moving ranges: six 2s, |5-1| = 4, six 1s -> mMR = (12 + 4 + 6) / 13 = 22 / 13 = 1.692308
    # two-thirds lines: 3.642857 +/- 1.773333 * 1.692308 = 3.642857 +/- 3.001026
    #   -> 6.643883 and 0.641832: no point beyond them; limits 8.144396 and -0.858681.
    # Indices 0..6 are all below 3.64 (shift low); 7..13 all above (shift high).
    result = analyse([1, 3, 1, 3, 1, 3, 1, 5, 6, 5, 6, 5, 6, 5])
    assert result.mean == pytest.approx(3.642857, abs=1e-6)
    assert result.mean_moving_range == pytest.approx(1.692308, abs=1e-6)
    expected = {i: [("shift", "low")] for i in range(7)}
    expected.update({i: [("shift", "high")] for i in range(7, 14)})
    assert flagged(result) == expected


def test_point_on_the_mean_breaks_a_shift():
    # 4 above, one exactly on the mean (50), 4 above: no run of 7.
    result = analyse([*BASE, 52, 53, 52, 53, 50, 52, 53, 52, 53], baseline=12)
    assert flagged(result) == {}


def test_run_length_setting_applies_to_shift():
    # The same 6 points above the mean do make a shift when run_length=6.
    result = analyse([*BASE, 52, 53, 52, 53, 52, 53, 48], baseline=12, run_length=6)
    assert flagged(result) == {i: [("shift", "high")] for i in range(12, 18)}


# --- trend ---------------------------------------------------------------------------------

# 10,14 x3 then a run: sum = 72 + (9+10+11+12+13+14+15) + 12 = 72 + 84 + 12 = 168 -> mean 12
# moving ranges: five 4s, |9-14| = 5, six 1s, |12-15| = 3 -> mMR = (20 + 5 + 6 + 3) / 13 = 34 / 13
#   = 2.615385; two-thirds lines 12 +/- 1.773333 * 2.615385 = 12 +/- 4.637949 -> 16.64, 7.36:
#   no point beyond them; the run crosses the mean, so no shift.
RISING = [10, 14, 10, 14, 10, 14, 9, 10, 11, 12, 13, 14, 15, 12]


def test_seven_point_rising_trend():
    result = analyse(RISING)
    assert result.mean == pytest.approx(12)
    assert result.mean_moving_range == pytest.approx(2.615385, abs=1e-6)
    assert flagged(result) == {i: [("trend", "high")] for i in range(6, 13)}


def test_seven_point_falling_trend():
    # Mirror image around 12 (x -> 24 - x): same mean 12 and mMR, trend low at 6..12.
    result = analyse([24 - x for x in RISING])
    assert result.mean == pytest.approx(12)
    assert flagged(result) == {i: [("trend", "low")] for i in range(6, 13)}


def test_equal_neighbour_breaks_a_trend():
    # 9,10,11,12,12,13,14,15: 12 = 12 splits it into two runs of 4 points -> no trend.
    values = [10, 14, 10, 14, 10, 14, 9, 10, 11, 12, 12, 13, 14, 15]
    assert flagged(analyse(values)) == {}
    # With run_length=4 both halves count: 9,10,11,12 (6..9) and 12,13,14,15 (10..13).
    assert flagged(analyse(values, run_length=4)) == {
        **{i: [("trend", "high")] for i in range(6, 10)},
        **{i: [("trend", "high")] for i in range(10, 14)},
    }


def test_six_point_trend_is_not_flagged():
    # 9..14 is 6 points rising; then 13 falls. run_length 7 -> nothing.
    values = [10, 14, 10, 14, 10, 14, 9, 10, 11, 12, 13, 14, 13]
    assert flagged(analyse(values), "trend") == {}


# --- two of three --------------------------------------------------------------------------


def test_two_of_three_beyond_two_thirds_on_same_side():
    # Locked BASE: upper two-thirds line 57.093. 58, 51, 59: 58 and 59 are beyond it, 51 is not.
    # Only the two points beyond the line are flagged (12 and 14), not 51 (13).
    result = analyse([*BASE, 58, 51, 59, 50], baseline=12)
    assert flagged(result) == {12: [("two_of_three", "high")], 14: [("two_of_three", "high")]}


def test_two_of_three_flags_the_third_when_it_is_beyond_too():
    # 58, 59, 60 are all beyond 57.093 (and under the limit 60.64): all three flagged.
    result = analyse([*BASE, 58, 59, 60], baseline=12)
    assert flagged(result, "two_of_three") == {i: [("two_of_three", "high")] for i in (12, 13, 14)}


def test_two_of_three_low_side():
    # 42 and 41 are below the lower two-thirds line 42.907 and above the limit 39.36.
    result = analyse([*BASE, 42, 48, 41], baseline=12)
    assert flagged(result) == {12: [("two_of_three", "low")], 14: [("two_of_three", "low")]}


def test_two_beyond_two_thirds_on_opposite_sides_is_not_flagged():
    # 58 is beyond the upper line (57.093), 42 beyond the lower (42.907): opposite sides.
    result = analyse([*BASE, 58, 50, 42], baseline=12)
    assert flagged(result) == {}


# --- two-sigma variant ---------------------------------------------------------------------


def test_two_sigma_flags_a_single_point():
    # 2 sigma = 2 * (2.66 / 3) * 4 = 7.093333 -> line 57.093333 (same as the two-thirds line).
    # A single 58 is beyond it: flagged only when the setting is on.
    values = [*BASE, 58]
    assert flagged(analyse(values, baseline=12)) == {}
    on = analyse(values, baseline=12, two_sigma=True)
    assert flagged(on) == {12: [("two_sigma", "high")]}
    assert on.variation == "neutral_high"


def test_several_flags_on_one_point():
    # 61 is beyond the limit 60.64 and, with 58 before it, two of three beyond 57.093.
    result = analyse([*BASE, 58, 61], baseline=12, two_sigma=True)
    assert result.points[13].flags == [
        Flag("outside_limits", "high"),
        Flag("two_of_three", "high"),
        Flag("two_sigma", "high"),
    ]


# --- icons ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "icon"),
    [("higher", "improvement"), ("lower", "concern"), ("none", "neutral_high")],
)
def test_variation_icon_high_special_cause(polarity, icon):
    # Latest point 70 is outside the upper limit (see test_point_13_jumps_outside_upper_limit).
    assert analyse([*BASE, 70], polarity=polarity).variation == icon


@pytest.mark.parametrize(
    ("polarity", "icon"),
    [("higher", "concern"), ("lower", "improvement"), ("none", "neutral_low")],
)
def test_variation_icon_low_special_cause(polarity, icon):
    # BASE + [30]: mean = 630 / 13 = 48.461538; mMR = (44 + |30-46|) / 12 = 60 / 12 = 5
    # LPL = 48.461538 - 2.66 * 5 = 48.461538 - 13.3 = 35.161538; 30 is below it.
    result = analyse([*BASE, 30], polarity=polarity)
    assert result.lower_limit == pytest.approx(35.161538, abs=1e-6)
    assert flagged(result) == {12: [("outside_limits", "low")]}
    assert result.variation == icon


@pytest.mark.parametrize("polarity", ["higher", "lower", "none"])
def test_variation_icon_common_cause(polarity):
    assert analyse(BASE, polarity=polarity).variation == "common_cause"


def test_variation_icon_reads_only_the_latest_point():
    # 70 is outside the limits but the latest point, 52, has no flag.
    assert analyse([*BASE, 70, 52], baseline=12, polarity="higher").variation == "common_cause"


def test_variation_icon_conflicting_directions_follow_side_of_mean():
    # Locked BASE (mean 50, lower two-thirds 42.907): 43..49 are 7 points below the mean
    # (shift low) and 7 rising (trend high). The latest point, 49, is below the mean -> low.
    result = analyse([*BASE, 43, 44, 45, 46, 47, 48, 49], baseline=12, polarity="higher")
    assert result.points[18].flags == [Flag("shift", "low"), Flag("trend", "high")]
    assert result.variation == "concern"


def test_variation_icon_trend_ending_on_the_mean_follows_the_trend():
    # Locked BASE: 44..50 rise for 7 points; the latest, 50, is exactly on the mean, so its only
    # flag is the rising trend (46, 44..49 are a low shift at 11..17, broken by 50) -> high.
    result = analyse([*BASE, 44, 45, 46, 47, 48, 49, 50], baseline=12, polarity="higher")
    assert result.points[18].flags == [Flag("trend", "high")]
    assert flagged(result, "shift") == {i: [("shift", "low")] for i in range(11, 18)}
    assert result.variation == "improvement"


@pytest.mark.parametrize(
    ("polarity", "target", "icon"),
    [
        # BASE limits are 39.36 and 60.64.
        ("higher", 35, "consistently_pass"),  # below the lower limit: every value passes
        ("higher", 65, "consistently_fail"),  # above the upper limit: every value fails
        ("higher", 55, "hit_and_miss"),
        ("higher", 60.64, "hit_and_miss"),  # on the limit is not outside it
        ("lower", 35, "consistently_fail"),
        ("lower", 65, "consistently_pass"),
        ("lower", 45, "hit_and_miss"),
        ("none", 65, None),
    ],
)
def test_assurance_icon(polarity, target, icon):
    assert analyse(BASE, polarity=polarity, target=target).assurance == icon


def test_no_assurance_icon_without_target():
    assert analyse(BASE, polarity="higher").assurance is None


# --- missing values ------------------------------------------------------------------------


def test_missing_values_are_kept_as_null_and_not_counted():
    # BASE with a gap after 54: the neighbours 54 and 50 still give a moving range of 4, so the
    # mean (600 / 12 = 50), mMR (44 / 11 = 4) and the 12-value count match BASE. Read as zero,
    # the mean would have been 600 / 13 = 46.15.
    values = [50, 54, None, *BASE[2:]]
    result = analyse(values)
    assert result.mean == pytest.approx(50)
    assert result.mean_moving_range == pytest.approx(4)
    assert result.baseline_values == 12
    assert result.trial_limits is False
    gap = result.points[2]
    assert (gap.index, gap.value, gap.moving_range, gap.flags) == (2, None, None, [])
    assert result.points[3].moving_range == pytest.approx(4)
    assert len(result.points) == 13


def test_missing_value_counts_toward_trial_limits_as_nothing():
    # 11 numbers and one gap: only 11 values in the baseline -> trial.
    assert analyse([*BASE[:11], None]).trial_limits is True


def test_locked_baseline_counts_positions_including_gaps():
    # baseline=13 covers 13 positions, one of them missing -> 12 values, mean 50, not trial.
    result = analyse([50, 54, None, *BASE[2:], 70], baseline=13)
    assert result.baseline_values == 12
    assert result.mean == pytest.approx(50)
    assert result.trial_limits is False
    assert flagged(result) == {13: [("outside_limits", "high")]}


def test_missing_value_breaks_neither_shift_nor_trend():
    # Shift: 7 values above the mean with a gap among them -> positions 12,13,15..19 flagged.
    shift = analyse([*BASE, 52, 53, None, 52, 53, 52, 53, 52], baseline=12)
    assert flagged(shift) == {i: [("shift", "high")] for i in (12, 13, 15, 16, 17, 18, 19)}
    # Trend: RISING with a gap between 10 and 11; the 7 rising values are still a trend.
    trend = analyse([*RISING[:8], None, *RISING[8:]])
    assert flagged(trend) == {i: [("trend", "high")] for i in (6, 7, 9, 10, 11, 12, 13)}


def test_latest_missing_value_reads_icon_from_latest_present_value():
    assert analyse([*BASE, 70, None], polarity="higher").variation == "improvement"


# --- output and validation -----------------------------------------------------------------


def test_as_dict_is_json_ready():
    data = json.loads(json.dumps(analyse([*BASE, None, 70], polarity="higher").as_dict()))
    assert data["mean"] == pytest.approx(670 / 13)
    assert data["points"][12] == {
        "index": 12,
        "value": None,
        "moving_range": None,
        "in_baseline": True,
        "flags": [],
    }
    assert data["points"][13]["flags"] == [{"rule": "outside_limits", "direction": "high"}]
    assert data["variation"] == "improvement"


def test_result_is_frozen():
    result = analyse(BASE)
    with pytest.raises(AttributeError):
        result.mean = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("values", "options"),
    [
        ([1], {}),
        ([1, None, None], {}),
        ([1, "2", 3], {}),
        ([1, float("nan"), 3], {}),
        ([1, 2, 3], {"polarity": "up"}),
        ([1, 2, 3], {"baseline": 1}),
        ([1, 2, 3], {"run_length": 1}),
        ([1, None, 3, 4], {"baseline": 2}),  # only one value in the baseline
    ],
)
def test_bad_input_raises_value_error(values, options):
    with pytest.raises(ValueError):
        analyse(values, **options)
