"""Placements calibrated to the published measures: how often they change, and where.

Two measures of the Department's placement stability are matched for the last year asked
for: children looked after at 31 March with three or more placements during the year (set by
the rate of moves in a child's first year in care), and children under 16 looked after for
two and a half years or more who have lived in the same placement for two years (set by the
rate of moves after the first year). The children looked after at 31 March are placed in each
group (foster care, children's homes, supported accommodation, ...) in the shares the
authority published (`calibration.placement_targets`), set by scaling each group's weight
for a new placement (`care.Calibration.placement_mix`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from analytics.synthetic import care, placements
from analytics.synthetic.calibration import (
    PLACEMENT_GROUPS,
    PLACEMENTS,
    allowed_share,
    placement_targets,
)
from analytics.synthetic.frame import Frame, age_on, collection_year, days

PLACEMENT_STARTS = ("S", "P", "T", "B", "U")
ATTEMPTS = 6
MOVE_ATTEMPTS = 3  # attempts that also set the rates of moves
MIX_FLOOR = 0.01  # the least weight of a placement group (`_mix`)
SMALL_COUNT = 30  # among this many children, a group's weight moves half as far


def calibrate(world) -> None:
    """Set the rates of moves, then refine the placement mix; the episodes kept are those of
    the refining attempt whose shares at 31 March are nearest the published ones (among few
    children one attempt can land further away than the one before).

    The attempts build only the periods of care open at some time in the last year, the only
    ones the measures read; each period draws from streams of its own (`placements.build`),
    so the periods of every year are then built once, with the mix kept, as that attempt
    built them."""
    year = world.years[-1]
    p = world.profiles[year]
    cal = world.calibration
    cal.later_moves = -math.log(max(p.long_term_stable_pct, 5) / 100) / 2
    area = area_of(world)
    shares = placement_targets(world.authority.code, year)
    first_day = collection_year(year)[0]
    in_year = np.flatnonzero(world.periods["end"] >= first_day)
    best: tuple | None = None
    for attempt in range(ATTEMPTS):
        rng = np.random.default_rng([world.seed, int(world.authority.code), 2])
        world.periods["moves"] = _object(
            care.move_times(rng, world.periods["start"], world.periods["end"], cal)
        )
        episodes, _ = placed(world, area, in_year)
        if attempt >= MOVE_ATTEMPTS:
            miss = _miss(shares, _open_at(episodes, year))
            if best is None or miss < best[0]:
                best = (miss, dict(cal.placement_mix))
        if attempt == ATTEMPTS - 1:
            break
        if attempt < MOVE_ATTEMPTS:  # then the moves stay, and only the mix is refined
            three, stable = measures(episodes, world.children, year)
            ratio = (p.three_placements_pct / 100) / max(three, 0.01)
            cal.first_year_moves *= float(np.clip(ratio, 0.5, 2) ** 0.6)
            wanted = math.log(max(p.long_term_stable_pct, 5) / 100)
            stable_now = math.log(min(max(stable, 0.05), 0.99))
            cal.later_moves *= float(np.clip(wanted / stable_now, 0.5, 2))
        _mix(cal.placement_mix, shares, _open_at(episodes, year))
    if best is not None:
        cal.placement_mix = best[1]
    world.episodes, world.adoption = placed(world, area)


def area_of(world) -> placements.Area:
    """Where the authority's children are placed: its homes, and the country around it."""
    distance = world.profiles[world.years[-1]].distance_pct / 100
    return placements.Area(world.authority.gss, _homes(world), _national(), distance)


def placed(world, area: placements.Area, only: np.ndarray | None = None) -> tuple[Frame, Frame]:
    """The episodes and adoption dates of the world's periods of care (or those `only`
    names) with the calibration's placement mix, as `placements.build` makes them."""
    return placements.build(
        np.random.default_rng([world.seed, int(world.authority.code), 3]),
        world.periods,
        world.children,
        world.cin["need"][world.periods["cin_row"]],
        area,
        world.calibration.placement_mix,
        only,
    )


def _open_at(episodes: Frame, year: int) -> np.ndarray:
    """The placement of each episode open at 31 March of `year`."""
    on = collection_year(year)[1]
    return episodes["place"][(episodes["decom"] <= on) & (episodes["dec"] > on)]


