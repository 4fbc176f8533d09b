"""Writing a synthetic authority's SSDA903 return for one collection year, as the CSV files
authorities send: header, episodes, reviews, UASC, OC2, OC3, AD1, placed for adoption,
previous permanence, missing and (from 2024) social worker episodes.

Columns are the Department's, in its order; dates are dd/mm/yyyy; codes are those of the
collection year (sex 1/2 until 2024, M/F from 2025; the other codes that changed come from
`codes`). A return holds the episodes open at any time in the year; an episode still open
at 31 March has no end date or reason.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from analytics.synthetic.frame import NAT, Frame, age_on, birthday, collection_year, days

COLUMNS = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": [
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ],
    "placed_adoption": [
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_worker": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
SOCIAL_WORKER_FROM = 2024


def dmy(dates: np.ndarray) -> np.ndarray:
    """dd/mm/yyyy, blank for NaT."""
    text = np.datetime_as_string(dates.astype("datetime64[D]"))
    out = np.char.add(
        np.char.add(
            np.char.add(np.strings.slice(text, 8, 10), "/"),
            np.char.add(np.strings.slice(text, 5, 7), "/"),
        ),
        np.strings.slice(text, 0, 4),
    )
    return np.where(np.isnat(dates), "", out)


class Year:
    """The window of collection year `year` over a simulated world."""

    def __init__(self, world, year: int) -> None:
        self.world, self.year = world, year
        self.start, self.end = collection_year(year)
        self.rng = np.random.default_rng([world.seed, int(world.authority.code), 3, year])

    def open_by(self, end: np.ndarray) -> np.ndarray:
        """End dates after the year's end are not known yet: blank."""
        return np.where(end > self.end, NAT, end)


def write(world, year: int, folder: Path) -> dict[str, int]:
    """Write every table of the year's return into `folder`; rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    y = Year(world, year)
    tables = tables_for(y)
    counts = {}
    for name, rows in tables.items():
        if name == "social_worker" and year < SOCIAL_WORKER_FROM:
            continue
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(COLUMNS[name])
            out.writerows(rows)
        counts[name] = len(rows)
    return counts


def tables_for(y: Year) -> dict[str, list]:
    from analytics.synthetic import ssda903_tables as t

    care = _in_year(y, y.world.episodes)
    breaks = _in_year(y, y.world.short_breaks)
    eps = Frame.concat([care, breaks]).sorted("child", "decom") if len(breaks) else care
    oc3 = t.oc3(y)
    children = np.unique(np.concatenate([eps["child"], oc3["child"]]).astype(int))
    return {
        "header": t.header(y, children, care["child"]),
        "episodes": t.episodes(y, eps),
        "reviews": t.reviews(y, care),
        "uasc": t.uasc(y, np.unique(care["child"])),
        "oc2": t.oc2(y, care),
        "oc3": oc3["rows"],
        "ad1": t.ad1(y),
        "placed_adoption": t.placed_adoption(y, care),
        "prev_perm": t.prev_perm(y, eps),
        "missing": t.missing(y),
        "social_worker": t.social_worker(y, np.unique(care["child"])),
    }


def _in_year(y: Year, episodes: Frame) -> Frame:
    if not len(episodes):
        return episodes
    rows = (episodes["decom"] <= y.end) & (episodes["dec"] >= y.start)
    return episodes.take(rows).sorted("child", "decom")


def in_care_on(episodes: Frame, when: np.datetime64) -> np.ndarray:
    rows = (episodes["decom"] <= when) & (episodes["dec"] > when)
    return np.unique(episodes["child"][rows])


__all__ = ["COLUMNS", "write", "dmy", "Year", "age_on", "birthday", "days", "in_care_on"]
