"""Planted breaches of the Department's CIN census rules on the child (`children_in_need`, and
the child's codes in `values`): identifiers, birth and death, and the order of its episodes
and plans.
"""

from __future__ import annotations

import copy
import datetime as dt

from analytics.validation.parity import Files, Mutation
from analytics.validation.parity_cin_census import (
    _at,
    _child,
    _conference_without_plan,
    _drop,
    _episode,
    _moved,
    _next_day,
    _pick,
    _put,
    _second,
)


def _cin(path: str, value: str | None, where: str = ""):
    """A plant that sets (or, with None, removes) the first element at `path` in the census."""

    def plant(files: Files) -> None:
        found = files.cin.xpath(f"//{path}{where}")
        if not found:
            raise LookupError(f"no {path} in the census")
        if value is None:
            found[0].getparent().remove(found[0])
        else:
            found[0].text = value

    return plant


def _cin_dates(path: str, start: str, end: str, days: int):
    """Sets `end` to `days` after `start` within the first `path` holding both."""

    def plant(files: Files) -> None:
        element = files.cin.xpath(f"//{path}[{start} and {end}]")[0]
        began = dt.date.fromisoformat(element.findtext(start))
        element.find(end).text = (began + dt.timedelta(days=days)).isoformat()

    return plant


def _cin_before_referral(path: str, column: str):
    def plant(files: Files) -> None:
        element = files.cin.xpath(f"//CINdetails[.//{path}/{column}]")[0]
        referral = dt.date.fromisoformat(element.findtext("CINreferralDate"))
        element.find(f".//{path}/{column}").text = (referral - dt.timedelta(days=5)).isoformat()

    return plant


def _cin_overlap(files: Files) -> None:
    child = files.cin.xpath("//Child[count(CINdetails) > 1 and CINdetails/CINclosureDate]")[0]
    earlier, later = sorted(
        child.findall("CINdetails"), key=lambda e: e.findtext("CINreferralDate")
    )[:2]
    closed_on = earlier.findtext("CINclosureDate")
    if closed_on:
        start = dt.date.fromisoformat(earlier.findtext("CINreferralDate"))
        later.find("CINreferralDate").text = (start + dt.timedelta(days=1)).isoformat()


def _cin_duplicate(files: Files) -> None:
    child = files.cin.xpath("//Child")[0]
    child.addnext(copy.deepcopy(child))


def _cin_repeat(path: str):
    def plant(files: Files) -> None:
        element = files.cin.xpath(f"//{path}")[0]
        element.addnext(copy.deepcopy(element))

    return plant


def _cin_review_same_day(files: Files) -> None:
    plan = files.cin.xpath("//ChildProtectionPlans[Reviews/CPPreviewDate]")[0]
    plan.find("Reviews/CPPreviewDate").text = plan.findtext("CPPstartDate")


def _check_letter(files: Files) -> None:
    upn = _pick(files, "UPN")
    upn.text = ("B" if upn.text.startswith("A") else "A") + upn.text[1:]


def _upn_authority(files: Files) -> None:
    # 032 in place of 880 keeps the check letter: 2*0 + 3*3 + 4*2 = 2*8 + 3*8 + 4*0 (mod 23).
    upn = _pick(files, "UPN", lambda e: e.text[1:4] == "880")
    upn.text = upn.text[0] + "032" + upn.text[4:]


def _upn_twice(files: Files) -> None:
    first, second = files.cin.xpath("//UPN")[:2]
    second.text = first.text


def _died(path: str, date: str, days: int, fits=lambda e: True):
    """A date of death `days` from `date` of the first `path` that fits."""

    def plant(files: Files) -> None:
        element = _pick(files, path, fits)
        identifiers = _child(element).find("ChildIdentifiers")
        _put(identifiers, "PersonDeathDate", _moved(element, date, days))

    return plant


def _only_plan(plan) -> bool:
    child = _child(plan)
    return len(child.findall(".//ChildProtectionPlans")) == 1 and not child.findall(
        ".//CINPlanDates"
    )


def _unborn(files: Files) -> None:
    child = _pick(
        files, "Child", lambda c: c.findtext(".//Sex") == "M" and len(c.findall("CINdetails")) == 1
    )
    born = child.find("ChildIdentifiers/PersonBirthDate")
    born.tag = "ExpectedPersonBirthDate"
    born.text = _moved(child, "CINdetails/CINreferralDate", 30)


def _born_long_after_referral(files: Files) -> None:
    child = _pick(
        files,
        "Child",
        lambda c: (
            c.findtext("CINdetails/CINreferralDate") < "2023-06-01"
            and len(c.findall("CINdetails")) == 1
        ),
    )
    child.find("ChildIdentifiers/PersonBirthDate").text = _moved(
        child, "CINdetails/CINreferralDate", 300
    )


def _without_episode(files: Files) -> None:
    child = _pick(files, "Child")
    _drop(child, "CINdetails")


def _without_disability(files: Files) -> None:
    child = _pick(files, "Child[CINdetails/ReferralNFA='0' and ChildIdentifiers/PersonBirthDate]")
    _drop(child.find("ChildCharacteristics"), "Disabilities")


