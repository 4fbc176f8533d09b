"""Planted breaches of the Department's SSDA903 rules on what placement and legal status an
episode may have, at what age and for how long, and what a new episode may change
(`looked_after_placements`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from analytics.formats.ssda903_schema import SHORT_BREAKS
from analytics.validation.parity import (
    Files,
    Mutation,
    Row,
    age,
    by_child,
    closed,
    day,
    first,
    pairs,
    setter,
    shift,
    text,
)
from analytics.validation.parity_903_rows import (
    YOUNG,
    _children,
    _continuation,
    _episode,
    _first_episode,
    _in_year,
    _leaving_age,
)


def _lasting(days: int) -> Callable[[Row], bool]:
    return lambda r: closed(r) and day(r["DEC"]) > day(r["DECOM"]) + dt.timedelta(days=days)


def _status(code: str, days: int, **values: str):
    """Legal status `code` for an episode starting care in the year and lasting `days`."""
    return _episode(
        lambda r: (
            r["RNE"] == "S" and _in_year(r) and _lasting(days)(r) and r["PLACE"] not in ("U1", "U4")
        ),
        LS=code,
        **values,
    )


def _temporary(code: str, days: int):
    """Temporary placement `code` lasting over `days`, amid other placements."""

    def plant(files: Files) -> None:
        _, row = first(
            pairs(files.this["episodes"], "DECOM"),
            lambda p: (
                p[1]["RNE"] != "S"
                and p[1]["REC"] == "X1"
                and not p[0]["REASON_PLACE_CHANGE"]
                and _lasting(days + 3)(p[1])
            ),
        )
        row.update(PLACE=code, REASON_PLACE_CHANGE="")

    return plant


def _placed_young(place: str, years: float, **values: str):
    def plant(files: Files) -> None:
        row = first(
            files.this["episodes"],
            lambda r: closed(r) and age(files, r["CHILD"], r["DECOM"]) < years,
        )
        row.update(PLACE=place, **values)

    return plant


def _after_non_foster(files: Files) -> None:
    earlier, later = first(
        pairs(files.this["episodes"], "DECOM"),
        lambda p: p[1]["PLACE"] in ("A5", "A6") and p[0]["PLACE"].startswith("U"),
    )
    earlier["PLACE"], later["PLACE"] = "R1", "A4"


def _past_18(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    last = first(
        [r[-1] for r in runs.values()],
        lambda r: r["REC"] not in ("", "X1") and age(files, r["CHILD"], r["DEC"]) > 18,
    )
    last["DEC"] = last["REC"] = last["REASON_PLACE_CHANGE"] = ""


def _next_episode(fits: Callable[[Row, Row], bool], change: Callable[[Row, Row], None]):
    """`change` to the first pair of episodes (one and the next) that fits."""

    def plant(files: Files) -> None:
        change(*_continuation(files, fits))

    return plant


def _uasc_children(files: Files) -> set[str]:
    return _children(files, "uasc") | {r["CHILD"] for r in files.last.get("uasc", [])}


def _same_postcodes(files: Files) -> None:
    row = first(files.this["episodes"], lambda r: bool(r["HOME_POST"]) and r["PLACE"] != "P1")
    row["PL_POST"] = row["HOME_POST"]


def _detained(files: Files) -> None:
    """PACE detention (J2) of 25 days for a child of 11 or over, as care starts."""
    row = first(
        files.this["episodes"],
        lambda r: (
            r["RNE"] == "S"
            and _in_year(r)
            and _lasting(25)(r)
            and age(files, r["CHILD"], r["DECOM"]) >= 11
        ),
    )
    row["LS"] = "J2"


def _three_holidays(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    run = first(list(runs.values()), lambda r: len(r) >= 5)
    for row in run[1:4]:
        row.update(PLACE="T3", REASON_PLACE_CHANGE="")


def _not_back(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    run = first(list(runs.values()), lambda r: len(r) >= 3 and r[2]["RNE"] == "P")
    run[1].update(PLACE="T1", REASON_PLACE_CHANGE="")
    run[2]["RNE"] = "L"


def _urn_blank(files: Files) -> None:
    """No URN for a placement Ofsted registers, in a period of care begun in the year."""
    row = first(
        files.this["episodes"],
        lambda r: (
            r["RNE"] == "S"
            and _in_year(r)
            and bool(r["URN"])
            and bool(r["PL_POST"])
            and r["LS"] not in SHORT_BREAKS
            and r["PLACE"] not in ("P1", "P3", "R1", "R2", "R5", "Z1")
            and not r["PLACE"].startswith("T")
        ),
    )
    row["URN"] = ""


def _review_on_short_breaks(files: Files) -> None:
    """A review, in the year, of a child looked after only on short breaks (V3, V4)."""
    runs = by_child(files.this["episodes"], "DECOM")
    run = first(list(runs.values()), lambda r: all(e["LS"] in SHORT_BREAKS for e in r))
    dob = first(files.this["header"], lambda r: r["CHILD"] == run[0]["CHILD"])["DOB"]
    on = shift(text(max(day(run[0]["DECOM"]), day(f"01/04/{files.year - 1}"))), 1)
    files.this["reviews"].append(
        {
            "CHILD": run[0]["CHILD"],
            "DOB": dob,
            "REVIEW": on,
            "REVIEW_CODE": "PN0" if age(files, run[0]["CHILD"], on) < 4 else "PN1",
        }
    )


# placements and legal statuses: which, at what age, for how long
BY_AGE: list[Mutation] = [
    Mutation("361", "903", "police protection (L1) for 5 days", _status("L1", 5)),
    Mutation("362", "903", "an emergency protection order (L2) for 25 days", _status("L2", 25)),
    Mutation("363", "903", "a child assessment order (L3) for 10 days", _status("L3", 10)),
    Mutation("365", "903", "a short break (V3) of 20 days", _status("V3", 20)),
    Mutation("375", "903", "a hospital placement (T1) of over 45 days", _temporary("T1", 45)),
    Mutation("376", "903", "a holiday placement (T3) of over 24 days", _temporary("T3", 24)),
    Mutation("379", "903", "a temporary placement (T4) of over 10 days", _temporary("T4", 10)),
    Mutation("371", "903", "supported accommodation (K3) aged under 15", _placed_young("K3", 15)),
    Mutation(
        "372",
        "903",
        "youth custody (R5) aged under 9",
        _placed_young("R5", 9, PLACE_PROVIDER="PR4"),
    ),
    Mutation("373", "903", "a school placement (S1) aged under 3", _placed_young("S1", 3)),
    Mutation("374", "903", "residential employment (P3) aged under 13", _placed_young("P3", 13)),
    Mutation("358", "903", "legal status J1 aged under 9", _placed_young("U4", 9, LS="J1")),
    Mutation(
        "366",
        "903",
        "a short break (V3) with RNE P",
        _episode(lambda r: r["RNE"] == "P" and r["PLACE"] not in ("U1", "U4"), LS="V3"),
    ),
    Mutation(
        "382",
        "903",
        "a short break (V3 or V4) in a temporary placement",
        _episode(lambda r: r["LS"] in SHORT_BREAKS, PLACE="T2"),
    ),
    Mutation(
        "384",
        "903",
        "a short break (V3 or V4) in long-term foster care",
        _episode(lambda r: r["LS"] in SHORT_BREAKS, PLACE="U4"),
    ),
    Mutation(
        "378",
        "903",
        "placed with parents (P1) under V2",
        _episode(lambda r: r["PLACE"] == "P1", LS="V2"),
    ),
    Mutation(
        "408",
        "903",
        "placed for adoption (A6) with legal status C2",
        _episode(lambda r: r["PLACE"] == "A6", LS="C2"),
    ),
    Mutation(
        "390",
        "903",
        "adopted (E11) from foster care (U4)",
        _episode(lambda r: r["REC"] in ("E11", "E12"), PLACE="U4", PLACE_PROVIDER="PR4"),
    ),
    Mutation(
        "217",
        "903",
        "placed for adoption with foster carers (A5) with RNE P",
        _episode(lambda r: r["PLACE"] == "A6" and r["RNE"] == "P", PLACE="A5"),
    ),
    Mutation("336", "903", "placed for adoption (A4) from a children's home", _after_non_foster),
    Mutation("359", "903", "still looked after at 18", _past_18),
    Mutation(
        "353",
        "903",
        "an episode starting in 1990",
        setter("episodes", "DECOM", "01/01/1990", lambda r: r["RNE"] == "S"),
    ),
    Mutation(
        "446",
        "903",
        "a placement order (E1) in June 2005",
        setter("episodes", "DECOM", "01/06/2005", lambda r: r["LS"] == "E1"),
    ),
    Mutation("460", "903", "staying put (E17) under 18", _leaving_age("E17", YOUNG(17.5))),
]

# reasons for a new episode, postcodes, Ofsted numbers
NEW_EPISODES: list[Mutation] = [
    Mutation(
        "213",
        "903",
        "a temporary placement (T2) with a provider",
        _episode(
            lambda r: r["RNE"] == "P" and r["REC"] == "X1" and bool(r["PLACE_PROVIDER"]),
            PLACE="T2",
            REASON_PLACE_CHANGE="",
        ),
    ),
    Mutation(
        "503D",
        "903",
        "first episode's placement other than last year's open one",
        _first_episode("PLACE", "R1"),
    ),
    Mutation(
        "434",
        "903",
        "a change of legal status (RNE L) with a new Ofsted number",
        _next_episode(
            lambda a, b: b["RNE"] == "L" and a["DEC"] == b["DECOM"],
            lambda a, b: b.update(URN="SC999999"),
        ),
    ),
    Mutation(
        "435",
        "903",
        "a change of placement (RNE P) with a new legal status",
        _next_episode(
            lambda a, b: b["RNE"] == "P" and a["LS"] == b["LS"] == "C2",
            lambda a, b: b.update(LS="C1"),
        ),
    ),
    Mutation(
        "436",
        "903",
        "a change of both (RNE U) with the legal status unchanged",
        _next_episode(
            lambda a, b: b["RNE"] == "P" and a["LS"] == b["LS"],
            lambda a, b: b.update(RNE="U"),
        ),
    ),
    Mutation(
        "357",
        "903",
        "a first episode in the year with RNE P",
        _episode(lambda r: r["RNE"] == "S" and _in_year(r), RNE="P"),
    ),
    Mutation(
        "504",
        "903",
        "the category of need changing within a period of care",
        _next_episode(
            lambda a, b: a["REC"] == "X1" and a["DEC"] == b["DECOM"] and b["CIN"] == "N1",
            lambda a, b: b.update(CIN="N2"),
        ),
    ),
    Mutation(
        "225",
        "903",
        "no reason for a change of placement",
        _next_episode(
            lambda a, b: b["RNE"] == "P" and bool(a["REASON_PLACE_CHANGE"]),
            lambda a, b: a.update(REASON_PLACE_CHANGE=""),
        ),
    ),
    Mutation(
        "214",
        "903",
        "a short break (V3 or V4) with an Ofsted number",
        _episode(lambda r: r["LS"] in SHORT_BREAKS, URN="SC999999"),
    ),
    Mutation(
        "398",
        "903",
        "a short break (V3 or V4) with a home postcode",
        _episode(lambda r: r["LS"] in SHORT_BREAKS, HOME_POST="TQ1 1AA"),
    ),
    Mutation(
        "392b",
        "903",
        "placement postcode blank",
        lambda f: first(
            f.this["episodes"],
            lambda r: bool(r["PL_POST"]) and r["CHILD"] not in _uasc_children(f),
        ).update(PL_POST=""),
    ),
    Mutation(
        "392d",
        "903",
        "the home postcode as placement postcode in foster care",
        _same_postcodes,
    ),
    Mutation(
        "222",
        "903",
        "an Ofsted number for a placement with parents (P1)",
        _episode(lambda r: r["PLACE"] == "P1", URN="SC999999"),
    ),
    Mutation("218", "903", "URN blank for a placement Ofsted registers", _urn_blank),
]

# more placements and legal statuses, and a provider left blank
MORE: list[Mutation] = [
    Mutation(
        "364",
        "903",
        "PACE detention (J2) for 25 days",
        _detained,
    ),
    Mutation(
        "367",
        "903",
        "a short break (V3) of over 80 days",
        _status("V3", 80),
    ),
    Mutation("377", "903", "three holiday placements (T3) in a year", _three_holidays),
    Mutation("383", "903", "after a temporary placement, a change of legal status", _not_back),
    Mutation(
        "516",
        "903",
        "special guardianship by foster carers (E45) from a children's home",
        _episode(lambda r: r["REC"] == "E45", PLACE="K2", PLACE_PROVIDER="PR1"),
    ),
    Mutation(
        "526",
        "903",
        "PLACE_PROVIDER blank",
        setter("episodes", "PLACE_PROVIDER", "", lambda r: bool(r["PLACE_PROVIDER"])),
    ),
    Mutation(
        "399",
        "903",
        "a review for a child looked after only on short breaks",
        _review_on_short_breaks,
    ),
]
