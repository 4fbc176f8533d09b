"""Planted breaches of the Department's CIN census rules on what an episode holds
(`children_in_need_episodes`): what may be recorded against it, which pieces of work may run
at once, and that the census holds only its year.
"""

from __future__ import annotations

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
    _open,
    _pick,
    _put,
    _second,
)

YEAR_START, YEAR_END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


def _in_year(text: str | None) -> bool:
    return text is not None and YEAR_START <= dt.date.fromisoformat(text) <= YEAR_END


def _more_plans_than_conferences(files: Files) -> None:
    """Takes conferences off enquiries until plans outnumber the conferences of the year:
    first those that led to no plan, of open episodes, started in the year."""

    def on(element, date: str) -> tuple[str, str, str]:
        episode = _episode(element)
        return (_child(episode).findtext(".//LAchildID"), episode.findtext("CINreferralDate"), date)

    plans = {
        on(p, p.findtext("CPPstartDate"))
        for p in files.cin.iter("ChildProtectionPlans")
        if _in_year(p.findtext("CPPstartDate"))
    }
    held = [e for e in files.cin.iter("Section47") if _in_year(e.findtext("DateOfInitialCPC"))]
    held.sort(
        key=lambda e: (
            on(e, e.findtext("DateOfInitialCPC")) in plans,
            not _open(_episode(e)),
            not _in_year(e.findtext("S47ActualStartDate")),
        )
    )
    while held and len(held) >= len(plans):
        _drop(held.pop(0), "DateOfInitialCPC")


def _conference_twice(files: Files) -> None:
    enquiry = _pick(files, "Section47[DateOfInitialCPC]")
    _put(
        _episode(enquiry),
        "DateOfInitialCPC",
        enquiry.findtext("DateOfInitialCPC"),
        ("Assessments", "CINPlanDates", "Section47", "ReferralNFA"),
    )


def _plan_after_conference(files: Files) -> None:
    plan = _pick(
        files,
        "ChildProtectionPlans[not(CPPendDate) and not(Reviews)]",
        lambda e: _in_year(e.findtext("CPPstartDate")),
    )
    plan.find("CPPstartDate").text = _moved(plan, "CPPstartDate", 1)


def _no_further_action(path: str, without: tuple[str, ...] = ()):
    """ReferralNFA 1 on the first episode holding `path` and none of `without`."""

    def plant(files: Files) -> None:
        episode = _pick(
            files, f"CINdetails[{path}]", lambda e: not any(e.find(w) is not None for w in without)
        )
        episode.find("ReferralNFA").text = "1"

    return plant


def _cin_plan_with_cp_plan(files: Files) -> None:
    plan = _pick(
        files,
        "ChildProtectionPlans[not(CPPendDate)]",
        lambda e: (
            _episode(e).find("CINPlanDates") is None
            and not _child(e).xpath(".//CINPlanDates[not(CINPlanEndDate)]")
        ),
    )
    dates = _put(_episode(plan), "CINPlanDates", None, ("Section47", "ReferralNFA"))
    _put(dates, "CINPlanStartDate", _moved(plan, "CPPstartDate", 1))


def _cin_plan_into_cp_plan(files: Files) -> None:
    """A step-down CIN plan moved to start the day before the child protection plan ended."""

    def fits(plan) -> bool:
        ends = [c.findtext("CPPendDate") for c in _episode(plan).iter("ChildProtectionPlans")]
        starts = [c.findtext("CPPstartDate") for c in _episode(plan).iter("ChildProtectionPlans")]
        return (
            len(ends) == 1
            and bool(ends[0])
            and ends[0] <= plan.findtext("CINPlanStartDate")
            and starts[0] < ends[0]
        )

    plan = _pick(files, "CINPlanDates", fits)
    cp_plan = _episode(plan).find("ChildProtectionPlans")
    plan.find("CINPlanStartDate").text = _moved(cp_plan, "CPPendDate", -1)


