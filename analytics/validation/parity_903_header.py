"""Planted breaches of the Department's SSDA903 rules on the header (`looked_after_header`, and
the header's columns in `values`): codes, dates of birth, sex, UPN and motherhood, and the
other tables' rows that must name a child of the header, with the same date of birth, once.
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.formats.ssda903_schema import SHORT_BREAKS
from analytics.validation.parity import Files, Mutation, Row, age, day, first, setter, shift
from analytics.validation.parity_903_rows import BAD_DATE, _duplicate, _left_care


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


def _stranger(table: str):
    """A row of `table` for a child the header does not know."""

    def plant(files: Files) -> None:
        files.this[table].append({**files.this[table][0], "CHILD": "9999999999"})

    return plant


def _unheaded(files: Files) -> None:
    child = files.this["episodes"][0]["CHILD"]
    files.this["header"] = [r for r in files.this["header"] if r["CHILD"] != child]


def _looked_after(files: Files) -> set[str]:
    """Children with an episode in the year other than a short break: those the header rules
    read (a header row of a care leaver without episodes is passed over)."""
    return {r["CHILD"] for r in files.this["episodes"] if r["LS"] not in SHORT_BREAKS}


def _girl(files: Files, fits: Callable[[Row], bool] = lambda r: True) -> Row:
    """A girl of the header (MOTHER 0) who fits, looked after in the year."""
    looked_after = _looked_after(files)
    return first(
        files.this["header"],
        lambda r: r["SEX"] == "F" and r["MOTHER"] == "0" and r["CHILD"] in looked_after and fits(r),
    )


def _in_care(column: str, value: str):
    """`value` in `column` of the header row of the first child looked after in the year."""

    def plant(files: Files) -> None:
        looked_after = _looked_after(files)
        first(files.this["header"], lambda r: r["CHILD"] in looked_after)[column] = value

    return plant


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


# the header's codes and dates, a mother's child, last year's header, a child twice
HEADER: list[Mutation] = [
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
]

# other tables' rows: a child the header does not know, another DOB, twice
BELONGING: list[Mutation] = [
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
]

# sex, UPN and motherhood
MOTHERHOOD: list[Mutation] = [
    Mutation("232", "903", "SEX U", setter("header", "SEX", "U")),
    Mutation("165", "903", "MOTHER 2", _in_care("MOTHER", "2")),
    Mutation("442", "903", "UPN blank", _in_care("UPN", "")),
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
]
