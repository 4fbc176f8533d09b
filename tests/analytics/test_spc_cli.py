"""Tests for the ``assure spc`` command (analytics.spc_cli.main)."""

import json

import pytest

from analytics.spc_cli import main

# 50,54,50,46 x3 then 70: mean = 670 / 13 = 51.538462; mMR = (11 * 4 + 24) / 12 = 5.666667;
# UPL = 51.538462 + 2.66 * 5.666667 = 66.611795 -> 70 (index 12) is outside, high.
SERIES = ",".join(["50,54,50,46"] * 3 + ["70"])


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_json_for_a_series(capsys):
    code, out, err = run(capsys, "--values", SERIES, "--polarity", "higher", "--target", "40")
    assert code == 0
    assert err == ""
    assert out.startswith('{\n  "mean": ')  # indent 2
    data = json.loads(out)
    assert data["mean"] == pytest.approx(51.538462, abs=1e-6)
    assert data["mean_moving_range"] == pytest.approx(5.666667, abs=1e-6)
    assert data["upper_limit"] == pytest.approx(66.611795, abs=1e-6)
    assert data["lower_limit"] == pytest.approx(36.465128, abs=1e-6)
    assert data["trial_limits"] is False
    assert data["variation"] == "improvement"
    assert data["assurance"] == "hit_and_miss"  # 40 lies between 36.47 and 66.61
    assert len(data["points"]) == 13
    assert data["points"][12]["flags"] == [{"rule": "outside_limits", "direction": "high"}]
    assert all(point["flags"] == [] for point in data["points"][:12])


def test_settings_are_passed_through(capsys):
    # --baseline 12 locks mean 50 and mMR 4 (UPL 60.64); 58 alone is beyond 2 sigma (57.09).
    values = ",".join(["50,54,50,46"] * 3 + ["58"])
    code, out, _ = run(
        capsys, "--values", values, "--baseline", "12", "--two-sigma", "--run-length", "5"
    )
    assert code == 0
    data = json.loads(out)
    assert data["mean"] == pytest.approx(50)
    assert data["upper_limit"] == pytest.approx(60.64)
    assert data["run_length"] == 5
    assert data["two_sigma"] is True
    assert data["points"][12]["flags"] == [{"rule": "two_sigma", "direction": "high"}]
    assert data["variation"] == "neutral_high"
    assert data["assurance"] is None


def test_screen_outliers_flag(capsys):
    # 10,12 x5, 10, 40: mMR 50 / 11 = 4.545 -> 30 > 3.267 * 4.545 = 14.85 is dropped -> mMR 2.
    values = ",".join(["10,12"] * 5 + ["10", "40"])
    code, out, _ = run(capsys, "--values", values, "--screen-outliers")
    assert code == 0
    data = json.loads(out)
    assert data["mean_moving_range"] == pytest.approx(2)
    assert data["screened_out"] == [11]


def test_blank_and_na_are_missing_not_zero(capsys):
    # 12, 15, 11 are the values: mean = 38 / 3 = 12.666667; moving ranges 3 and 4 -> mMR 3.5.
    code, out, _ = run(capsys, "--values", "12,,15, n/a ,11")
    assert code == 0
    data = json.loads(out)
    assert data["mean"] == pytest.approx(12.666667, abs=1e-6)
    assert data["mean_moving_range"] == pytest.approx(3.5)
    assert data["trial_limits"] is True
    assert [p["value"] for p in data["points"]] == [12.0, None, 15.0, None, 11.0]
    assert data["points"][1] == {
        "index": 1,
        "value": None,
        "moving_range": None,
        "in_baseline": True,
        "flags": [],
    }


def test_non_number_exits_2_with_clear_message(capsys):
    code, out, err = run(capsys, "--values", "1,x,3")
    assert code == 2
    assert out == ""
    assert err == (
        "assure spc: error: --values item 2 is not a number: 'x' "
        "(use an empty item or n/a for a missing value)\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--values", "5"], "at least 2 numbers"),
        (["--values", ""], "at least 2 numbers"),
        (["--values", "5,,n/a"], "at least 2 numbers"),
        (["--values", "1,nan,3"], "item 2 is not a number: 'nan'"),
        (["--values", "1,inf,3"], "item 2 is not a number: 'inf'"),
        (["--values", "1,2,3", "--polarity", "up"], "invalid choice: 'up'"),
        (["--values", "1,2,3", "--target", "high"], "argument --target"),
        (["--values", "1,2,3", "--baseline", "1"], "baseline must be at least 2"),
        (["--values", "1,2,3", "--run-length", "1"], "run_length must be at least 2"),
        ([], "--values"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.startswith("assure spc: error: ")
    assert err.count("\n") == 1


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "--screen-outliers" in out
