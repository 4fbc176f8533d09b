"""The generated authorities look like the published ones: volumes and rates of the last
year within a stated tolerance of the Department's figures for Torbay and Stockton; a
calibration round is judged, and its knobs moved, by the whole number looked after; and
periods of care end as England's do (babies come into care near birth, longer stays are
more children staying until 18, and a stay until 18 ends on the 18th birthday)."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.synthetic import calibration, care, measure, referrals, stability, world
from analytics.synthetic.calibration import authority, profile
from analytics.synthetic.frame import Frame, birthday

YEAR = 2025
# The counts the Department publishes by authority that it suppresses when small.
SUPPRESSIBLE = {
    *("referrals", "cin_starts", "cin_at31", "cpp_starts", "cpp_at31"),
    *("cla_at31", "cla_starts", "cla_ceased"),
}
START, END = np.datetime64(f"{YEAR - 1}-04-01"), np.datetime64(f"{YEAR}-03-31")


def measured(w) -> dict[str, float]:
    cin = w.cin
    in_year = (cin["ref"] >= START) & (cin["ref"] <= END)
    rows = np.flatnonzero(in_year)
    previous = _previous_referral(cin)
    rereferred = ((cin["ref"] - previous).astype(int) <= 365)[rows]
    plans = (cin["cpp_start"] >= START) & (cin["cpp_start"] <= END)
    three, stable = stability.measures(w.episodes, w.children, YEAR)
    return {
        "referrals": in_year.sum(),
        "rereferral_pct": 100 * rereferred.mean(),
        "cla_at31": care.stock(w.periods["start"], w.periods["end"], END),
        "cpp_starts": plans.sum(),
        "cpp_second_pct": 100 * (cin["previous_cpp"][plans] > 0).mean(),
        "three_placements_pct": 100 * three,
        "long_term_stable_pct": 100 * stable,
        "cla_starts": ((w.periods["start"] >= START) & (w.periods["start"] <= END)).sum(),
    }


def _previous_referral(cin) -> np.ndarray:
    """Each referral's previous referral date for the same child (far past if none)."""
    previous = np.full(len(cin), np.datetime64("1900-01-01"))
    same = cin["child"][1:] == cin["child"][:-1]
    previous[1:][same] = cin["ref"][:-1][same]
    return previous


# figure -> (relative tolerance for counts, or absolute percentage points for rates)
TOLERANCE = {
    "referrals": 0.15,
    "cla_at31": 0.12,
    "cpp_starts": 0.25,
    "cla_starts": 0.3,
    "rereferral_pct": 7,
    "cpp_second_pct": 8,
    "three_placements_pct": 7,
    "long_term_stable_pct": 20,
}


@pytest.mark.parametrize("which", ["torbay_world", "stockton_world"])
def test_last_year_matches_the_published_figures(which, request):
    w = request.getfixturevalue(which)
    published = profile(w.authority.code, YEAR)
    got = measured(w)
    misses = []
    for name, tolerance in TOLERANCE.items():
        want = getattr(published, name)
        off = (
            abs(got[name] - want) / want
            if name in ("referrals", "cla_at31", "cpp_starts", "cla_starts")
            else abs(got[name] - want)
        )
        if off > tolerance:
            misses.append(f"{name}: generated {got[name]:.1f}, published {want:.1f}")
    assert not misses, f"{w.authority.name}: " + "; ".join(misses)


def test_before_the_first_year_published_the_stock_is_walked_back_from_its_flows():
    first = profile("336", 2016)  # Wolverhampton: 654 looked after, 132 started, 254 ceased
    assert (first.cla_at31, first.cla_starts, first.cla_ceased) == (654, 132, 254)
    before = profile("336", 2015)
    assert before.cla_at31 == 654 - 132 + 254
    assert before.cla_starts == before.cla_ceased == 254  # a stock held steady
    assert {"cla_at31", "cla_starts", "cla_ceased"} <= before.estimated
    assert profile("336", 2012).cla_at31 == 776


