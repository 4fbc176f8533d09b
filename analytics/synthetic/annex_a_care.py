"""The Annex A lists of children in care and after it: list 8 (children looked after), list 9
(care leavers) and list 10 (children with an adoption decision), from the world's periods of
care and their SSDA903 episodes, as they stood on the inspection date."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from analytics.synthetic.annex_a_lists import (
    CEASED,
    FAMILY,
    LEGAL,
    NEEDS,
    NEW_PLACEMENT,
    PLACEMENTS,
    PROVIDERS,
    View,
    yes,
)
from analytics.synthetic.frame import age_on

IN_TOUCH = ["a) In touch", "b) Not in touch", "c) Not recorded"]
OFFERED = "Was the child offered a Return Interview after their last missing episode (Y/N)?"
ACCEPTED = "Did the child accept a Return Interview after their last missing episode (Y/N)?"


def _by_period(view: View) -> dict[int, list[int]]:
    """Each period's episodes begun by the inspection date, in order."""
    episodes = view.world.episodes
    found: dict[int, list[int]] = defaultdict(list)
    for index in np.argsort(episodes["decom"], kind="stable"):
        if episodes["decom"][index] <= view.as_at:
            found[int(episodes["period"][index])].append(int(index))
    return found


def _run_start(episodes, chosen: list[int], same) -> int:
    """The first episode of the run, back from the latest, that `same` says belongs with it."""
    first = chosen[-1]
    for index in reversed(chosen[:-1]):
        if not same(index, first):
            break
        first = index
    return first


def _missing(view: View) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Each child's missing (M) and absence (A) counts in the year, and their last episode."""
    m = view.world.missing
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    last: dict[int, int] = {}
    for index in np.flatnonzero((m["start"] > view.year_ago) & (m["start"] <= view.as_at)):
        child = int(m["child"][index])
        counts[child][0 if m["kind"][index] == "M" else 1] += 1
        if m["kind"][index] == "M":
            last[child] = int(index)
    return counts, last


def _workers(view: View) -> dict[int, str]:
    allocations = view.world.social_workers
    found: dict[int, str] = {}
    for index in np.argsort(allocations["start"], kind="stable"):
        if allocations["start"][index] <= view.as_at:
            found[int(allocations["child"][index])] = str(allocations["worker"][index])
    return found


def _placements_in_year(view: View, episodes, chosen: list[int]) -> int:
    moves = sum(
        1
        for i in chosen
        if episodes["rne"][i] in NEW_PLACEMENT and episodes["decom"][i] > view.year_ago
    )
    return moves + int(episodes["decom"][chosen[0]] <= view.year_ago)


def _placement(view: View, episodes, index: int) -> dict:
    place, gss = str(episodes["place"][index]), str(episodes["pl_la"][index])
    home = gss == view.world.authority.gss
    return {
        "Placement Type": PLACEMENTS.get(place)
        or PLACEMENTS.get(place[:1])
        or "f) Residential accommodation",
        "Placement Provider": PROVIDERS.get(str(episodes["provider"][index]), "c) Other"),
        "Placement postcode": str(episodes["pl_post"][index]) or None,
        "URN of Placement": str(episodes["urn"][index]) or None,
        "Placement Location": "a) In" if home else "b) Out",
        "LA of Placement": view.gss_names.get(gss, gss) or None,
    }


def _second_period(view: View, periods, i: int) -> bool:
    same = np.flatnonzero(periods["child"] == periods["child"][i])
    start = periods["start"][i]
    return any(
        start - np.timedelta64(365, "D") <= periods["end"][j] < start for j in same if j != i
    )


