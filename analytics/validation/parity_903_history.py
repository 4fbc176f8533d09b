"""Planted breaches of the Department's SSDA903 rules that read last year's return with this
year's (`looked_after_history`): the episodes, missing episodes, decisions to place for
adoption, UPN and UASC status last year's return said.
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.validation.parity import Files, Mutation, Row, age, by_child, day, first, shift
from analytics.validation.parity_903_rows import _adopted, _birthday, _children, _in_year


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
    """This year's first missing episode of a child missing at the end of last year; where
    no child was, a child in care on 1 April is made so (last year's last missing episode
    left open, and this year's return carrying it on to 3 April)."""
    still = {r["CHILD"]: r for r in files.last["missing"] if not r["MIS_END"]}
    runs = by_child(files.this["missing"], "MIS_START")
    carried = [r[0] for c, r in runs.items() if c in still]
    if carried:
        return carried[0]
    in_care = {r["CHILD"] for r in files.this["episodes"] if not _in_year(r)}
    last = by_child(files.last["missing"], "MIS_START")
    row = first([r[-1] for c, r in last.items() if c in in_care and c not in runs])
    row["MIS_END"] = ""
    files.this["missing"].append({**row, "MIS_END": f"03/04/{day(row['MIS_START']).year + 1}"})
    return files.this["missing"][-1]


def _decision_carried(files: Files, fits=lambda r: True) -> tuple[Row, Row]:
    """A decision to place for adoption in both years' returns: (last year's, this year's)."""
    before = {(r["CHILD"], r["DATE_PLACED"]): r for r in files.last["placed_adoption"]}
    row = first(
        files.this["placed_adoption"],
        lambda r: (r["CHILD"], r["DATE_PLACED"]) in before and fits(r),
    )
    return before[(row["CHILD"], row["DATE_PLACED"])], row


def _decision_not_last_year(files: Files) -> None:
    _, row = _decision_carried(files)
    files.last["placed_adoption"] = [
        r for r in files.last["placed_adoption"] if r["CHILD"] != row["CHILD"]
    ]


def _reversed_last_year(days: int):
    """Last year's decision reversed, and this year's moved by `days` within its month: the
    validator compares the dates as text (DD/MM/YYYY), so an earlier date in another month
    can read as later (rule 584)."""

    def plant(files: Files) -> None:
        last, row = _decision_carried(files, lambda r: int(r["DATE_PLACED"][:2]) > -days)
        last.update(DATE_PLACED_CEASED=shift(last["DATE_PLACED"], 20), REASON_PLACED_CEASED="RD1")
        row["DATE_PLACED"] = shift(row["DATE_PLACED"], days)

    return plant


def _upn_changed(files: Files) -> None:
    """A known UPN other than the one last year's return gave (a UPN unknown last year and
    known now is allowed)."""
    before = {r["CHILD"]: r["UPN"] for r in files.last["header"]}
    row = first(
        files.this["header"],
        lambda r: before.get(r["CHILD"]) == r["UPN"] and r["UPN"][:2] not in ("", "UN"),
    )
    row["UPN"] = row["UPN"][:5] + ("1" if row["UPN"][5] != "1" else "2") + row["UPN"][6:]


def _shifted(pick: Callable[[Files], Row], column: str, days: int):
    """`column` of the row `pick` finds, moved by `days`."""

    def plant(files: Files) -> None:
        row = pick(files)
        row[column] = shift(row[column], days)

    return plant


def _uasc_both_years(files: Files) -> Row:
    """Last year's UASC row of a child UASC in both years' returns."""
    before = {r["CHILD"]: r for r in files.last["uasc"]}
    known = _children(files, "header") & {r["CHILD"] for r in files.last["header"]}
    return before[first(files.this["uasc"], lambda r: r["CHILD"] in before.keys() & known)["CHILD"]]


def _uasc_without_header(last_year: bool):
    """This year's header row left out for a child UASC this year, and last year or not.

    On CSV returns the validator counts a child as UASC in a year when they have a row in
    that year's UASC table, and reads rules 205A and 205C from this year's UASC rows, so
    neither can find a child UASC in one year and not the other: a UASC row of a child the
    header leaves out (status unknown) is the one breach either finds there.
    """

    def plant(files: Files) -> None:
        before = {r["CHILD"] for r in files.last["uasc"]}
        child = first(files.this["uasc"], lambda r: (r["CHILD"] in before) == last_year)["CHILD"]
        files.this["header"] = [r for r in files.this["header"] if r["CHILD"] != child]

    return plant


def _uasc_new(files: Files) -> None:
    """A UASC row this year for a child of 14 or over, in care in both years, never UASC."""
    uasc = _children(files, "uasc") | {r["CHILD"] for r in files.last["uasc"]}
    both = _children(files, "episodes") & {r["CHILD"] for r in files.last["episodes"]}
    row = first(
        files.this["header"],
        lambda r: r["CHILD"] in both - uasc and age(files, r["CHILD"], f"31/03/{files.year}") >= 14,
    )
    files.this["uasc"].append(
        {
            "CHILD": row["CHILD"],
            "SEX": row["SEX"],
            "DOB": row["DOB"],
            "DUC": _birthday(row["DOB"], 18),
        }
    )


def _left_open(files: Files) -> None:
    """A care leaver with no episode this year: last year's last episode left open."""
    in_care = _children(files, "episodes")
    runs = by_child(files.last["episodes"], "DECOM")
    leavers = [runs[r["CHILD"]] for r in files.this["oc3"] if r["CHILD"] in runs.keys() - in_care]
    # one who started care last year, so that reopening does not make them looked after
    # for 12 months at its end (and due an OC2 row)
    year_start = day(f"01/04/{files.year - 2}")
    started = [
        r for r in leavers if any(e["RNE"] == "S" and day(e["DECOM"]) >= year_start for e in r)
    ]
    first(started or leavers)[-1].update(DEC="", REC="", REASON_PLACE_CHANGE="")


# what last year's return said
LAST_YEAR: list[Mutation] = [
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
    Mutation(
        "205A",
        "903",
        "the header row left out for a child UASC in both years (on CSV returns the rule "
        "fires on nothing else)",
        _uasc_without_header(True),
    ),
    Mutation(
        "205C",
        "903",
        "the header row left out for a child UASC this year only (on CSV returns the rule "
        "fires on nothing else)",
        _uasc_without_header(False),
    ),
    Mutation(
        "205B",
        "903",
        "UASC in both years, last year's DUC a day before the 18th birthday",
        _shifted(_uasc_both_years, "DUC", -1),
    ),
    Mutation("205D", "903", "UASC this year, in last year's return but not UASC", _uasc_new),
    Mutation(
        "1010",
        "903",
        "a care leaver with no episode this year, looked after at the end of last year",
        _left_open,
    ),
]
