"""Children's journeys through children's social care, up to the door of care.

Each referral opens a CIN episode. The episode may end at the referral (no further action),
after an assessment (not in need), or go on: a section 47 enquiry from a strategy discussion,
an initial child protection conference some working days later, a child protection plan, a
child in need plan, and for some children a period of care (see `care`). When an episode
closes the child may be referred again; a referral within 12 months of the last is a
re-referral. Every draw is vectorised over all the episodes of one step of the chain.

Probabilities are the published ratios of the year the referral falls in: section 47
enquiries per referral, conferences per enquiry, plans per conference, starts in care per
episode. Durations are set so the stocks at 31 March match: a plan lasts on average
(plans at 31 March) / (plans started) years, Little's law.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analytics.synthetic import workdays
from analytics.synthetic.calibration import Profile
from analytics.synthetic.care import uasc_starts
from analytics.synthetic.children import NEWBORN_DAYS
from analytics.synthetic.frame import NAT, Frame, age_on, birthday, collection_year, days

REFERRAL_SOURCES = [
    "1A",
    "1B",
    "1C",
    "1D",
    "2A",
    "2B",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "4",
    "5A",
    "5B",
    "5C",
    "5D",
    "6",
    "7",
    "8",
    "9",
    "10",
]
SOURCE_WEIGHTS = np.array([6, 2, 1, 1, 18, 2, 2, 3, 1, 3, 3, 1, 2, 3, 2, 2, 3, 28, 3, 6, 1, 3])
NEEDS = np.array(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"])
NEED_WEIGHTS = np.array([57, 9, 4, 8, 14, 3, 1, 4])
ABUSE = np.array(["NEG", "EMO", "PHY", "SAB", "MUL"])
ABUSE_WEIGHTS = np.array([50, 38, 7, 4, 1])
LATE_REFERRAL = 0.10  # share of referrals of a known child more than 12 months after the last
CARE_WEIGHT_ON_PLAN = 6.0  # a child on a plan is this many times likelier to come into care
# How much likelier a child of each age (in years at referral) is to come into care: babies
# most, then teenagers (the Department's starts by age: about a fifth under one); the
# calibrated rate of entry (`care.Calibration.care_rate`) keeps the number of starts.
CARE_BY_AGE = np.array(
    [2.5, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.8, 0.9, 1.0, 1.1, 1.2, 1.2, 1.3, 1.3]
)
OLDER_FROM = 13  # from this age the calibrated `care.Calibration.older` scales the weight too
CARE_WEIGHT_AT_BIRTH = 2.0  # and a baby referred at birth this many times likelier again
MAX_REFERRALS = 8
NEED_DAYS = 260.0  # gamma scale of a CIN episode's length after assessment, before calibration


def year_of(dates: np.ndarray) -> np.ndarray:
    """Collection year (ending 31 March) of each date."""
    months = dates.astype("datetime64[M]").astype(int)
    return (months + 9) // 12 + 1970


def rates(profiles: dict[int, Profile], years: np.ndarray) -> dict[str, np.ndarray]:
    """Per-row probabilities from the profile of each row's year (clamped to those known)."""
    known = np.array(sorted(profiles))
    table = {year: _ratios(profiles[year]) for year in known}
    clamped = np.clip(years, known[0], known[-1])
    return {
        name: np.array([table[y][name] for y in known])[clamped - known[0]]
        for name in table[known[0]]
    }


def _ratios(p: Profile) -> dict[str, Any]:
    nfa = p.nfa_pct / 100
    s47 = min(0.9, p.s47 / max(p.referrals * (1 - nfa), 1))
    icpc = min(0.95, p.icpc / max(p.s47, 1))
    cpp = min(0.97, p.cpp_starts / max(p.icpc, 1))
    not_in_need = min(0.9, p.not_in_need_pct / 100 / (1 - nfa) / max(1 - s47, 0.1))
    in_need = p.referrals * (1 - nfa) * (1 - not_in_need * (1 - s47))
    care = (p.cla_starts - uasc_starts(p)) / max(
        in_need + (CARE_WEIGHT_ON_PLAN - 1) * p.cpp_starts, 1
    )
    return {
        "nfa": nfa,
        "s47": s47,
        "icpc": icpc,
        "cpp": cpp,
        "not_in_need": not_in_need,
        "care": care,
        "cpp_days": 365 * p.cpp_at31 / max(p.cpp_starts, 1),
        "need_days": NEED_DAYS,
        "rereferral": p.rereferral_pct / 100,
        "second_plan": p.cpp_second_pct / 100,
        "icpc_bands": np.array(p.icpc_bands),
    }


