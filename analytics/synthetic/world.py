"""One authority's synthetic children over the years asked for, calibrated to its figures.

`simulate` runs the referral chain (see `referrals`), opens periods of care (see `care`),
builds their episodes (see `placements`) and the records that hang off them (see `records`).
It runs the chain a few times with the same seed, adjusting the length of care until the
number looked after at 31 March of the last year matches the published figure, then the
placement-change rate until the share with three or more placements matches.

History: CIN episodes are simulated from four years before the first year asked for, and
children who came into care up to eighteen years before it, so the stock at 31 March
has children of every length of stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analytics.synthetic import care, children, records, referrals, short_breaks, stability
from analytics.synthetic.calibration import Authority, Profile, authority, profile
from analytics.synthetic.frame import NAT, Frame, age_on, birthday, days
from analytics.synthetic.postcodes import Places, in_authority

CIN_HISTORY = 4
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
    profiles = {y: profile(found.code, y) for y in range(window[0] - CIN_HISTORY, end_year + 1)}
    cal = care.Calibration()
    target = profiles[end_year].cla_at31
    for _ in range(4):
        kids, cin = _journeys(found, profiles, window, seed, cal)
        periods = _periods(cin, kids)
        on = np.datetime64(f"{end_year}-03-31")
        got = care.stock(periods["start"], periods["end"], on) - _uasc_excess(periods, on)
        cal.length_scale = float(np.clip(cal.length_scale * (target / max(got, 1)) ** 1.3, 0.2, 5))
    world = World(
        found, window, seed, profiles, kids, cin, periods, Frame(), Frame(), calibration=cal
    )
    world.homes = in_authority(found.gss)
    stability.calibrate(world)
    _records(world)
    return world


def _uasc_excess(periods: Frame, on) -> int:
    return 0


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
        rng, profiles, range(window[0] - CIN_HISTORY, window[-1] + 1), cal.rereferral_room
    )
    history = _care_history(rng, profiles, window[0])
    uasc = _uasc_arrivals(rng, profiles, window)
    dates = np.concatenate([first, history, uasc])
    ages = np.concatenate(
        [
            children.draw_ages(rng, len(first)),
            _draw(rng, CARE_AGES, len(history)) * 365 + rng.integers(0, 330, len(history)),
            rng.integers(14 * 365, int(17.3 * 365), len(uasc)),
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
    cin = _chain(
        rng, kids, dates, forced, profiles, cal, horizon=np.datetime64(f"{window[-1]}-03-31")
    )
    return kids, cin


def _draw(rng, weights: np.ndarray, n: int) -> np.ndarray:
    return rng.choice(len(weights), size=n, p=weights / weights.sum())


def _care_history(rng, profiles, first_year: int) -> np.ndarray:
    """Referral dates of children who came into care before the CIN history begins."""
    earliest = profiles[min(profiles)]
    out = []
    for year in range(first_year - CARE_HISTORY, first_year - CIN_HISTORY):
        n = rng.poisson(earliest.cla_starts * 0.8)
        out.append(np.datetime64(f"{year - 1}-04-01") + days(rng.integers(0, 365, n)))
    return np.concatenate(out)


def _uasc_arrivals(rng, profiles, window) -> np.ndarray:
    out = []
    for year in range(window[0] - 3, window[-1] + 1):
        p = profiles[min(max(year, min(profiles)), max(profiles))]
        n = rng.poisson(min(p.cla_starts * 0.4, p.uasc_at31 * 0.6))
        out.append(np.datetime64(f"{year - 1}-04-01") + days(rng.integers(0, 365, n)))
    return np.concatenate(out)


def _chain(rng, kids: Frame, first, forced, profiles, cal, horizon) -> Frame:
    """Every CIN episode of every child, following each child's chain of referrals."""
    who, when, force = np.arange(len(kids)), first, forced
    found, dob = [], kids["dob"]
    room = []
    for step in range(referrals.MAX_REFERRALS):
        r = referrals.rates(profiles, referrals.year_of(when))
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


def _care_outcomes(rng, ep: Frame, kids: Frame, profiles, cal) -> None:
    """Route out of care and end of care for episodes leading into care; CIN closes after."""
    n = len(ep)
    dob = kids["dob"][ep["child"]]
    uasc = kids["uasc"][ep["child"]]
    start = np.where(ep["care"], ep["care_start"], ep["ref"])
    years = np.clip(referrals.year_of(start), min(profiles), max(profiles))
    route = care.routes(rng, age_on(dob, start), uasc, [profiles[y] for y in years])
    end = care.ends(rng, start, dob, route, cal.length_scale)
    ep["route"] = np.where(ep["care"], route, -1)
    ep["care_end"] = np.where(ep["care"], end, NAT)
    ep["rec"] = np.where(ep["care"], care.exit_codes(rng, route, end, dob), "")
    adult = birthday(dob, 18)
    after_care = np.minimum(end + days(rng.integers(0, 15, n)), adult)
    ep["close"] = np.where(ep["care"], np.maximum(after_care, ep["a_end"]), ep["close"])
    ep["cpp_end"] = np.where(
        ep["care"] & (ep["cpp_end"] > ep["care_start"]),
        np.maximum(ep["care_start"] + days(rng.integers(1, 40, n)), ep["cpp_start"] + days(1)),
        ep["cpp_end"],
    )
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
