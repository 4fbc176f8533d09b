"""Records that hang off periods of care and CIN episodes: reviews, missing episodes with
return home interviews, social worker allocations, child protection plan reviews.

Statutory timescales set the dates: a looked-after review within 20 working days of coming
into care, the second within three months, then every six months; a child protection review
within three months of the conference, then every six months; a return home interview
offered within 72 hours of a child coming back from missing. Most are on time, some late.
"""

from __future__ import annotations

import numpy as np

from analytics.synthetic import workdays
from analytics.synthetic.frame import NAT, Frame, age_on, days

MISSING_AGE = 10


def looked_after_reviews(rng, periods: Frame) -> Frame:
    rows_child, rows_date = [], []
    late = rng.random((len(periods), 40)) < 0.08
    for i in range(len(periods)):
        start, end = periods["start"][i], periods["end"][i]
        when = workdays.add(start, 18 if not late[i, 0] else 28)
        gaps = [91] + [182] * 38
        for k, gap in enumerate(gaps):
            if when >= end:
                break
            rows_child.append(periods["child"][i])
            rows_date.append(when)
            when = when + days(gap + (25 if late[i, k + 1] else -int(rng.integers(0, 10))))
    return Frame(
        child=np.array(rows_child, dtype=int), date=np.array(rows_date, dtype="datetime64[D]")
    )


def plan_reviews(rng, cin: Frame) -> Frame:
    """Child protection reviews: three months after the conference, then six-monthly."""
    has = np.flatnonzero(~np.isnat(cin["cpp_start"]))
    out_row, out_date = [], []
    when = cin["cpp_start"][has] + days(np.where(rng.random(len(has)) < 0.92, 85, 100))
    for _ in range(10):
        live = when < cin["cpp_end"][has]
        out_row.append(has[live])
        out_date.append(when[live])
        when = when + days(np.where(rng.random(len(has)) < 0.9, 175, 200))
    return Frame(
        row=np.concatenate(out_row), date=np.concatenate(out_date).astype("datetime64[D]")
    ).sorted("row", "date")


def missing_episodes(
    rng, periods: Frame, kids: Frame, cin: Frame, share: float, episodes: Frame
) -> Frame:
    """Missing episodes of children in care (and some children in need), with interviews.

    A looked-after child's missing episode lies within one placement: it starts after the
    placement began and is over before it ends (the Department's rules 575 and 577 expect a
    missing episode to be closed when the placement it started from ends)."""
    dob = kids["dob"][periods["child"]]
    teen = age_on(dob, periods["end"] - days(1)) >= MISSING_AGE
    prone = teen & (rng.random(len(periods)) < min(0.95, share * 2.2))
    care = _spells(
        rng, periods["child"][prone], periods["start"][prone], periods["end"][prone], 3.5
    )
    care = _inside_episodes(care, episodes)
    care["looked_after"] = np.ones(len(care), bool)
    open_cin = ~cin["care"] & ~cin["nfa"] & ~cin["not_in_need"]
    cin_dob = kids["dob"][cin["child"]]
    chosen = open_cin & (age_on(cin_dob, cin["ref"]) >= 11) & (rng.random(len(cin)) < 0.05)
    ends = np.where(np.isnat(cin["close"]), cin["ref"] + days(365), cin["close"])
    other = _spells(rng, cin["child"][chosen], cin["a_end"][chosen], ends[chosen], 1.5)
    other["looked_after"] = np.zeros(len(other), bool)
    return _interviews(rng, Frame.concat([care, other]).sorted("child", "start"))


def _spells(rng, child, start, end, mean_per_year: float) -> Frame:
    rows = []
    for c, s, e in zip(child, start, end, strict=True):
        span = int((e - s) / np.timedelta64(1, "D"))
        if span < 3:
            continue
        count = 1 + rng.poisson(mean_per_year * span / 365)
        offsets = np.unique(rng.integers(1, span - 1, size=count))
        last_end = -1
        for offset in offsets:
            if offset <= last_end:
                continue
            length = int(rng.choice([0, 0, 0, 1, 1, 2, 3, 6]))
            stop = min(offset + length, span - 1)
            rows.append((c, s + days(offset), s + days(stop)))
            last_end = stop
    child_col = np.array([r[0] for r in rows], dtype=int)
    return Frame(
        child=child_col,
        start=np.array([r[1] for r in rows], dtype="datetime64[D]"),
        end=np.array([r[2] for r in rows], dtype="datetime64[D]"),
    )


