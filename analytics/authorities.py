"""Local authorities made since 2019, each stated once: the code of the authority whose area
each took (Bournemouth's for Bournemouth, Christchurch and Poole) and the day it was made.

The generator gives a child known before that day a pupil number with the old code
(`analytics.synthetic.children`); the CIN census rule 1530 accepts the new codes from the
first census that is the new authority's own (`analytics.validation.children_in_need`).
"""

from __future__ import annotations

import datetime as dt

MADE = {
    "838": ("835", dt.date(2019, 4, 1)),  # Dorset, from Dorset County
    "839": ("837", dt.date(2019, 4, 1)),  # Bournemouth, Christchurch and Poole
    "940": ("928", dt.date(2021, 4, 1)),  # North Northamptonshire, from Northamptonshire
    "941": ("928", dt.date(2021, 4, 1)),  # West Northamptonshire
    "942": ("909", dt.date(2023, 4, 1)),  # Cumberland, from Cumbria
    "943": ("909", dt.date(2023, 4, 1)),  # Westmorland and Furness
}


def first_census(code: str) -> int:
    """The first collection year (ending 31 March) that is authority `code`'s own."""
    return MADE[code][1].year + 1