def test_rate_per_10000_children_is_the_published_rate(torbay_world):
    published = profile("880", YEAR)
    got = care.stock(torbay_world.periods["start"], torbay_world.periods["end"], END)
    rate = 10_000 * got / published.population
    assert abs(rate - published.cla_rate) <= 0.12 * published.cla_rate


def test_referrals_follow_each_years_published_volume(torbay_world):
    for year in torbay_world.years:
        start, end = np.datetime64(f"{year - 1}-04-01"), np.datetime64(f"{year}-03-31")
        count = ((torbay_world.cin["ref"] >= start) & (torbay_world.cin["ref"] <= end)).sum()
        assert abs(count - profile("880", year).referrals) <= 0.15 * profile("880", year).referrals


def test_a_gap_in_the_published_figures_falls_back_and_is_reported():
    # Torbay's plans lasting two years or more were suppressed ("c") for 2025.
    p = profile("880", 2025)
    assert "cpp_2years_pct" in p.estimated
    assert p.cpp_2years_pct > 0
    assert referrals.year_of(
        np.array(["2025-03-31", "2025-04-01"], dtype="datetime64[D]")
    ).tolist() == [2025, 2026]


def test_no_count_of_one_to_five_is_published_so_a_suppressed_one_is_held_there():
    """The Department publishes no count of one to five by authority: such a count is "c". The
    City of London's plans at 31 March 2025 are "c" where 2023's were 0, its children looked
    after "c" where 2024's were 7: the nearest year's figure is held in one to five."""
    published = [
        value
        for (where, _, name), value in calibration._published().items()
        if where != calibration.ENGLAND and name in SUPPRESSIBLE
    ]
    assert len(published) > 10_000
    assert not [value for value in published if 0 < value < 6]
    city = profile("201", 2025)
    assert {"cpp_at31", "cla_at31", "cpp_starts"} <= city.suppressed <= city.estimated
    assert (city.cpp_at31, city.cla_at31, city.cpp_starts) == (1, 5, 5)
    assert not profile("880", 2025).suppressed


def test_a_suppressed_count_is_matched_by_one_to_five_in_the_round_kept_and_its_report():
    profiles = world._profiles("201", [YEAR])
    target, suppressed = (
        world._targets(profiles, [YEAR]),
        world._suppressed_targets(profiles, [YEAR]),
    )
    plans = f"cpp_at31_{YEAR}"
    assert plans in suppressed
    for count, matched in ((0, False), (1, True), (5, True), (6, False)):
        row = measure.Row("201", "City of London", YEAR, "cpp_at31", count, 1.0, True, True)
        assert row.within is row.near is matched
        assert (world._miss(target, {**target, plans: count}, suppressed).outside == 0) is matched


def test_a_count_published_as_none_is_matched_by_none_and_its_knob_shrinks_till_then():
    # The City of London had no child on a protection plan at 31 March 2023: a round with
    # one was not judged on it at all, and the knob for the length of a plan never moved.
    profiles = world._profiles("201", [2023])
    target, suppressed = (
        world._targets(profiles, [2023]),
        world._suppressed_targets(profiles, [2023]),
    )
    plans = "cpp_at31_2023"
    assert target[plans] == 0 and plans not in suppressed
    one = world._miss(target, {**target, plans: 1}, suppressed)
    assert one.outside == 1 and one.chance == 2  # one child beyond none
    assert world._miss(target, {**target, plans: 0}, suppressed).within
    cal = care.Calibration()
    world._adjust(cal, target, {**target, plans: 2})
    assert cal.plan_scale[2023] < 1
    before = cal.plan_scale[2023]
    world._adjust(cal, target, target)
    assert cal.plan_scale[2023] == before


def _hampshire_targets() -> dict[str, float]:
    return world._targets(world._profiles("850", [YEAR]), [YEAR])


