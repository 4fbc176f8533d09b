"""Planted breaches of the Department's rules: what a breach is, and the rules not planted.

Each `Mutation` breaks exactly one rule of csc-validator-be-903 or -cin in a copy of clean
returns: the SSDA903 tables of this year and last (`Files.this`, `Files.last`: rows of
text cells by table) or the CIN census of this year (`Files.cin`, an lxml tree). The
mutations themselves are in `parity_903_*` and `parity_cin_*` by topic (header, episodes,
placements, records, outcomes, adoption, history; child, episodes), gathered in order by
`parity_903` and `parity_cin` and then by `planting`.
`benchmarks/rule_parity.py` plants each one, runs both the Department's validators and
Assure's validation, and writes docs/formats/rule-parity.md; the suite checks that Assure
flags every planted breach (tests/datasets/test_rule_parity.py). `FAULTS` and
`why_not_checked` say why a rule is not Assure's to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

Row = dict[str, str]
T = TypeVar("T")


@dataclass
class Files:
    this: dict[str, list[Row]] = field(default_factory=dict)
    last: dict[str, list[Row]] = field(default_factory=dict)
    cin: Any = None
    year: int = 2025


@dataclass(frozen=True)
class Mutation:
    rule: str
    dataset: str  # "903" or "cin"
    breach: str
    plant: Callable[[Files], None]


def day(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def text(date: dt.date) -> str:
    return date.strftime("%d/%m/%Y")


def shift(value: str, days: int) -> str:
    return text(day(value) + dt.timedelta(days=days))


def first(rows: list[T], where: Callable[[T], bool] = lambda r: True) -> T:
    """The first row that fits; a mutation with nothing to change says so."""
    for row in rows:
        if where(row):
            return row
    raise LookupError("no row fits this mutation in the files")


def by_child(rows: list[Row], start: str) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for row in sorted(rows, key=lambda r: (r["CHILD"], day(r[start]))):
        found.setdefault(row["CHILD"], []).append(row)
    return found


def pairs(rows: list[Row], start: str) -> list[tuple[Row, Row]]:
    """Each row with the next one of the same child, in order of `start`."""
    return [
        (a, b)
        for runs in by_child(rows, start).values()
        for a, b in zip(runs, runs[1:], strict=False)
    ]


def age(files: Files, child: str, on: str) -> float:
    born = day(first(files.this["header"], lambda r: r["CHILD"] == child)["DOB"])
    return (day(on) - born).days / 365.25


def setter(table: str, column: str, value: str, where: Callable[[Row], bool] = lambda r: True):
    """A plant that writes `value` in `column` of the first row of `table` that fits."""

    def plant(files: Files) -> None:
        first(files.this[table], where)[column] = value

    return plant


def closed(row: Row) -> bool:
    return bool(row["DEC"])


# Rules that fire on clean generated returns because of the validator, not the data, or
# that never fire on a planted breach (CIN); each is explained in docs/formats/ssda903.md
# or cin-census.md.
FAULTS = {
    "146": "validator fault: its 2024-25 list has `k3` in lower case, every value read is "
    "upper-cased, so K3 never matches",
    "202": "validator fault: compares sex coded 1/2 (2024) with M/F (2025) as text",
    "575": "validator fault: rule 365 writes 31 March into every open DEC of the shared table "
    "before this rule runs",
    "577": "validator fault: as 575, rule 365 closes every open episode on 31 March first",
    "1001": "validator limit: sees two years only, so a care leaver who left earlier has no "
    "care history",
    "1002": "validator limit: as 1001, two years of history",
    "503F": "validator limit: a URN given from 2024 for supported accommodation, the "
    "Department's placeholder URN XXXXXXX in 2023 (providers registered with Ofsted on 28 "
    "October 2023)",
    "231": "validator fault: crashes, reading a UASC_STATUS column the 2025 header does not have",
    "1007": "validator fault: crashes on a care leaver born on 29 February (moves each birthday "
    "into the collection year with replace(year=...)); and reads an open episode as not in care",
    "105": "not applicable: the validator checks the header's UASC flag of XML returns only; "
    "CSV returns, which Assure reads, have a UASC table instead",
    "303": "not applicable: the validator checks it against a UASC column of the header, which "
    "the 2025 CSV header does not have (the UASC table says who is UASC)",
    "169": "validator reference data: PL_LA is worked out by the validator from PL_POST with "
    "its own postcode list",
    "1015": "validator reference data: its postcode list gives Barnsley's and Sheffield's "
    "postcodes their 2024 codes (E08000038, E08000039), which its list of authorities (2021 "
    "codes) does not know, so PL_LA is blank and own provision reads as outside the authority",
    "633": "validator reference data: its list of authority codes for LA_PERM is of before "
    "2019, without Dorset (838), Bournemouth, Christchurch and Poole (839), North and West "
    "Northamptonshire (940, 941), Cumberland (942) or Westmorland and Furness (943)",
    "SW12STG2": "validator fault: compares each episode with every social worker episode of "
    "the child, so one of an earlier period of care flags a later episode",
    "8869": "validator fault: compares an assessment's list of factors, read as text "
    "(\"['6B', '21']\"), with '21', so it never matches",
    "8898": "validator fault: drops duplicate rows of a table holding each assessment's list "
    "of factors, which fails (a list cannot be hashed) whenever a factor repeats",
    "8935": "validator fault: counts the open plans of each plan (grouped by CPPID), never "
    "more than one, not of each child",
    "8614": "validator fault: groups its findings by the assessment's list of factors, which "
    "fails (a list cannot be hashed) whenever factors are given for an unauthorised assessment",
    "8540": "validator fault: a child with no disability code is found, but reported in a "
    "column (ROW_ID_x) the validator does not read, so only a code not in the list is flagged",
}
DERIVED = {"PL_DISTANCE", "PL_LA", "PL_LOCATION"}


def why_not_checked(kind: str, rule: dict[str, Any]) -> str:
    """Why a rule of the Department's is not Assure's to check, or '' when it is."""
    code, fields, tables = rule["code"], set(rule["fields"]), set(rule["tables"])
    if code in FAULTS:
        return FAULTS[code]
    if fields & DERIVED:
        return (
            "not applicable: " + ", ".join(sorted(fields & DERIVED)) + " are worked out by "
            "the validator from postcodes with its own reference data, not fields of the return"
        )
    if "Provider Info" in tables:
        return "not applicable: needs Ofsted's list of providers, which Assure does not hold"
    if code == "EPI":
        return "not applicable: a reminder about the Department's portal"
    if kind == "cin" and code.endswith("Q"):
        return "a query (asks for a check, not a fix): not checked"
    return ""
