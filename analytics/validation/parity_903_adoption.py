"""Planted breaches of the Department's SSDA903 rules on adoption: AD1 and decisions to place
for adoption, their codes and dates, and how they agree with the episodes
(`looked_after_adoption`, and those tables' columns in `values`).
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.validation.parity import Files, Mutation, Row, by_child, first, setter, shift
from analytics.validation.parity_903_rows import (
    BAD_DATE,
    _adopted,
    _duplicate,
    _in_year,
    _left_care,
)


def _placed(files: Files, **values: Callable[[Row], str]) -> None:
    row = first(files.this["placed_adoption"])
    for column, value in values.items():
        row[column] = value(row)


def _ad1_swap(files: Files) -> None:
    row = first(files.this["ad1"])
    row["DATE_MATCH"] = shift(row["DATE_INT"], -10)


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
    """A decision reversed while the placement order is open; where no order is open at the
    end of the year (Torbay's 2025 return of seed 3 has none), a placement order with no
    decision at all. Rule 553 refuses either."""
    open_orders = {r["CHILD"] for r in files.this["episodes"] if r["LS"] == "E1" and not r["DEC"]}
    try:
        row = first(files.this["placed_adoption"], lambda r: r["CHILD"] in open_orders)
    except LookupError:
        _without_decision(files, lambda r: r["LS"] == "E1")
        return
    row.update(DATE_PLACED_CEASED=shift(row["DATE_PLACED"], 30), REASON_PLACED_CEASED="RD1")


def _without_decision(files: Files, where: Callable[[Row], bool]) -> None:
    """The first child whose episodes fit `where`, with their decisions to place for adoption
    taken out."""
    chosen = {r["CHILD"] for r in files.this["episodes"] if where(r)}
    child = first(files.this["placed_adoption"], lambda r: r["CHILD"] in chosen)["CHILD"]
    files.this["placed_adoption"] = [
        r for r in files.this["placed_adoption"] if r["CHILD"] != child
    ]


def _undecided(files: Files) -> None:
    _without_decision(files, lambda r: r["PLACE"] in ("A5", "A6"))


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


# AD1 and decisions to place for adoption: codes and dates
CODES: list[Mutation] = [
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
]

# adoption across the tables
ACROSS_TABLES: list[Mutation] = [
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
    Mutation(
        "553",
        "903",
        "a decision reversed while the order is open (or none, with no order open)",
        _reversed_while_ordered,
    ),
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
]

# a second decision while the first stands
SECOND_DECISIONS: list[Mutation] = [
    Mutation("579", "903", "a decision made before the last was reversed", _second_decision(True)),
    Mutation("583", "903", "a second decision while the first stands", _second_decision(False)),
]

# blanks the column checks find
BLANKS: list[Mutation] = [
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
