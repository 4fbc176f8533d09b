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
from analytics.synthetic.calibration import PLACEMENT_GROUPS, placement_targets
from analytics.synthetic.frame import Frame, age_on, days

PLACEMENT_STARTS = ("S", "P", "T", "B", "U")
ATTEMPTS = 6
MOVE_ATTEMPTS = 3  # attempts that also set the rates of moves
SMALL_COUNT = 30  # among this many children, a group's weight moves half as far


def calibrate(world) -> None:
    p = world.profiles[world.years[-1]]
    cal = world.calibration
    cal.later_moves = -math.log(max(p.long_term_stable_pct, 5) / 100) / 2
    area = placements.Area(world.authority.gss, _homes(world), _national(), p.distance_pct / 100)
    need = world.cin["need"][world.periods["cin_row"]]
    shares = placement_targets(world.authority.code, world.years[-1])
    for attempt in range(ATTEMPTS):
        rng = np.random.default_rng([world.seed, int(world.authority.code), 2])
        world.periods["moves"] = _object(
            care.move_times(rng, world.periods["start"], world.periods["end"], cal)
        )
        world.episodes, world.adoption = placements.build(
            np.random.default_rng([world.seed, int(world.authority.code), 3]),
            world.periods,
            world.children,
            need,
            area,
            cal.placement_mix,
        )
        if attempt == ATTEMPTS - 1:
            break
        if attempt < MOVE_ATTEMPTS:  # then the moves stay, and only the mix is refined
            three, stable = measures(world.episodes, world.children, world.years[-1])
            ratio = (p.three_placements_pct / 100) / max(three, 0.01)
            cal.first_year_moves *= float(np.clip(ratio, 0.5, 2) ** 0.6)
            wanted = math.log(max(p.long_term_stable_pct, 5) / 100)
            stable_now = math.log(min(max(stable, 0.05), 0.99))
            cal.later_moves *= float(np.clip(wanted / stable_now, 0.5, 2))
        _mix(cal.placement_mix, shares, world.episodes, world.years[-1])


def _mix(mix: dict[str, float], shares: dict[str, float], episodes: Frame, year: int) -> None:
    """Scale each placement group's weight by the ratio of its published share at 31 March to
    the simulated one (damped among few children, whose shares are mostly chance)."""
    on = np.datetime64(f"{year}-03-31")
    open_then = episodes["place"][(episodes["decom"] <= on) & (episodes["dec"] > on)]
    if not len(open_then):
        return
    grouped = [code for codes in PLACEMENT_GROUPS.values() for code in codes]
    for group, share in shares.items():
        codes = PLACEMENT_GROUPS.get(group)  # "other": a code in none of the groups
        got = (np.isin(open_then, codes) if codes else ~np.isin(open_then, grouped)).mean()
        power = 1.2 * len(open_then) / (len(open_then) + SMALL_COUNT)
        ratio = ((share + 0.005) / (got + 0.005)) ** power
        mix[group] = float(np.clip(mix.get(group, 1.0) * ratio, 0.01, 100))


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
    start, end = np.datetime64(f"{year - 1}-04-01"), np.datetime64(f"{year}-03-31")
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
