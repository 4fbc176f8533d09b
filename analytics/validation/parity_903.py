"""Planted breaches of the Department's SSDA903 rules (csc-validator-be-903), one per rule.

Each is a small change to this year's tables (or last year's) that breaks exactly one rule;
see `parity` for what a mutation is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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


def _overlap(files: Files) -> None:
    earlier, later = first(
        pairs(files.this["episodes"], "DECOM"),
        lambda p: closed(p[0]) and day(p[0]["DEC"]) > day(p[0]["DECOM"]) + dt.timedelta(days=2),
    )
    later["DECOM"] = shift(earlier["DECOM"], 1)


def _still_open(files: Files) -> None:
    earlier, _ = first(pairs(files.this["episodes"], "DECOM"))
    earlier["DEC"] = earlier["REC"] = earlier["REASON_PLACE_CHANGE"] = ""


def _continuation(files: Files, fits: Callable[[Row, Row], bool]) -> tuple[Row, Row]:
    found = [p for p in pairs(files.this["episodes"], "DECOM") if fits(*p)]
    if not found:
        raise LookupError("no pair of episodes fits this mutation")
    return found[0]


def _gap(files: Files) -> None:
    _, later = _continuation(
        files,
        lambda a, b: (
            b["RNE"] == "P"
            and a["DEC"] == b["DECOM"]
            and (not b["DEC"] or day(b["DEC"]) > day(b["DECOM"]) + dt.timedelta(days=3))
        ),
    )
    later["DECOM"] = shift(later["DECOM"], 2)


def _restart(files: Files) -> None:
    _, later = _continuation(files, lambda a, b: a["REC"] == "X1" and a["DEC"] == b["DECOM"])
    later["RNE"] = "S"


def _not_restarted(files: Files) -> None:
    earlier, _ = _continuation(files, lambda a, b: a["REC"] == "X1" and b["RNE"] != "S")
    earlier["REC"] = "E4A"


def _then_died(files: Files) -> None:
    earlier, _ = _continuation(files, lambda a, b: a["REC"] == "X1")
    earlier["REC"] = "E2"


def _x1_at_end(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    last = first([r[-1] for r in runs.values()], lambda r: r["REC"] not in ("", "X1"))
    last["REC"] = "X1"


def _leaving_age(code: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["episodes"],
            lambda r: r["REC"] not in ("", "X1") and fits(age(files, r["CHILD"], r["DEC"])),
        )
        row["REC"] = code

    return plant


def _started_at(years: int):
    def plant(files: Files) -> None:
        row = first(files.this["episodes"], lambda r: r["RNE"] == "S")
        header = first(files.this["header"], lambda r: r["CHILD"] == row["CHILD"])
        header["DOB"] = text(day(row["DECOM"]) - dt.timedelta(days=int(365.25 * years) + 30))

    return plant


def _episode(where: Callable[[Row], bool], **values: str):
    def plant(files: Files) -> None:
        first(files.this["episodes"], where).update(values)

    return plant


def _first_episode(column: str, value: str):
    def plant(files: Files) -> None:
        last_open = {r["CHILD"] for r in files.last["episodes"] if not r["DEC"]}
        runs = by_child(files.this["episodes"], "DECOM")
        row = first([r[0] for c, r in runs.items() if c in last_open], lambda r: r[column] != value)
        row[column] = value

    return plant


def _mother(sex: str, mother: str, child_born: str):
    def plant(files: Files) -> None:
        row = first(
            files.this["header"],
            lambda r: r["SEX"] == sex and age(files, r["CHILD"], "31/03/2025") > 15,
        )
        row["MOTHER"], row["MC_DOB"] = mother, child_born or ""
        if child_born == "before":
            row["MC_DOB"] = shift(row["DOB"], -400)

    return plant


def _changed(column: str, value: Callable[[str], str]):
    def plant(files: Files) -> None:
        last = {r["CHILD"] for r in files.last["header"]}
        row = first(files.this["header"], lambda r: r["CHILD"] in last)
        row[column] = value(row[column])

    return plant


def _duplicate(table: str):
    def plant(files: Files) -> None:
        files.this[table].append(dict(files.this[table][0]))

    return plant


def _stranger(table: str):
    """A row of `table` for a child the header does not know."""

    def plant(files: Files) -> None:
        files.this[table].append({**files.this[table][0], "CHILD": "9999999999"})

    return plant


def _unheaded(files: Files) -> None:
    child = files.this["episodes"][0]["CHILD"]
    files.this["header"] = [r for r in files.this["header"] if r["CHILD"] != child]


def _sw_gap(open_previous: bool):
    def plant(files: Files) -> None:
        earlier, later = first(
            pairs(files.this["social_worker"], "SW_DECOM"),
            lambda p: (
                bool(p[0]["SW_DEC"])
                and (
                    not p[1]["SW_DEC"]
                    or day(p[1]["SW_DEC"]) > day(p[1]["SW_DECOM"]) + dt.timedelta(days=30)
                )
            ),
        )
        if open_previous:
            earlier["SW_DEC"] = ""
        else:
            later["SW_DECOM"] = shift(earlier["SW_DEC"], 20)
            later["SW_REASON"] = "MANAGE"

    return plant


def _outcomes_blank(files: Files) -> None:
    first(files.this["oc2"], lambda r: r["IMMUNISATIONS"] != "")["IMMUNISATIONS"] = ""


def _outcomes_not_due(files: Files) -> None:
    started = first(
        files.this["episodes"], lambda r: r["RNE"] == "S" and r["LS"] not in ("V3", "V4")
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


def _missing_open(files: Files) -> None:
    earlier, _ = first(pairs(files.this["missing"], "MIS_START"))
    earlier["MIS_END"] = ""


def _missing_after_care(files: Files) -> None:
    runs = by_child(files.this["episodes"], "DECOM")
    last = first(
        [r[-1] for r in runs.values()],
        lambda r: r["REC"] not in ("", "X1") and day(r["DEC"]) < day("01/03/2025"),
    )
    files.this["missing"].append(
        {
            "CHILD": last["CHILD"],
            "DOB": first(files.this["header"], lambda r: r["CHILD"] == last["CHILD"])["DOB"],
            "MISSING": "M",
            "MIS_START": shift(last["DEC"], 5),
            "MIS_END": shift(last["DEC"], 6),
        }
    )


def _missing(column: str, value: Callable[[Row], str]):
    def plant(files: Files) -> None:
        row = first(files.this["missing"], lambda r: bool(r["MIS_END"]))
        row[column] = value(row)

    return plant


def _uasc_late(files: Files) -> None:
    row = first(files.this["uasc"])
    row["DUC"] = shift(row["DOB"], int(365.25 * 18) + 60)


def _review_code(code: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["reviews"], lambda r: fits((day(r["REVIEW"]) - day(r["DOB"])).days / 365.25)
        )
        row["REVIEW_CODE"] = code

    return plant


def _placed(files: Files, **values: Callable[[Row], str]) -> None:
    row = first(files.this["placed_adoption"])
    for column, value in values.items():
        row[column] = value(row)


def _same_day(files: Files) -> None:
    row = first(files.this["episodes"], closed)
    row["DEC"] = row["DECOM"]


def _born_after(files: Files) -> None:
    row = first(files.this["episodes"], lambda r: day(r["DECOM"]) > day("01/05/2024"))
    first(files.this["header"], lambda r: r["CHILD"] == row["CHILD"])["DOB"] = shift(
        row["DECOM"], 10
    )


def _uasc_sex(files: Files) -> None:
    row = first(files.this["uasc"])
    row["SEX"] = "F" if row["SEX"] == "M" else "M"


def _ad1_swap(files: Files) -> None:
    row = first(files.this["ad1"])
    row["DATE_MATCH"] = shift(row["DATE_INT"], -10)


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


def _children(files: Files, table: str) -> set[str]:
    return {r["CHILD"] for r in files.this[table]}


def _lasting(days: int) -> Callable[[Row], bool]:
    return lambda r: closed(r) and day(r["DEC"]) > day(r["DECOM"]) + dt.timedelta(days=days)


def _in_year(row: Row) -> bool:
    return day(row["DECOM"]) >= day("01/04/2024")


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


def _girl(files: Files, fits: Callable[[Row], bool] = lambda r: True) -> Row:
    """A girl of the header (MOTHER 0) who fits, looked after in the year."""
    looked_after = {r["CHILD"] for r in files.this["episodes"] if r["LS"] not in ("V3", "V4")}
    return first(
        files.this["header"],
        lambda r: r["SEX"] == "F" and r["MOTHER"] == "0" and r["CHILD"] in looked_after and fits(r),
    )


def _left_care(files: Files) -> dict[str, Row]:
    runs = by_child(files.this["episodes"], "DECOM")
    return {c: r[-1] for c, r in runs.items() if r[-1]["REC"] not in ("", "X1")}


def _mother_blank(left: bool):
    def plant(files: Files) -> None:
        gone = _left_care(files)
        _girl(files, lambda r: (r["CHILD"] in gone) == left)["MOTHER"] = ""

    return plant


def _young_mother(files: Files) -> None:
    row = _girl(files, lambda r: age(files, r["CHILD"], "01/04/2024") < 10.5)
    row["MOTHER"], row["MC_DOB"] = "1", "01/01/2025"


def _born_after_care(files: Files) -> None:
    gone = _left_care(files)
    row = _girl(
        files,
        lambda r: (
            r["CHILD"] in gone
            and age(files, r["CHILD"], "01/04/2024") > 14
            and day(gone[r["CHILD"]]["DEC"]) < day("01/03/2025")
        ),
    )
    row["MOTHER"], row["MC_DOB"] = "1", shift(gone[row["CHILD"]]["DEC"], 10)


def _mother_last_year(last: tuple[str, str], this: tuple[str, str]):
    """A girl in both years, MOTHER and MC_DOB `last` last year and `this` this year."""

    def plant(files: Files) -> None:
        before = {r["CHILD"]: r for r in files.last["header"]}
        row = _girl(
            files,
            lambda r: r["CHILD"] in before and age(files, r["CHILD"], "01/04/2024") > 14,
        )
        before[row["CHILD"]]["MOTHER"], before[row["CHILD"]]["MC_DOB"] = last
        row["MOTHER"], row["MC_DOB"] = this

    return plant


def _upn(code: str, fits: Callable[[Files, Row], bool]):
    def plant(files: Files) -> None:
        first(files.this["header"], lambda r: fits(files, r))["UPN"] = code

    return plant


def _adopted(files: Files) -> dict[str, Row]:
    """Each adopted child's adoption episode (ending E11 or E12)."""
    return {r["CHILD"]: r for r in files.this["episodes"] if r["REC"] in ("E11", "E12")}