def _earlier_left_open(files: Files) -> None:
    child = _pick(
        files,
        "Child[count(CINdetails) > 1]",
        lambda c: all(e.findtext("ReferralNFA") == "0" for e in c.findall("CINdetails")),
    )
    earlier = min(child.findall("CINdetails"), key=lambda e: e.findtext("CINreferralDate"))
    _drop(earlier, "CINclosureDate", "ReasonForClosure")


def _both_left_open(files: Files) -> None:
    child = _pick(
        files,
        "Child[count(CINdetails) = 2]",
        lambda c: (
            all(e.findtext("ReferralNFA") == "0" for e in c.findall("CINdetails"))
            and max(c.findall("CINdetails"), key=lambda e: e.findtext("CINreferralDate")).find(
                "CINclosureDate"
            )
            is None
        ),
    )
    earlier = min(child.findall("CINdetails"), key=lambda e: e.findtext("CINreferralDate"))
    _drop(earlier, "CINclosureDate", "ReasonForClosure")


def _conference_before_referral(files: Files) -> None:
    enquiry = _pick(files, "Section47[DateOfInitialCPC]", _conference_without_plan)
    enquiry.find("DateOfInitialCPC").text = _moved(_episode(enquiry), "CINreferralDate", -1)


def _add(path: str, tag: str, value: str):
    """A `tag` of `value` added to the first `path`."""

    def plant(files: Files) -> None:
        _put(_pick(files, path), "new", value).tag = tag

    return plant


# the header and the child: codes, identifiers, birth, and the order of episodes and plans
CHILD: list[Mutation] = [
    Mutation("100", "cin", "ReferenceDate 30 November", _cin("ReferenceDate", "2024-11-30")),
    Mutation("4180", "cin", "Sex X", _cin("Sex", "X")),
    Mutation("4220", "cin", "Ethnicity ZZZZ", _cin("Ethnicity", "ZZZZ")),
    Mutation("8520", "cin", "born after the census", _cin("PersonBirthDate", "2025-06-01")),
    Mutation("8510", "cin", "a child twice", _cin_duplicate),
    Mutation("1570", "cin", "LAchildID of 25 characters", _cin("LAchildID", "A" * 25)),
    Mutation("1540", "cin", "UPN with letters in characters 5-12", _cin("UPN", "A880ABCDEFGH1")),
    Mutation("8794", "cin", "a disability code twice", _cin_repeat("Disabilities/Disability")),
    Mutation("8866", "cin", "ReferralSource 9Z", _cin("ReferralSource", "9Z")),
    Mutation("8650", "cin", "PrimaryNeedCode N99", _cin("PrimaryNeedCode", "N99")),
    Mutation(
        "8610",
        "cin",
        "no PrimaryNeedCode for a referral going on",
        _cin("PrimaryNeedCode", None, "[../ReferralNFA='0' or ../ReferralNFA='false']"),
    ),
    Mutation("8640", "cin", "ReasonForClosure RC99", _cin("ReasonForClosure", "RC99")),
    Mutation("8805", "cin", "a closure date without its reason", _cin("ReasonForClosure", None)),
    Mutation("8810", "cin", "a reason for closure without its date", _cin("CINclosureDate", None)),
    Mutation(
        "8630",
        "cin",
        "closed before the referral",
        _cin_dates("CINdetails", "CINreferralDate", "CINclosureDate", -5),
    ),
    Mutation("8820", "cin", "two CIN episodes overlapping", _cin_overlap),
    Mutation(
        "8608",
        "cin",
        "an assessment authorised before it started",
        _cin_dates("Assessments", "AssessmentActualStartDate", "AssessmentAuthorisationDate", -3),
    ),
    Mutation(
        "1103",
        "cin",
        "an assessment before the referral",
        _cin_before_referral("Assessments", "AssessmentActualStartDate"),
    ),
    Mutation(
        "8898",
        "cin",
        "an assessment factor twice",
        _cin_repeat("FactorsIdentifiedAtAssessment/AssessmentFactors"),
    ),
    Mutation(
        "4015",
        "cin",
        "a CIN plan before the referral",
        _cin_before_referral("CINPlanDates", "CINPlanStartDate"),
    ),
    Mutation(
        "4011",
        "cin",
        "a CIN plan ending before it starts",
        _cin_dates("CINPlanDates", "CINPlanStartDate", "CINPlanEndDate", -3),
    ),
    Mutation(
        "2889",
        "cin",
        "a section 47 enquiry before the referral",
        _cin_before_referral("Section47", "S47ActualStartDate"),
    ),
    Mutation(
        "8615",
        "cin",
        "a conference before the section 47 enquiry",
        _cin_dates("Section47", "S47ActualStartDate", "DateOfInitialCPC", -3),
    ),
    Mutation("8875", "cin", "a conference on a Saturday", _cin("DateOfInitialCPC", "2024-11-02")),
    Mutation(
        "1105",
        "cin",
        "a child protection plan before the referral",
        _cin_before_referral("ChildProtectionPlans", "CPPstartDate"),
    ),
    Mutation(
        "8925",
        "cin",
        "a plan ending before it starts",
        _cin_dates("ChildProtectionPlans", "CPPstartDate", "CPPendDate", -3),
    ),
    Mutation(
        "8840",
        "cin",
        "a plan ending the day it starts",
        _cin_dates("ChildProtectionPlans", "CPPstartDate", "CPPendDate", 0),
    ),
    Mutation("8905", "cin", "InitialCategoryOfAbuse ZZZ", _cin("InitialCategoryOfAbuse", "ZZZ")),
    Mutation("8910", "cin", "LatestCategoryOfAbuse ZZZ", _cin("LatestCategoryOfAbuse", "ZZZ")),
    Mutation("8730", "cin", "no NumberOfPreviousCPP", _cin("NumberOfPreviousCPP", None)),
    Mutation("8841", "cin", "a review on the day the plan started", _cin_review_same_day),
    Mutation("1510", "cin", "a UPN with the wrong check letter", _check_letter),
    Mutation("1530", "cin", "a UPN of authority 032", _upn_authority),
    Mutation("1520", "cin", "two children with one UPN", _upn_twice),
]

