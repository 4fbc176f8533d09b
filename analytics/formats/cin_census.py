"""Reading the children in need census XML into the store's seven CIN tables.

Streams the file one `<Child>` at a time with lxml (memory stays flat for a national file)
and reads the collection year, reference date and authority from its `<Header>`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from lxml import etree

from analytics.formats.cin_census_schema import specs
from analytics.formats.tables import RawTable
from analytics.problems import Problem, fatal

ROOT = "Message"


class _Rows:
    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[str | None, ...]]] = defaultdict(list)
        self.lines: dict[str, list[int]] = defaultdict(list)

    def add(self, table: str, line: int, *values: str | None) -> None:
        self.rows[table].append(values)
        self.lines[table].append(line)


def _leaves(element: etree._Element) -> dict[str, str | None]:
    """An element's child elements by tag, in one pass: far quicker than a findtext each (a
    comment's tag is a function, which no name asked for can match)."""
    return {leaf.tag: leaf.text for leaf in element}


CHILD_FIELDS = (
    "LAchildID",
    "UPN",
    "FormerUPN",
    "UPNunknown",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
    "Sex",
    "PersonDeathDate",
)
REFERRAL_FIELDS = (
    "CINreferralDate",
    "ReferralSource",
    "PrimaryNeedCode",
    "CINclosureDate",
    "ReasonForClosure",
    "DateOfInitialCPC",
    "ReferralNFA",
)


def _child(child: etree._Element, rows: _Rows) -> None:
    """A child's identifiers and characteristics, then each episode, in one pass over its
    elements (finding each part by its path took a fifth of the reading)."""
    ids = about = None
    episodes = []
    for part in child:
        tag = part.tag
        if tag == "CINdetails":
            episodes.append(part)
        elif tag == "ChildIdentifiers" and ids is None:
            ids = part
        elif tag == "ChildCharacteristics" and about is None:
            about = part
    known = _leaves(ids) if ids is not None else {}
    known.setdefault("Sex", known.get("GenderCurrent"))
    ethnicity, disabilities = None, []
    for part in about if about is not None else ():
        if part.tag == "Ethnicity" and ethnicity is None:
            ethnicity = part.text or ""
        elif part.tag == "Disabilities":
            disabilities += [d.text or "" for d in part if d.tag == "Disability"]
    rows.add(
        "children",
        child.sourceline or 0,
        *(known.get(name) for name in CHILD_FIELDS[:-1]),
        known.get("PersonDeathDate"),
        ethnicity,
        ",".join(disabilities) or None,
    )
    child_id = known.get("LAchildID")
    for cin in episodes:
        _episode(child_id, cin, rows)


def _assessment(child_id, referral, a: etree._Element, rows: _Rows) -> None:
    known = _leaves(a)
    factors = ",".join(f.text or "" for f in a.iterfind("FactorsIdentifiedAtAssessment/*"))
    rows.add(
        "assessments",
        a.sourceline or 0,
        child_id,
        referral,
        known.get("AssessmentActualStartDate"),
        known.get("AssessmentInternalReviewDate"),
        known.get("AssessmentAuthorisationDate"),
        factors or None,
    )


def _plan(child_id, referral, plan: etree._Element, rows: _Rows) -> None:
    known = _leaves(plan)
    start = known.get("CPPstartDate")
    rows.add(
        "cp_plans",
        plan.sourceline or 0,
        child_id,
        referral,
        start,
        known.get("CPPendDate"),
        known.get("InitialCategoryOfAbuse"),
        known.get("LatestCategoryOfAbuse"),
        known.get("NumberOfPreviousCPP"),
    )
    for review in plan.iterfind("Reviews/CPPreviewDate"):
        rows.add("cp_reviews", review.sourceline or 0, child_id, start, review.text)


def _episode(child_id: str | None, cin: etree._Element, rows: _Rows) -> None:
    known = _leaves(cin)
    referral = known.get("CINreferralDate")
    rows.add("referrals", cin.sourceline or 0, child_id, *(known.get(f) for f in REFERRAL_FIELDS))
    for element in cin:
        tag = element.tag
        if tag == "Assessments":
            _assessment(child_id, referral, element, rows)
        elif tag == "CINPlanDates":
            dates = _leaves(element)
            rows.add(
                "plans",
                element.sourceline or 0,
                child_id,
                referral,
                dates.get("CINPlanStartDate"),
                dates.get("CINPlanEndDate"),
            )
        elif tag == "Section47":
            enquiry = _leaves(element)
            rows.add(
                "section47",
                element.sourceline or 0,
                child_id,
                referral,
                enquiry.get("S47ActualStartDate"),
                enquiry.get("InitialCPCtarget"),
                enquiry.get("DateOfInitialCPC"),
                enquiry.get("ICPCnotRequired"),
            )
        elif tag == "ChildProtectionPlans":
            _plan(child_id, referral, element, rows)


def _header(element: etree._Element) -> dict[str, Any]:
    year = element.findtext("CollectionDetails/Year")
    return {
        "year": int(year) if year and year.strip().isdigit() else None,
        "reference_date": element.findtext("CollectionDetails/ReferenceDate"),
        "la": (element.findtext("Source/LEA") or "").strip() or None,
    }


def _tables(rows: _Rows, name: str, header: dict[str, Any]) -> list[RawTable]:
    year_specs = specs(header["year"] or 0)
    found = []
    for table, spec in year_specs.items():
        values = rows.rows.get(table, [])
        by_column = list(zip(*values, strict=True)) if values else [()] * len(spec.names)
        # XML text is already text: straight into Arrow (validation trims and blanks).
        columns = {c: pa.array(by_column[i], pa.string()) for i, c in enumerate(spec.names)}
        lines = pa.array(np.array(rows.lines.get(table, []), dtype=np.int64), pa.int64())
        found.append(RawTable(spec, name, columns, lines, header["year"], meta=dict(header)))
    return found


def read_xml(path: Path, name: str) -> tuple[list[RawTable], list[Problem]]:
    rows = _Rows()
    header: dict[str, Any] = {"year": None, "reference_date": None, "la": None}
    try:
        for _, element in etree.iterparse(str(path), tag=("Header", "Child"), huge_tree=True):
            if element.tag == "Header":
                header = _header(element)
                continue
            _child(element, rows)
            element.clear(keep_tail=False)
    except etree.XMLSyntaxError as error:
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The XML is not well formed: {error.msg}.",
                row=error.lineno,
                expected="a complete CIN census XML file",
            )
        ]
    if not rows.rows.get("children"):
        return [], [
            fatal(
                name,
                "file.empty",
                "The census holds no <Child> records.",
                expected="one <Child> for each child in need",
            )
        ]
    return _tables(rows, name, header), []