def _adoption(table: str, change: Callable[[Row, Row], dict[str, str]]):
    """Changes to the `table` row (ad1, placed_adoption) of an adopted child, worked out
    from that row and the child's adoption episode."""

    def plant(files: Files) -> None:
        episodes = _adopted(files)
        row = first(files.this[table], lambda r: r["CHILD"] in episodes)
        row.update(change(row, episodes[row["CHILD"]]))

    return plant


def _first_order(files: Files) -> Row:
    orders = by_child([r for r in files.this["episodes"] if r["LS"] == "E1"], "DECOM")
    return first(files.this["placed_adoption"], lambda r: r["CHILD"] in orders)


def _decided_after_order(files: Files) -> None:
    row = _first_order(files)
    order = by_child([r for r in files.this["episodes"] if r["LS"] == "E1"], "DECOM")
    row["DATE_PLACED"] = shift(order[row["CHILD"]][0]["DECOM"], 1)


def _reversed_while_ordered(files: Files) -> None:
    open_orders = {r["CHILD"] for r in files.this["episodes"] if r["LS"] == "E1" and not r["DEC"]}
    row = first(files.this["placed_adoption"], lambda r: r["CHILD"] in open_orders)
    row.update(DATE_PLACED_CEASED=shift(row["DATE_PLACED"], 30), REASON_PLACED_CEASED="RD1")


