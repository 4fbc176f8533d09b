"""Planted breaches of the Department's CIN census rules (csc-validator-be-cin), one per rule.

Each is a small change to this year's census (an lxml tree); see `parity`.
"""

from __future__ import annotations

import copy
import datetime as dt

from analytics.validation.parity import Files, Mutation


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


CIN: list[Mutation] = [
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
]
