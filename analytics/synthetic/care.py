"""Periods of care: how a child leaves care, and the placements and legal statuses on the way.

A period of care starts from a CIN episode (or, for unaccompanied asylum-seeking children,
on arrival). Its route out is drawn by age (babies are adopted, toddlers and primary-age
children go to special guardians or home, teenagers go home or stay until 18) in the
proportions the authority published; its length by route, and as many staying until 18 as
make the number looked after at 31 March match (see `ends`). Within the period, placement
changes arrive at a higher rate in the first year than later (both calibrated to the
published placement stability), and legal status moves from accommodation or an interim
care order to a care order, and for adoption to a placement order. Each change of placement
or legal status starts a new episode, as the SSDA903 return records them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analytics.synthetic.calibration import Profile
from analytics.synthetic.frame import Frame, birthday, days

ROUTES = ("adoption", "sgo", "cao", "home", "eighteen", "other")
# Route lengths in days before scaling: (fixed part, gamma shape, gamma scale).
LENGTHS = {
    "adoption": (540, 4.0, 70.0),  # 27 months on average, England's in 2025
    "sgo": (300, 2.5, 110.0),
    "cao": (300, 2.5, 110.0),
    "home": (10, 0.7, 300.0),
    "other": (20, 0.8, 300.0),
}
FIRST_YEAR_MOVES, LATER_MOVES = 1.1, 0.2  # placement changes a year, before calibration


@dataclass
class Calibration:
    """Knobs adjusted until the simulated stocks and flows match the published ones."""

    length_scale: float = 1.0  # lengths of care of children other than UASC
    pace: dict[int, float] = field(default_factory=dict)  # see `finish`, by collection year
    uasc_stay: float = 1.0  # scales the share of unaccompanied children who stay (see below)
    # By collection year of the referral (see `dial`): starts in care per CIN episode, and
    # the lengths of a child protection plan (Little's law) and of a CIN episode without a
    # plan or care, so each year's starts and stocks at 31 March can be the published ones.
    care_rate: dict[int, float] = field(default_factory=dict)
    referral_rate: float = 1.0  # scales the first referrals of children (re-referrals follow)
    plan_rate: float = 1.0  # scales the published plans per enquiry (`world._plans`)
    plan_scale: dict[int, float] = field(default_factory=dict)
    need_scale: dict[int, float] = field(default_factory=dict)
    first_year_moves: float = FIRST_YEAR_MOVES
    later_moves: float = LATER_MOVES
    placement_mix: dict[str, float] = field(default_factory=dict)  # see `stability.calibrate`
    rereferral_room: float = 0.65  # share of episodes closed soon enough for a re-referral
    # Scales the entry to care of teenagers (`referrals.OLDER_FROM`), aimed at enough children
    # of 16 or over at 31 March for the published share in supported accommodation (`world`).
    older: float = 1.0


def dial(values: dict[int, float], years: np.ndarray) -> np.ndarray:
    """Each year's value of a knob set by collection year: 1 where none is set; a year before
    the first set, or after the last, takes the nearest."""
    if not values:
        return np.ones(len(years))
    first, last = min(values), max(values)
    by_year = np.array([values.get(y, 1.0) for y in range(first, last + 1)])
    return by_year[np.clip(years, first, last) - first]


def uasc_starts(p: Profile) -> float:
    """Unaccompanied asylum-seeking children starting care in the year: the published share
    of starts (LAIT "UASC_%_Starting", from 2020; earlier years take the nearest)."""
    return p.cla_starts * min(p.uasc_start_pct, 95.0) / 100


UASC_STAY_YEARS = 2.0  # roughly how long an unaccompanied child who stays is looked after


def uasc_stay_share(p: Profile) -> float:
    """Share of the year's unaccompanied arrivals who stay, before calibration: the published
    number looked after at 31 March over the number a year's arrivals would hold if all
    stayed (an authority at a port of entry looks after most of them for weeks only)."""
    return min(1.0, p.uasc_at31 / max(uasc_starts(p) * UASC_STAY_YEARS, 1.0))


def uasc_moves_on(rng, uasc: np.ndarray, stay: np.ndarray) -> np.ndarray:
    """Unaccompanied children who leave care within weeks of arriving (transferred to
    another authority or leaving its care): all but the share `stay` of their year."""
    return uasc & (rng.random(len(uasc)) >= stay)


def by_year(profiles: dict[int, Profile], years: np.ndarray, value) -> np.ndarray:
    """`value(profile)` of each row's collection year, worked out once a year."""
    known, which = np.unique(years, return_inverse=True)
    return np.array([value(profiles[int(year)]) for year in known])[which]


