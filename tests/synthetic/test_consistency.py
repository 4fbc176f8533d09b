"""Internal consistency of a simulated authority: the things a person checking the data (or
the Department's rules) would catch."""

from __future__ import annotations

import re

import numpy as np

from analytics.synthetic import cin_census, workdays, world
from analytics.synthetic.frame import birthday
from analytics.validation.values import UPN_LETTERS


def test_episodes_of_a_period_are_contiguous_and_start_with_s(torbay_world):
    e = torbay_world.episodes.sorted("period", "decom")
    same = e["period"][1:] == e["period"][:-1]
    assert (e["dec"] > e["decom"]).all(), "an episode must last at least a day"
    assert (e["dec"][:-1][same] == e["decom"][1:][same]).all(), "gaps or overlaps"
    first = np.concatenate([[True], ~same])
    assert set(e["rne"][first]) == {"S"}
    assert set(e["rne"][~first]) <= {"P", "L"}
    assert set(e["rec"][:-1][same]) == {"X1"}


def test_periods_of_a_child_never_overlap_and_end_by_18(torbay_world):
    p = torbay_world.periods.sorted("child", "start")
    same = p["child"][1:] == p["child"][:-1]
    assert (p["start"][1:][same] > p["end"][:-1][same]).all()
    adult = birthday(torbay_world.children["dob"][p["child"]], 18)
    assert (p["end"] <= adult).all()


def test_conferences_are_on_working_days_and_plans_start_at_them(torbay_world):
    cin = torbay_world.cin
    held = ~np.isnat(cin["icpc"])
    assert workdays.is_working(cin["icpc"][held]).all() if hasattr(workdays, "is_working") else True
    assert np.is_busday(cin["icpc"][held], busdaycal=workdays.calendar()).all()
    planned = ~np.isnat(cin["cpp_start"])
    assert (cin["cpp_start"][planned] == cin["icpc"][planned]).all()
    gap = workdays.between(cin["s47"][held], cin["icpc"][held])
    assert gap.min() >= 3 and np.median(gap) <= 15


def test_dates_follow_the_order_of_a_journey(torbay_world):
    cin = torbay_world.cin
    assessed = ~np.isnat(cin["a_start"])
    assert (cin["a_start"][assessed] >= cin["ref"][assessed]).all()
    assert (cin["a_end"][assessed] > cin["a_start"][assessed]).all()
    closed = ~np.isnat(cin["close"])
    assert (cin["close"][closed] >= cin["ref"][closed]).all()
    same_child = cin["child"][1:] == cin["child"][:-1]
    assert (cin["ref"][1:][same_child] > cin["close"][:-1][same_child]).all(), (
        "CIN episodes overlap"
    )


def test_missing_episodes_fall_inside_care_and_interviews_after_return(torbay_world):
    m = torbay_world.missing
    assert (m["end"] >= m["start"]).all()
    held = ~np.isnat(m["rhi_held"])
    assert (m["rhi_held"][held] >= m["end"][held]).all()
    assert not (m["rhi_accepted"] & ~m["rhi_offered"]).any()


def test_working_days_skip_england_bank_holidays():
    # Friday 18 April 2025 (Good Friday) and Monday 21 April (Easter Monday) are holidays.
    thursday = np.array(["2025-04-17"], dtype="datetime64[D]")
    assert workdays.add(thursday, 1)[0] == np.datetime64("2025-04-22")
    assert workdays.between(thursday, np.array(["2025-04-22"], dtype="datetime64[D]"))[0] == 1


def test_pupil_numbers_carry_the_departments_check_letter(torbay_world):
    """Each digit times its place (2 to 13), summed, modulo 23, read in the Department's 23
    letters (`values.UPN_LETTERS`): worked out here digit by digit, apart from the rule the
    generator and the validation share (`values.upn_check_letters`)."""
    upns = [str(upn) for upn in torbay_world.children["upn"]]
    assert [len(upn) for upn in upns] == [13] * len(upns)
    for upn in upns:
        total = sum(int(digit) * place for digit, place in zip(upn[1:], range(2, 14), strict=True))
        assert upn[0] == UPN_LETTERS[total % 23], upn
    assert len(set(upns)) == len(upns)


def test_a_upn_carries_the_authority_that_allocated_it(tmp_path):
    """Westmorland and Furness (943) was made from Cumbria (909) on 1 April 2023: its
    2022-23 census, a year before it existed, has Cumbria's UPNs only, and 2023-24's has
    its own for children first known since (the Department's rule 1530 of 2022-23 rejects
    943)."""
    made = world.simulate("943", 2024, 2, seed=11)
    codes = {}
    for year in (2023, 2024):
        cin_census.write(made, year, tmp_path / f"{year}.xml")
        upns = re.findall(r"<UPN>(.{13})</UPN>", (tmp_path / f"{year}.xml").read_text())
        codes[year] = {upn[1:4] for upn in upns}
    assert codes == {2023: {"909"}, 2024: {"909", "943"}}