def _cp_plan_into_cin_plan(files: Files) -> None:
    """A CIN plan that ended before the episode's child protection plan, run on a day past
    the plan's start."""

    def fits(plan) -> bool:
        starts = [c.findtext("CPPstartDate") for c in _episode(plan).iter("ChildProtectionPlans")]
        end = plan.findtext("CINPlanEndDate")
        return len(starts) == 1 and bool(end) and end < starts[0]

    plan = _pick(files, "CINPlanDates", fits)
    cp_plan = _episode(plan).find("ChildProtectionPlans")
    plan.find("CINPlanEndDate").text = _moved(cp_plan, "CPPstartDate", 1)


def _unauthorised(files: Files, closed: bool, fits=lambda e: True) -> None:
    assessment = _pick(
        files,
        "Assessments[AssessmentAuthorisationDate]",
        lambda e: _open(_episode(e)) != closed and fits(e),
    )
    _drop(assessment, "AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment")


def _open_before_year(files: Files) -> None:
    _unauthorised(files, False, lambda e: not _in_year(e.findtext("AssessmentActualStartDate")))


def _closed_unauthorised(files: Files) -> None:
    _unauthorised(files, True, lambda e: _in_year(e.findtext("AssessmentActualStartDate")))


def _factors_unauthorised(files: Files) -> None:
    assessment = _pick(
        files,
        "Assessments[AssessmentAuthorisationDate and FactorsIdentifiedAtAssessment]",
        lambda e: _open(_episode(e)) and _in_year(e.findtext("AssessmentActualStartDate")),
    )
    _drop(assessment, "AssessmentAuthorisationDate")


def _authorised_after_closure(files: Files) -> None:
    assessment = _pick(
        files,
        "Assessments[AssessmentAuthorisationDate]",
        lambda e: (
            _in_year(e.findtext("../CINclosureDate"))
            and e.findtext("../CINclosureDate") < "2025-03-30"
        ),
    )
    assessment.find("AssessmentAuthorisationDate").text = _moved(
        _episode(assessment), "CINclosureDate", 1
    )


def _enquiry_before_year(files: Files) -> None:
    enquiry = _pick(
        files,
        "Section47[DateOfInitialCPC]",
        lambda e: _open(_episode(e)) and not _in_year(e.findtext("S47ActualStartDate")),
    )
    _drop(enquiry, "DateOfInitialCPC")


def _closed_enquiry_open(files: Files) -> None:
    enquiry = _pick(
        files,
        "Section47[ICPCnotRequired='1']",
        lambda e: not _open(_episode(e)) and _in_year(e.findtext("S47ActualStartDate")),
    )
    enquiry.find("ICPCnotRequired").text = "0"


def _two_open_enquiries(element, copied) -> None:
    if copied is None:
        element.find("ICPCnotRequired").text = "0"
    else:
        copied.find("S47ActualStartDate").text = _moved(element, "S47ActualStartDate", 1)


def _review_during_cin_plan(files: Files) -> None:
    """A step-down CIN plan moved to start on a review of the closed child protection plan
    (the validator asks for the CIN plan to have ended too)."""

    def fits(review) -> bool:
        plans = _episode(review).findall("CINPlanDates[CINPlanEndDate]")
        return bool(plans) and plans[0].findtext("CINPlanStartDate") > review.text

    review = _pick(files, "ChildProtectionPlans[CPPendDate]/Reviews/CPPreviewDate", fits)
    plan = _episode(review).find("CINPlanDates[CINPlanEndDate]")
    plan.find("CINPlanStartDate").text = review.text


# conferences and plans, no further action, plans at once
WORK: list[Mutation] = [
    Mutation("2883", "cin", "more plans than conferences", _more_plans_than_conferences),
    Mutation("2884", "cin", "a conference on its episode and its enquiry", _conference_twice),
    Mutation("2885", "cin", "a plan starting the day after its conference", _plan_after_conference),
    Mutation(
        "2990",
        "cin",
        "RC8 on an episode with a CIN plan",
        _at("CINdetails[CINPlanDates and ReasonForClosure]", "ReasonForClosure", "RC8"),
    ),
    Mutation(
        "4000",
        "cin",
        "a CIN plan on a referral with no further action",
        _no_further_action("CINPlanDates", ("Assessments", "Section47", "ChildProtectionPlans")),
    ),
    Mutation(
        "8831",
        "cin",
        "an assessment on a referral with no further action",
        _no_further_action("Assessments", ("CINPlanDates", "Section47", "ChildProtectionPlans")),
    ),
    Mutation(
        "8832",
        "cin",
        "a child protection plan on a referral with no further action",
        _no_further_action("ChildProtectionPlans"),
    ),
    Mutation("4001", "cin", "a CIN plan open with a child protection plan", _cin_plan_with_cp_plan),
    Mutation(
        "4016", "cin", "a CIN plan starting during a child protection plan", _cin_plan_into_cp_plan
    ),
    Mutation(
        "4017", "cin", "a child protection plan starting during a CIN plan", _cp_plan_into_cin_plan
    ),
]