def _share(open_then: np.ndarray, group: str) -> float:
    """Share of the placements `open_then` in a group ("other": in none of the groups)."""
    codes = PLACEMENT_GROUPS.get(group)
    if codes:
        return float(np.isin(open_then, codes).mean())
    grouped = [code for codes in PLACEMENT_GROUPS.values() for code in codes]
    return float((~np.isin(open_then, grouped)).mean())


def _miss(shares: dict[str, float], open_then: np.ndarray) -> float:
    """The furthest group from its published share, in what `allowed_share` allows."""
    if not len(open_then):
        return math.inf
    return max(
        (
            abs(_share(open_then, g) - want) / allowed_share(want, len(open_then))
            for g, want in shares.items()
        ),
        default=0.0,
    )


def _mix(mix: dict[str, float], shares: dict[str, float], open_then: np.ndarray) -> None:
    """Scale each placement group's weight by the ratio of its published share at 31 March to
    the simulated one (damped among few children, whose shares are mostly chance). Groups
    whose share was suppressed aim together at what the published shares leave, less the
    children placed for adoption or in schools (which no weight sets). A group published as
    none has the least weight at once: damped among the City of London's five children, its
    weight fell by half an attempt, and one child in an "other" placement was a fifth of
    them against none published."""
    if not len(open_then):
        return
    power = 1.2 * len(open_then) / (len(open_then) + SMALL_COUNT)

    def scale(groups: list[str], want: float) -> None:
        got = sum(_share(open_then, g) for g in groups)
        ratio = ((want + 0.005) / (got + 0.005)) ** power
        for group in groups:
            mix[group] = float(np.clip(mix.get(group, 1.0) * ratio, MIX_FLOOR, 100))

    for group, share in shares.items():
        if share:
            scale([group], share)
        else:  # published as none (not suppressed): none placed there, however few the children
            mix[group] = MIX_FLOOR
    suppressed = [g for g in PLACEMENTS if g not in shares]
    if shares and suppressed:
        unweighted = sum(_share(open_then, g) for g in PLACEMENT_GROUPS if g not in PLACEMENTS)
        scale(suppressed, max(0.0, 1 - sum(shares.values()) - unweighted))


def _object(arrays: list[np.ndarray]) -> np.ndarray:
    out = np.empty(len(arrays), dtype=object)
    out[:] = arrays
    return out


def _homes(world):
    from analytics.synthetic.postcodes import in_authority

    return in_authority(world.authority.gss)


def _national():
    from analytics.synthetic.postcodes import national

    return national()


def measures(episodes: Frame, kids: Frame, year: int) -> tuple[float, float]:
    """(share of children looked after at 31 March with 3+ placements in the year,
    share of long-stay under-16s in the same placement for 2 years)."""
    start, end = collection_year(year)
    on = (episodes["decom"] <= end) & (episodes["dec"] > end)
    children_on = np.unique(episodes["child"][on])
    if not len(children_on):
        return 0.0, 0.0
    is_start = np.isin(episodes["rne"], PLACEMENT_STARTS)
    in_year = is_start & (episodes["decom"] >= start) & (episodes["decom"] <= end)
    counts = np.bincount(episodes["child"][in_year], minlength=len(kids))
    open_at_start = (episodes["decom"] < start) & (episodes["dec"] >= start)
    carried = np.zeros(len(kids), int)
    carried[np.unique(episodes["child"][open_at_start])] = 1
    three = float(((counts + carried)[children_on] >= 3).mean())
    return three, _long_term(episodes, kids, np.unique(episodes["period"][on]), end)


def _long_term(episodes: Frame, kids: Frame, periods_on: np.ndarray, end) -> float:
    period_rows = episodes.take(
        np.isin(episodes["period"], periods_on) & (episodes["decom"] <= end)
    )
    last: dict[Any, Any] = {}
    first: dict[Any, Any] = {}
    for child, period, decom, rne in zip(
        period_rows["child"],
        period_rows["period"],
        period_rows["decom"],
        period_rows["rne"],
        strict=True,
    ):
        first.setdefault((child, period), decom)
        if rne in PLACEMENT_STARTS:
            last[(child, period)] = decom
    eligible = stable = 0
    for (child, _), began in first.items():
        if began > end - days(912) or age_on(kids["dob"][child : child + 1], end)[0] >= 16:
            continue
        eligible += 1
        stable += last[(child, _)] <= end - days(730)
    return stable / eligible if eligible else 0.0