def _undecided(files: Files) -> None:
    placed = {r["CHILD"] for r in files.this["episodes"] if r["PLACE"] in ("A5", "A6")}
    child = first(files.this["placed_adoption"], lambda r: r["CHILD"] in placed)["CHILD"]
    files.this["placed_adoption"] = [
        r for r in files.this["placed_adoption"] if r["CHILD"] != child
    ]


def _reversed_twice(files: Files) -> None:
    episodes = _adopted(files)
    row = first(files.this["placed_adoption"], lambda r: r["CHILD"] in episodes)
    row.update(DATE_PLACED_CEASED=shift(row["DATE_PLACED"], 30), REASON_PLACED_CEASED="RD1")
    earlier = {**row, "DATE_PLACED": shift(row["DATE_PLACED"], -100)}
    earlier["DATE_PLACED_CEASED"] = shift(row["DATE_PLACED"], -60)
    files.this["placed_adoption"].append(earlier)


def _decided_before_care(files: Files) -> None:
    """A decision to place for adoption 10 days before a child starts care in the year."""
    start = first(files.this["episodes"], lambda r: r["RNE"] == "S" and _in_year(r))
    dob = first(files.this["header"], lambda r: r["CHILD"] == start["CHILD"])["DOB"]
    files.this["placed_adoption"].append(
        {
            **{k: "" for k in files.this["placed_adoption"][0]},
            "CHILD": start["CHILD"],
            "DOB": dob,
            "DATE_PLACED": shift(start["DECOM"], -10),
        }
    )


def _ad1_after_leaving(files: Files) -> None:
    gone = _left_care(files)
    child = first(
        files.this["header"],
        lambda r: r["CHILD"] in gone and gone[r["CHILD"]]["REC"] == "E4A",
    )
    files.this["ad1"].append({**files.this["ad1"][0], "CHILD": child["CHILD"], "DOB": child["DOB"]})


def _not_adopted(files: Files) -> None:
    episodes = _adopted(files)
    decided = {r["CHILD"] for r in files.this["placed_adoption"]}
    row = first(list(episodes.values()), lambda r: r["CHILD"] in decided)
    row["REC"] = "E13"
    files.this["ad1"] = [r for r in files.this["ad1"] if r["CHILD"] != row["CHILD"]]


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


def _died(files: Files, child: Row) -> None:
    last = _last_episode(files, child)
    assert last is not None
    last["REC"] = "E2"


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


def _starter(files: Files) -> Row:
    """The previous permanence row of a child starting care in the year."""
    starts = {r["CHILD"] for r in files.this["episodes"] if r["RNE"] == "S" and _in_year(r)}
    return first(files.this["prev_perm"], lambda r: r["CHILD"] in starts)


def _no_previous_permanence(files: Files) -> None:
    child = _starter(files)["CHILD"]
    files.this["prev_perm"] = [r for r in files.this["prev_perm"] if r["CHILD"] != child]


def _permanence_after_care(files: Files) -> None:
    row = _starter(files)
    start = first(files.this["episodes"], lambda r: r["CHILD"] == row["CHILD"])
    row.update(PREV_PERM="P1", LA_PERM="880", DATE_PERM=shift(start["DECOM"], 5))


def _permanence_not_starting(files: Files) -> None:
    starts = {r["CHILD"] for r in files.this["episodes"] if _in_year(r)}
    known = _children(files, "prev_perm")
    child = first(
        files.this["episodes"], lambda r: r["CHILD"] not in starts and r["CHILD"] not in known
    )
    dob = first(files.this["header"], lambda r: r["CHILD"] == child["CHILD"])["DOB"]
    files.this["prev_perm"].append(
        {**files.this["prev_perm"][0], "CHILD": child["CHILD"], "DOB": dob}
    )


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


def _begun_before(files: Files) -> Row:
    """This year's first episode of a child in care since before the year."""
    runs = by_child(files.this["episodes"], "DECOM")
    return first([r[0] for r in runs.values()], lambda r: not _in_year(r))


def _not_last_year(files: Files) -> None:
    child = _begun_before(files)["CHILD"]
    files.last["episodes"] = [r for r in files.last["episodes"] if r["CHILD"] != child]


def _back_after_adoption(files: Files) -> None:
    adopted = first(list(_adopted(files).values()), lambda r: day(r["DEC"]) < day("01/02/2025"))
    files.this["episodes"].append(
        {**adopted, "DECOM": shift(adopted["DEC"], 30), "RNE": "S", "DEC": "", "REC": ""}
    )


def _missing_carried(files: Files) -> Row:
    """This year's first missing episode of a child missing at the end of last year."""
    still = {r["CHILD"]: r for r in files.last["missing"] if not r["MIS_END"]}
    runs = by_child(files.this["missing"], "MIS_START")
    return first([r[0] for c, r in runs.items() if c in still])