def test_looked_after_children_are_held_as_a_whole_not_split_by_uasc():
    # Hampshire's unaccompanied children at 31 March (307 and 181 in 2024 and 2025) are more
    # than its unaccompanied arrivals of three years, who come at 16 or 17: out of reach.
    target = _hampshire_targets()
    short = {**target, "uasc_at31": target["uasc_at31"] - 400}
    made_up = {**short, "other_at31": target["other_at31"] + 400}
    assert world._miss(target, made_up) < (0, 1.0, 0, 0, 0.01)  # within chance and 10% of each
    assert world._miss(target, short).outside == 1  # outside what chance allows


def test_of_two_rounds_within_chance_the_one_within_10_percent_of_every_figure_is_kept():
    """Chance allows a small figure more than 10% (Torbay's 95 starts in 2025: 19 either
    way): a round 15 off them, with the rest exact, was kept over one within 10% of
    everything, whose children in need were 9% off (nearer 10% than 15 is to 19). Now the
    round within 10% of every figure is kept."""
    target = world._targets(world._profiles("880", [YEAR]), [YEAR])
    starts, in_need = f"starts_{YEAR}", f"cin_at31_{YEAR}"
    chance_off = {**target, starts: target[starts] + 15}
    within_tenth = {**target, in_need: target[in_need] * 1.09}
    assert world._miss(target, chance_off)[:3] == (0, 1.0, 1)  # within chance, one 16% off
    assert world._miss(target, within_tenth).within
    assert world._miss(target, within_tenth) < world._miss(target, chance_off)


def test_starts_are_held_to_a_tenth_of_the_published_starts_unaccompanied_included():
    """Windsor and Maidenhead's 57 starts in 2025 are 43 other children and 14 unaccompanied,
    a fixed count of arrivals. Eight more of the others is 14% more starts: the 43 alone are
    under 50 and were held to chance only, so such a round could be kept. The others alone
    are the aim of a knob: twenty more of them with the year's starts as published (fewer
    unaccompanied) is no miss."""
    target = world._targets(world._profiles("868", [YEAR]), [YEAR])
    others, starts = f"other_starts_{YEAR}", f"starts_{YEAR}"
    assert target[others] < world.TENTH_FROM <= target[starts]
    eight_more = {**target, others: target[others] + 8, starts: target[starts] + 8}
    assert world._miss(target, eight_more)[:3] == (0, 1.0, 1)
    assert world._miss(target, {**target, others: target[others] + 20}).within


def test_a_figure_under_50_outside_10_percent_weighs_less_than_one_of_50_or_more():
    """10% of Rutland's 10 children ceasing care in 2025 is one child: three more is within
    chance (twice the square root, six) but not within 10%, so more rounds are run for one
    within 10% of every figure; a round with a figure of 50 or more outside 10% is worse."""
    target = world._targets(world._profiles("857", [YEAR]), [YEAR])
    ceased, referred = f"ceased_{YEAR}", "referrals"
    assert target[ceased] < world.TENTH_FROM <= target[referred]
    three_more = world._miss(target, {**target, ceased: target[ceased] + 3})
    assert three_more[:4] == (0, 1.0, 0, 1)
    assert world._miss(target, {**target, ceased: target[ceased] + 1}).within
    tenth_off = world._miss(target, {**target, referred: round(target[referred] * 1.12)})
    assert three_more < tenth_off


def test_a_figure_no_round_reaches_does_not_alone_choose_the_round_kept():
    """Wakefield published 2,243 children in need at 31 March 2016 with 12,209 referrals; no
    round comes within 30% of it. The round nearest it was kept, with its plans at 31 March
    23% short, over rounds holding every other figure."""
    target = world._targets(world._profiles("384", [2016]), [2016])
    in_need, on_plans = "cin_at31_2016", "cpp_at31_2016"
    assert target[in_need] == 2243
    holding = {**target, in_need: 3050}
    nearer = {**target, in_need: 2950, on_plans: round(target[on_plans] * 0.77)}
    assert world._miss(target, holding).outside == 1
    assert world._miss(target, nearer).outside == 2
    assert world._miss(target, holding).chance > world._miss(target, nearer).chance
    assert world._miss(target, holding) < world._miss(target, nearer)