def looked_after(view: View) -> list[dict]:
    world = view.world
    periods, episodes = world.periods, world.episodes
    by_period, (missing, last_missing) = _by_period(view), _missing(view)
    workers, m = _workers(view), world.missing
    rows = []
    for i in np.flatnonzero(view.during(periods["start"], periods["end"])):
        chosen = by_period.get(int(i))
        if not chosen:
            continue
        c, latest = int(periods["child"][i]), chosen[-1]
        legal = _run_start(episodes, chosen, lambda a, b: episodes["ls"][a] == episodes["ls"][b])
        placed = _run_start(episodes, chosen, lambda a, b: episodes["rne"][b] not in NEW_PLACEMENT)
        ceased = view.day(periods["end"][i])
        gone = last_missing.get(c)
        rows.append(
            view.child(c)
            | {
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": yes(
                    bool(view.kids["uasc"][c])
                ),
                "Date Started to be Looked After": view.day(periods["start"][i]),
                "Child's Category of Need": NEEDS.get(
                    str(episodes["cin"][latest]), "a) Abuse or neglect"
                ),
                "Is this a second or subsequent period of being a Looked After Child within the "
                "last 12 months (Y/N)": yes(_second_period(view, periods, int(i))),
                "Start date of current legal status": view.day(episodes["decom"][legal]),
                "Child's Legal Status": LEGAL.get(
                    str(episodes["ls"][latest]), "b) Full care orders"
                ),
                "Number of Placements in the Last 12 months": _placements_in_year(
                    view, episodes, chosen
                ),
                "Date Ceased to be Looked After": ceased,
                "Reason Ceased to be Looked After": (
                    CEASED.get(str(periods["rec"][i])) if ceased else None
                ),
                "Start Date of Most Recent Placement": view.day(episodes["decom"][placed]),
                **_placement(view, episodes, latest),
                "Number of Episodes the Child has been 'Missing' from their Placement in the last "
                "12 months": missing[c][0] if c in missing else 0,
                "Number of Episodes the Child has been 'Absent' from their Placement in the last "
                "12 months": missing[c][1] if c in missing else 0,
                OFFERED: (None if gone is None else yes(bool(m["rhi_offered"][gone]))),
                ACCEPTED: (None if gone is None else yes(bool(m["rhi_accepted"][gone]))),
                "Allocated Team": "Children in Care",
                "Allocated Worker": workers.get(c) or view.worker(),
            }
        )
    return rows


def care_leavers(view: View) -> list[dict]:
    """Former relevant children: in care on their 18th birthday, aged 18 to 20 on the day."""
    periods, kids = view.world.periods, view.kids
    dob = kids["dob"][periods["child"]]
    left = ~np.isnat(periods["end"]) & (periods["end"] <= view.as_at)
    adult_then = age_on(dob, np.where(left, periods["end"], view.as_at)) >= 18
    age_now = age_on(dob, view.as_at)
    chosen = np.flatnonzero(left & adult_then & (age_now >= 18) & (age_now <= 20))
    rows = []
    for c in sorted({int(periods["child"][i]) for i in chosen}):
        touch = IN_TOUCH[int(view.rng.choice(3, p=[0.9, 0.06, 0.04]))]
        contact = view.as_at - np.timedelta64(int(view.rng.integers(0, 60)), "D")
        rows.append(
            view.child(c)
            | {
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": (
                    yes(bool(kids["uasc"][c]))
                ),
                "Allocated Team": "Leaving Care",
                "Allocated Worker": view.worker(),
                "Allocated Personal Advisor": view.worker("PA"),
                "Eligibility Category": "b) Former relevant",
                "LA in Touch": touch,
                "Latest Date of Contact": view.day(contact) if touch == IN_TOUCH[0] else None,
            }
        )
    return rows


def adoptions(view: View) -> list[dict]:
    """Children with a decision that they should be adopted, not adopted before the months."""
    periods, adoption = view.world.periods, view.world.adoption
    rows = []
    for i in np.flatnonzero(view.during(adoption["decision"], periods["end"])):
        ended = view.day(periods["end"][i])
        adopted = ended if str(periods["rec"][i]) in ("E11", "E12") else None
        rows.append(
            view.child(int(periods["child"][i]))
            | {
                FAMILY: None,
                "Date the Child Entered Care": view.day(periods["start"][i]),
                "Date of Decision that Child Should be Placed for Adoption": view.day(
                    adoption["decision"][i]
                ),
                "Date of Matching Child and Prospective Adopters": view.day(adoption["match"][i]),
                "Date Placed for Adoption": view.day(adoption["placed"][i]),
                "Date of Adoption Order": adopted,
            }
        )
    return rows
