"""Planted breaches of the Department's SSDA903 rules on outcomes (OC2) and care leavers (OC3):
their codes, what a child's age calls for, and which of OC2, OC3 and AD1 a child belongs to
(`looked_after_outcomes`, the OC2 rules of `looked_after_records`, their columns in `values`).
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.formats.ssda903_schema import SHORT_BREAKS
from analytics.validation.parity import (
    Files,
    Mutation,
    Row,
    by_child,
    closed,
    day,
    first,
    setter,
    shift,
)
from analytics.validation.parity_903_rows import OLD, YOUNG, _children, _in_year


def _outcomes_blank(files: Files) -> None:
    first(files.this["oc2"], lambda r: r["IMMUNISATIONS"] != "")["IMMUNISATIONS"] = ""


def _outcomes_not_due(files: Files) -> None:
    """An OC2 row for a child who started care in the year and has none (an episode open
    since an earlier year also says it started a period, RNE S)."""
    has_oc2 = _children(files, "oc2")
    started = first(
        files.this["episodes"],
        lambda r: (
            r["RNE"] == "S"
            and r["LS"] not in SHORT_BREAKS
            and _in_year(r)
            and r["CHILD"] not in has_oc2
        ),
    )
    dob = first(files.this["header"], lambda r: r["CHILD"] == started["CHILD"])["DOB"]
    files.this["oc2"].append(
        {
            **{k: "" for k in files.this["oc2"][0]},
            "CHILD": started["CHILD"],
            "DOB": dob,
            "IMMUNISATIONS": "1",
            "TEETH_CHECK": "1",
            "HEALTH_ASSESSMENT": "1",
            "SUBSTANCE_MISUSE": "0",
        }
    )


def _oc2_age(column: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["oc2"], lambda r: fits((day("31/03/2025") - day(r["DOB"])).days / 365.25)
        )
        row[column] = "1"

    return plant


def _years(row: Row, on: str = "31/03/2025") -> float:
    return (day(on) - day(row["DOB"])).days / 365.25


def _oc2(where: Callable[[Row], bool], **values: str):
    def plant(files: Files) -> None:
        first(files.this["oc2"], where).update(values)

    return plant


def _aged(low: float, high: float, on: str = "31/03/2025", **given: bool):
    """An OC2 row of a child aged from `low` to under `high` on `on`, with `given` columns
    filled in (True) or blank (False)."""
    return lambda r: low <= _years(r, on) < high and all(bool(r[c]) == v for c, v in given.items())


def _joined(table: str, to: str):
    """A row of `table` (a copy of its first) for the first child of table `to`."""

    def plant(files: Files) -> None:
        child = first(files.this[to], lambda r: r["CHILD"] not in _children(files, table))
        files.this[table].append({**files.this[table][0], "CHILD": child["CHILD"]})
        files.this[table][-1]["DOB"] = child["DOB"]

    return plant


def _care_leaver(
    fits: Callable[[Files, Row], bool], change: Callable[[Files, Row], None] | None = None
):
    """An OC3 row (a copy of the first) for the first child of the header who fits and has
    none; `change` then alters the files around that child."""

    def plant(files: Files) -> None:
        known = _children(files, "oc3")
        child = first(files.this["header"], lambda r: r["CHILD"] not in known and fits(files, r))
        files.this["oc3"].append(
            {**files.this["oc3"][0], "CHILD": child["CHILD"], "DOB": child["DOB"]}
        )
        if change:
            change(files, child)

    return plant


def _last_episode(files: Files, child: Row) -> Row | None:
    runs = by_child(files.this["episodes"], "DECOM")
    return runs[child["CHILD"]][-1] if child["CHILD"] in runs else None


def _ended(reason: str, low: float, high: float):
    """A child whose care ended `reason`, aged from `low` to under `high` at 31 March."""

    def fits(files: Files, child: Row) -> bool:
        last = _last_episode(files, child) or {}
        return last.get("REC") == reason and low <= _years(child) < high

    return fits


def _left_care(low: float, high: float):
    """A child whose care ended, for any reason, aged from `low` to under `high` at 31 March
    (the return of a small authority may have no one of an age who left for a given reason)."""

    def fits(files: Files, child: Row) -> bool:
        last = _last_episode(files, child) or {}
        return last.get("REC", "") not in ("", "X1") and low <= _years(child) < high

    return fits


def _died(files: Files, child: Row) -> None:
    last = _last_episode(files, child)
    assert last is not None
    last["REC"] = "E2"


def _turning_17_with_former_carers(files: Files) -> None:
    """A care leaver whose 17th birthday is in the year, with former foster carers; where the
    return has none, a child who left care at 16, before that birthday, is made one, or failing
    that one who left at 17 (the Department's rule reads only the birthday; Torbay's returns
    of seed 3 had no such child of 16 on 7 December 2026)."""
    if any(17 <= _years(r) < 18 for r in files.this["oc3"]):
        _oc3(lambda r: 17 <= _years(r) < 18, ACCOM="Z1")(files)
        return

    left = _left_care(17, 18)

    def left_at_16(files: Files, child: Row) -> bool:
        last = _last_episode(files, child)
        return left(files, child) and last is not None and 16 <= _years(child, last["DEC"]) < 17

    any_at_16 = any(left_at_16(files, child) for child in files.this["header"])
    _care_leaver(left_at_16 if any_at_16 else left)(files)
    files.this["oc3"][-1].update(IN_TOUCH="YES", ACTIV="F2", ACCOM="Z1")


def _oc3(where: Callable[[Row], bool], **values: str):
    def plant(files: Files) -> None:
        first(files.this["oc3"], where).update(values)

    return plant


def _without_episodes(files: Files) -> Row:
    """A girl with care leaver information and no episode in the year."""
    cared = _children(files, "episodes")
    leavers = _children(files, "oc3")
    return first(
        files.this["header"],
        lambda r: r["CHILD"] in leavers and r["CHILD"] not in cared and r["SEX"] == "F",
    )


def _review_without_episodes(files: Files) -> None:
    child = _without_episodes(files)
    files.this["reviews"].append(
        {**files.this["reviews"][0], "CHILD": child["CHILD"], "DOB": child["DOB"]}
    )


def _in_care_on_17th_birthday(files: Files, child: Row) -> bool:
    """Looked after across the 17th birthday, in the year, in an episode that ended (the
    validator's rule 1007 does not see an open one)."""
    birthday = shift(child["DOB"], int(365.25 * 17))
    return 17.05 <= _years(child) < 18 and any(
        r["CHILD"] == child["CHILD"]
        and closed(r)
        and day(r["DECOM"]) <= day(birthday) < day(r["DEC"])
        for r in files.this["episodes"]
    )


# care leavers' (OC3) and outcomes' (OC2) codes, and who has OC2 items
CODES: list[Mutation] = [
    Mutation("131", "903", "IN_TOUCH MAYBE", setter("oc3", "IN_TOUCH", "MAYBE")),
    Mutation("132", "903", "ACTIV Z9", setter("oc3", "ACTIV", "Z9")),
    Mutation("133", "903", "ACCOM Z9", setter("oc3", "ACCOM", "Z9")),
    Mutation("153", "903", "ACTIV blank", setter("oc3", "ACTIV", "")),
    Mutation("INT15", "903", "an OC3 row with another DOB", setter("oc3", "DOB", "01/01/2001")),
    Mutation(
        "180",
        "903",
        "SDQ_SCORE 99",
        setter("oc2", "SDQ_SCORE", "99", lambda r: bool(r["SDQ_SCORE"])),
    ),
    Mutation(
        "196",
        "903",
        "SDQ_REASON SDQ9",
        setter("oc2", "SDQ_REASON", "SDQ9", lambda r: bool(r["SDQ_REASON"])),
    ),
    Mutation(
        "191", "903", "IMMUNISATIONS blank for a child looked after 12 months", _outcomes_blank
    ),
    Mutation("190", "903", "OC2 items for a child who started care in the year", _outcomes_not_due),
    Mutation("542", "903", "CONVICTED for a child under 10", _oc2_age("CONVICTED", YOUNG(9))),
    Mutation(
        "546", "903", "HEALTH_CHECK for a child of 5 or over", _oc2_age("HEALTH_CHECK", OLD(6))
    ),
    Mutation("INT14", "903", "an OC2 row with another DOB", setter("oc2", "DOB", "01/01/2001")),
]

# OC2 outcomes by age, and which of OC2, OC3 and AD1 a child is in
BY_AGE: list[Mutation] = [
    Mutation("181", "903", "CONVICTED 2", setter("oc2", "CONVICTED", "2")),
    Mutation(
        "182",
        "903",
        "IMMUNISATIONS blank with CONVICTED given",
        _oc2(_aged(0, 99, CONVICTED=True), IMMUNISATIONS=""),
    ),
    Mutation(
        "544",
        "903",
        "CONVICTED 1 with TEETH_CHECK blank",
        _oc2(_aged(11, 17), CONVICTED="1", TEETH_CHECK=""),
    ),
    Mutation(
        "547",
        "903",
        "HEALTH_CHECK 1 with HEALTH_ASSESSMENT blank",
        _oc2(_aged(1, 4.5), HEALTH_CHECK="1", HEALTH_ASSESSMENT=""),
    ),
    Mutation(
        "543", "903", "CONVICTED blank aged 11", _oc2(_aged(11, 17, CONVICTED=True), CONVICTED="")
    ),
    Mutation(
        "545",
        "903",
        "HEALTH_CHECK blank aged 3",
        _oc2(_aged(1, 4.5, HEALTH_CHECK=True), HEALTH_CHECK=""),
    ),
    Mutation(
        "186",
        "903",
        "no SDQ score or reason aged 10",
        _oc2(_aged(6, 15, SDQ_SCORE=True), SDQ_SCORE=""),
    ),
    Mutation(
        "197B",
        "903",
        "no SDQ score or reason for a child turning 17",
        _oc2(_aged(17, 18, SDQ_SCORE=True), SDQ_SCORE=""),
    ),
    Mutation("188", "903", "an SDQ reason aged 2", _oc2(_aged(1, 3.9), SDQ_REASON="SDQ2")),
    Mutation(
        "197a",
        "903",
        "both SDQ score and reason",
        _oc2(_aged(5, 15, SDQ_SCORE=True), SDQ_REASON="SDQ2"),
    ),
    Mutation(
        "157",
        "903",
        "SDQ1 (age) as the reason for no score aged 10",
        _oc2(_aged(6, 15, SDQ_SCORE=True), SDQ_SCORE="", SDQ_REASON="SDQ1"),
    ),
    Mutation(
        "192",
        "903",
        "substance misuse with INTERVENTION_RECEIVED blank",
        _oc2(
            _aged(11, 18), SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="", INTERVENTION_OFFERED=""
        ),
    ),
    Mutation(
        "159",
        "903",
        "no intervention received, INTERVENTION_OFFERED blank",
        _oc2(
            _aged(11, 18), SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="0", INTERVENTION_OFFERED=""
        ),
    ),
    Mutation(
        "158",
        "903",
        "an intervention received and INTERVENTION_OFFERED given",
        _oc2(
            _aged(11, 18), SUBSTANCE_MISUSE="1", INTERVENTION_RECEIVED="1", INTERVENTION_OFFERED="1"
        ),
    ),
    Mutation(
        "193",
        "903",
        "an intervention received without substance misuse",
        _oc2(
            _aged(11, 18), SUBSTANCE_MISUSE="0", INTERVENTION_RECEIVED="1", INTERVENTION_OFFERED=""
        ),
    ),
    Mutation("187", "903", "an AD1 row for a child looked after 12 months", _joined("ad1", "oc2")),
    Mutation("215", "903", "OC2 items for a care leaver (OC3)", _joined("oc2", "oc3")),
    Mutation("134", "903", "an OC3 row for an adopted child (AD1)", _joined("oc3", "ad1")),
]

# care leavers (OC3)
CARE_LEAVERS: list[Mutation] = [
    Mutation(
        "344",
        "903",
        "a care leaver who died with an activity",
        _oc3(lambda r: r["ACTIV"] != "0", IN_TOUCH="DIED"),
    ),
    Mutation(
        "345",
        "903",
        "a care leaver in touch with accommodation 0",
        _oc3(lambda r: r["IN_TOUCH"] == "YES", ACCOM="0"),
    ),
    Mutation(
        "347",
        "903",
        "a care leaver under 18 in a foyer (T1)",
        _oc3(lambda r: _years(r, "01/04/2024") < 18, ACCOM="T1"),
    ),
    Mutation(
        "3001",
        "903",
        "a care leaver turning 17 with former foster carers (Z1)",
        _turning_17_with_former_carers,
    ),
    Mutation(
        "391",
        "903",
        "care leaver information for a child of 16",
        _care_leaver(_left_care(15, 16.9)),
    ),
    Mutation(
        "1007",
        "903",
        "care leaver information for a child looked after on their 17th birthday",
        _care_leaver(_in_care_on_17th_birthday),
    ),
    Mutation(
        "1016",
        "903",
        "care leaver information for a child who left care at 18",
        _care_leaver(
            lambda f, r: any(
                _ended(code, 18.1, 19)(f, r) for code in ("E4A", "E5", "E6", "E8", "E13")
            )
        ),
    ),
    Mutation(
        "1011",
        "903",
        "care leaver information for a child transferred to another authority (E3)",
        _care_leaver(_ended("E3", 0, 30)),
    ),
    Mutation(
        "1000",
        "903",
        "care leaver information for a child who died in care (E2)",
        _care_leaver(_left_care(17, 21), _died),
    ),
    Mutation("1012", "903", "a review of a care leaver with no episode", _review_without_episodes),
    Mutation(
        "628",
        "903",
        "MOTHER for a care leaver with no episode",
        lambda f: _without_episodes(f).update(MOTHER="0"),
    ),
]
