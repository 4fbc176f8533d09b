"""Planted breaches of the Department's SSDA903 rules that read last year's return with this
year's (`looked_after_history`): the episodes, missing episodes, decisions to place for
adoption and UPN last year's return said.
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.validation.parity import Files, Mutation, Row, by_child, day, first, shift
from analytics.validation.parity_903_rows import _adopted, _in_year


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


def _upn_changed(files: Files) -> None:
    before = {r["CHILD"] for r in files.last["header"]}
    row = first(files.this["header"], lambda r: r["CHILD"] in before and r["UPN"][:2] != "UN")
    row["UPN"] = row["UPN"][:5] + ("1" if row["UPN"][5] != "1" else "2") + row["UPN"][6:]


def _shifted(pick: Callable[[Files], Row], column: str, days: int):
    """`column` of the row `pick` finds, moved by `days`."""

    def plant(files: Files) -> None:
        row = pick(files)
        row[column] = shift(row[column], days)

    return plant


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
]
