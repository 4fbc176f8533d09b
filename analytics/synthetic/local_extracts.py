"""Local extracts in Assure's CSV templates (docs/formats/local_extracts.md): missing
episodes with return home interviews, exploitation toolkits, and workforce by team and month.

Councils keep these outside the statutory returns; the templates are Assure's own, and the
loaders read exactly these columns.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from analytics.synthetic.frame import age_on, collection_year, days
from analytics.synthetic.ssda903 import dmy

MISSING_COLUMNS = [
    "child_id",
    "sex",
    "dob",
    "looked_after",
    "missing_start",
    "missing_end",
    "rhi_offered",
    "rhi_accepted",
    "rhi_date",
    "team",
]
TOOLKIT_COLUMNS = [
    "child_id",
    "sex",
    "dob",
    "toolkit_date",
    "risk_level",
    "exploitation_type",
    "team",
    "review_date",
    "closed_date",
]
WORKFORCE_COLUMNS = [
    "month",
    "team",
    "establishment_fte",
    "filled_fte",
    "agency_fte",
    "leavers_fte",
    "cases",
]
TEAMS = [
    "Assessment",
    "Safeguarding North",
    "Safeguarding South",
    "Children in Care",
    "Adolescent Support",
]


def _yes(flags: np.ndarray) -> np.ndarray:
    return np.where(flags, "Y", "N")


def write(world, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    start, end = collection_year(world.years[0])[0], collection_year(world.years[-1])[1]
    return {
        "missing_episodes": _write(
            folder / "missing_episodes.csv", MISSING_COLUMNS, missing(world, start, end)
        ),
        "exploitation_toolkits": _write(
            folder / "exploitation_toolkits.csv", TOOLKIT_COLUMNS, toolkits(world, start, end)
        ),
        "workforce": _write(folder / "workforce.csv", WORKFORCE_COLUMNS, workforce(world)),
    }


def _write(path: Path, columns: list[str], rows: list) -> int:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        out.writerows(rows)
    return len(rows)


def missing(world, start, end) -> list:
    m = world.missing
    rows = (m["start"] >= start) & (m["start"] <= end)
    child = m["child"][rows]
    kids = world.children
    returned = np.where(m["end"][rows] > end, np.datetime64("NaT"), m["end"][rows])
    held = np.where(m["rhi_held"][rows] > end, np.datetime64("NaT"), m["rhi_held"][rows])
    offered = m["rhi_offered"][rows] & ~np.isnat(returned)
    team = np.where(m["looked_after"][rows], "Children in Care", "Adolescent Support")
    cols = [
        kids["child"][child],
        kids["sex"][child],
        dmy(kids["dob"][child]),
        _yes(m["looked_after"][rows]),
        dmy(m["start"][rows]),
        dmy(returned),
        np.where(np.isnat(returned), "", _yes(offered)),
        np.where(offered, _yes(m["rhi_accepted"][rows]), ""),
        np.where(offered, dmy(held), ""),
        team,
    ]
    return list(zip(*cols, strict=True))


def toolkits(world, start, end) -> list:
    """Exploitation screening toolkits of children who go missing, reviewed about quarterly."""
    rng = np.random.default_rng([world.seed, int(world.authority.code), 5])
    first: dict[int, np.datetime64] = {}
    for child, when in zip(world.missing["child"], world.missing["start"], strict=True):
        first.setdefault(int(child), when)
    kids, rows = world.children, []
    for child, when in first.items():
        if rng.random() > 0.45 or when > end:
            continue
        date = when + days(int(rng.integers(1, 30)))
        adult = date + days(365 * (18 - int(age_on(kids["dob"][child : child + 1], date)[0])))
        review, closed, nxt = None, None, date
        while True:
            nxt = nxt + days(int(rng.choice([80, 88, 91, 120, 150], p=[0.3, 0.3, 0.2, 0.12, 0.08])))
            if nxt > end or nxt >= adult:
                break
            if rng.random() < 0.2:
                closed = nxt
                break
            review = nxt
        if (closed is not None and closed < start) or date > end:
            continue
        rows.append(
            (
                kids["child"][child],
                kids["sex"][child],
                dmy(kids["dob"][child : child + 1])[0],
                dmy(np.array([date]))[0],
                str(rng.choice(["Low", "Medium", "High"], p=[0.4, 0.4, 0.2])),
                str(rng.choice(["CSE", "CCE", "Both"], p=[0.45, 0.4, 0.15])),
                str(rng.choice(TEAMS[1:])),
                "" if review is None else dmy(np.array([review]))[0],
                "" if closed is None else dmy(np.array([closed]))[0],
            )
        )
    return rows


def workforce(world) -> list:
    """Each team's share of the authority's published workforce, month by month."""
    rng = np.random.default_rng([world.seed, int(world.authority.code), 6])
    shares = np.array([0.25, 0.22, 0.22, 0.19, 0.12])
    rows = []
    for year in world.years:
        p = world.profiles[year]
        for month in range(12):
            label = str(np.datetime64(f"{year - 1}-04") + np.timedelta64(month, "M"))
            for team, share in zip(TEAMS, shares, strict=True):
                in_post = p.social_workers_fte * share * (1 + rng.normal(0, 0.03))
                agency = in_post * p.agency_pct / 100
                filled = in_post - agency
                establishment = in_post / max(1 - p.vacancy_pct / 100, 0.5)
                leavers = max(0.0, rng.normal(filled * p.turnover_pct / 1200, 0.3))
                cases = int(round(p.caseload * in_post * (1 + rng.normal(0, 0.04))))
                rows.append(
                    (
                        label,
                        team,
                        round(establishment, 1),
                        round(filled, 1),
                        round(agency, 1),
                        round(leavers, 1),
                        cases,
                    )
                )
    return rows