def routes(
    rng, age_years: np.ndarray, uasc: np.ndarray, profiles: dict[int, Profile], years: np.ndarray
) -> np.ndarray:
    """Route out of care for each entrant, weighted by age and the published exit shares of
    its collection year (`years`)."""
    n = len(age_years)
    ceased = by_year(profiles, years, lambda x: max(x.cla_ceased, 1.0))
    adopt = by_year(profiles, years, lambda x: x.adopted) / ceased
    sgo = by_year(profiles, years, lambda x: x.sgo) / ceased
    cao = by_year(profiles, years, lambda x: x.cao_pct) / 100
    home = np.clip(by_year(profiles, years, lambda x: x.returned_home_pct) / 100 + 0.12, 0.15, 0.6)
    weights = np.zeros((n, len(ROUTES)))
    weights[:, 0] = np.where(age_years < 5, adopt / 0.33, 0)
    weights[:, 1] = np.where(age_years < 12, sgo / 0.55, 0)
    weights[:, 2] = np.where(age_years < 12, cao / 0.55, 0)
    weights[:, 3] = home
    weights[:, 4] = np.where(age_years >= 10, 0.35, 0.12)
    weights[:, 5] = 0.06
    weights[uasc] = [0, 0, 0, 0, 0.85, 0.15]
    cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    return (rng.random((n, 1)) > cumulative).sum(axis=1).clip(0, len(ROUTES) - 1)


def ends(
    rng, start, dob, route: np.ndarray, scale: float | np.ndarray, pace: dict[int, float]
) -> np.ndarray:
    """End date of each period of care (at the latest, the 18th birthday), its length that of
    its route times `scale` on average (one for all, or one a period). Below 1 every other
    route is shorter, and fewer of the children on their way to 18 stay until then, the rest
    leaving early (see below): an authority whose children stay for a shorter time than the
    routes give still has children of 17 in care. Above 1 a route keeps its length and a
    share of the children on it stay until 18 instead, the share that makes the average
    `scale` times the route's: an authority whose children stay longer has more children in
    care for the long term, not babies adopted at four. The pace of each collection year
    (`finish`) moves the end of every stay but those until 18."""
    n = len(start)
    scale = np.broadcast_to(np.asarray(scale, float), (n,))
    adult = birthday(dob, 18)
    to_adult = (adult - start).astype("timedelta64[D]").astype(int)
    shorter = np.minimum(scale, 1.0)
    length = to_adult * shorter
    for number, name in enumerate(ROUTES):
        if name == "eighteen":
            continue
        fixed, shape, size = LENGTHS[name]
        length = np.where(
            route == number, (fixed + rng.gamma(shape, size, size=n)) * shorter, length
        )
    if (scale != 1).any():
        chance = rng.random(n)
        # Above 1, staying to 18 (to_adult) with chance q keeps the mean:
        # (1 - q) L + q T = scale L.
        stays = (scale - 1) * length / np.maximum(to_adult - length, 1)
        length = np.where((scale > 1) & (chance < stays), to_adult, length)
        # Below 1, a child on its way to 18 still stays until 18 with chance q, and otherwise
        # leaves after h of the time left, h = scale / 2: q T + (1 - q) h T = scale T when
        # q = h / (1 - h). Shortening every such stay instead left almost no one of 17 in
        # care (Camden: one child of 17 against twelve of 16, besides the unaccompanied).
        half = shorter / 2
        leaves = (scale < 1) & (route == ROUTES.index("eighteen"))
        length = np.where(
            leaves, np.where(chance < half / (1 - half), to_adult, to_adult * half), length
        )
    # A stay until 18 ends on the 18th birthday, whatever the pace of the years before it.
    return np.where(
        length >= to_adult, adult, np.minimum(finish(start, length.astype(int) + 1, pace), adult)
    )


