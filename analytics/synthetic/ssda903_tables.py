"""The rows of each SSDA903 table for one collection year (see `ssda903` for the files)."""

from __future__ import annotations

import numpy as np

from analytics.formats.ssda903_schema import SHORT_BREAKS
from analytics.synthetic import codes
from analytics.synthetic.frame import Frame, age_on, birthday, days
from analytics.synthetic.ssda903 import Year, dmy

# Supported accommodation providers registered with Ofsted from 28 October 2023 (rule 230).
REGISTERED = np.datetime64("2023-10-29")
FAR = np.datetime64("2200-01-01", "D")  # the end of a placement still open


def _sex(y: Year, sex: np.ndarray) -> np.ndarray:
    return sex if y.year >= 2025 else np.where(sex == "M", "1", "2")


def _dob(y: Year, child: np.ndarray) -> np.ndarray:
    return dmy(y.world.children["dob"][child])


def upn(y: Year, child: np.ndarray) -> np.ndarray:
    """UN1 for children under school age (under 4 on 31 August before the year began)."""
    kids = y.world.children
    august = np.datetime64(f"{y.year - 2}-08-31")
    young = age_on(kids["dob"][child], august) < 4
    return np.where(kids["uasc"][child], "UN2", np.where(young, "UN1", kids["upn"][child]))


def header(y: Year, children: np.ndarray, looked_after: np.ndarray) -> list:
    """Mother status is recorded for every girl looked after in the year (rules 393, 607)."""
    kids = y.world.children
    sex = kids["sex"][children]
    girl = (sex == "F") & np.isin(children, looked_after)
    mother = np.where(girl, "0", "")
    cols = [
        kids["child"][children],
        _sex(y, sex),
        _dob(y, children),
        kids["ethnicity"][children],
        upn(y, children),
        mother,
        np.full(len(children), ""),
    ]
    return list(zip(*cols, strict=True))


def urn(y: Year, eps: Frame) -> np.ndarray:
    """Supported accommodation has an Ofsted number in the returns from 2024, for
    placements that went on after providers registered; NO_URN before. Every episode of a
    placement (a change of legal status alone, RNE L, goes on in the same one) has the same."""
    child, period = eps["child"], eps["period"]
    new = np.ones(len(eps), bool)
    new[1:] = (eps["rne"][1:] != "L") | (child[1:] != child[:-1]) | (period[1:] != period[:-1])
    placement = np.cumsum(new) - 1
    ended = np.full(placement[-1] + 1 if len(eps) else 0, np.datetime64("1900-01-01", "D"))
    np.maximum.at(ended, placement, np.where(np.isnat(eps["dec"]), FAR, eps["dec"]))
    unregistered = (eps["place"] == "K3") & ((y.year < 2024) | (ended[placement] < REGISTERED))
    return np.where(unregistered, codes.NO_URN, eps["urn"])


def episodes(y: Year, eps: Frame) -> list:
    """Short breaks (V3, V4) have no postcodes or URN: the Department's rules 398 and 214."""
    kids = y.world.children
    dec = y.open_by(eps["dec"])
    closed = ~np.isnat(dec)
    homes = y.world.homes.postcode[kids["home"][eps["child"]]]
    short = np.isin(eps["ls"], SHORT_BREAKS)
    home_post = np.where(kids["uasc"][eps["child"]] | short, "", homes)
    cols = [
        kids["child"][eps["child"]],
        dmy(eps["decom"]),
        eps["rne"],
        eps["ls"],
        eps["cin"],
        codes.ssda903("episodes", "PLACE", eps["place"], y.year),
        eps["provider"],
        dmy(dec),
        np.where(closed, codes.ssda903("episodes", "REC", eps["rec"], y.year), ""),
        np.where(closed, eps["reason"], ""),
        home_post,
        np.where(short, "", eps["pl_post"]),
        np.where(short, "", urn(y, eps)),  # rule 214: no placement location for V3, V4
    ]
    return list(zip(*cols, strict=True))


def reviews(y: Year, eps: Frame) -> list:
    r = y.world.reviews
    rows = (r["date"] >= y.start) & (r["date"] <= y.end) & np.isin(r["child"], eps["child"])
    child, date = r["child"][rows], r["date"][rows]
    age = age_on(y.world.children["dob"][child], date)
    code = np.where(
        age < 4,
        "PN0",
        y.rng.choice(["PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"], len(child)),
    )
    return list(zip(y.world.children["child"][child], _dob(y, child), dmy(date), code, strict=True))