def _decision_carried(files: Files) -> tuple[Row, Row]:
    """A decision to place for adoption in both years' returns: (last year's, this year's)."""
    before = {(r["CHILD"], r["DATE_PLACED"]): r for r in files.last["placed_adoption"]}
    row = first(files.this["placed_adoption"], lambda r: (r["CHILD"], r["DATE_PLACED"]) in before)
    return before[(row["CHILD"], row["DATE_PLACED"])], row


def _decision_not_last_year(files: Files) -> None:
    _, row = _decision_carried(files)
    files.last["placed_adoption"] = [
        r for r in files.last["placed_adoption"] if r["CHILD"] != row["CHILD"]
    ]


def _reversed_last_year(days: int):
    def plant(files: Files) -> None:
        last, row = _decision_carried(files)
        last.update(DATE_PLACED_CEASED=shift(last["DATE_PLACED"], 20), REASON_PLACED_CEASED="RD1")
        row["DATE_PLACED"] = shift(row["DATE_PLACED"], days)

    return plant


def _second_decision(reverse_first: bool):
    def plant(files: Files) -> None:
        row = first(files.this["placed_adoption"])
        if reverse_first:
            row.update(DATE_PLACED_CEASED=shift(row["DATE_PLACED"], 30), REASON_PLACED_CEASED="RD1")
        files.this["placed_adoption"].append(
            {
                **row,
                "DATE_PLACED": shift(row["DATE_PLACED"], 10),
                "DATE_PLACED_CEASED": "",
                "REASON_PLACED_CEASED": "",
            }
        )

    return plant


def _upn_changed(files: Files) -> None:
    before = {r["CHILD"] for r in files.last["header"]}
    row = first(files.this["header"], lambda r: r["CHILD"] in before and r["UPN"][:2] != "UN")
    row["UPN"] = row["UPN"][:5] + ("1" if row["UPN"][5] != "1" else "2") + row["UPN"][6:]


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


def _shifted(pick: Callable[[Files], Row], column: str, days: int):
    """`column` of the row `pick` finds, moved by `days`."""

    def plant(files: Files) -> None:
        row = pick(files)
        row[column] = shift(row[column], days)

    return plant


def _social_worker_same_day(files: Files) -> None:
    row = first(files.this["social_worker"], lambda r: bool(r["SW_DEC"]))
    row["SW_DEC"] = row["SW_DECOM"]


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


