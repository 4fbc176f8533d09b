"""One authority's synthetic children over the years asked for, calibrated to its figures.

`simulate` runs the referral chain (see `referrals`), opens periods of care (see `care`),
builds their episodes (see `placements`) and the records that hang off them (see `records`).
It runs the chain `CALIBRATION_ROUNDS` times with the same seed (and more, up to
`MAX_ROUNDS`, or `SMALL_ROUNDS` where only figures under 50 miss or the authority is small,
while no round is within what chance allows of every figure and within 10% of each: a small
authority's rounds differ by chance more than its knobs move them, and the later rounds move
them `LATER_STEP` of the way), moving one knob per published figure (`care.Calibration`,
decision 0037) towards what the returns should count.
Summed over the years asked for: the length of care (children looked after at 31 March,
this year and the year before, other than the unaccompanied asylum-seeking children
simulated, so the other children make up what those fall short of), the share of
unaccompanied children who stay (UASC at 31 March), first referrals (referrals) and plans
per conference, then conferences per enquiry once every conference leads to a plan
(`_plans`; plans started). One knob a year: the rate of entry to care (starts other
than UASC), the length of a plan (plans at 31 March) and of a CIN episode (children in need
at 31 March), by the year of the referral, and the pace of care time (children ceasing care
that year). And the entry of teenagers into care, raised only where too few children are 16
or over at 31 March of the last year for its published share in supported accommodation
(`SIXTEEN`). It keeps the nearest round (`_miss`); then builds the episodes, setting the
rates of placement moves and the mix of placements to the published ones (see `stability`).

History: CIN episodes are simulated from four years before the first year asked for, and
children who came into care up to eighteen years before it, so the stock at 31 March
has children of every length of stay.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from analytics.synthetic import (
    care,
    children,
    placements,
    records,
    referrals,
    short_breaks,
    stability,
)
from analytics.synthetic.calibration import (
    SUPPRESSED,
    Authority,
    Profile,
    allowed,
    authority,
    placement_targets,
    profile,
    tenths,
)
from analytics.synthetic.frame import NAT, Frame, age_on, birthday, collection_year, days
from analytics.synthetic.postcodes import Places, in_authority

CIN_HISTORY = 4
CALIBRATION_ROUNDS = 8
MAX_ROUNDS = 32  # more rounds while none is within chance and 10% of every figure (`_miss`)
# ...and up to this many while the one thing missing is a figure under 50 within 10%: 10% of
# it is under five children, a round's draws hit it at random, and an authority with such a
# figure is small enough for its rounds to be quick (Rutland's 128 of 2016: about 10 s).
SMALL_ROUNDS = 128
# ...and so many for an authority with fewer referrals a year than this, whose rounds are
# quick whatever misses (the City of London's 57, Rutland's 385 in 2025; the next, 920).
QUICK_REFERRALS = 500
SMALL_COUNT = 30  # a count this size moves its knob half as far as a large one
# After the first rounds the knobs are near their values and a round's miss is mostly its
# draw: moving them all the way chased each draw, and the rounds scattered more widely around
# the published figures than chance alone (Kensington and Chelsea's plans at 31 March: 42 to
# 88 against 61). The later rounds move them this share of the way.
LATER_STEP = 0.5
# Only children of 16 or over are placed in supported accommodation (`placements`), and not
# all of them: some stay with their foster carers, some have not yet moved on. So the share
# published there (`calibration.placement_targets`) sets a least number of children of 16 or
# over at 31 March of the last year (`SIXTEEN`), with at most this share of them there (in
# England about two in five are; Westminster's round of 2023 with too few placed 68%).
SUPPORTED_REACH = 0.7
SIXTEEN = "sixteen_at31"
OLDER_MOST = 4.0  # the most the entry of teenagers is scaled to reach it (`care.Calibration`)
FAR = np.datetime64("2200-01-01")
CARE_HISTORY = 18
CARE_AGES = np.array([20, 6, 5, 4, 3.5, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 7, 5, 2.5])


@dataclass
class World:
    authority: Authority
    years: list[int]
    seed: int
    profiles: dict[int, Profile]
    children: Frame
    cin: Frame  # one row per CIN episode
    periods: Frame  # one row per period of care
    episodes: Frame  # SSDA903 episodes
    adoption: Frame  # per period: decision, match and placement dates
    cpp_reviews: Frame = field(default_factory=Frame)
    calibration: care.Calibration = field(default_factory=care.Calibration)
    homes: Places | None = None
    reviews: Frame = field(default_factory=Frame)
    missing: Frame = field(default_factory=Frame)
    social_workers: Frame = field(default_factory=Frame)
    short_breaks: Frame = field(default_factory=Frame)  # V3/V4 episodes, apart from care


def simulate(la: str, end_year: int, years: int, seed: int) -> World:
    found = authority(la)
    window = list(range(end_year - years + 1, end_year + 1))
    profiles = _profiles(found.code, window)
    cal = care.Calibration()
    target = _targets(profiles, window)
    suppressed = _suppressed_targets(profiles, window)
    quick = target["referrals"] < QUICK_REFERRALS * len(window)
    best = None
    for round_ in range(SMALL_ROUNDS):
        if best is not None and not _another(round_, best[0], quick):
            break
        kids, cin = _journeys(found, profiles, window, seed, cal)
        periods = _periods(cin, kids)
        got = _counts(cin, periods, kids, window)
        miss = _miss(target, got, suppressed)
        if best is None or miss < best[0]:
            best = (miss, kids, cin, periods, copy.deepcopy(cal))
        _adjust(cal, target, got, 1.0 if round_ + 1 < CALIBRATION_ROUNDS else LATER_STEP)
    assert best is not None
    _, kids, cin, periods, cal = best
    world = World(
        found, window, seed, profiles, kids, cin, periods, Frame(), Frame(), calibration=cal
    )
    world.homes = in_authority(found.gss)
    stability.calibrate(world)
    _records(world)
    return world


def _profiles(code: str, window: list[int]) -> dict[int, Profile]:
    """The published figures of each year the simulation reads: its CIN history and window."""
    return {y: profile(code, y) for y in range(window[0] - CIN_HISTORY, window[-1] + 1)}


def _targets(profiles: dict[int, Profile], window: list[int]) -> dict[str, float]:
    """The published figures the knobs are set to: the looked-after stocks at 31 March summed
    over the years asked for and the year before (so the first year's flows are right too),
    the other stocks and the starts in care of each year (one knob a year each), first
    referrals and plans started over the years, and the children ceasing care in each year.
    The children looked after at 31 March of each year are a figure a round is judged on
    (`_miss`), with no knob of their own: the sum can hold while one year is a tenth out. So
    are each year's starts, the unaccompanied with the others, whose knob aims at their part.
    And the least number of children of 16 or over at 31 March of the last year (`SIXTEEN`,
    for the published children looked after; `_sixteen` scales it to a round's)."""
    stocks = [profiles[y] for y in (window[0] - 1, *window)]
    flows = [profiles[y] for y in window]
    each = {y: profiles[y] for y in window}
    last = each[window[-1]]
    uasc = sum(min(p.uasc_at31, p.cla_at31) for p in stocks)
    return {
        "other_at31": sum(p.cla_at31 for p in stocks) - uasc,
        "uasc_at31": uasc,
        "referrals": sum(p.referrals for p in flows),
        "cpp_starts": sum(p.cpp_starts for p in flows),
        **{f"other_starts_{y}": p.cla_starts - care.uasc_starts(p) for y, p in each.items()},
        **{f"starts_{y}": p.cla_starts for y, p in each.items()},
        **{f"cla_at31_{y}": p.cla_at31 for y, p in each.items()},
        **{f"cpp_at31_{y}": p.cpp_at31 for y, p in each.items()},
        **{f"cin_at31_{y}": p.cin_at31 for y, p in each.items()},
        **{f"ceased_{y}": p.cla_ceased for y, p in each.items()},
        SIXTEEN: placement_targets(last.authority.code, window[-1]).get("independent", 0.0)
        * last.cla_at31
        / SUPPORTED_REACH,
    }


# The profile's name of each figure a round is judged on by the year (`_targets`).
YEARLY = {
    "cla_at31": "cla_at31",
    "cpp_at31": "cpp_at31",
    "cin_at31": "cin_at31",
    "cla_starts": "starts",
    "cla_ceased": "ceased",
}


def _suppressed_targets(profiles: dict[int, Profile], window: list[int]) -> frozenset[str]:
    """The targets (`_targets`) whose published figure was suppressed as "c", one to five
    (`calibration.SUPPRESSED`): a year's, or a flow summed over a single year."""
    found = {f"{YEARLY[m]}_{y}" for y in window for m in profiles[y].suppressed if m in YEARLY}
    if len(window) == 1:
        found |= {m for m in ("referrals", "cpp_starts") if m in profiles[window[0]].suppressed}
    return frozenset(found)


def _counts(cin: Frame, periods: Frame, kids: Frame, window: list[int]) -> dict[str, float]:
    """What the returns of the years will count (see `measure`), from the simulation."""
    got = dict.fromkeys(("other_at31", "uasc_at31", "referrals", "cpp_starts"), 0.0)
    child, uasc = periods["child"], periods["uasc"]
    plan_end = np.where(np.isnat(cin["cpp_end"]), FAR, cin["cpp_end"])
    close = np.where(np.isnat(cin["close"]), FAR, cin["close"])
    for year in (window[0] - 1, *window):
        start, on = collection_year(year)
        looked_after = (periods["start"] <= on) & (periods["end"] > on)
        got["other_at31"] += (looked_after & ~uasc).sum()
        got["uasc_at31"] += (looked_after & uasc).sum()
        if year < window[0]:
            continue
        got[f"cla_at31_{year}"] = looked_after.sum()
        if year == window[-1]:
            older = age_on(kids["dob"][child], on) >= placements.SUPPORTED_FROM
            got[SIXTEEN] = (looked_after & older).sum()
        began = (periods["start"] >= start) & (periods["start"] <= on)
        got[f"other_starts_{year}"] = len(np.unique(child[began & ~uasc]))
        got[f"starts_{year}"] = len(np.unique(child[began]))
        ended = (periods["end"] >= start) & (periods["end"] <= on)
        got[f"ceased_{year}"] = len(np.unique(child[ended]))
        got[f"cpp_at31_{year}"] = ((cin["cpp_start"] <= on) & (plan_end > on)).sum()
        got[f"cin_at31_{year}"] = ((cin["ref"] <= on) & (close > on)).sum()
        got["referrals"] += ((cin["ref"] >= start) & (cin["ref"] <= on)).sum()
        got["cpp_starts"] += ((cin["cpp_start"] >= start) & (cin["cpp_start"] <= on)).sum()
    return got


# 10% of a figure under this is under five children, a miss chance alone makes: such a
# figure outside 10% weighs less than one of this or more (Rutland's 10 children ceasing care).
TENTH_FROM = 50
# Aims of knobs, not figures a round is judged on: the children looked after and the starts
# are judged as a whole, as they are published (the unaccompanied starting are a fixed count
# of arrivals, so a tenth of the whole is the tenth a reader of the returns sees), and the
# children of 16 or over only as a least number (`_miss`).
AIMS = ("other_at31", "uasc_at31", "other_starts_", SIXTEEN)


class Miss(NamedTuple):
    """How far a round is from the published figures (`_miss`); rounds compare in this order,
    the nearest first."""

    outside: int  # figures further off than chance allows (`calibration.allowed`)
    chance: float  # the furthest as a share of what chance allows; 1 when none is outside
    far: int  # figures of `TENTH_FROM` or more outside 10%
    small: int  # figures under `TENTH_FROM` outside 10%
    worst: float  # the furthest of those of `TENTH_FROM` or more, in tenths of the figure

    @property
    def large_within(self) -> bool:
        """Within chance of every figure and within 10% of every one of `TENTH_FROM` or more."""
        return self.outside == 0 and self.far == 0

    @property
    def within(self) -> bool:
        """Within chance of every figure and within 10% of each."""
        return self.large_within and self.small == 0


def _another(round_: int, best: Miss, quick: bool = False) -> bool:
    """Whether to run another round, the nearest so far being `best` (`_miss`): the first
    `CALIBRATION_ROUNDS` always; then up to `MAX_ROUNDS` while none is within chance and 10%
    of every figure, and up to `SMALL_ROUNDS` while only figures under 50 miss 10% or the
    authority's rounds are `quick` (`QUICK_REFERRALS`)."""
    if round_ < CALIBRATION_ROUNDS:
        return True
    if best.within:
        return False
    return round_ < (SMALL_ROUNDS if quick or best.large_within else MAX_ROUNDS)


def _miss(
    target: dict[str, float], got: dict[str, float], suppressed: frozenset[str] = frozenset()
) -> Miss:
    """How far a round is from the published figures, to keep the nearest (each round's
    draws differ a little): how many figures it misses by more than chance allows
    (`calibration.allowed`: 10%, or more for a small figure), so that a round missing
    only a figure no round reaches is kept over one nearer that figure but missing
    others (Wakefield's 2,243 children in need at 31 March 2016, with 12,209 referrals:
    the round nearest it had its plans at 31 March 23% short, where others held them);
    then its worst miss as a share of what chance allows, every round within chance
    alike; then how many figures of `TENTH_FROM` or more it misses by more than 10%;
    then how many smaller ones; then its worst miss (of those of `TENTH_FROM` or more)
    as a share of 10% (`Miss`). Among rounds within chance, the one nearer to every
    figure is kept, not the one a small figure's chance puts nearest its allowance,
    which under 400 is wider than 10%. The children looked after and the starts are
    compared as wholes, as they are published (`AIMS`). A figure published as none is
    matched by none only, and one published as "c" (`suppressed`) by one to five only:
    any other count is outside chance, its miss one more than the children it is beyond
    them (a count of children, where the others are shares of what chance allows: either
    way above 1 is outside). The children of 16 or over at 31 March are a least number
    (`SIXTEEN`): more than chance allows short of it is outside chance too."""
    total = target["other_at31"] + target["uasc_at31"]
    judged = [k for k in target if not k.startswith(AIMS)]
    ranges = {
        k: SUPPRESSED if k in suppressed else (0, 0)
        for k in judged
        if k in suppressed or not target[k]
    }
    figures = [(got[k], target[k]) for k in judged if k not in ranges]
    pairs = [(got["other_at31"] + got["uasc_at31"], total), *figures]
    misses = [abs(have - want) / allowed(want) for have, want in pairs]
    misses += [1 + max(low - got[k], got[k] - high, 0) for k, (low, high) in ranges.items()]
    wanted = _sixteen(target, got)
    if wanted:  # a least number: short of it by more than chance allows is a miss
        misses.append((wanted - got[SIXTEEN]) / allowed(wanted))
    far = [tenths(have, want) for have, want in pairs if want >= TENTH_FROM]
    small = sum(tenths(have, want) > 1 for have, want in figures if want < TENTH_FROM)
    return Miss(
        sum(miss > 1 for miss in misses),
        max([1.0, *misses]),
        sum(miss > 1 for miss in far),
        small,
        max(far, default=0.0),
    )


def _sixteen(target: dict[str, float], got: dict[str, float]) -> float:
    """The least number of children of 16 or over at 31 March of the last year (`SIXTEEN`)
    for a round: the published share in supported accommodation is a share of the children
    looked after, and `stability` places the round's own, so the published number is scaled
    by the round's children looked after then against the published."""
    last = max(k for k in target if k.startswith("cla_at31_"))
    return target[SIXTEEN] * got[last] / max(target[last], 1.0)


def _adjust(
    cal: care.Calibration, target: dict[str, float], got: dict[str, float], step: float = 1.0
) -> None:
    """Move each knob by the ratio of its published figure to what was simulated, raised to
    a power below 1 (the knobs move each other's counts a little) and damped further for a
    small count, whose miss is mostly chance, and by `step` (`LATER_STEP`)."""

    def moved(value: float, name: str, power: float, low: float, high: float) -> float:
        want, have = target[name], got[name]
        if want <= 0 and not name.startswith(AIMS):  # published as none: shrink while any
            return (
                float(np.clip(value * (0.5 / have) ** (power * step), low, high)) if have else value
            )
        return toward(value, want, have, power, low, high)

    def toward(
        value: float, want: float, have: float, power: float, low: float, high: float
    ) -> float:
        if want <= 0:
            return value
        damped = power * step * want / (want + SMALL_COUNT)
        return float(np.clip(value * (want / max(have, 1)) ** damped, low, high))

    # The other children make up what the unaccompanied fall short of, so the whole holds:
    # arriving at 16 or 17, they cannot reach a stock at 31 March above two years of arrivals
    # (Hampshire's 488 over 2024 and 2025 against 408 arrivals in three years).
    other = target["other_at31"] + target["uasc_at31"] - got["uasc_at31"]
    cal.length_scale = toward(cal.length_scale, other, got["other_at31"], 1.0, 0.1, 5)
    cal.uasc_stay = moved(cal.uasc_stay, "uasc_at31", 0.8, 0.05, 20)
    cal.referral_rate = moved(cal.referral_rate, "referrals", 0.8, 0.5, 2)
    cal.plan_rate = moved(cal.plan_rate, "cpp_starts", 0.8, 0.3, 3)
    # raised while too few are 16 or over, back towards 1 (never below) while more
    cal.older = toward(cal.older, _sixteen(target, got), got[SIXTEEN], 1.0, 1.0, OLDER_MOST)
    for knobs, name, low, high in (
        (cal.care_rate, "other_starts", 0.3, 3),
        (cal.plan_scale, "cpp_at31", 0.3, 4),
        (cal.need_scale, "cin_at31", 0.1, 5),
        (cal.pace, "ceased", 0.3, 3),
    ):
        for key in (k for k in target if k.startswith(f"{name}_")):
            year = int(key.removeprefix(f"{name}_"))
            knobs[year] = moved(knobs.get(year, 1.0), key, 0.8, low, high)


def _records(world: World) -> None:
    rng = np.random.default_rng([world.seed, int(world.authority.code), 4])
    last = world.profiles[world.years[-1]]
    _previous_plans(rng, world)
    world.cpp_reviews = records.plan_reviews(rng, world.cin)
    world.reviews = records.looked_after_reviews(rng, world.periods)
    world.missing = records.missing_episodes(
        rng, world.periods, world.children, world.cin, last.missing_pct / 100, world.episodes
    )
    workers = max(10, int(last.social_workers_fte))
    world.social_workers = records.social_workers(rng, world.periods, workers)
    breaks_rng = np.random.default_rng([world.seed, int(world.authority.code), 5])
    world.short_breaks = short_breaks.simulate(breaks_rng, world)


def _previous_plans(rng, world: World) -> None:
    """Plans before this one: earlier plans simulated, and some before the history began."""
    cin = world.cin
    has = ~np.isnat(cin["cpp_start"])
    earlier = np.zeros(len(cin), int)
    counts: dict[int, int] = {}
    for i in np.flatnonzero(has):
        c = int(cin["child"][i])
        earlier[i] = counts.get(c, 0)
        counts[c] = earlier[i] + 1
    in_window = has & (referrals.year_of(cin["cpp_start"]) >= world.years[0])
    share = (earlier[in_window] > 0).mean() if in_window.any() else 0.0
    target = world.profiles[world.years[-1]].cpp_second_pct / 100
    extra = max(0.0, (target - share) / max(1 - share, 0.05))
    first_plan = has & (earlier == 0)
    earlier = earlier + (first_plan & (rng.random(len(cin)) < extra)) * rng.choice(
        [1, 1, 1, 2], len(cin)
    )
    cin["previous_cpp"] = earlier


def _journeys(found: Authority, profiles, window, seed: int, cal: care.Calibration):
    rng = np.random.default_rng([seed, int(found.code), 1])
    first = referrals.first_referrals(
        rng,
        profiles,
        range(window[0] - CIN_HISTORY, window[-1] + 1),
        cal.rereferral_room,
        cal.referral_rate,
    )
    history = _care_history(rng, found.code, window[0])
    uasc = _uasc_arrivals(rng, profiles, window)
    dates = np.concatenate([first, history, uasc])
    ages = np.concatenate(
        [
            children.draw_ages(rng, len(first)),
            _draw(rng, CARE_AGES, len(history)) * 365 + rng.integers(0, 330, len(history)),
            _uasc_ages(rng, len(uasc)),
        ]
    )
    kids = children.make(
        rng, found.code, dates, np.minimum(ages, int(17.4 * 365)), in_authority(found.gss)
    )
    forced = np.concatenate([np.zeros(len(first), bool), np.ones(len(history) + len(uasc), bool)])
    kids["uasc"] = np.concatenate(
        [np.zeros(len(first) + len(history), bool), np.ones(len(uasc), bool)]
    )
    kids["uasc_arrival"] = np.where(kids["uasc"], dates, NAT)
    cin = _chain(rng, kids, dates, forced, profiles, cal, horizon=collection_year(window[-1])[1])
    return kids, cin


def _uasc_ages(rng, n: int) -> np.ndarray:
    """Age in days of unaccompanied children on arrival: most are 16 or 17 (about four in
    five of those starting care in England), the rest from 13."""
    older = rng.random(n) < 0.8
    return np.where(
        older,
        rng.integers(16 * 365, int(17.4 * 365), n),
        rng.integers(13 * 365, 16 * 365, n),
    )


def _draw(rng, weights: np.ndarray, n: int) -> np.ndarray:
    return rng.choice(len(weights), size=n, p=weights / weights.sum())


def _care_history(rng, code: str, first_year: int) -> np.ndarray:
    """Referral dates of children who came into care before the CIN history begins, as many
    a year as the published starts of that year (other than UASC; before 2016, the first year
    published, as many as ceased in 2016: `calibration._before_published`)."""
    out = []
    for year in range(first_year - CARE_HISTORY, first_year - CIN_HISTORY):
        p = profile(code, year)
        n = round(p.cla_starts - care.uasc_starts(p))
        out.append(collection_year(year)[0] + days(rng.integers(0, 365, n)))
    return np.concatenate(out)


def _uasc_arrivals(rng, profiles, window) -> np.ndarray:
    out = []
    for year in range(window[0] - 3, window[-1] + 1):
        p = profiles[min(max(year, min(profiles)), max(profiles))]
        n = round(care.uasc_starts(p))
        out.append(collection_year(year)[0] + days(rng.integers(0, 365, n)))
    return np.concatenate(out)


def _chain(rng, kids: Frame, first, forced, profiles, cal, horizon) -> Frame:
    """Every CIN episode of every child, following each child's chain of referrals."""
    who, when, force = np.arange(len(kids)), first, forced
    found, dob = [], kids["dob"]
    room = []
    for step in range(referrals.MAX_REFERRALS):
        year = referrals.year_of(when)
        r = referrals.rates(profiles, year)
        # A child arriving unaccompanied, or coming into care before the years simulated, is
        # assessed: a referral with no further action would leave it out of care (half of
        # Kensington and Chelsea's unaccompanied arrivals of 2016, its share of such referrals).
        r["nfa"] = np.where(force, 0.0, r["nfa"])
        r["care"] = r["care"] * care.dial(cal.care_rate, year)
        r["icpc"], r["cpp"] = _plans(r["icpc"], r["cpp"], cal.plan_rate)
        r["cpp_days"] = r["cpp_days"] * care.dial(cal.plan_scale, year)
        r["need_days"] = r["need_days"] * care.dial(cal.need_scale, year)
        r["older"] = cal.older
        ep = referrals.episodes(rng, who, when, dob[who], r)
        ep["step"] = np.full(len(ep), step)
        ep["care"] = ep["care"] | (force & ~np.isnat(ep["a_start"]))
        ep["care_start"] = np.where(
            force & np.isnat(ep["care_start"]),
            np.maximum(ep["a_start"], ep["ref"]) + days(1),
            ep["care_start"],
        )
        ep["care"] = ep["care"] & ~np.isnat(ep["care_start"])
        _care_outcomes(rng, ep, kids, profiles, cal)
        room.append(((ep["close"] - ep["ref"]).astype(int) < 330).mean() if len(ep) else 0.65)
        stop = (ep["care"] & (ep["route"] != care.ROUTES.index("home"))) | (
            age_on(dob[who], np.minimum(ep["close"], horizon)) >= 17
        )
        found.append(ep)
        nxt = referrals.next_referrals(rng, ep, r, cal.rereferral_room, stop)
        keep = (nxt <= horizon) & (
            nxt < birthday(dob[who], 18) - days(180)
        )  # adults are not referred
        who, when, force = who[keep], nxt[keep], np.zeros(keep.sum(), bool)
        if not len(who):
            break
    cal.rereferral_room = float(np.clip(np.mean(room[:2]), 0.2, 1.0))
    return Frame.concat(found).sorted("child", "ref")


def _plans(icpc: np.ndarray, cpp: np.ndarray, rate: float) -> tuple[np.ndarray, np.ndarray]:
    """The shares of enquiries reaching an initial conference and of conferences leading to a
    plan, with plans started `rate` times as many (the knob for plans started): once every
    conference leads to a plan, more enquiries reach a conference. Wakefield (2016) and
    Doncaster (2022) published more plans started than initial conferences, which no return
    can hold (the Department's rule 2883). Where every conference does not yet lead to a plan
    the conference share is multiplied by exactly 1: the draws are as they were."""
    plans = cpp * rate
    return np.minimum(icpc * np.maximum(plans, 1.0), 1.0), np.minimum(plans, 1.0)


def _care_outcomes(rng, ep: Frame, kids: Frame, profiles, cal) -> None:
    """Route out of care and end of care for episodes leading into care; CIN closes after."""
    n = len(ep)
    dob = kids["dob"][ep["child"]]
    uasc = kids["uasc"][ep["child"]]
    start = np.where(ep["care"], ep["care_start"], ep["ref"])
    years = np.clip(referrals.year_of(start), min(profiles), max(profiles))
    route = care.routes(rng, age_on(dob, start), uasc, profiles, years)
    # The length of care is scaled for the other children only: it is the knob aimed at their
    # stock (`_adjust`), and the unaccompanied have their own (`uasc_stay`). Scaled too, half
    # of those on their way to 18 left early, too few of 16 and over in supported
    # accommodation (Hillingdon 2020: 21% against 28%).
    scale = np.where(uasc, 1.0, cal.length_scale)
    end = care.ends(rng, start, dob, route, scale, cal.pace)
    stay = care.by_year(profiles, years, care.uasc_stay_share) * cal.uasc_stay
    moving_on = care.uasc_moves_on(rng, uasc & ep["care"], stay)
    end = np.where(moving_on, start + days(rng.integers(3, 60, n)), end)
    route = np.where(moving_on, care.ROUTES.index("other"), route)
    # A stay that reaches the 18th birthday ends there, whatever its route: an adoption
    # stretched by a long length of care would otherwise be a placement order and adoptive
    # placement at 17, ended at 18 without adoption (the Department's rule 557).
    route = np.where(end >= birthday(dob, 18), care.ROUTES.index("eighteen"), route)
    # No adoption order on 31 March: a child adopted that day after a year in care counts as
    # looked after all year, so would need adopter details (the Department's rule 601) and
    # OC2 outcomes, which forbid them (187), at once. The order is made the day before.
    after = (end + days(1)).astype("datetime64[D]")
    first_of_april = (after == after.astype("datetime64[M]")) & (
        after.astype("datetime64[M]").astype(int) % 12 == 3
    )
    end = np.where((route == care.ROUTES.index("adoption")) & first_of_april, end - days(1), end)
    ep["route"] = np.where(ep["care"], route, -1)
    ep["care_end"] = np.where(ep["care"], end, NAT)
    ep["rec"] = np.where(ep["care"], care.exit_codes(rng, route, end, dob), "")
    adult = birthday(dob, 18)
    after_care = np.minimum(end + days(rng.integers(0, 15, n)), adult)
    ep["cpp_end"] = np.where(
        ep["care"] & (ep["cpp_end"] > ep["care_start"]),
        np.maximum(ep["care_start"] + days(rng.integers(1, 40, n)), ep["cpp_start"] + days(1)),
        ep["cpp_end"],
    )
    # The episode closes after care, its assessment, its conference and its plan (a short
    # stay can end first).
    plan_end = np.where(np.isnat(ep["cpp_end"]), after_care, ep["cpp_end"])
    closing = np.maximum(np.maximum(after_care, ep["a_end"]), plan_end)
    closing = np.where(np.isnat(ep["icpc"]), closing, np.maximum(closing, ep["icpc"]))
    ep["close"] = np.where(ep["care"], closing, ep["close"])
    closing = {0: "RC1", 1: "RC4", 2: "RC3"}
    reason = np.array([closing.get(int(x), "RC7") for x in route])
    ep["reason"] = np.where(ep["care"], np.where(end >= adult, "RC6", reason), ep["reason"])


def _periods(cin: Frame, kids: Frame) -> Frame:
    rows = np.flatnonzero(cin["care"])
    child = cin["child"][rows]
    return Frame(
        child=child,
        start=cin["care_start"][rows],
        end=cin["care_end"][rows],
        route=cin["route"][rows],
        rec=cin["rec"][rows],
        uasc=kids["uasc"][child],
        cin_row=rows,
    )
