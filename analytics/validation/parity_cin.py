"""Planted breaches of the Department's CIN census rules (csc-validator-be-cin), one per rule.

Each is a small change to this year's census (an lxml tree); see `parity`.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

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


# --- the census's rules on the child, episodes and what they hold ------------------------

YEAR_START, YEAR_END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


def _day(element, path: str) -> dt.date:
    return dt.date.fromisoformat(element.findtext(path))


def _moved(element, path: str, days: int) -> str:
    return (_day(element, path) + dt.timedelta(days=days)).isoformat()


def _pick(files: Files, path: str, fits=lambda e: True):
    """The first element at `path` that fits; a mutation with nothing to change says so."""
    for element in files.cin.xpath(f"//{path}"):
        if fits(element):
            return element
    raise LookupError(f"no {path} fits this mutation in the census")


def _put(parent, tag: str, value: str | None, before: tuple[str, ...] = ()):
    """Sets `tag` under `parent`, adding it (before the first of `before`) if missing."""
    element = parent.find(tag)
    if element is None:
        element = etree.Element(tag)
        later = [c for c in parent if c.tag in before]
        later[0].addprevious(element) if later else parent.append(element)
    element.text = value
    return element


def _drop(element, *tags: str) -> None:
    for tag in tags:
        for found in element.findall(tag):
            element.remove(found)


def _open(episode) -> bool:
    return episode.find("CINclosureDate") is None


def _in_year(text: str | None) -> bool:
    return text is not None and YEAR_START <= dt.date.fromisoformat(text) <= YEAR_END


def _episode(element):
    return next(a for a in element.iterancestors() if a.tag == "CINdetails")


def _child(element):
    return next(a for a in element.iterancestors() if a.tag == "Child")


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


def _at(path: str, column: str, value: str, fits=lambda e: True):
    def plant(files: Files) -> None:
        _pick(files, path, fits).find(column).text = value

    return plant


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


def _conference_without_plan(enquiry) -> bool:
    plans = {p.findtext("CPPstartDate") for p in _episode(enquiry).iter("ChildProtectionPlans")}
    return _open(_episode(enquiry)) and enquiry.findtext("DateOfInitialCPC") not in plans


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


def _second(path: str, fits, changes):
    """A copy of the first `path` that fits, next to it, with `changes` made to both."""

    def plant(files: Files) -> None:
        element = _pick(files, path, fits)
        changes(element, None)
        copied = copy.deepcopy(element)
        element.addnext(copied)
        changes(element, copied)

    return plant


def _two_open_enquiries(element, copied) -> None:
    if copied is None:
        element.find("ICPCnotRequired").text = "0"
    else:
        copied.find("S47ActualStartDate").text = _moved(element, "S47ActualStartDate", 1)


def _next_day(start: str):
    """For `_second`: the copy starts the day after the first."""

    def change(element, copied) -> None:
        if copied is not None:
            copied.find(start).text = _moved(element, start, 1)

    return change


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


def _review_during_cin_plan(files: Files) -> None:
    """A step-down CIN plan moved to start on a review of the closed child protection plan
    (the validator asks for the CIN plan to have ended too)."""

    def fits(review) -> bool:
        plans = _episode(review).findall("CINPlanDates[CINPlanEndDate]")
        return bool(plans) and plans[0].findtext("CINPlanStartDate") > review.text

    review = _pick(files, "ChildProtectionPlans[CPPendDate]/Reviews/CPPreviewDate", fits)
    plan = _episode(review).find("CINPlanDates[CINPlanEndDate]")
    plan.find("CINPlanStartDate").text = review.text


CIN += [
    Mutation("1510", "cin", "a UPN with the wrong check letter", _check_letter),
    Mutation("1530", "cin", "a UPN of authority 032", _upn_authority),
    Mutation("1520", "cin", "two children with one UPN", _upn_twice),
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
    Mutation("4003", "cin", "a review during a CIN plan", _review_during_cin_plan),
]