BAD_DATE = "31/02/2024"
YOUNG = lambda years: lambda a: a < years  # noqa: E731 (a predicate on an age)
OLD = lambda years: lambda a: a >= years  # noqa: E731
SSDA903: list[Mutation] = [
    Mutation("101", "903", "SEX 9", setter("header", "SEX", "9")),
    Mutation("102", "903", "DOB not a date", setter("header", "DOB", BAD_DATE)),
    Mutation("103", "903", "ETHNIC ZZZZ", setter("header", "ETHNIC", "ZZZZ")),
    Mutation("168", "903", "UPN 123", setter("header", "UPN", "123")),
    Mutation("171", "903", "MC_DOB not a date", _mother("F", "1", BAD_DATE)),
    Mutation("174", "903", "a boy with a child's date of birth", _mother("M", "1", "01/01/2024")),
    Mutation("611", "903", "a mother with no child's date of birth", _mother("F", "1", "")),
    Mutation("612", "903", "a child's date of birth, MOTHER 0", _mother("F", "0", "01/01/2024")),
    Mutation("621", "903", "a mother younger than her child", _mother("F", "1", "before")),
    Mutation("301", "903", "DOB after the year", setter("header", "DOB", "01/06/2025")),
    Mutation("351", "903", "DOB in 1990", setter("header", "DOB", "01/01/1990")),
    Mutation("203", "903", "DOB other than last year's", _changed("DOB", lambda v: shift(v, 3))),
    Mutation(
        "204",
        "903",
        "ETHNIC other than last year's",
        _changed("ETHNIC", lambda v: "WBRI" if v != "WBRI" else "WIRI"),
    ),
    Mutation("INT32", "903", "a child twice in the header", _duplicate("header")),
    Mutation("INT03", "903", "a child with episodes but no header row", _unheaded),
    Mutation("141", "903", "DECOM not a date", setter("episodes", "DECOM", BAD_DATE)),
    Mutation("143", "903", "RNE Z", setter("episodes", "RNE", "Z")),
    Mutation("144", "903", "LS Z9", setter("episodes", "LS", "Z9")),
    Mutation("145", "903", "CIN N9", setter("episodes", "CIN", "N9")),
    Mutation("146", "903", "PLACE Z9", setter("episodes", "PLACE", "Z9")),
    Mutation("147", "903", "DEC not a date", setter("episodes", "DEC", BAD_DATE, closed)),
    Mutation("149", "903", "REC X9", setter("episodes", "REC", "X9", closed)),
    Mutation("178", "903", "PLACE_PROVIDER PR9", setter("episodes", "PLACE_PROVIDER", "PR9")),
    Mutation(
        "1009",
        "903",
        "REASON_PLACE_CHANGE ZZZZ",
        setter("episodes", "REASON_PLACE_CHANGE", "ZZZZ", lambda r: bool(r["REASON_PLACE_CHANGE"])),
    ),
    Mutation(
        "392c",
        "903",
        "PL_POST not a postcode",
        setter("episodes", "PL_POST", "NOT A POSTCODE", lambda r: bool(r["PL_POST"])),
    ),
    Mutation("148", "903", "DEC without REC", setter("episodes", "REC", "", closed)),
    Mutation(
        "356", "903", "DEC before DECOM", _episode(closed, DEC="01/04/2024", DECOM="05/04/2024")
    ),
    Mutation("355", "903", "DEC the same day as DECOM", _same_day),
    Mutation("385", "903", "DEC after the year", setter("episodes", "DEC", "15/04/2025", closed)),
    Mutation("501", "903", "an episode starting before the previous one ended", _overlap),
    Mutation("142", "903", "a new episode while the previous one is open", _still_open),
    Mutation("302", "903", "an episode before the child's birth", _born_after),
    Mutation("433", "903", "a continuation (RNE P) two days after the last episode", _gap),
    Mutation("431", "903", "RNE S on the day the last episode ended X1", _restart),
    Mutation("432", "903", "care ended (E4A) but the next episode is not RNE S", _not_restarted),
    Mutation("388", "903", "the last episode ending X1", _x1_at_end),
    Mutation("437", "903", "an episode ending E2 (died) followed by another", _then_died),
    Mutation("386", "903", "adopted (E11) aged 18", _leaving_age("E11", OLD(18))),
    Mutation("387", "903", "independent living (E5) under 14", _leaving_age("E5", YOUNG(14))),
    Mutation("389", "903", "adult services (E7) under 16", _leaving_age("E7", YOUNG(16))),
    Mutation("352", "903", "care starting aged 18", _started_at(18)),
    Mutation(
        "380",
        "903",
        "care starting in a temporary placement",
        _episode(lambda r: r["RNE"] == "S", PLACE="T1"),
    ),
    Mutation(
        "381",
        "903",
        "care ending in a temporary placement",
        _episode(lambda r: r["REC"] not in ("", "X1"), PLACE="T1"),
    ),
    Mutation(
        "226",
        "903",
        "a reason for change of placement on a temporary placement",
        _episode(lambda r: bool(r["REASON_PLACE_CHANGE"]), PLACE="T1"),
    ),
    Mutation(
        "550",
        "903",
        "provider PR0 for a placement other than P1",
        _episode(lambda r: r["PLACE"] != "P1", PLACE_PROVIDER="PR0"),
    ),
    Mutation(
        "527",
        "903",
        "provider PR1 for placement R2",
        _episode(lambda r: True, PLACE="R2", PLACE_PROVIDER="PR1"),
    ),
    Mutation(
        "529",
        "903",
        "provider PR3 for placement U1",
        _episode(lambda r: True, PLACE="U1", PLACE_PROVIDER="PR3"),
    ),
    Mutation(
        "502",
        "903",
        "first episode's DECOM other than last year's open one",
        _first_episode("DECOM", "01/04/2023"),
    ),
    Mutation(
        "503B",
        "903",
        "first episode's LS other than last year's open one",
        _first_episode("LS", "E1"),
    ),
    Mutation(
        "503C",
        "903",
        "first episode's CIN other than last year's open one",
        _first_episode("CIN", "N8"),
    ),
    Mutation("166", "903", "REVIEW not a date", setter("reviews", "REVIEW", BAD_DATE)),
    Mutation("167", "903", "REVIEW_CODE PN9", setter("reviews", "REVIEW_CODE", "PN9")),
    Mutation("440", "903", "PN0 (under 4) for an older child", _review_code("PN0", OLD(5))),
    Mutation("441", "903", "PN1 for a child under 4", _review_code("PN1", YOUNG(3.5))),
    Mutation("INT17", "903", "a review with another DOB", setter("reviews", "DOB", "01/01/2001")),
    Mutation("104", "903", "DUC not a date", setter("uasc", "DUC", BAD_DATE)),
    Mutation("304", "903", "UASC ceasing after the 18th birthday", _uasc_late),
    Mutation("INT21", "903", "UASC with another sex", _uasc_sex),
    Mutation("1004", "903", "MIS_START not a date", setter("missing", "MIS_START", BAD_DATE)),
    Mutation(
        "1005",
        "903",
        "MIS_END not a date",
        setter("missing", "MIS_END", BAD_DATE, lambda r: bool(r["MIS_END"])),
    ),
    Mutation("1006", "903", "MISSING X", setter("missing", "MISSING", "X")),
    Mutation(
        "567",
        "903",
        "MIS_END before MIS_START",
        _missing("MIS_END", lambda r: shift(r["MIS_START"], -1)),
    ),
    Mutation("574", "903", "a missing episode while the previous one is open", _missing_open),
    Mutation(
        "586",
        "903",
        "a missing episode before the child's birth",
        _missing("MIS_START", lambda r: shift(r["DOB"], -30)),
    ),
    Mutation(
        "570", "903", "MIS_START after the year", _missing("MIS_START", lambda r: "10/04/2025")
    ),
    Mutation("571", "903", "MIS_END after the year", _missing("MIS_END", lambda r: "10/04/2025")),
    Mutation("578", "903", "a missing episode after care ended", _missing_after_care),
    Mutation(
        "INT13", "903", "a missing episode with another DOB", setter("missing", "DOB", "01/01/2001")
    ),
    Mutation("112", "903", "DATE_INT not a date", setter("ad1", "DATE_INT", BAD_DATE)),
    Mutation("113", "903", "DATE_MATCH not a date", setter("ad1", "DATE_MATCH", BAD_DATE)),
    Mutation("114", "903", "FOSTER_CARE 7", setter("ad1", "FOSTER_CARE", "7")),
    Mutation("151", "903", "DATE_MATCH blank on an AD1 row", setter("ad1", "DATE_MATCH", "")),
    Mutation("175", "903", "NB_ADOPTR 5", setter("ad1", "NB_ADOPTR", "5")),
    Mutation("176", "903", "SEX_ADOPTR ZZ", setter("ad1", "SEX_ADOPTR", "ZZ")),
    Mutation("177", "903", "LS_ADOPTR L99", setter("ad1", "LS_ADOPTR", "L99")),
    Mutation("333", "903", "matched before the decision to place for adoption", _ad1_swap),
    Mutation("INT31", "903", "a child twice in AD1", _duplicate("ad1")),
    Mutation(
        "115", "903", "DATE_PLACED not a date", lambda f: _placed(f, DATE_PLACED=lambda r: BAD_DATE)
    ),
    Mutation(
        "116",
        "903",
        "DATE_PLACED_CEASED not a date",
        lambda f: _placed(
            f, DATE_PLACED_CEASED=lambda r: BAD_DATE, REASON_PLACED_CEASED=lambda r: "RD1"
        ),
    ),
    Mutation(
        "120",
        "903",
        "REASON_PLACED_CEASED RD9",
        lambda f: _placed(
            f,
            DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], 30),
            REASON_PLACED_CEASED=lambda r: "RD9",
        ),
    ),
    Mutation(
        "119",
        "903",
        "DATE_PLACED_CEASED without its reason",
        lambda f: _placed(f, DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], 30)),
    ),
    Mutation(
        "184",
        "903",
        "DATE_PLACED before the child's birth",
        lambda f: _placed(f, DATE_PLACED=lambda r: shift(r["DOB"], -30)),
    ),
    Mutation(
        "522",
        "903",
        "DATE_PLACED_CEASED before DATE_PLACED",
        lambda f: _placed(
            f,
            DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], -30),
            REASON_PLACED_CEASED=lambda r: "RD1",
        ),
    ),
    Mutation(
        "INT12",
        "903",
        "a placed-for-adoption row with another DOB",
        setter("placed_adoption", "DOB", "01/01/2001"),
    ),
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
    Mutation("631", "903", "PREV_PERM P9", setter("prev_perm", "PREV_PERM", "P9")),
    Mutation(
        "635",
        "903",
        "PREV_PERM blank with LA_PERM given",
        setter("prev_perm", "PREV_PERM", "", lambda r: bool(r["LA_PERM"])),
    ),
    Mutation(
        "INT16",
        "903",
        "a previous-permanence row with another DOB",
        setter("prev_perm", "DOB", "01/01/2001"),
    ),
    Mutation(
        "SW01aSTG1",
        "903",
        "SW_ID blank on an episode begun before April 2023",
        setter("social_worker", "SW_ID", "", lambda r: day(r["SW_DECOM"]) < day("01/04/2023")),
    ),
    Mutation(
        "SW01bSTG1",
        "903",
        "SW_REASON blank on an episode begun from April 2023",
        setter("social_worker", "SW_REASON", "", lambda r: day(r["SW_DECOM"]) >= day("01/04/2023")),
    ),
    Mutation("SW02STG1", "903", "SW_ID AB123", setter("social_worker", "SW_ID", "AB123")),
    Mutation(
        "SW04STG1", "903", "SW_DECOM not a date", setter("social_worker", "SW_DECOM", BAD_DATE)
    ),
    Mutation(
        "SW05STG1",
        "903",
        "SW_DEC not a date",
        setter("social_worker", "SW_DEC", BAD_DATE, lambda r: bool(r["SW_DEC"])),
    ),
    Mutation(
        "SW13STG1",
        "903",
        "SW_REASON ZZZZZZ",
        setter("social_worker", "SW_REASON", "ZZZZZZ", lambda r: bool(r["SW_REASON"])),
    ),
    Mutation(
        "SW10STG2",
        "903",
        "a social worker episode starting 20 days after the last ended",
        _sw_gap(False),
    ),
    Mutation(
        "SW08STG2", "903", "a social worker episode while the previous one is open", _sw_gap(True)
    ),
    Mutation(
        "503A",
        "903",
        "first episode's RNE other than last year's open one",
        _first_episode("RNE", "B"),
    ),
    Mutation(
        "503E",
        "903",
        "first episode's provider other than last year's open one",
        _first_episode("PLACE_PROVIDER", "PR5"),
    ),
    Mutation(
        "528",
        "903",
        "provider PR2 for placement R5",
        _episode(lambda r: True, PLACE="R5", PLACE_PROVIDER="PR2"),
    ),
    Mutation(
        "530",
        "903",
        "provider PR4 for placement P1",
        _episode(lambda r: True, PLACE="P1", PLACE_PROVIDER="PR4"),
    ),
    Mutation(
        "531",
        "903",
        "provider PR5 for placement P1",
        _episode(lambda r: True, PLACE="P1", PLACE_PROVIDER="PR5"),
    ),
    Mutation("INT01", "903", "an AD1 row for a child not in the header", _stranger("ad1")),
    Mutation(
        "INT02",
        "903",
        "a placed-for-adoption row for a child not in the header",
        _stranger("placed_adoption"),
    ),
    Mutation("INT04", "903", "a missing row for a child not in the header", _stranger("missing")),
    Mutation("INT05", "903", "an OC2 row for a child not in the header", _stranger("oc2")),
    Mutation("INT06", "903", "an OC3 row for a child not in the header", _stranger("oc3")),
    Mutation(
        "INT07",
        "903",
        "a previous-permanence row for a child not in the header",
        _stranger("prev_perm"),
    ),
    Mutation("INT08", "903", "a review for a child not in the header", _stranger("reviews")),
    Mutation("INT09", "903", "a UASC row for a child not in the header", _stranger("uasc")),
    Mutation("INT11", "903", "an AD1 row with another DOB", setter("ad1", "DOB", "01/01/2001")),
    Mutation("INT18", "903", "a UASC row with another DOB", setter("uasc", "DOB", "01/01/2001")),
    Mutation("INT33", "903", "a child twice in OC2", _duplicate("oc2")),
    Mutation("INT34", "903", "a child twice in OC3", _duplicate("oc3")),
    Mutation("INT35", "903", "a child twice in previous permanence", _duplicate("prev_perm")),
    Mutation("INT36", "903", "a child twice in UASC", _duplicate("uasc")),
    # OC2 outcomes by age, and which of OC2, OC3 and AD1 a child is in
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
    # placements and legal statuses: which, at what age, for how long
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
        "a short break (V4) in a temporary placement",
        _episode(lambda r: r["LS"] == "V4", PLACE="T2"),
    ),
    Mutation(
        "384",
        "903",
        "a short break (V4) in long-term foster care",
        _episode(lambda r: r["LS"] == "V4", PLACE="U4"),
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
    # the header: sex, UPN and motherhood
    Mutation("232", "903", "SEX U", setter("header", "SEX", "U")),
    Mutation("165", "903", "MOTHER 2", setter("header", "MOTHER", "2")),
    Mutation("442", "903", "UPN blank", setter("header", "UPN", "")),
    Mutation("393", "903", "MOTHER blank for a girl in care", _mother_blank(False)),
    Mutation("607", "903", "MOTHER blank for a girl who left care", _mother_blank(True)),
    Mutation("620", "903", "a mother aged 10", _young_mother),
    Mutation("625", "903", "a child born after the mother left care", _born_after_care),
    Mutation(
        "207",
        "903",
        "a mother last year, MOTHER 0 this year",
        _mother_last_year(("1", "01/01/2023"), ("0", "")),
    ),
    Mutation(
        "624",
        "903",
        "the child's date of birth other than last year's",
        _mother_last_year(("1", "01/01/2023"), ("1", "01/02/2023")),
    ),
    Mutation(
        "626",
        "903",
        "a new mother whose child was born last year",
        _mother_last_year(("0", ""), ("1", "01/01/2024")),
    ),
    Mutation(
        "209",
        "903",
        "UPN UN1 aged 10",
        _upn("UN1", lambda f, r: age(f, r["CHILD"], "31/08/2023") > 6),
    ),
    Mutation(
        "210",
        "903",
        "UPN UN4 for a child looked after from 25 March",
        _upn(
            "UN4",
            lambda f, r: any(
                e["CHILD"] == r["CHILD"] and day(e["DECOM"]) >= day("24/03/2025")
                for e in f.this["episodes"]
            ),
        ),
    ),
    # adoption across the tables
    Mutation("514", "903", "a single adopter (L0) as a couple", setter("ad1", "LS_ADOPTR", "L0")),
    Mutation(
        "517",
        "903",
        "a couple of different sexes (L3) as MM",
        lambda f: first(f.this["ad1"]).update(LS_ADOPTR="L3", SEX_ADOPTR="MM"),
    ),
    Mutation(
        "518",
        "903",
        "a couple of the same sex (L4) as MF",
        lambda f: first(f.this["ad1"]).update(LS_ADOPTR="L4", SEX_ADOPTR="MF"),
    ),
    Mutation(
        "519",
        "903",
        "a civil partnership (L2) as one adopter",
        lambda f: first(f.this["ad1"]).update(LS_ADOPTR="L2", SEX_ADOPTR="M1", NB_ADOPTR="1"),
    ),
    Mutation(
        "520",
        "903",
        "a married couple of different sexes (L11) as FF",
        lambda f: first(f.this["ad1"]).update(LS_ADOPTR="L11", SEX_ADOPTR="FF"),
    ),
    Mutation(
        "524",
        "903",
        "a married couple of the same sex (L12) as MF",
        lambda f: first(f.this["ad1"]).update(LS_ADOPTR="L12", SEX_ADOPTR="MF"),
    ),
    Mutation(
        "117",
        "903",
        "a decision reversed after the child was adopted",
        _adoption(
            "placed_adoption",
            lambda r, e: {"DATE_PLACED_CEASED": shift(e["DEC"], 5), "REASON_PLACED_CEASED": "RD1"},
        ),
    ),
    Mutation(
        "118",
        "903",
        "a decision reversed before the year",
        lambda f: _placed(
            f,
            DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], 1),
            REASON_PLACED_CEASED=lambda r: "RD1",
        ),
    ),
    Mutation("1003", "903", "a decision before care started", _decided_before_care),
    Mutation(
        "523",
        "903",
        "AD1's DATE_INT a day before the decision",
        _adoption("ad1", lambda r, e: {"DATE_INT": shift(r["DATE_INT"], -1)}),
    ),
    Mutation(
        "521",
        "903",
        "AD1's DATE_INT after the placement for adoption",
        _adoption("ad1", lambda r, e: {"DATE_INT": shift(e["DECOM"], 2)}),
    ),
    Mutation(
        "552",
        "903",
        "the decision after the placement for adoption",
        _adoption("placed_adoption", lambda r, e: {"DATE_PLACED": shift(e["DECOM"], 2)}),
    ),
    Mutation("554", "903", "the decision after the placement order", _decided_after_order),
    Mutation("551", "903", "a placement for adoption with no decision", _undecided),
    Mutation("553", "903", "a decision reversed while the order is open", _reversed_while_ordered),
    Mutation("557", "903", "leaving care (E13) with the decision standing", _not_adopted),
    Mutation("602", "903", "an AD1 row for a child who went home", _ad1_after_leaving),
    Mutation(
        "331",
        "903",
        "matched after the placement for adoption",
        _adoption("ad1", lambda r, e: {"DATE_MATCH": shift(e["DECOM"], 2)}),
    ),
    Mutation(
        "582",
        "903",
        "matched on the day of adoption",
        _adoption("ad1", lambda r, e: {"DATE_MATCH": e["DEC"]}),
    ),
    Mutation(
        "335",
        "903",
        "FOSTER_CARE 1 for a placement A6",
        _adoption("ad1", lambda r, e: {"FOSTER_CARE": "1" if e["PLACE"] == "A6" else "0"}),
    ),
    Mutation(
        "525",
        "903",
        "an adopted child's decision reversed",
        _adoption(
            "placed_adoption",
            lambda r, e: {
                "DATE_PLACED_CEASED": shift(r["DATE_PLACED"], 30),
                "REASON_PLACED_CEASED": "RD1",
            },
        ),
    ),
    Mutation("558", "903", "an adopted child's decisions all reversed", _reversed_twice),
    # care leavers (OC3)
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
        "a care leaver of 17 in a foyer (T1)",
        _oc3(lambda r: _years(r, "01/04/2024") < 18, ACCOM="T1"),
    ),
    Mutation(
        "3001",
        "903",
        "a care leaver turning 17 with former foster carers (Z1)",
        _oc3(lambda r: 17 <= _years(r) < 18, ACCOM="Z1"),
    ),
    Mutation(
        "391",
        "903",
        "care leaver information for a child of 16",
        _care_leaver(
            lambda f, r: (
                15 <= _years(r) < 16.9
                and (_last_episode(f, r) or {}).get("REC", "") not in ("", "X1")
            )
        ),
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
        _care_leaver(_ended("E4A", 17, 21), _died),
    ),
    Mutation("1012", "903", "a review of a care leaver with no episode", _review_without_episodes),
    Mutation(
        "628",
        "903",
        "MOTHER for a care leaver with no episode",
        lambda f: _without_episodes(f).update(MOTHER="0"),
    ),
    # missing episodes, social workers, previous permanence
    Mutation("564", "903", "MIS_START blank", setter("missing", "MIS_START", "")),
    Mutation(
        "565",
        "903",
        "MISSING blank",
        setter("missing", "MISSING", ""),
    ),
    Mutation(
        "566",
        "903",
        "MISSING blank on an ended missing episode",
        setter("missing", "MISSING", "", lambda r: bool(r["MIS_END"])),
    ),
    Mutation(
        "SW06STG2",
        "903",
        "a social worker episode starting after the year",
        setter("social_worker", "SW_DECOM", "10/04/2025", lambda r: not r["SW_DEC"]),
    ),
    Mutation(
        "SW07STG2",
        "903",
        "a social worker episode ending after the year",
        setter("social_worker", "SW_DEC", "10/04/2025", lambda r: bool(r["SW_DEC"])),
    ),
    Mutation(
        "SW09STG2",
        "903",
        "a social worker episode ending the day it starts",
        _social_worker_same_day,
    ),
    Mutation(
        "630", "903", "no previous permanence for a child starting care", _no_previous_permanence
    ),
    Mutation("632", "903", "a previous permanence order after care began", _permanence_after_care),
    Mutation(
        "634",
        "903",
        "previous permanence for a child in care since before the year",
        _permanence_not_starting,
    ),
    # episodes: reasons for a new episode, postcodes, Ofsted numbers
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
        "a short break (V4) with an Ofsted number",
        _episode(lambda r: r["LS"] == "V4", URN="SC999999"),
    ),
    Mutation(
        "398",
        "903",
        "a short break (V4) with a home postcode",
        _episode(lambda r: r["LS"] == "V4", HOME_POST="TQ1 1AA"),
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
    # what last year's return said
    Mutation("NoE", "903", "care begun before the year, not in last year's return", _not_last_year),
    Mutation(
        "562",
        "903",
        "care begun before the year a day before last year's last episode",
        _shifted(_begun_before, "DECOM", -1),
    ),
    Mutation("199", "903", "back in care after adoption", _back_after_adoption),
    Mutation(
        "576",
        "903",
        "a missing episode open last year, starting a day later this year",
        _shifted(_missing_carried, "MIS_START", 1),
    ),
    Mutation(
        "559", "903", "a decision before the year, not in last year's", _decision_not_last_year
    ),
    Mutation(
        "560",
        "903",
        "a standing decision dated 3 days earlier than last year",
        _shifted(lambda f: _decision_carried(f)[1], "DATE_PLACED", -3),
    ),
    Mutation("561", "903", "last year's reversed decision again this year", _reversed_last_year(0)),
    Mutation("584", "903", "a decision before last year's reversed one", _reversed_last_year(-3)),
    Mutation("208", "903", "UPN other than last year's", _upn_changed),
    Mutation("579", "903", "a decision made before the last was reversed", _second_decision(True)),
    Mutation("583", "903", "a second decision while the first stands", _second_decision(False)),
    # more placements and legal statuses, and blanks the column checks find
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
        "563",
        "903",
        "a decision reversed with DATE_PLACED blank",
        lambda f: _placed(
            f,
            DATE_PLACED_CEASED=lambda r: shift(r["DATE_PLACED"], 30),
            REASON_PLACED_CEASED=lambda r: "RD1",
            DATE_PLACED=lambda r: "",
        ),
    ),
    Mutation("601", "903", "NB_ADOPTR blank for an adopted child", setter("ad1", "NB_ADOPTR", "")),
]