def uasc(y: Year, children: np.ndarray) -> list:
    kids = y.world.children
    chosen = children[kids["uasc"][children]]
    duc = birthday(kids["dob"][chosen], 18)  # status ceases at 18, known in advance
    return list(
        zip(
            kids["child"][chosen],
            _sex(y, kids["sex"][chosen]),
            _dob(y, chosen),
            dmy(duc),
            strict=True,
        )
    )


def looked_after_all_year(y: Year) -> np.ndarray:
    """Children looked after continuously for the 12 months to 31 March, as the Department's
    validators count them: a period of care that began on or before 1 April and had not ended
    before 31 March (ending on 31 March itself still counts); short breaks are not care."""
    p = y.world.periods
    return np.unique(p["child"][(p["start"] <= y.start) & (p["end"] >= y.end)])


def oc2(y: Year, eps: Frame) -> list:
    """The children looked after all year (`looked_after_all_year`)."""
    w = y.world
    child = looked_after_all_year(y)
    n = len(child)
    age = age_on(w.children["dob"][child], y.end)
    rng = y.rng
    sdq_age = (age >= 4) & (age <= 17)
    scored = sdq_age & (rng.random(n) < 0.8)
    score = np.clip(rng.normal(14, 6.5, n).round(), 0, 40).astype(int).astype(str)
    # SDQ1 (under 4 or over 16) never applies to the children asked about.
    reason = np.where(sdq_age & ~scored, rng.choice(["SDQ2", "SDQ3", "SDQ4", "SDQ5"], n), "")
    flag = lambda p: np.where(rng.random(n) < p, "1", "0")  # noqa: E731
    convicted = np.where(age >= 10, np.where(rng.random(n) < 0.03, "1", "0"), "")
    misuse = np.where(age >= 10, np.where(rng.random(n) < 0.04, "1", "0"), "0")
    received = np.where(misuse == "1", flag(0.6), "")
    offered = np.where((misuse == "1") & (received == "0"), flag(0.8), "")
    cols = [
        w.children["child"][child],
        _dob(y, child),
        np.where(scored, score, ""),
        reason,
        convicted,
        np.where(age < 5, flag(0.9), ""),
        flag(0.86),
        flag(0.8),
        flag(0.9),
        misuse,
        received,
        offered,
    ]
    return list(zip(*cols, strict=True))


def oc3(y: Year) -> dict:
    """Care leavers whose 17th to 21st birthday falls in the year and who left care at 16+,
    other than those back in care all year."""
    w = y.world
    p = w.periods
    dob = w.children["dob"][p["child"]]
    left_old = (age_on(dob, p["end"]) >= 16) & (p["end"] <= y.end)
    after_14 = (p["end"] - np.maximum(p["start"], birthday(dob, 14))).astype(int) >= 91
    leavers = left_old & after_14 & np.isin(p["rec"], ["E17", "E5", "E6", "E8", "E4A", "E13"])
    birthdays = np.stack([birthday(dob, a) for a in range(17, 22)])
    in_year = ((birthdays >= y.start) & (birthdays <= y.end) & (birthdays > p["end"])).any(axis=0)
    # A child back in care all year is not a care leaver (the Department's rule 187), nor is
    # one of 17 or 18 back in care on or after the 17th or 18th birthday in the year (1007).
    turned = np.where(birthday(dob, 18) > y.end, birthday(dob, 17), birthday(dob, 18))
    age = age_on(dob, y.end)
    back = (age >= 17) & (age <= 18) & (p["start"] <= y.end) & (p["end"] >= turned)
    child = np.setdiff1d(
        np.unique(p["child"][leavers & in_year]),
        np.union1d(looked_after_all_year(y), p["child"][back]),
    )
    n = len(child)
    rng = y.rng
    roll = rng.random(n)
    touch = np.where(roll < 0.88, "YES", np.where(roll < 0.96, "NO", "REFU"))
    activ = rng.choice(
        ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"],
        n,
        p=[0.04, 0.01, 0.2, 0.05, 0.06, 0.03, 0.04, 0.02, 0.25, 0.1, 0.2],
    )
    accom = np.char.add(
        rng.choice(["B", "D", "E", "K", "U", "Y"], n, p=[0.2, 0.25, 0.15, 0.1, 0.25, 0.05]),
        np.where(rng.random(n) < 0.9, "1", "2"),
    )
    activ = codes.ssda903("oc3", "ACTIV", activ, y.year)
    yes = touch == "YES"
    rows = list(
        zip(
            w.children["child"][child],
            _dob(y, child),
            touch,
            np.where(yes, activ, "0"),
            np.where(yes, accom, "0"),
            strict=True,
        )
    )
    return {"child": child, "rows": rows}