def test_plans_beyond_every_conference_bring_more_conferences_and_leave_the_rest_alone():
    conference, plan = np.array([0.6, 0.6, 0.9]), np.array([0.5, 0.97, 0.97])
    reached, planned = world._plans(conference, plan, 1.2)
    # below every conference leading to a plan: the shares as they were, to the last bit
    assert (reached[0], planned[0]) == (0.6, 0.5 * 1.2)
    # beyond it: every conference leads to a plan, and more enquiries reach one
    assert planned[1] == 1.0 and reached[1] == pytest.approx(0.6 * 0.97 * 1.2)
    # never more conferences than enquiries
    assert reached[2] == 1.0
    assert (reached[:2] * planned[:2]) == pytest.approx(conference[:2] * plan[:2] * 1.2)


def test_rounds_go_on_longer_where_only_figures_under_50_miss_10_percent():
    within, small_miss = world.Miss(0, 1.0, 0, 0, 0.5), world.Miss(0, 1.0, 0, 1, 0.5)
    large_miss, outside_chance = world.Miss(0, 1.0, 1, 0, 1.2), world.Miss(1, 2.0, 0, 0, 0.5)
    assert world._another(world.CALIBRATION_ROUNDS - 1, within)
    assert not world._another(world.CALIBRATION_ROUNDS, within)
    for miss in (small_miss, large_miss, outside_chance):
        assert world._another(world.MAX_ROUNDS - 1, miss)
    assert world._another(world.MAX_ROUNDS, small_miss)
    assert world._another(world.SMALL_ROUNDS - 1, small_miss)
    assert not world._another(world.MAX_ROUNDS, large_miss)
    assert not world._another(world.MAX_ROUNDS, outside_chance)
    # an authority with few referrals runs them whatever misses: its rounds are quick
    assert world._another(world.SMALL_ROUNDS - 1, outside_chance, quick=True)
    assert not world._another(world.SMALL_ROUNDS, outside_chance, quick=True)


def test_every_unaccompanied_arrival_comes_into_care():
    # Half of Kensington and Chelsea's referrals of 2016 ended with no further action, and so
    # did half its unaccompanied arrivals: 17 of the 33 never came into care, and the year's
    # starts fell short of the published by them.
    profiles = world._profiles("207", [2016])
    kids, cin = world._journeys(authority("207"), profiles, [2016], 1, care.Calibration())
    arrived = np.flatnonzero(kids["uasc"])
    assert len(arrived) > 50
    assert set(arrived) <= set(cin["child"][cin["care"]])


def test_other_children_stay_longer_where_the_unaccompanied_fall_short():
    target = _hampshire_targets()
    got = {**target, "uasc_at31": target["uasc_at31"] - 180}
    cal = care.Calibration()
    world._adjust(cal, target, got)
    assert cal.length_scale > 1.05  # the other children's own published number is met
    assert cal.uasc_stay > 1


def _coming_into_care(start: np.datetime64, n: int) -> Frame:
    """`n` referrals of the children 0 to n - 1 leading into care on `start`, no plan."""
    nat = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    return Frame(
        child=np.arange(n),
        ref=np.full(n, start - 20),
        care=np.ones(n, bool),
        care_start=np.full(n, start),
        cpp_start=nat,
        cpp_end=nat,
        a_end=np.full(n, start - 5),
        icpc=nat,
        close=nat,
        reason=np.full(n, "", dtype="<U3"),
    )


