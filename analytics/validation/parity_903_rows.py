"""Finding and changing the rows of the SSDA903 tables that breaches of more than one topic
are planted in: an episode and the one after it, a child's first episode, an adopted child,
a child who left care, the children of a table, a row twice, ages (`YOUNG`, `OLD`) and
birthdays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from analytics.validation.parity import Files, Row, age, by_child, day, first, pairs, text


def _continuation(files: Files, fits: Callable[[Row, Row], bool]) -> tuple[Row, Row]:
    found = [p for p in pairs(files.this["episodes"], "DECOM") if fits(*p)]
    if not found:
        raise LookupError("no pair of episodes fits this mutation")
    return found[0]


def _leaving_age(code: str, fits: Callable[[float], bool]):
    def plant(files: Files) -> None:
        row = first(
            files.this["episodes"],
            lambda r: r["REC"] not in ("", "X1") and fits(age(files, r["CHILD"], r["DEC"])),
        )
        row["REC"] = code

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


def _duplicate(table: str):
    def plant(files: Files) -> None:
        files.this[table].append(dict(files.this[table][0]))

    return plant


def _children(files: Files, table: str) -> set[str]:
    return {r["CHILD"] for r in files.this[table]}


def _in_year(row: Row) -> bool:
    return day(row["DECOM"]) >= day("01/04/2024")


def _left_care(files: Files) -> dict[str, Row]:
    runs = by_child(files.this["episodes"], "DECOM")
    return {c: r[-1] for c, r in runs.items() if r[-1]["REC"] not in ("", "X1")}


def _adopted(files: Files) -> dict[str, Row]:
    """Each adopted child's adoption episode (ending E11 or E12)."""
    return {r["CHILD"]: r for r in files.this["episodes"] if r["REC"] in ("E11", "E12")}


def _birthday(dob: str, years: int) -> str:
    """The birthday `years` on from `dob` (28 February for one born on the 29th)."""
    born = day(dob)
    try:
        return text(born.replace(year=born.year + years))
    except ValueError:
        return text(dt.date(born.year + years, 2, 28))


BAD_DATE = "31/02/2024"


YOUNG = lambda years: lambda a: a < years  # noqa: E731 (a predicate on an age)


OLD = lambda years: lambda a: a >= years  # noqa: E731
