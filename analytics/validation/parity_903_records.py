"""Planted breaches of the Department's SSDA903 rules on reviews, UASC, missing episodes,
previous permanence and social workers (`looked_after_records`, and those tables' columns in
`values`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from analytics.validation.parity import (
    Files,
    Mutation,
    Row,
    by_child,
    day,
    first,
    pairs,
    setter,
    shift,
)
from analytics.validation.parity_903_rows import (
    BAD_DATE,
    OLD,
    YOUNG,
    _birthday,
    _children,
    _in_year,
)


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


def _uasc_sex(files: Files) -> None:
    row = first(files.this["uasc"])
    row["SEX"] = "F" if row["SEX"] == "M" else "M"


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


def _social_worker_same_day(files: Files) -> None:
    row = first(files.this["social_worker"], lambda r: bool(r["SW_DEC"]))
    row["SW_DEC"] = row["SW_DECOM"]


def _missing_at_18(files: Files) -> None:
    """Missing for the last two days of care that ends on the 18th birthday (not E8)."""
    dob = {r["CHILD"]: r["DOB"] for r in files.this["header"]}
    missing = _children(files, "missing")
    row = first(
        files.this["episodes"],
        lambda r: (
            r["REC"] not in ("", "X1", "E8")
            and r["CHILD"] not in missing
            and r["DEC"] == _birthday(dob[r["CHILD"]], 18)
            and day(r["DECOM"]) < day(r["DEC"]) - dt.timedelta(days=2)
        ),
    )
    files.this["missing"].append(
        {
            "CHILD": row["CHILD"],
            "DOB": dob[row["CHILD"]],
            "MISSING": "M",
            "MIS_START": shift(row["DEC"], -2),
            "MIS_END": row["DEC"],
        }
    )


def _social_worker_ends_late(files: Files) -> None:
    """A child's last social worker episode ending on 28 March, none after it."""
    runs = by_child(files.this["social_worker"], "SW_DECOM")
    row = first(
        [r[-1] for r in runs.values()],
        lambda r: bool(r["SW_DEC"]) and day(r["SW_DECOM"]) < day(f"20/03/{files.year}"),
    )
    row["SW_DEC"] = f"28/03/{files.year}"


def _uasc_care_leaver(files: Files) -> None:
    """UASC rows in both years for a care leaver with episodes last year and none this year."""
    in_care = _children(files, "episodes")
    before = {r["CHILD"] for r in files.last["episodes"]}
    leaver = first(files.this["oc3"], lambda r: r["CHILD"] in before - in_care)["CHILD"]
    for year in (files.last, files.this):
        head = first(year["header"], lambda r: r["CHILD"] == leaver)
        year["uasc"].append(
            {
                "CHILD": leaver,
                "SEX": head["SEX"],
                "DOB": head["DOB"],
                "DUC": _birthday(head["DOB"], 18),
            }
        )


# reviews, UASC and missing episodes
REVIEWS_UASC_MISSING: list[Mutation] = [
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
]

# previous permanence and social workers
PERMANENCE_SOCIAL_WORKERS: list[Mutation] = [
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
]

# missing episodes, social workers, previous permanence
MISSING_SOCIAL_WORKERS_PERMANENCE: list[Mutation] = [
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
    Mutation(
        "633",
        "903",
        "LA_PERM 123",
        setter("prev_perm", "LA_PERM", "123", lambda r: bool(r["LA_PERM"])),
    ),
    Mutation(
        "580",
        "903",
        "missing until the 18th birthday, the day care ended, with REC not E8",
        _missing_at_18,
    ),
    Mutation(
        "SW11bSTG2",
        "903",
        "a child's last social worker episode ending on 28 March",
        _social_worker_ends_late,
    ),
    Mutation(
        "1014",
        "903",
        "a UASC row for a care leaver with no episode in the year",
        _uasc_care_leaver,
    ),
]