def _inside_episodes(spells: Frame, episodes: Frame) -> Frame:
    """Spells cut to the placement episode they start in; those starting on the day one
    episode gives way to the next are dropped."""
    e = episodes.sorted("child", "decom")
    key = e["child"].astype(np.int64) * 100_000 + e["decom"].astype(np.int64)
    spell_key = spells["child"].astype(np.int64) * 100_000 + spells["start"].astype(np.int64)
    at = np.searchsorted(key, spell_key, side="right") - 1
    found = (at >= 0) & (e["child"][np.maximum(at, 0)] == spells["child"])
    at = np.maximum(at, 0)
    inside = found & (e["decom"][at] < spells["start"]) & (spells["start"] < e["dec"][at])
    kept = spells.take(inside)
    kept["end"] = np.minimum(kept["end"], e["dec"][at[inside]] - days(1))
    return kept


def _interviews(rng, spells: Frame) -> Frame:
    """Return home interview offered, accepted and held (the 72-hour clock runs from return)."""
    n = len(spells)
    roll = rng.random((3, n))
    offered = roll[0] < 0.93
    accepted = offered & (roll[1] < 0.68)
    hours = np.where(roll[2] < 0.6, rng.integers(4, 72, n), rng.integers(73, 400, n))
    spells["kind"] = np.where(rng.random(n) < 0.05, "A", "M")
    spells["rhi_offered"] = offered
    spells["rhi_accepted"] = accepted
    spells["rhi_held"] = np.where(accepted, spells["end"] + days(hours // 24), NAT)
    return spells


def social_workers(rng, periods: Frame, n_workers: int) -> Frame:
    """Allocated social worker episodes, continuous from the start of care to a few weeks
    after it ends (the social worker closes the case once the child has settled).

    Each episode carries the reason it began (the Department asks for one on every episode
    from April 2023); the first allocation of a child's first period is a change in the
    child's circumstances, and after a gap of more than seven days since the child's last
    allocation a new contact ("FCONTA", the only reason the Department's rule SW10 accepts for
    such a gap).
    """
    rows = []
    handover = _handover(rng, periods)
    last: dict[int, np.datetime64] = {}
    for child, start, end, close in zip(
        periods["child"], periods["start"], periods["end"], handover, strict=True
    ):
        before = last.get(int(child))
        gap = before is not None and start - before > np.timedelta64(7, "D")
        when, reason = start, "FCONTA" if gap else "CHCHAN"
        last[int(child)] = close
        while when < close:
            length = int(rng.gamma(1.5, 200)) + 30
            stop = close if when + days(length) >= end else when + days(length)
            if stop != close and _late_march(np.array([stop]))[0]:
                stop = stop - days(7)  # rule SW11b: no handover in the last days of March
            rows.append((child, f"SW{int(rng.integers(0, n_workers)):05d}", when, stop, reason))
            when, reason = stop, str(rng.choice(SW_REASONS, p=SW_WEIGHTS))
    return Frame(
        child=np.array([r[0] for r in rows], dtype=int),
        worker=np.array([r[1] for r in rows], dtype="<U8"),
        start=np.array([r[2] for r in rows], dtype="datetime64[D]"),
        end=np.array([r[3] for r in rows], dtype="datetime64[D]"),
        reason=np.array([r[4] for r in rows], dtype="<U6"),
    )


def _handover(rng, periods: Frame) -> np.ndarray:
    """When the last allocation of each period ends: up to six weeks after care, never into
    the child's next period, and not in the last five days of March (the Department's rule
    SW11b expects a further episode after one that ends then). A child who comes back into
    care within a year keeps the social worker until then (the rules SW10 and SW11a of 2024
    want no gap between the episodes of one year's return)."""
    close = periods["end"] + days(rng.integers(0, 43, len(periods)))
    order = np.lexsort((periods["start"], periods["child"]))
    child, start = periods["child"][order], periods["start"][order]
    following = np.full(len(periods), np.datetime64("2200-01-01"), dtype="datetime64[D]")
    same = child[1:] == child[:-1]
    following[order[:-1][same]] = start[1:][same] - days(1)
    soon = following - periods["end"] <= np.timedelta64(KEPT_UNTIL_RETURN, "D")
    close = np.where(soon, following + days(1), np.minimum(close, following))
    late = _late_march(close) & (close + days(7) < following)
    close = np.where(late, close + days(7), close)
    return np.maximum(close, periods["end"])


def _late_march(dates: np.ndarray) -> np.ndarray:
    """26 to 31 March: the Department's rule SW11b wants a further episode after these."""
    march = (dates.astype("datetime64[Y]") + np.timedelta64(2, "M")).astype("datetime64[D]")
    day = (dates - march).astype(int)
    return (day >= 25) & (day <= 30)


KEPT_UNTIL_RETURN = 365  # days out of care over which the social worker stays allocated
SW_REASONS = np.array(
    ["MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "OTHERS"]
)
SW_WEIGHTS = np.array([10, 5, 35, 12, 18, 5, 3, 3, 9], dtype=float) / 100