def ad1(y: Year) -> list:
    """Children adopted in the year (never on 31 March: see `world._care_outcomes`)."""
    w = y.world
    p = w.periods
    adopted = np.isin(p["rec"], ["E11", "E12"]) & (p["end"] >= y.start) & (p["end"] <= y.end)
    index = np.flatnonzero(adopted)
    child = p["child"][index]
    n = len(index)
    a = w.adoption
    roll = y.rng.random(n)
    single = roll < 0.15
    nb = np.where(single, "1", "2")
    sex = np.where(
        single, np.where(y.rng.random(n) < 0.8, "F1", "M1"), np.where(roll < 0.9, "MF", "FF")
    )
    legal = np.where(single, "L0", np.where(roll < 0.8, "L11", np.where(roll < 0.9, "L3", "L12")))
    cols = [
        w.children["child"][child],
        _dob(y, child),
        dmy(a["decision"][index]),
        dmy(a["match"][index]),
        np.full(n, "0"),
        nb,
        sex,
        legal,
    ]
    return list(zip(*cols, strict=True))


def placed_adoption(y: Year, eps: Frame) -> list:
    w = y.world
    periods = np.unique(eps["period"])
    decided = periods[w.adoption["decision"][periods] <= y.end]
    child = w.periods["child"][decided]
    blank = np.full(len(decided), "")
    return list(
        zip(
            w.children["child"][child],
            _dob(y, child),
            dmy(w.adoption["decision"][decided]),
            blank,
            blank,
            strict=True,
        )
    )


def prev_perm(y: Year, eps: Frame) -> list:
    """Every child starting care in the year, short breaks too (rule 630)."""
    starting = eps.take((eps["rne"] == "S") & (eps["decom"] >= y.start))
    child = np.unique(starting["child"])
    n = len(child)
    roll = y.rng.random(n)
    code = np.where(roll < 0.9, "Z1", np.where(roll < 0.96, "P2", "P3"))
    first = np.searchsorted(starting["child"], child)
    code = np.where(np.isin(starting["ls"][first], SHORT_BREAKS), "Z1", code)
    when = starting["decom"][np.searchsorted(starting["child"], child)] - days(
        y.rng.integers(400, 2500, n)
    )
    la = np.where(code == "Z1", "", y.world.authority.code)
    return list(
        zip(
            y.world.children["child"][child],
            _dob(y, child),
            code,
            la,
            np.where(code == "Z1", "", dmy(when)),
            strict=True,
        )
    )


def missing(y: Year) -> list:
    """Missing episodes of the year, and one still open when it began (rule 576)."""
    m = y.world.missing
    rows = m["looked_after"] & (m["start"] <= y.end) & (m["end"] >= y.start)
    child = m["child"][rows]
    end = y.open_by(m["end"][rows])
    return list(
        zip(
            y.world.children["child"][child],
            _dob(y, child),
            m["kind"][rows],
            dmy(m["start"][rows]),
            dmy(end),
            strict=True,
        )
    )


def social_worker(y: Year, children: np.ndarray) -> list:
    s = y.world.social_workers
    rows = np.isin(s["child"], children) & (s["start"] <= y.end) & (s["end"] >= y.start)
    child = s["child"][rows]
    end = y.open_by(s["end"][rows])
    reason = s["reason"][rows]
    return list(
        zip(
            y.world.children["child"][child],
            _dob(y, child),
            s["worker"][rows],
            dmy(s["start"][rows]),
            dmy(end),
            reason,
            strict=True,
        )
    )
