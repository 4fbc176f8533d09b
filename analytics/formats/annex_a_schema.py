"""The Annex A lists (1 to 11) as the store keeps them: each list's columns, and the header
patterns authorities are known to use for each (`specs/annex_a/Annex_A_schema.yml`).

Apart from the reader (`annex_a.py`) so that a compute from a snapshot finds the tables'
specs without importing the reader or Arrow (decision 0039).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from analytics.formats.tables import (
    CODE,
    DATE,
    FLAG,
    NUMBER,
    POSTCODE,
    TEXT,
    Column,
    TableSpec,
)

# The C loader where PyYAML has libyaml: the Annex A spec takes 4 s to parse otherwise.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SPEC = Path(__file__).parent / "specs" / "annex_a" / "Annex_A_schema.yml"
DATASET = "annex_a"
SHORT_NAMES = {
    "Child Unique ID": "child_id",
    "Date of Birth": "dob",
    "Age of Child (Years)": "age",
    "Does the Child have a Disability": "disability",
    "Strategy discussion initiating Section 47 Enquiry Start Date": "s47_start_date",
    "Was an Initial Child Protection Conference deemed unnecessary?": "icpc_unnecessary",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": "icpc_to_plan",
    "Number of Section 47 Enquiries in the last 12 months": "s47_last_12_months",
    "Was the child assessed as requiring LA children's social care support?": "needs_support",
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "uasc",
    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": "uasc",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?": (
        "rhi_accepted"
    ),
    "Was the child offered a Return Interview after their last missing episode (Y/N)?": (
        "rhi_offered"
    ),
    "Date the child was placed for fostering in FFA or concurrent planning placement": (
        "ffa_placement_date"
    ),
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": (
        "absences_last_12_months"
    ),
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": (
        "missing_last_12_months"
    ),
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months "
    "(Y/N)": "epo_last_6_months",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)": "second_period_12_months",
    "Date of Decision that Child Should No Longer be Placed for Adoption": "adoption_reversal_date",
    "Date of Decision that Child Should be Placed for Adoption": "adoption_decision_date",
    "Date of Matching Child and Prospective Adopters": "match_date",
    "Is the (prospective) adopter fostering for adoption?": "fostering_for_adoption",
}


# Only a row without its identifier is refused: the lists are local exports, so other gaps
# and unexpected values are warnings.
IDENTIFIERS = {"child_id", "individual_adopter_identifier"}


def _snake(header: str) -> str:
    if header in SHORT_NAMES:
        return SHORT_NAMES[header]
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def _patterns(spec: dict[str, Any]) -> list[re.Pattern[str]]:
    found = []
    for text in spec.get("header_regex", []):
        match = re.match(r"^/(.*)/([a-z]*)", text.strip())
        if match:
            flags = re.IGNORECASE if "i" in match.group(2) else 0
            found.append(re.compile(match.group(1), flags))
    return found


def _column(header: str, spec: dict[str, Any]) -> Column:
    name, required = _snake(header), spec.get("canbeblank") is False
    strict = name in IDENTIFIERS
    if "date" in spec:
        return Column(name, DATE, required, header=header, strict=strict)
    if "numeric" in spec:
        minimum = spec["numeric"].get("min_value")
        return Column(name, NUMBER, required, minimum=minimum, header=header, strict=strict)
    if "category" in spec:
        codes = [entry.get("code") for entry in spec["category"]]
        if any(isinstance(code, bool) for code in codes):
            return Column(name, FLAG, required, strict=False, header=header)
        if len(codes) > 60:  # a list of place names, not codes
            return Column(name, TEXT, required, strict=False, header=header)
        aliases = {}
        for entry in spec["category"]:
            names = entry.get("name") or []
            for alias in names if isinstance(names, list) else [names]:
                aliases[str(alias).strip().upper()] = str(entry["code"]).strip()
            aliases[str(entry["code"]).strip().upper()] = str(entry["code"]).strip()
        return Column(
            name,
            CODE,
            required,
            codes=frozenset(aliases.values()),
            aliases=aliases,
            strict=False,
            header=header,
        )
    kind = POSTCODE if spec.get("string") == "postcode" else TEXT
    return Column(name, kind, required, header=header, strict=strict)


@lru_cache(maxsize=1)
def lists() -> dict[int, tuple[TableSpec, dict[str, list[re.Pattern[str]]]]]:
    with SPEC.open() as handle:
        column_map = yaml.load(handle, Loader=LOADER)["column_map"]  # noqa: S506 (a safe loader)
    found = {}
    for key, columns in column_map.items():
        number = int(key.split("_")[1])
        spec = TableSpec(
            f"{DATASET}_list_{number}",
            DATASET,
            f"Annex A list {number}",
            tuple(_column(h, s) for h, s in columns.items()),
        )
        found[number] = (spec, {_snake(h): _patterns(s) for h, s in columns.items()})
    return found