def test_a_stay_reaching_eighteen_ends_there_whatever_its_route():
    # Children of 4 and 11 coming into care where stays are five times the routes' lengths:
    # many reach 18, and none of those may leave by adoption or an order (an adoptive
    # placement at 17 ended at 18 without adoption is the Department's rule 557).
    n = 2000
    rng = np.random.default_rng(1)
    start = np.datetime64("2015-06-01")
    dob = start - np.where(np.arange(n) % 2 == 0, 4 * 365, 11 * 365).astype("timedelta64[D]")
    ep = _coming_into_care(start, n)
    kids = Frame(dob=dob, uasc=np.zeros(n, bool))
    cal = care.Calibration(length_scale=5.0)
    world._care_outcomes(
        rng, ep, kids, {2015: profile("880", 2016), 2016: profile("880", 2016)}, cal
    )
    at_eighteen = ep["care_end"] >= birthday(dob, 18)
    assert at_eighteen.sum() > 100
    assert set(ep["route"][at_eighteen]) == {care.ROUTES.index("eighteen")}
    assert not set(ep["rec"][at_eighteen]) & {
        "E11",
        "E12",
        "E41",
        "E43",
        "E44",
        "E45",
        "E46",
        "E47",
        "E48",
    }


def test_unaccompanied_children_who_stay_are_not_shortened_with_the_others():
    # Hillingdon's other children stay for 0.65 of the routes' lengths. Its unaccompanied
    # children of 15 who stay on (not moved on within weeks) were shortened too, and more
    # than half of those on their way to 18 left at 16: too few of 16 and over for the share
    # in supported accommodation (21% against 28% in 2020). They now stay until 18.
    n = 2000
    rng = np.random.default_rng(11)
    start = np.datetime64("2019-06-01")
    dob = np.full(n, start - np.timedelta64(15 * 365 + 100, "D"))
    ep = _coming_into_care(start, n)
    kids = Frame(dob=dob, uasc=np.arange(n) % 2 == 0)
    cal = care.Calibration(length_scale=0.65, uasc_stay=100.0)  # every arrival stays on
    profiles = {2019: profile("312", 2020), 2020: profile("312", 2020)}
    world._care_outcomes(rng, ep, kids, profiles, cal)
    to_eighteen = ep["route"] == care.ROUTES.index("eighteen")
    at_eighteen = ep["care_end"] == birthday(dob, 18)
    unaccompanied = kids["uasc"]
    assert (to_eighteen & unaccompanied).sum() > 700
    assert at_eighteen[to_eighteen & unaccompanied].all()
    # the other children on their way to 18 are still shortened: 0.325 / 0.675 stay to 18
    assert 0.35 < at_eighteen[to_eighteen & ~unaccompanied].mean() < 0.6


def test_longer_stays_are_more_children_staying_to_eighteen_not_longer_routes():
    # Babies placed for adoption where children stay 2.5 times as long as the routes give:
    # the average stay is 2.5 times the route's, made of children staying until 18, while a
    # baby who is adopted is adopted after the route's own length (27 months on average),
    # not at five years old.
    n = 4000
    rng = np.random.default_rng(3)
    start = np.full(n, np.datetime64("2020-06-01"))
    dob = start - np.timedelta64(20, "D")
    route = np.full(n, care.ROUTES.index("adoption"))
    end = care.ends(rng, start, dob, route, 2.5, {})
    days = (end - start).astype(int)
    adopted = end < birthday(dob, 18)
    fixed, shape, size = care.LENGTHS["adoption"]
    assert days.mean() == pytest.approx(2.5 * (fixed + shape * size), rel=0.1)
    assert 0.1 < (~adopted).mean() < 0.3
    assert np.median(days[adopted]) < 900


