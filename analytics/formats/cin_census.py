"""Reading the children in need census XML into the store's seven CIN tables.

Streams the file one `<Child>` at a time with lxml (memory stays flat for a national file)
and reads the collection year, reference date and authority from its `<Header>`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
from lxml import etree

from analytics.formats.cin_census_schema import specs
from analytics.formats.tables import RawTable
from analytics.problems import Problem, fatal

ROOT = "Message"
# The file a <Child> at a time (and its <Header>), however large.
STREAMED: dict[str, Any] = {"tag": ("Header", "Child"), "huge_tree": True}


# Each table's rows, a tuple each: its cells, then the line it came from.
_Rows = defaultdict[str, list[tuple[Any, ...]]]


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
ASSESSMENT_FIELDS = (
    "AssessmentActualStartDate",
    "AssessmentInternalReviewDate",
    "AssessmentAuthorisationDate",
)
CIN_PLAN_FIELDS = ("CINPlanStartDate", "CINPlanEndDate")
SECTION47_FIELDS = ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
PLAN_FIELDS = (
    "CPPstartDate",
    "CPPendDate",
    "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse",
    "NumberOfPreviousCPP",
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


def _line(element: etree._Element) -> int:
    return element.sourceline or 0


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
    rows["children"].append(
        (*map(known.get, CHILD_FIELDS), ethnicity, ",".join(disabilities) or None, _line(child))
    )
    child_id = known.get("LAchildID")
    for cin in episodes:
        _episode(child_id, cin, rows)


def _assessment(child_id, referral, a: etree._Element, rows: _Rows) -> None:
    known, factors = {}, []
    for leaf in a:  # its dates and its factors in one pass (a path search took as long)
        known[tag := leaf.tag] = leaf.text
        if tag == "FactorsIdentifiedAtAssessment":
            factors += [factor.text or "" for factor in leaf.iterchildren("*")]
    rows["assessments"].append(
        (
            child_id,
            referral,
            *map(known.get, ASSESSMENT_FIELDS),
            ",".join(factors) or None,
            _line(a),
        )
    )


def _plan(child_id, referral, plan: etree._Element, rows: _Rows) -> None:
    known, reviews = {}, []
    for leaf in plan:
        known[tag := leaf.tag] = leaf.text
        if tag == "Reviews":
            reviews += leaf.iterchildren("CPPreviewDate")
    start = known.get("CPPstartDate")
    rows["cp_plans"].append((child_id, referral, *map(known.get, PLAN_FIELDS), _line(plan)))
    for review in reviews:
        rows["cp_reviews"].append((child_id, start, review.text, _line(review)))


def _episode(child_id: str | None, cin: etree._Element, rows: _Rows) -> None:
    known = _leaves(cin)
    referral = known.get("CINreferralDate")
    rows["referrals"].append((child_id, *map(known.get, REFERRAL_FIELDS), _line(cin)))
    for element in cin:
        tag = element.tag
        if tag == "Assessments":
            _assessment(child_id, referral, element, rows)
        elif tag == "CINPlanDates":
            dates = _leaves(element).get
            rows["plans"].append((child_id, referral, *map(dates, CIN_PLAN_FIELDS), _line(element)))
        elif tag == "Section47":
            enquiry = _leaves(element).get
            rows["section47"].append(
                (child_id, referral, *map(enquiry, SECTION47_FIELDS), _line(element))
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
    found = []
    for table, spec in specs(header["year"] or 0).items():
        # A table's rows into Arrow at once, a field a column, then each column on its own:
        # XML text is already text (validation trims and blanks), the line last.
        fields = [*(pa.field(c, pa.string()) for c in spec.names), pa.field("", pa.int64())]
        *cells, lines = pa.array(rows.get(table, []), pa.struct(fields)).flatten()
        columns = dict(zip(spec.names, cells, strict=True))
        found.append(RawTable(spec, name, columns, lines, header["year"], meta=dict(header)))
    return found


def read_xml(path: Path, name: str) -> tuple[list[RawTable], list[Problem]]:
    rows: _Rows = defaultdict(list)
    header: dict[str, Any] = {"year": None, "reference_date": None, "la": None}
    try:
        for _, element in etree.iterparse(str(path), **STREAMED):
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
    if not rows.get("children"):
        return [], [
            fatal(
                name,
                "file.empty",
                "The census holds no <Child> records.",
                expected="one <Child> for each child in need",
            )
        ]
    return _tables(rows, name, header), []