# plans after the child's death
DEATH: list[Mutation] = [
    Mutation(
        "4008",
        "cin",
        "a CIN plan starting after the death",
        _died(
            "CINPlanDates",
            "CINPlanStartDate",
            -1,
            lambda e: not _child(e).findall(".//ChildProtectionPlans"),
        ),
    ),
    Mutation(
        "8915",
        "cin",
        "a child protection plan starting after the death",
        _died("ChildProtectionPlans[not(CPPendDate)]", "CPPstartDate", -1, _only_plan),
    ),
    Mutation(
        "8920",
        "cin",
        "a child protection plan ending after the death",
        _died(
            "ChildProtectionPlans[CPPendDate]",
            "CPPendDate",
            -1,
            lambda e: _only_plan(e) and e.findtext("CPPendDate") > _moved(e, "CPPstartDate", 1),
        ),
    ),
]

# identifiers, birth, episodes left open, plans overlapping
MORE: list[Mutation] = [
    Mutation(
        "8772",
        "cin",
        "UN7 for a child referred on",
        _at(
            "ChildIdentifiers[UPNunknown]",
            "UPNunknown",
            "UN7",
            lambda e: _child(e).find("CINdetails[ReferralNFA='0']") is not None,
        ),
    ),
    Mutation("8750", "cin", "an unborn boy", _unborn),
    Mutation("8606", "cin", "a referral 300 days before birth", _born_long_after_referral),
    Mutation("8590", "cin", "a child without an episode", _without_episode),
    Mutation("8540", "cin", "no disability for a child referred on", _without_disability),
    Mutation("8500", "cin", "no LAchildID", _cin("LAchildID", "")),
    Mutation("8568", "cin", "ReferralNFA X", _cin("ReferralNFA", "X")),
    Mutation("8816", "cin", "an earlier episode left open", _earlier_left_open),
    Mutation("8815", "cin", "two episodes open", _both_left_open),
    Mutation("1104", "cin", "a conference before the referral", _conference_before_referral),
    Mutation("1550", "cin", "a UPN ending in I", _cin("UPN", "R88020001000I")),
    Mutation("1580", "cin", "LAchildID A-1", _cin("LAchildID", "A-1")),
    Mutation(
        "8600",
        "cin",
        "a referral after the census",
        _at("CINdetails[ReferralNFA='1']", "CINreferralDate", "2025-04-02"),
    ),
    Mutation(
        "8620",
        "cin",
        "a closure after the census",
        _at("CINdetails[CINclosureDate]", "CINclosureDate", "2025-04-02"),
    ),
    Mutation(
        "8790", "cin", "NONE and MOB", _add("Disabilities[Disability='NONE']", "Disability", "MOB")
    ),
    Mutation(
        "8869",
        "cin",
        "factor 21 with another",
        _add("FactorsIdentifiedAtAssessment", "AssessmentFactors", "21"),
    ),
    Mutation(
        "4004",
        "cin",
        "two open CIN plans",
        _second("CINPlanDates[not(CINPlanEndDate)]", lambda e: True, _next_day("CINPlanStartDate")),
    ),
    Mutation(
        "4014",
        "cin",
        "two CIN plans overlapping",
        _second(
            "CINPlanDates[CINPlanEndDate]",
            lambda e: e.findtext("CINPlanEndDate") > _moved(e, "CINPlanStartDate", 1),
            _next_day("CINPlanStartDate"),
        ),
    ),
    Mutation(
        "8935",
        "cin",
        "two open child protection plans",
        _second("ChildProtectionPlans[not(CPPendDate)]", lambda e: True, _next_day("CPPstartDate")),
    ),
    Mutation(
        "8940",
        "cin",
        "two child protection plans overlapping",
        _second(
            "ChildProtectionPlans[CPPendDate]",
            lambda e: e.findtext("CPPendDate") > _moved(e, "CPPstartDate", 1),
            _next_day("CPPstartDate"),
        ),
    ),
]
