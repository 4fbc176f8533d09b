"""The CIN census tables kept in the store, with the codes of each collection year's XSD.

The census is one XML tree per child; the store flattens it into seven tables keyed by the
child (and the referral a record belongs to). Code lists are read from the Department's
XSD for the year (`specs/cin_census/CIN_schema_YYYY.xsd`), so a new year is a new file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from analytics.formats.tables import (
    CODE,
    DATE,
    FLAG,
    INTEGER,
    ISO,
    TEXT,
    Column,
    TableSpec,
)

SPEC_DIR = Path(__file__).parent / "specs" / "cin_census"
DATASET = "cin"
XS = "{http://www.w3.org/2001/XMLSchema}"
CHILD = Column("la_child_id", TEXT, True, header="LAchildID")


def years() -> list[int]:
    found = [re.search(r"(\d{4})", p.name) for p in SPEC_DIR.glob("CIN_schema_*.xsd")]
    return sorted(int(m.group(1)) for m in found if m)


def schema_year(year: int) -> int:
    """The XSD year to use: the year itself, else the nearest year the store has."""
    known = years()
    earlier = [y for y in known if y <= year]
    return earlier[-1] if earlier else known[0]


@lru_cache(maxsize=16)
def code_lists(year: int) -> dict[str, frozenset[str]]:
    """Element name -> the codes its XSD type enumerates, for collection year `year`."""
    tree = etree.parse(str(SPEC_DIR / f"CIN_schema_{schema_year(year)}.xsd"))
    enumerations = {
        simple.get("name"): frozenset(e.get("value") for e in simple.iter(f"{XS}enumeration"))
        for simple in tree.iter(f"{XS}simpleType")
        if simple.get("name")
    }
    codes = {}
    for element in tree.iter(f"{XS}element"):
        kind = element.get("type")
        if kind in enumerations and enumerations[kind]:
            codes[element.get("name")] = enumerations[kind]
    return codes


def _code(name: str, element: str, codes: dict[str, frozenset[str]], required=False) -> Column:
    return Column(name, CODE, required, codes=codes.get(element), header=element)


def _date(name: str, element: str, required: bool = False) -> Column:
    return Column(name, DATE, required, date_format=ISO, header=element)


@lru_cache(maxsize=16)
def specs(year: int) -> dict[str, TableSpec]:
    codes = code_lists(year)
    sex = "Sex" if "Sex" in codes else "GenderCurrent"
    referral = _date("referral_date", "CINreferralDate", True)
    tables = {
        "children": (
            CHILD,
            Column("upn", TEXT, header="UPN"),
            Column("former_upn", TEXT, header="FormerUPN"),
            _code("upn_unknown", "UPNunknown", codes),
            _date("birth_date", "PersonBirthDate"),
            _date("expected_birth_date", "ExpectedPersonBirthDate"),
            _code("sex", sex, codes, True),
            _date("death_date", "PersonDeathDate"),
            _code("ethnicity", "Ethnicity", codes, True),
            Column("disabilities", TEXT, header="Disability"),
        ),
        "referrals": (
            CHILD,
            referral,
            _code("referral_source", "ReferralSource", codes, True),
            _code("primary_need", "PrimaryNeedCode", codes),
            _date("closure_date", "CINclosureDate"),
            _code("closure_reason", "ReasonForClosure", codes),
            _date("initial_cpc_date", "DateOfInitialCPC"),
            Column("referral_nfa", FLAG, True, header="ReferralNFA"),
        ),
        "assessments": (
            CHILD,
            referral,
            _date("start_date", "AssessmentActualStartDate", True),
            _date("internal_review_date", "AssessmentInternalReviewDate"),
            _date("authorisation_date", "AssessmentAuthorisationDate"),
            Column("factors", TEXT, header="AssessmentFactors"),
        ),
        "plans": (
            CHILD,
            referral,
            _date("start_date", "CINPlanStartDate", True),
            _date("end_date", "CINPlanEndDate"),
        ),
        "section47": (
            CHILD,
            referral,
            _date("start_date", "S47ActualStartDate", True),
            _date("icpc_target_date", "InitialCPCtarget"),
            _date("icpc_date", "DateOfInitialCPC"),
            Column("icpc_not_required", FLAG, True, header="ICPCnotRequired"),
        ),
        "cp_plans": (
            CHILD,
            referral,
            _date("start_date", "CPPstartDate", True),
            _date("end_date", "CPPendDate"),
            _code("initial_category", "InitialCategoryOfAbuse", codes, True),
            _code("latest_category", "LatestCategoryOfAbuse", codes, True),
            Column("previous_plans", INTEGER, True, minimum=0, header="NumberOfPreviousCPP"),
        ),
        "cp_reviews": (
            CHILD,
            _date("plan_start_date", "CPPstartDate", True),
            _date("review_date", "CPPreviewDate", True),
        ),
    }
    keys = {
        "children": ("la_child_id",),
        "referrals": ("la_child_id", "referral_date"),
        "cp_plans": ("la_child_id", "start_date"),
        "cp_reviews": ("la_child_id", "plan_start_date", "review_date"),
    }
    return {
        table: TableSpec(
            f"{DATASET}_{table}",
            DATASET,
            f"CIN census {table.replace('_', ' ')}",
            cols,
            keys.get(table, ()),
        )
        for table, cols in tables.items()
    }