PACE_FROM, PACE_TO = np.datetime64("1980-04-01"), np.datetime64("2080-04-01")


def finish(start: np.ndarray, length: np.ndarray, pace: dict[int, float]) -> np.ndarray:
    """The day a period of care starting on `start` has had `length` days of care, where the
    days of collection year Y count `pace[Y]` each (1 where not given): a pace above 1 ends
    more periods in that year, below 1 fewer, so the children ceasing care each year can be
    the published number while the length of care stays that of the route."""
    if not pace:
        return start + days(length)
    day = np.arange(PACE_FROM, PACE_TO)
    year = (day.astype("datetime64[M]").astype(int) + 9) // 12 + 1970
    speed = np.ones(len(day))
    for y, value in pace.items():
        speed[year == y] = value
    clock = np.concatenate([[0.0], np.cumsum(speed)])
    begun = clock[(start - PACE_FROM).astype(int)]
    return PACE_FROM + days(np.searchsorted(clock, begun + length))


def exit_codes(rng, route: np.ndarray, end, dob) -> np.ndarray:
    """The REC code of each period's last episode, in the current code set (see `codes`);
    which special guardianship code applies is settled once the last placement is known."""
    n = len(route)
    roll = rng.random(n)
    at_18 = end >= birthday(dob, 18)
    codes = np.full(n, "E8", dtype="<U3")
    codes[route == 0] = np.where(roll < 0.35, "E11", "E12")[route == 0]
    codes[route == 1] = "E45"
    codes[route == 2] = "E41"  # a child arrangements order, in every year
    codes[route == 3] = np.where(roll < 0.93, "E4A", "E13")[route == 3]
    codes[route == 5] = np.where(roll < 0.5, "E3", "E8")[route == 5]
    sixteen = end >= birthday(dob, 16)
    eighteen_choice = np.where(roll < 0.3, "E17", np.where(roll < 0.75, "E5", "E6"))
    codes[route == 4] = np.where(sixteen, np.where(roll < 0.5, "E5", "E6"), "E8")[route == 4]
    return np.where(at_18, eighteen_choice, codes)


def move_times(rng, start, end, cal: Calibration) -> list[np.ndarray]:
    """Days after the start of care on which the placement changes, per period."""
    out = []
    length = (end - start).astype("timedelta64[D]").astype(int)
    first = rng.poisson(cal.first_year_moves * np.minimum(length, 365) / 365)
    later = rng.poisson(cal.later_moves * np.maximum(length - 365, 0) / 365)
    for n1, n2, span in zip(first, later, length, strict=True):
        early = rng.integers(3, max(4, min(span, 365) - 2), size=n1)
        late = rng.integers(366, max(367, span - 2), size=n2) if span > 368 else []
        times = np.unique(np.concatenate([early, late]).astype(int))
        out.append(times[(times > 1) & (times < span - 1)])
    return out


def stock(start: np.ndarray, end: np.ndarray, on: np.datetime64) -> int:
    """Children looked after on a date (start on or before it, end after it)."""
    return int(((start <= on) & (end > on)).sum())


def period_frame(child, start, end, route, rec, uasc) -> Frame:
    return Frame(child=child, start=start, end=end, route=route, rec=rec, uasc=uasc)
