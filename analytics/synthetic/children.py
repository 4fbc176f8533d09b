"""Synthetic children: date of birth, sex, ethnicity, disability, pupil number and home.

Shares follow the national children in need census (ethnicity, disability) closely enough
for realistic-looking returns; nothing here is drawn from any real child.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from analytics.authorities import MADE
from analytics.synthetic.frame import Frame, days
from analytics.synthetic.postcodes import Places
from analytics.validation.values import upn_check_letters

ETHNICITY = {
    "WBRI": 0.655,
    "WIRI": 0.004,
    "WIRT": 0.002,
    "WOTH": 0.05,
    "WROM": 0.006,
    "MWBC": 0.022,
    "MWBA": 0.01,
    "MWAS": 0.014,
    "MOTH": 0.03,
    "AIND": 0.01,
    "APKN": 0.025,
    "ABAN": 0.01,
    "AOTH": 0.015,
    "BCRB": 0.01,
    "BAFR": 0.03,
    "BOTH": 0.01,
    "CHNE": 0.002,
    "OOTH": 0.03,
    "REFU": 0.005,
    "NOBT": 0.03,
}
DISABILITIES = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"]
DISABLED_SHARE = 0.13
# Age at first referral: babies and teenagers are referred most.
AGE_WEIGHTS = np.array([11, 5.5, 5.5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6.5, 6.5, 6, 4.5, 3.0])
# Share of babies' referrals made at birth (referred before it, as most babies who come into
# care are, and assessed from the day they are born); the rest come during the first year.
AT_BIRTH = 0.4
NEWBORN_DAYS = 14  # "at birth": within this many days of it


def draw_ages(rng: np.random.Generator, n: int) -> np.ndarray:
    """Age in days at first referral."""
    years = rng.choice(len(AGE_WEIGHTS), size=n, p=AGE_WEIGHTS / AGE_WEIGHTS.sum())
    at_birth = (years == 0) & (rng.random(n) < AT_BIRTH)
    within = np.where(at_birth, rng.integers(0, NEWBORN_DAYS, size=n), rng.integers(0, 365, size=n))
    return years * 365 + within


def make(
    rng: np.random.Generator,
    la_code: str,
    first_referral: np.ndarray,
    age_days: np.ndarray,
    homes: Places,
) -> Frame:
    """One row per child, in the order of `first_referral`."""
    n = len(first_referral)
    number = np.arange(n)
    codes = list(ETHNICITY)
    weights = np.array(list(ETHNICITY.values()))
    return Frame(
        child=np.array([f"{la_code}{i:07d}" for i in number]),
        dob=first_referral - days(age_days),
        sex=np.where(rng.random(n) < 0.52, "M", "F"),
        ethnicity=np.array(codes)[rng.choice(len(codes), size=n, p=weights / weights.sum())],
        upn=upns(allocated_by(la_code, first_referral), number),
        disability=_disabilities(rng, n),
        home=rng.integers(0, len(homes), size=n),
        uasc=np.zeros(n, dtype=bool),
    )


def _disabilities(rng: np.random.Generator, n: int) -> np.ndarray:
    """Disability codes joined by spaces; "NONE" for most children."""
    first = rng.integers(0, len(DISABILITIES), size=n)
    second = (first + rng.integers(1, len(DISABILITIES), size=n)) % len(DISABILITIES)
    names = np.array(DISABILITIES)
    one = names[first]
    two = np.char.add(np.char.add(one, " "), names[second])
    roll = rng.random(n)
    return np.where(roll < DISABLED_SHARE * 0.6, one, np.where(roll < DISABLED_SHARE, two, "NONE"))


def allocated_by(la_code: str, known: np.ndarray) -> np.ndarray:
    """The code of the authority that allocated each child's UPN: `la_code`, or for a child
    first known (`known`) before the authority was made (`MADE`), its predecessor's. The
    Department's rule 1530 of 2022-23 did not yet know Cumberland's and Westmorland's."""
    if la_code not in MADE:
        return np.full(len(known), la_code)
    old, made = MADE[la_code]
    return np.where(known < np.datetime64(made), old, la_code)


def upns(la_codes: np.ndarray, number: np.ndarray) -> np.ndarray:
    """Unique pupil numbers with the Department's check letter: letter, LA, school, year, serial.

    Characters 2-13 are the allocating authority's code (`la_codes`, one a child), a four-digit
    school number and a two-digit year of allocation and a three-digit serial, all derived from
    the child's number so each child has a different UPN.
    """
    school = 2000 + (number // 1000) % 8000
    year = 10 + (number // 8_000_000) % 15
    serial = number % 1000
    bodies = [
        f"{la}{s:04d}{y:02d}{r:03d}"
        for la, s, y, r in zip(la_codes, school, year, serial, strict=True)
    ]
    return np.char.add(upn_check_letters(pa.array(bodies, pa.string())), np.array(bodies, str))
