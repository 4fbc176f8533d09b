"""Short breaks: disabled children in need accommodated for short-term breaks.

A small share of children in need because of their disability (need code N2) get short
breaks after their assessment: most under an agreement for a series of breaks (legal status
V4, one SSDA903 episode from the agreement's start to its end), some as single breaks (V3, one
period of care per break, at most 17 days each and 75 days a year). The Department's rules
shape them: never a temporary (T0-T4) or long-term foster (U1, U4) placement, no postcodes,
no reviews and no mother field for a child looked after only under V3/V4, never V3 and V4 for
the same child in one year. They are kept apart from the periods of care, so they never
count towards the published looked-after figures the simulation is calibrated to, and have no
reviews, missing episodes or social worker episodes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analytics.synthetic.codes import NO_URN
from analytics.synthetic.frame import NAT, Frame, age_on, birthday, collection_year, days

# New short-break children a year, as a share of the children looked after at 31 March.
SHARE = 0.015
SINGLE = 0.2  # on single breaks (V3) rather than a series (V4)
COLUMNS = ("child", "decom", "dec", "ls", "place", "provider", "urn")


def simulate(rng: np.random.Generator, world) -> Frame:
    """The short-break episodes of every child who has them, in the SSDA903 columns."""
    cin, kids = world.cin, world.children
    in_care = np.zeros(len(kids), bool)
    in_care[world.periods["child"]] = True
    dob = kids["dob"][cin["child"]]
    age = age_on(dob, cin["ref"])
    eligible = (
        (cin["need"] == "N2")
        & ~cin["care"]
        & ~cin["nfa"]
        & ~cin["not_in_need"]
        & ~np.isnat(cin["a_end"])
        & (age >= 4)
        & (age <= 15)
        & ~in_care[cin["child"]]
    )
    rows: list[tuple] = []
    taken: set[int] = set()
    for year in range(world.years[0] - 2, world.years[-1] + 1):
        start, end = collection_year(year)
        pool = np.flatnonzero(eligible & (cin["a_end"] >= start) & (cin["a_end"] <= end))
        pool = np.array([r for r in pool if int(cin["child"][r]) not in taken], dtype=int)
        wanted = rng.poisson(SHARE * world.profiles[year].cla_at31)
        for r in rng.permutation(pool)[:wanted]:
            child = int(cin["child"][r])
            taken.add(child)
            dob = kids["dob"][child]
            rows.extend(_agreement(rng, child, cin["a_end"][r], cin["close"][r], dob))
    return _frame(rows)


def _agreement(rng, child: int, assessed, close, dob) -> list[tuple]:
    begin = assessed + days(int(rng.integers(14, 90)))
    limit = birthday(np.array([dob]), 18)[0] - days(1)
    if not np.isnat(close):
        limit = min(limit, close)
    if limit - begin < np.timedelta64(30, "D"):
        return []
    place, provider, urn = _place(rng)
    if rng.random() >= SINGLE:
        end = min(begin + days(int(rng.gamma(2.0, 250)) + 60), limit)
        return [(child, begin, end, "V4", place, provider, urn)]
    breaks, when = [], begin
    stop = min(limit, begin + days(int(rng.integers(300, 800))))
    while when < stop:
        length = int(rng.integers(2, 8))
        breaks.append((child, when, when + days(length), "V3", place, provider, urn))
        when = when + days(length + int(rng.integers(45, 120)))
    return breaks


def _place(rng) -> tuple[str, str, str]:
    """A short-break foster carer, or a children's home (a short-break unit)."""
    if rng.random() < 0.55:
        return "U6", ("PR1" if rng.random() < 0.7 else "PR4"), NO_URN
    return "K2", ("PR1" if rng.random() < 0.6 else "PR4"), f"SC{rng.integers(100000, 999999)}"


def _frame(rows: list[tuple]) -> Frame:
    n = len(rows)
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [[] for _ in COLUMNS]
    f = Frame(**{name: np.array(v) for name, v in zip(COLUMNS, columns, strict=True)})
    f["child"] = f["child"].astype(int)
    f["decom"] = f["decom"].astype("datetime64[D]")
    f["dec"] = f["dec"].astype("datetime64[D]")
    blank = np.full(n, "")
    f["period"] = np.full(n, -1)
    f["rne"] = np.full(n, "S")
    f["rec"] = np.full(n, "E8")
    f["reason"] = blank
    f["pl_post"] = blank
    f["pl_east"] = np.zeros(n)
    f["pl_north"] = np.zeros(n)
    f["pl_la"] = blank
    f["cin"] = np.full(n, "N2")
    return f.sorted("child", "decom") if n else f


__all__ = ["simulate", "NAT"]