def first_referrals(
    rng, profiles: dict[int, Profile], years: range, eligible: float, rate: float = 1.0
) -> np.ndarray:
    """Dates of first referrals, so that with re-referrals each year has its published total
    (as many as that, not a random number around it: the small authorities' counts stay near)."""
    out = []
    for year in years:
        p = profiles[min(max(year, min(profiles)), max(profiles))]
        share_new = 1 - p.rereferral_pct / 100 - LATE_REFERRAL * eligible
        # unaccompanied children arriving are referred too (see `world`): not counted twice
        n = round(max(p.referrals * share_new * rate - uasc_starts(p), 0.0))
        start = collection_year(year)[0]
        out.append(workdays.next_working(start + days(rng.integers(0, 365, size=n))))
    return np.sort(np.concatenate(out)) if out else np.array([], dtype="datetime64[D]")


def episodes(rng, child: np.ndarray, ref: np.ndarray, dob: np.ndarray, r: dict) -> Frame:
    """One CIN episode per referral: outcome, assessment, enquiry, conference, plan dates."""
    n = len(ref)
    roll = rng.random((6, n))
    nfa = roll[0] < r["nfa"]
    s47 = ~nfa & (roll[1] < r["s47"])
    icpc = s47 & (roll[2] < r["icpc"])
    cpp = icpc & (roll[3] < r["cpp"])
    not_in_need = ~nfa & ~s47 & (roll[4] < r["not_in_need"])  # RC8/RC9 allow no enquiry
    a_start = np.where(nfa, NAT, workdays.add(ref, rng.integers(0, 4, size=n)))
    a_days = np.where(
        rng.random(n) < 0.86, rng.integers(4, 46, size=n), rng.integers(46, 110, size=n)
    )
    a_end = np.where(nfa, NAT, workdays.add(a_start, a_days))
    s_start = np.where(s47, workdays.add(ref, rng.integers(0, 6, size=n)), NAT)
    icpc_date = np.where(icpc, workdays.add(s_start, _icpc_offsets(rng, r["icpc_bands"])), NAT)
    cpp_days = np.maximum(14, rng.gamma(1.6, r["cpp_days"] / 1.6, size=n)).astype(int)
    cpp_end = np.where(cpp, icpc_date + days(cpp_days), NAT)
    frame = Frame(
        child=child,
        ref=ref,
        source=np.array(REFERRAL_SOURCES)[_pick(rng, SOURCE_WEIGHTS, n)],
        nfa=nfa,
        not_in_need=not_in_need,
        need=np.where(cpp, "N1", NEEDS[_pick(rng, NEED_WEIGHTS, n)]),
        a_start=a_start,
        a_end=a_end,
        s47=s_start,
        icpc=icpc_date,
        icpc_target=np.where(s47, workdays.add(s_start, 15), NAT),
        cpp_start=np.where(cpp, icpc_date, NAT),
        cpp_end=cpp_end,
        abuse=ABUSE[_pick(rng, ABUSE_WEIGHTS, n)],
        factors=rng.integers(0, 1 << 30, size=n),
    )
    age = np.clip(age_on(dob, ref), 0, len(CARE_BY_AGE) - 1)
    weight = CARE_BY_AGE[age] * np.where(cpp, CARE_WEIGHT_ON_PLAN, 1.0)
    weight = weight * np.where(age >= OLDER_FROM, r["older"], 1.0)
    weight = weight * np.where(_newborn(dob, ref), CARE_WEIGHT_AT_BIRTH, 1.0)
    _close(rng, frame, dob, roll[5] < r["care"] * weight, r)
    return frame


def _pick(rng, weights: np.ndarray, n: int) -> np.ndarray:
    return rng.choice(len(weights), size=n, p=weights / weights.sum())


def _icpc_offsets(rng, bands: np.ndarray) -> np.ndarray:
    """Working days from strategy discussion to conference, by the published bands."""
    n = len(bands)
    cumulative = np.cumsum(bands, axis=1)
    band = (rng.random((n, 1)) > cumulative).sum(axis=1).clip(0, 3)
    low = np.array([3, 11, 16, 21])[band]
    high = np.array([11, 16, 21, 36])[band]
    return rng.integers(low, high)