def test_shorter_stays_still_keep_some_children_in_care_until_eighteen():
    # Children of 14 on their way to 18 where stays are 0.6 of the routes': the average stay
    # is 0.6 of the four years left, made of children staying until 18 and children leaving
    # at 15; shortening every stay to 0.6 of the time left had none of them in care at 17.
    n = 4000
    rng = np.random.default_rng(7)
    start = np.full(n, np.datetime64("2021-06-01"))
    dob = start - np.timedelta64(14 * 365 + 100, "D")
    route = np.full(n, care.ROUTES.index("eighteen"))
    end = care.ends(rng, start, dob, route, 0.6, {})
    to_adult = (birthday(dob, 18) - start).astype(int)
    assert (end - start).astype(int).mean() == pytest.approx(0.6 * to_adult.mean(), rel=0.05)
    assert 0.35 < (end == birthday(dob, 18)).mean() < 0.5
    assert (end >= birthday(dob, 17)).mean() == (end == birthday(dob, 18)).mean()


def test_babies_referred_at_birth_come_into_care_within_weeks(torbay_world):
    # About a fifth of the children starting care in England are under one, most of them
    # within weeks of birth (proceedings planned before it). Starts in the years simulated.
    periods, dob = torbay_world.periods, torbay_world.children["dob"]
    simulated = periods["start"] >= np.datetime64(f"{YEAR - 3}-04-01")
    age = (periods["start"] - dob[periods["child"]]).astype(int)[simulated]
    babies = age < 365
    assert 0.12 < babies.mean() < 0.28
    assert (age[babies] < 61).mean() > 0.4


def test_a_stay_until_eighteen_ends_on_the_birthday_whatever_the_pace():
    # Where a year's pace of care time is fast (more children ceasing that year), the stays
    # of other routes end sooner, but a young person staying until 18 leaves on the 18th
    # birthday, not weeks before it.
    n = 200
    rng = np.random.default_rng(5)
    start = np.full(n, np.datetime64("2022-06-01"))
    dob = np.datetime64("2007-01-01") + np.arange(n).astype("timedelta64[D]")
    route = np.full(n, care.ROUTES.index("eighteen"))
    end = care.ends(rng, start, dob, route, 1.5, {2024: 1.6, 2025: 1.6})
    assert (end == birthday(dob, 18)).all()


def test_a_count_a_tenth_off_is_within_10_percent_for_calibration_and_for_its_report():
    """Wirral's 176 starts in 2025 against 160 published: 16 is 10% of 160, yet 176 / 160 - 1
    is a little over 0.1 in floating point, and the report counted it outside while the
    calibration that kept the round had counted it within."""
    row = measure.Row("344", "Wirral", YEAR, "cla_starts", 176, 160.0, estimated=False)
    assert row.within
    target = world._targets(world._profiles("344", [YEAR]), [YEAR])
    starts = f"starts_{YEAR}"
    assert target[starts] == 160
    a_tenth_off = {**target, starts: 176}
    assert world._miss(target, a_tenth_off).far == 0
    assert not measure.Row("344", "Wirral", YEAR, "cla_starts", 177, 160.0, estimated=False).within


def test_the_later_rounds_move_the_knobs_part_of_the_way():
    # After the first rounds a round's miss is mostly its draw: Kensington and Chelsea's
    # plans at 31 March ran from 42 to 88 against 61 while each round chased the last, and no
    # round of 32 had every figure within 10%. A later round moves a knob `LATER_STEP` of
    # the way (on the scale of ratios) a first round would.
    target = world._targets(world._profiles("207", [YEAR]), [YEAR])
    plans = f"cpp_at31_{YEAR}"
    got = {**target, plans: 44}
    first, later = care.Calibration(), care.Calibration()
    world._adjust(first, target, got)
    world._adjust(later, target, got, world.LATER_STEP)
    assert first.plan_scale[YEAR] > later.plan_scale[YEAR] > 1
    assert np.log(later.plan_scale[YEAR]) == pytest.approx(
        world.LATER_STEP * np.log(first.plan_scale[YEAR])
    )


