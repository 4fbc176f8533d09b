"""The code each collection year's return uses for what the simulation decided.

The simulation records each decision as the concept's code in the Department's current code
lists: "K3" is "placed in supported accommodation", "E45" is "special guardianship order to
former foster carers who are relatives or friends" (CONCEPTS names each one the generator
uses). This module is the one place that turns such a concept into the code of a collection
year, following the Department's code lists of that year (`analytics/formats/specs`: the
SSDA903 schema and its yearly diffs, the CIN census XSDs). Where the Department split a code or
added one, earlier years get the code that carried the same meaning before:

- placements: supported accommodation is H5 until 2024 and K3 from 2025 (H5 and P2 left the
  list in 2025);
- ceasing care: special guardianship orders were E43 (to former foster carers) and E44 (to
  other carers) until 2018; from 2019 E45/E46 (former foster carers who are, or are not,
  relatives or friends) and E47/E48 (other carers, relatives or not). A child arrangements
  order is E41 in every year;
- care leavers' activity: F3/P3 (training or employment) until 2021, split into F4/P4
  (training) and F5/P5 (employment) from 2022;
- CIN census: referral source 5D (early help) and closure reason RC9 (referred to early help
  after assessment) exist from 2023 (5B and RC8 before); assessment factors 18B/18C and
  19B/19C (abuse by a child or an adult) from 2021 (18A, 19A before); 24A (child criminal
  exploitation) from 2022 (13A, gangs, before).

`unlisted(year)` names every code the generator would write in a year that the year's lists
lack; the tests run it for each year.
"""

from __future__ import annotations

import numpy as np

# The URN a placement gives when its provider has no Ofsted registration number: the
# Department's own value in the SSDA903 episodes file (its rule 224 passes it by).
NO_URN = "XXXXXXX"

CONCEPTS = {
    ("episodes", "PLACE"): {
        "A6": "placed for adoption under a placement order, not with current foster carers",
        "U1": "foster carer who is a relative or friend, long term",
        "U3": "foster carer who is a relative or friend, not long term",
        "U4": "other foster carer, long term",
        "U6": "other foster carer, not long term",
        "K2": "children's home",
        "K3": "supported accommodation",
        "P1": "placed with parents",
        "R1": "residential care home",
        "Z1": "other placement",
    },
    ("episodes", "REC"): {
        "X1": "the episode ends, the period of care goes on",
        "E11": "adopted, application unopposed",
        "E12": "adopted, consent dispensed with",
        "E45": "special guardianship order, former foster carers who are relatives or friends",
        "E46": "special guardianship order, former foster carers who are not",
        "E47": "special guardianship order, other carers who are relatives or friends",
        "E48": "special guardianship order, other carers who are not",
        "E41": "child arrangements order",
        "E4A": "returned home as part of the care plan",
        "E13": "left care to live with parents, not as part of the care plan",
        "E5": "independent living with formal support",
        "E6": "independent living without formal support",
        "E17": "aged 18, stayed with current carers (staying put)",
        "E3": "care taken over by another authority",
        "E8": "ceased for any other reason (also the end of a short break)",
    },
    ("oc3", "ACTIV"): {
        "F1": "higher education, full time",
        "P1": "higher education, part time",
        "F2": "other education, full time",
        "P2": "other education, part time",
        "F4": "training, full time",
        "P4": "training, part time",
        "F5": "employment, full time",
        "P5": "employment, part time",
        "G4": "not in education, employment or training: illness or disability",
        "G5": "not in education, employment or training: other reasons",
        "G6": "not in education, employment or training: pregnancy or parenting",
    },
}
# (table, column) -> current code -> (first collection year it exists, code used before)
SSDA903_FORMER: dict[tuple[str, str], dict[str, tuple[int, str]]] = {
    ("episodes", "PLACE"): {"K3": (2025, "H5")},
    ("episodes", "REC"): {
        "E45": (2019, "E43"),
        "E46": (2019, "E43"),
        "E47": (2019, "E44"),
        "E48": (2019, "E44"),
    },
    ("oc3", "ACTIV"): {
        "F4": (2022, "F3"),
        "P4": (2022, "P3"),
        "F5": (2022, "F3"),
        "P5": (2022, "P3"),
    },
}
CIN_FORMER: dict[str, dict[str, tuple[int, str]]] = {
    "ReferralSource": {"5D": (2023, "5B")},
    "ReasonForClosure": {"RC9": (2023, "RC8")},
    "AssessmentFactors": {
        "18B": (2021, "18A"),
        "18C": (2021, "18A"),
        "19B": (2021, "19A"),
        "19C": (2021, "19A"),
        "24A": (2022, "13A"),
    },
}


def ssda903(table: str, column: str, current: np.ndarray, year: int) -> np.ndarray:
    """The codes of collection year `year` for an array of current codes (blanks stay)."""
    changes = SSDA903_FORMER.get((table, column), {})
    out = np.asarray(current).copy()
    for code, (first, before) in changes.items():
        if year < first:
            out = np.where(out == code, before, out)
    return out


def cin(element: str, value: str, year: int) -> str:
    """A CIN census code as the XSD of `year` has it."""
    first, before = CIN_FORMER.get(element, {}).get(value, (0, value))
    return value if year >= first else before


def unlisted(year: int) -> list[str]:
    """Every code the generator would write in `year` that the year's lists lack."""
    from analytics.formats import cin_census_schema, ssda903_schema
    from analytics.synthetic import referrals
    from analytics.synthetic.cin_census import FACTORS

    missing = []
    columns = ssda903_schema.column_map(year)
    for (table, column), concepts in CONCEPTS.items():
        listed = {str(c["code"]) for c in columns[table][column]["category"]}
        for value in ssda903(table, column, np.array(list(concepts)), year):
            if value not in listed:
                missing.append(f"{table}.{column} {value}")
    lists = cin_census_schema.code_lists(year)
    used = {
        "ReferralSource": referrals.REFERRAL_SOURCES,
        "ReasonForClosure": ["RC1", "RC3", "RC4", "RC6", "RC7", "RC8", "RC9"],
        "AssessmentFactors": FACTORS,
    }
    for element, values in used.items():
        for value in values:
            if (written := cin(element, value, year)) not in lists[element]:
                missing.append(f"CIN {element} {written}")
    return missing