# the census year, closed episodes, two pieces of work at once
CENSUS_YEAR: list[Mutation] = [
    Mutation(
        "4010",
        "cin",
        "a CIN plan starting after the census",
        _at(
            "CINPlanDates[not(CINPlanEndDate)]",
            "CINPlanStartDate",
            "2025-04-02",
            lambda e: _open(_episode(e)) and _episode(e).find("ChildProtectionPlans") is None,
        ),
    ),
    Mutation(
        "4013",
        "cin",
        "a CIN plan ending before the census year",
        _at(
            "CINPlanDates[CINPlanEndDate]",
            "CINPlanEndDate",
            "2024-03-31",
            lambda e: e.findtext("CINPlanStartDate") < "2024-03-31",
        ),
    ),
    Mutation(
        "8720",
        "cin",
        "a child protection plan starting after the census",
        _at(
            "ChildProtectionPlans[not(CPPendDate) and not(Reviews)]",
            "CPPstartDate",
            "2025-04-02",
            lambda e: _open(_episode(e)) and not _child(e).findall(".//CINPlanDates"),
        ),
    ),
    Mutation(
        "8930",
        "cin",
        "a child protection plan ending before the census year",
        _at(
            "ChildProtectionPlans[CPPendDate and not(Reviews)]",
            "CPPendDate",
            "2024-03-31",
            lambda e: e.findtext("CPPstartDate") < "2024-03-31",
        ),
    ),
    Mutation(
        "8696",
        "cin",
        "an assessment authorised after the census",
        _at(
            "Assessments[AssessmentAuthorisationDate]",
            "AssessmentAuthorisationDate",
            "2025-04-02",
            lambda e: _open(_episode(e)),
        ),
    ),
    Mutation("8736", "cin", "an open assessment started before the census year", _open_before_year),
    Mutation(
        "8715",
        "cin",
        "a conference after the census",
        _at(
            "Section47[DateOfInitialCPC]",
            "DateOfInitialCPC",
            "2025-04-01",
            _conference_without_plan,
        ),
    ),
    Mutation(
        "8740", "cin", "an enquiry of the year before with no conference", _enquiry_before_year
    ),
    Mutation(
        "8565",
        "cin",
        "an assessment authorised after the episode closed",
        _authorised_after_closure,
    ),
    Mutation(
        "8867", "cin", "a closed episode with an assessment not authorised", _closed_unauthorised
    ),
    Mutation("8868", "cin", "a closed episode with an enquiry not concluded", _closed_enquiry_open),
    Mutation(
        "8839",
        "cin",
        "two enquiries open in one episode",
        _second(
            "Section47[ICPCnotRequired='1']",
            lambda e: _open(_episode(e)) and _in_year(e.findtext("S47ActualStartDate")),
            _two_open_enquiries,
        ),
    ),
    Mutation(
        "8890",
        "cin",
        "an enquiry starting before the last one's conference",
        _second(
            "Section47[DateOfInitialCPC]",
            lambda e: e.findtext("DateOfInitialCPC") > _moved(e, "S47ActualStartDate", 1),
            _next_day("S47ActualStartDate"),
        ),
    ),
    Mutation(
        "8896",
        "cin",
        "two assessments open in one episode",
        _second(
            "Assessments[not(AssessmentAuthorisationDate)]",
            lambda e: True,
            _next_day("AssessmentActualStartDate"),
        ),
    ),
    Mutation("8614", "cin", "factors at an assessment not authorised", _factors_unauthorised),
]

# a review during a CIN plan
REVIEWS: list[Mutation] = [
    Mutation("4003", "cin", "a review during a CIN plan", _review_during_cin_plan),
]