def test_a_placement_group_published_as_none_is_given_none_at_once():
    # The City of London's five children at 31 March 2025: none is published in an "other"
    # placement, residential setting or with parents, and the rest is suppressed. Damped
    # among so few, a group's weight fell by half an attempt, and the attempt kept had one
    # child in an "other" placement, a fifth of them.
    shares = stability.placement_targets("201", 2025)
    assert shares == {"residential": 0.0, "other": 0.0, "parents": 0.0}
    mix: dict[str, float] = {}
    stability._mix(mix, shares, np.array(["U4", "U4", "K3", "K3", "Z1"]))
    assert mix["other"] == mix["residential"] == mix["parents"] == stability.MIX_FLOOR
    # the suppressed groups aim together at what is left (all of them), not at none
    assert all(mix[g] > 1 for g in ("foster", "homes", "independent"))


def test_teenagers_come_into_care_more_where_too_few_are_16_for_supported_accommodation():
    # Westminster published 30% of its 182 children looked after at 31 March 2023 in
    # supported accommodation, where only those of 16 or over are placed. A round of 179
    # children with 56 of 16 or over (most of them unaccompanied) placed 38 there, 21%.
    target = world._targets(world._profiles("213", [2023]), [2023])
    assert target[world.SIXTEEN] == pytest.approx(0.30 * 182 / world.SUPPORTED_REACH)
    short = {**target, world.SIXTEEN: 56}
    assert world._miss(target, short).outside == 1  # outside what chance allows
    assert world._miss(target, target).within
    assert world._miss(target, {**target, world.SIXTEEN: 120}).within  # a least
    cal = care.Calibration()
    world._adjust(cal, target, short)
    assert cal.older > 1.2
    # the share is of the round's own children: 78 is enough for 182, not for 200
    more = care.Calibration()
    world._adjust(more, target, {**target, "cla_at31_2023": 200, world.SIXTEEN: 78})
    assert more.older > 1
    enough = care.Calibration(older=1.5)
    world._adjust(enough, target, {**target, world.SIXTEEN: 120})
    assert enough.older < 1.5  # back towards 1 with more than enough
    barely = care.Calibration(older=1.05)
    world._adjust(barely, target, {**target, world.SIXTEEN: 120})
    assert barely.older == 1.0  # a move that would take it below 1 stops at 1


def test_teenagers_are_not_scaled_where_the_published_share_needs_no_more():
    # Torbay's 282 children at 31 March 2025, 5% of them in supported accommodation: a round
    # has far more of 16 or over than that needs, so the knob stays at 1 (and every draw of
    # the next round as it was).
    profiles = world._profiles("880", [YEAR])
    target = world._targets(profiles, [YEAR])
    cal = care.Calibration()
    kids, cin = world._journeys(authority("880"), profiles, [YEAR], 3, cal)
    got = world._counts(cin, world._periods(cin, kids), kids, [YEAR])
    assert got[world.SIXTEEN] > 2 * target[world.SIXTEEN]
    world._adjust(cal, target, got)
    assert cal.older == 1.0


def test_simulate_moves_the_knobs_all_the_way_at_first_and_part_of_the_way_later(monkeypatch):
    # The City of London's rounds of 2025, cut to ten: after each of the first seven every
    # knob moves the whole way to that round's miss, so the first eight rounds run on whole
    # moves; after the others `LATER_STEP` of it, where moving all the way chased each draw.
    steps: list[float] = []
    adjust = world._adjust

    def recorded(cal, target, got, step=1.0):
        steps.append(step)
        adjust(cal, target, got, step)

    monkeypatch.setattr(world, "_adjust", recorded)
    monkeypatch.setattr(world, "_another", lambda round_, best, quick=False: round_ < 10)
    monkeypatch.setattr(stability, "calibrate", lambda built: None)  # no placements needed
    monkeypatch.setattr(world, "_records", lambda built: None)
    world.simulate("201", YEAR, 1, 1)
    first = world.CALIBRATION_ROUNDS - 1
    assert steps == [1.0] * first + [world.LATER_STEP] * (10 - first)