def _close(rng, f: Frame, dob: np.ndarray, to_care: np.ndarray, r: dict) -> None:
    """Closure date and reason, and whether the episode leads into care (and when)."""
    n = len(f)
    adult = birthday(dob, 18) - days(1)
    stepdown = days(rng.gamma(1.5, 70, size=n).astype(int) + 14)
    in_need_days = days(rng.gamma(0.9, r["need_days"], size=n).astype(int) + 28)
    close = np.where(f["nfa"], f["ref"] + days(rng.integers(0, 3, size=n)), NAT)
    close = np.where(f["not_in_need"], f["a_end"], close)
    open_need = ~f["nfa"] & ~f["not_in_need"]
    close = np.where(open_need, f["a_end"] + in_need_days, close)
    has_plan = ~np.isnat(f["cpp_start"])
    close = np.where(has_plan, np.maximum(f["cpp_end"] + stepdown, f["a_end"]), close)
    care = open_need & to_care & (f["ref"] < adult - days(90))
    care_start = np.where(
        has_plan,
        f["cpp_start"]
        + days(
            rng.integers(0, 1 << 16, size=n)
            % np.maximum(1, _span(f["cpp_start"], f["cpp_end"], 240))
        ),
        f["a_start"] + days(rng.integers(5, 150, size=n)),
    )
    # A baby referred at birth who comes into care does so within weeks (proceedings were
    # planned before the birth), not months later.
    newborn = _newborn(dob, f["ref"])
    first_step = np.where(has_plan, f["cpp_start"], f["a_start"])
    care_start = np.where(newborn, first_step + days(rng.integers(0, 15, size=n)), care_start)
    f["care"] = care
    f["care_start"] = np.where(care, np.minimum(care_start, adult - days(30)), NAT)
    # A plan ends by the 18th birthday, and the episode does not close before its plan ends.
    f["cpp_end"] = np.minimum(f["cpp_end"], np.maximum(adult, f["cpp_start"] + days(1)))
    f["close"] = np.minimum(close, adult)
    f["close"] = np.where(has_plan, np.maximum(f["close"], f["cpp_end"]), f["close"])
    # An episode closed at 18 before its conference was held holds none (rule 8565: no work
    # of an episode after it closed); a conference that starts a plan is before any closure.
    f["icpc"] = np.where(~has_plan & (f["icpc"] > f["close"]), NAT, f["icpc"])
    f["reason"] = np.where(
        f["nfa"],
        "RC7",
        np.where(f["not_in_need"], np.where(rng.random(n) < 0.3, "RC9", "RC8"), "RC7"),
    )


def _newborn(dob: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Whether each referral was made at the child's birth (see `children.AT_BIRTH`)."""
    return (ref - dob).astype("timedelta64[D]").astype("int64") < NEWBORN_DAYS


def _span(start: np.ndarray, end: np.ndarray, cap: int) -> np.ndarray:
    span = (end - start).astype("timedelta64[D]").astype("int64")
    return np.minimum(np.where(span > 0, span, 1), cap)


def next_referrals(rng, f: Frame, r: dict, eligible: float, stop: np.ndarray) -> np.ndarray:
    """Date of each episode's child's next referral, NaT for none."""
    n = len(f)
    roll = rng.random(n)
    window_end = f["ref"] + days(364)
    room = (window_end - f["close"]).astype("timedelta64[D]").astype("int64")
    q = np.minimum(0.95, r["rereferral"] / max(eligible, 0.2))
    quick = (roll < q) & (room > 1)
    gap = days((rng.random(n) * np.maximum(room - 1, 1)).astype(int) + 1)
    later = (roll >= q) & (roll < q + LATE_REFERRAL)
    late_gap = days(rng.exponential(420, size=n).astype(int) + 1)
    date = np.where(
        quick, f["close"] + gap, np.where(later, np.maximum(f["close"], window_end) + late_gap, NAT)
    )
    date = np.where(stop | np.isnat(f["close"]), NAT, date)
    return workdays.next_working(np.where(np.isnat(date), np.datetime64("2100-01-01"), date))
