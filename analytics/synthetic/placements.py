"""The episodes of each period of care: placements, legal statuses and where the child lived.

A period becomes a run of SSDA903 episodes: one for the start (RNE "S"), one for each change of
placement ("P") and of legal status ("L"); a change of both on the same day is recorded a day
apart, as the Department's rule 435 reads "T". Adoption follows its statutory order: a decision
that the child should be placed, a placement order (legal status E1), a match, a placement with
adopters (A6, from foster care) and the adoption order some months later.

Placement postcodes are real: a placement is in the authority, just outside it, or further
than 20 miles (the published share of children placed more than 20 miles from home and outside
the authority), except placements with parents, which are at home.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import numpy as np

from analytics.synthetic.care import ROUTES
from analytics.synthetic.codes import NO_URN
from analytics.synthetic.frame import NAT, Frame, birthday, birthdays, days
from analytics.synthetic.postcodes import Places, miles
from analytics.synthetic.streams import Streams

REASONS = np.array(
    ["CARPL", "CREQB", "CREQO", "CHILD", "LAREQ", "ALLEG", "STAND", "CLOSE", "OTHER"]
)
REASON_WEIGHTS = np.array([45, 12, 10, 8, 8, 3, 2, 3, 9], dtype=float)
REASON_SHARES = REASON_WEIGHTS / REASON_WEIGHTS.sum()
# What numpy's `rng.choice(len(REASONS), p=REASON_SHARES)` draws against, as a list: a
# reason is one draw looked up in it, the same draw numpy makes (at a fraction of the cost).
REASON_CDF = (REASON_SHARES.cumsum() / REASON_SHARES.cumsum()[-1]).tolist()
NEAR_OUTSIDE = 0.12  # placements just over the boundary, under 20 miles from home
SECTION_20_TO_ORDER = (0.25, 0.8)  # share of section 20 starts that turn, by stay < or > 1 year
AGES = 20  # birthdays worked out for a child in care (a stay ends by 18, or weeks after)
STEP_AT_SIXTEEN = 0.75  # share of young people in care after 16 who move on at 16 or 17
SUPPORTED_FROM = 16  # the youngest placed in supported accommodation (the Department's rule)


@dataclass
class Episode:
    decom: np.datetime64
    rne: str
    ls: str
    place: str
    provider: str
    where: int  # index into the placement postcodes list of the period
    urn: str
    reason: str = ""


@dataclass
class Area:
    """Where placements can be: the authority's postcodes and England's pool, by distance."""

    gss: str
    homes: Places
    national: Places
    far_share: float
    near: np.ndarray = field(init=False)
    far: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        centre_e, centre_n = np.median(self.homes.east), np.median(self.homes.north)
        outside = self.national.authority != self.gss
        distance = miles(self.national.east, self.national.north, centre_e, centre_n)
        self.near = np.flatnonzero(outside & (distance < 15))
        self.far = np.flatnonzero(outside & (distance > 25) & (distance < 180))
        if not len(self.near):
            self.near = np.flatnonzero(outside)[np.argsort(distance[outside])[:200]]


def build(
    rng,
    periods: Frame,
    children: Frame,
    need: np.ndarray,
    area: Area,
    mix: dict[str, float],
    only: np.ndarray | None = None,
) -> tuple[Frame, Frame]:
    """Episodes of every period (or of the periods `only` names, the others left with no
    episodes and no adoption dates), and per-period adoption dates; `mix` scales the weight
    of each placement group (`care.Calibration.placement_mix`). A period's episodes are the
    same whichever others are built with it."""
    rows = []
    adoption = np.full((len(periods), 3), NAT, dtype="datetime64[D]")
    dob, home = children["dob"], children["home"]
    sixteen = birthday(dob, 16)
    born = birthdays(dob[periods["child"]], AGES)  # of each period's child
    starts = periods["start"].astype("datetime64[D]").astype(np.int64).tolist()
    recs = np.array(periods["rec"], dtype="<U3")
    base = int(rng.integers(1 << 62))
    # Each period draws from its own streams, so a change to the mix changes only the
    # placements whose group it changes (the calibration compares like with like).
    owns, postcode_streams = Streams(base, len(periods)), Streams(base, len(periods), (1,))
    for i in range(len(periods)) if only is None else only.tolist():
        own, postcodes = owns[i], postcode_streams[i]  # default_rng([base, i]), ([base, i, 1])
        c = periods["child"][i]
        start, end, route = periods["start"][i], periods["end"][i], int(periods["route"][i])
        plan = _legal_plan(own, start, end, ROUTES[route], bool(periods["uasc"][i]))
        moves = {int(d) for d in periods["moves"][i]}  # days after the start
        uasc = bool(periods["uasc"][i])
        episodes = _episodes(
            own, plan, moves, (born[i], starts[i]), sixteen[c], ROUTES[route], uasc, mix
        )
        places = _where(postcodes, episodes, area, int(home[c]))
        recs[i] = _guardianship(own, recs[i], episodes[-1].place)
        for number, ep in enumerate(episodes):
            dec = episodes[number + 1].decom if number + 1 < len(episodes) else end
            rec = "X1" if number + 1 < len(episodes) else recs[i]
            pl = places[ep.where]
            rows.append(
                (
                    c,
                    i,
                    ep.decom,
                    dec,
                    ep.rne,
                    ep.ls,
                    ep.place,
                    ep.provider,
                    rec,
                    ep.reason,
                    pl[0],
                    pl[1],
                    pl[2],
                    pl[3],
                    ep.urn,
                    need[i],
                )
            )
        adoption[i] = (plan.get("decision", NAT), plan.get("match", NAT), plan.get("placed", NAT))
    names = (
        "child",
        "period",
        "decom",
        "dec",
        "rne",
        "ls",
        "place",
        "provider",
        "rec",
        "reason",
        "pl_post",
        "pl_east",
        "pl_north",
        "pl_la",
        "urn",
        "cin",
    )
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
    frame = Frame(**{n: np.array(v) for n, v in zip(names, columns, strict=True)})
    frame["decom"] = frame["decom"].astype("datetime64[D]")
    frame["dec"] = frame["dec"].astype("datetime64[D]")
    periods["rec"] = recs
    return frame, Frame(decision=adoption[:, 0], match=adoption[:, 1], placed=adoption[:, 2])


def _legal_plan(rng, start, end, route: str, uasc: bool) -> dict:
    """Legal status changes (day, status) and, for adoption, the adoption milestones."""
    length = int((end - start) / np.timedelta64(1, "D"))
    first = "V2" if uasc or rng.random() < 0.5 else ("C1" if rng.random() < 0.9 else "L2")
    changes = [(0, first)]
    plan: dict[str, Any] = {}
    day = 0
    if first == "L2":
        day = int(rng.integers(1, 7))
        changes.append((day, "C1"))
    # Accommodation (section 20) turns into care proceedings for most children who stay: the
    # Department's children looked after at 31 March are about a sixth under section 20,
    # half of them unaccompanied, where nearly half of all starts are.
    proceedings = SECTION_20_TO_ORDER[0 if length < 365 else 1]
    if first == "V2" and (
        route in ("adoption", "sgo", "cao") or (not uasc and rng.random() < proceedings)
    ):
        day = int(rng.integers(day + 20, day + 90))
        changes.append((day, "C1"))
    if changes[-1][1] == "C1":
        changes.append((int(rng.integers(day + 120, day + 300)), "C2"))
    if route == "adoption":
        placed, order, decision = _adoption_days(rng, length)
        changes = [(d, s) for d, s in changes if d == 0 or d < order - 1] + [(order, "E1")]
        plan.update(
            decision=start + days(decision),
            placed=start + days(placed),
            match=start + days(max(decision, placed - int(rng.integers(7, 40)))),
            placed_day=placed,
        )
    plan["changes"] = [(d, s) for d, s in changes if 0 <= d < length - 1 or d == 0]
    plan["start"], plan["length"] = start, length
    return plan


def _episodes(
    rng,
    plan: dict,
    moves: set[int],
    born: tuple[list[int], int],
    sixteen,
    route: str,
    uasc: bool,
    mix: dict,
) -> list[Episode]:
    """`moves`: the days after the start the child moves; `born`: the child's birthdays and
    the start, as day numbers (`frame.birthdays`); `sixteen`: the 16th birthday."""
    start, length = plan["start"], plan["length"]
    move_days = moves | _step_at_sixteen(rng, start, length, sixteen)
    if "placed_day" in plan:
        move_days = {d for d in move_days if d < plan["placed_day"] - 2} | {plan["placed_day"]}
    legal: dict[int, str] = dict(plan["changes"])
    for day in sorted(set(legal) & move_days - {0}, reverse=True):
        later = day + 1
        while later in move_days or later in legal:
            later += 1
        legal[later] = legal.pop(day)  # a day apart: never a "T"
    events = sorted({0, *move_days, *[d for d in legal if d < length - 1]})
    status, where = legal[0], -1
    episodes: list[Episode] = []
    whens = start + days(np.array(events))
    passed, first = born
    ages = [bisect_right(passed, first + day) - 1 for day in events]  # frame.birthdays
    for day, when, age in zip(events, whens, ages, strict=True):
        status = legal.get(day, status)
        if day == 0 or day in move_days:
            kind = _kind(rng, age, route, uasc, status, day, plan, mix)
            where += 1
            rne = "S" if day == 0 else "P"
            episodes.append(Episode(when, rne, status, *kind, where=where, urn=_urn(rng, kind[0])))
            if day:
                episodes[-2].reason = str(REASONS[bisect_right(REASON_CDF, rng.random())])
        else:
            last = episodes[-1]
            episodes.append(
                Episode(when, "L", status, last.place, last.provider, last.where, last.urn)
            )
    return episodes


def _step_at_sixteen(rng, start, length: int, sixteen) -> set[int]:
    """Most young people still in care some months after their 16th birthday move on (to
    supported accommodation, a children's home or other carers, see `_group_weights`): the
    day of that move, if any."""
    after = int((sixteen - start) / np.timedelta64(1, "D"))
    first, last = max(after, 30), min(length - 30, after + 540)
    if last <= first or rng.random() >= STEP_AT_SIXTEEN:
        return set()
    return {int(rng.integers(first, last))}


def _kind(
    rng, age: int, route: str, uasc: bool, status: str, day: int, plan: dict, mix: dict
) -> tuple[str, str]:
    """Placement type and provider of a new placement: its group drawn by `_group_weights`
    scaled by the calibrated mix, then the code within the group (always three draws, so the
    draws of the placements after it do not move when its group does)."""
    if plan.get("placed_day") == day:
        return "A6", "PR1"
    group_roll, provider_roll, relative_roll = rng.random(3)
    weights = _group_weights(age, route, uasc, status, day)
    scaled = list(accumulate(weight * mix.get(group, 1.0) for group, weight in weights.items()))
    group = list(weights)[bisect_right(scaled, group_roll * scaled[-1])]
    if group == "homes":
        return "K2", ("PR4" if provider_roll < 0.8 else "PR1")
    if group == "independent":
        return "K3", "PR4"
    if group == "residential":
        return "R1", ("PR4" if provider_roll < 0.7 else "PR1")
    if group == "other":
        return "Z1", ""  # the Department's "other placement": no provider (its rule 213)
    if group == "parents":
        return "P1", "PR0"
    # Special guardians are mostly the child's own foster carers, usually relatives.
    relative = relative_roll < (0.7 if route == "sgo" else 0.22)
    long_term = day > 300
    code = ("U1" if long_term else "U3") if relative else ("U4" if long_term else "U6")
    return code, ("PR1" if relative or provider_roll < 0.6 else "PR4")


def _group_weights(age: int, route: str, uasc: bool, status: str, day: int) -> dict[str, float]:
    """How likely a new placement is in each group before calibration: foster care for most
    children; children's homes from about ten; supported accommodation only from 16 (the
    Department's rule), most of all for unaccompanied children; with parents only under a
    care order (never section 20), most of all for children whose plan is to go home."""
    parents = 0.0
    if status in ("C1", "C2"):
        parents = 0.3 if route == "home" and day > 60 else 0.03
    return {
        "foster": 0.6 if age >= SUPPORTED_FROM else 1.0,
        "homes": 0.03 if age < 10 else 0.2,
        "independent": (1.5 if uasc else 0.4) if age >= SUPPORTED_FROM else 0.0,
        "residential": 0.02 if age >= 5 else 0.0,
        "other": 0.03,
        "parents": 0.0 if uasc else parents,
    }


def _urn(rng, place: str) -> str:
    """Homes and (registered from 28 October 2023) supported accommodation have an Ofsted
    number; the return gives NO_URN (XXXXXXX) for the others."""
    return f"SC{rng.integers(100000, 999999)}" if place in ("K2", "K3") else NO_URN


def _adoption_days(rng, length: int) -> tuple[int, int, int]:
    """Days into care of the placement with adopters, the placement order and the decision,
    counted back from the adoption order; shorter periods have them closer together. As the
    Department publishes (England, 2025): adopted nine months after being placed, placed
    eleven months after the decision to place, which comes nine months into care; the order
    ends the care proceedings, five to ten months before the child is placed (children on
    placement orders at 31 March are about 6% of those looked after)."""
    if length > 300:
        placed = length - int(rng.integers(200, min(360, length - 90)))
        order = placed - int(rng.integers(150, 300))
        return placed, max(order, 30), max(order - int(rng.integers(20, 90)), 1)
    placed = max(3, int(length * 0.6))
    return placed, max(2, int(length * 0.35)), 1


def _guardianship(rng, rec: str, last_place: str) -> str:
    """The special guardianship code fits the last placement: former foster carers (E45
    relatives, E46 others, rule 516 wants a foster placement), or other carers (E47, E48)."""
    if rec not in ("E45", "E46", "E47", "E48"):
        return rec
    if last_place in ("U1", "U3"):
        return "E45"
    if last_place in ("U4", "U6"):
        return "E46"
    return "E47" if rng.random() < 0.8 else "E48"


def _where(rng, episodes: list[Episode], area: Area, home: int) -> list[tuple]:
    """Postcode, grid reference and authority of each placement of a period."""
    homes, pool = area.homes, area.national
    out: list[Any] = []
    for ep in episodes:
        if ep.where < len(out):
            continue
        roll = rng.random()
        if ep.place == "P1":
            chosen = (homes, home)
        elif ep.provider == "PR1" and ep.place[0] not in "AU":  # own provision, in the area
            index = int(rng.integers(0, len(homes)))
            chosen = (homes, (index + 1) % len(homes) if index == home else index)  # not home
        elif roll < area.far_share and len(area.far):
            chosen = (pool, _one_of(rng, area.far))
        elif roll < area.far_share + NEAR_OUTSIDE:
            chosen = (pool, _one_of(rng, area.near))
        else:
            chosen = (homes, _other(rng, len(homes), home))
        places, index = chosen
        if out and places.postcode[index] == out[-1][0]:
            index = _other(rng, len(places), index)  # a move is to somewhere else (rule 435)
        out.append(
            (
                places.postcode[index],
                places.east[index],
                places.north[index],
                places.authority[index],
            )
        )
    return out


def _one_of(rng, indices: np.ndarray) -> int:
    """One of `indices`, as `rng.choice(indices)` draws it, without its checks."""
    return int(indices[rng.integers(0, len(indices))])


def _other(rng, n: int, avoid: int) -> int:
    choice = int(rng.integers(0, n - 1))
    return choice + 1 if choice >= avoid else choice
