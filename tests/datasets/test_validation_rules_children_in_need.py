"""The Department's CIN census rules Assure checks, on tiny hand-made rows: the edges a planted
breach in a generated census does not reach (tests/datasets/test_rule_parity.py plants those)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from analytics.formats.cin_census_schema import specs
from analytics.formats.tables import RawTable
from analytics.problems import Report
from analytics.validation import consistency, values
from tests.datasets.builders import table

YEAR = 2025


def rules_found(year: int = YEAR, **rows: list[dict[str, Any]]) -> list[str]:
    report = Report()
    tables = {f"cin_{name}": table(f"cin_{name}", found, year=year) for name, found in rows.items()}
    consistency.check(tables, report)
    return sorted(p.rule for p in report.problems)


def referral(start: str = "2024-05-01", closed: str | None = None, **fields: Any):
    return {
        "la_child_id": "A",
        "referral_date": start,
        "closure_date": closed,
        "closure_reason": "RC1" if closed else None,
        "primary_need": "N1",
        "referral_nfa": False,
        **fields,
    }


def plan(start: str, end: str | None = None) -> dict[str, Any]:
    """A CIN or child protection plan, an assessment or an enquiry of the episode."""
    return {"la_child_id": "A", "referral_date": "2024-05-01", "start_date": start, "end_date": end}


def test_a_cin_plan_may_start_the_day_a_child_protection_plan_ends():
    """Rules 4016 and 4017: plans are open from their start up to (not on) their end day."""
    cp_plan = plan("2024-06-03", "2024-09-02")
    conference = plan("2024-05-20") | {"icpc_date": "2024-06-03", "icpc_not_required": False}
    for cin_plan, found in (
        (plan("2024-09-02"), []),
        (plan("2024-09-01"), ["cin.plan_during_cp_plan"]),
        (plan("2024-05-02", "2024-06-03"), []),
        (plan("2024-05-02"), ["cin.plan_during_cp_plan"]),
    ):
        found_now = rules_found(plans=[cin_plan], cp_plans=[cp_plan], section47=[conference])
        assert found_now == found


def test_a_plan_may_start_before_the_census_year_but_not_end_before_it():
    """Rules 4010 and 4013: a plan open on 1 April started earlier; one that ended earlier
    is not in this census."""
    assert rules_found(plans=[plan("2024-02-01", "2024-04-01")]) == []
    assert rules_found(plans=[plan("2024-02-01", "2024-03-31")]) == ["cin.outside_census_year"]
    assert rules_found(plans=[plan("2025-04-01")]) == ["cin.outside_census_year"]


def test_only_open_assessments_and_enquiries_must_start_in_the_year():
    """Rules 8736 and 8740: work finished in the year may have started before it."""

    def assessment(authorised: str | None) -> dict[str, Any]:
        return plan("2024-03-20") | {"authorisation_date": authorised}

    def enquiry(conference: str | None, not_required: bool) -> dict[str, Any]:
        return plan("2024-03-20") | {"icpc_date": conference, "icpc_not_required": not_required}

    assert rules_found(assessments=[assessment("2024-04-10")]) == []
    assert rules_found(assessments=[assessment(None)]) == ["cin.outside_census_year"]
    assert rules_found(section47=[enquiry("2024-04-10", False)]) == []
    assert rules_found(section47=[enquiry(None, True)]) == []
    assert rules_found(section47=[enquiry(None, False)]) == ["cin.outside_census_year"]


def test_work_may_end_on_the_day_the_episode_closes():
    """Rule 8565: nothing after the closure date, the day itself allowed."""
    closed = referral(closed="2024-09-02")
    assert rules_found(referrals=[closed], plans=[plan("2024-05-02", "2024-09-02")]) == []
    assert rules_found(referrals=[closed], plans=[plan("2024-05-02", "2024-09-03")]) == [
        "cin.activity_after_closure"
    ]


def test_an_enquiry_may_follow_the_last_ones_conference_or_one_not_needing_it():
    """Rules 8890 and 8839: an enquiry goes on until its conference, or for good when it has
    none and one was not ruled out."""

    def enquiry(start: str, conference: str | None, not_required: bool = False):
        return plan(start) | {"icpc_date": conference, "icpc_not_required": not_required}

    first = enquiry("2024-06-03", "2024-06-20")
    assert rules_found(section47=[first, enquiry("2024-06-21", None, True)]) == []
    assert rules_found(section47=[first, enquiry("2024-06-20", None, True)]) == [
        "cin.section47_overlap"
    ]
    assert (
        rules_found(
            section47=[enquiry("2024-06-03", None, True), enquiry("2024-07-01", None, True)]
        )
        == []
    )
    assert rules_found(
        section47=[enquiry("2024-06-03", None), enquiry("2024-07-01", None, True)]
    ) == ["cin.section47_overlap"]


def test_a_plan_may_start_on_a_conference_recorded_on_the_episode():
    """Rule 2885: the conference is on the section 47 enquiry or, without one, the episode."""
    cp_plan = plan("2024-06-20")
    at_episode = referral(initial_cpc_date="2024-06-20")
    assert rules_found(referrals=[at_episode], cp_plans=[cp_plan]) == []
    assert rules_found(referrals=[referral()], cp_plans=[cp_plan]) == [
        "cin.cp_plan_without_conference",
        "cin.more_plans_than_conferences",
    ]


def child(**fields: Any) -> dict[str, Any]:
    return {"la_child_id": "A", "birth_date": "2015-01-01", "disabilities": "NONE", **fields}


def test_a_referral_may_come_up_to_40_weeks_before_birth():
    """Rule 8606: 280 days before the birth (or expected birth), not 281."""
    for born, found in (("2025-02-05", []), ("2025-02-06", ["cin.referral_before_conception"])):
        assert rules_found(children=[child(birth_date=born)], referrals=[referral()]) == found
    unborn = child(birth_date=None, expected_birth_date="2025-02-06", sex="U")
    assert rules_found(children=[unborn], referrals=[referral()]) == [
        "cin.referral_before_conception"
    ]


def test_un7_is_for_a_child_whose_referrals_all_led_to_no_further_action():
    """Rule 8772."""
    nfa = referral(closed="2024-05-01", referral_nfa=True)
    assert rules_found(children=[child(upn_unknown="UN7")], referrals=[nfa]) == []
    assert rules_found(
        children=[child(upn_unknown="UN7")], referrals=[nfa, referral("2024-09-01")]
    ) == ["cin.upn_unknown_un7"]


def test_an_unborn_child_needs_no_disability_but_sex_u():
    """Rules 8540 and 8750: the disability is asked of a child born and referred on."""
    unborn = child(birth_date=None, expected_birth_date="2025-01-15", disabilities=None)
    assert rules_found(children=[unborn | {"sex": "U"}], referrals=[referral()]) == []
    assert rules_found(children=[unborn | {"sex": "F"}], referrals=[referral()]) == [
        "cin.unborn_sex"
    ]
    assert (
        rules_found(children=[child(disabilities=None)], referrals=[referral(referral_nfa=True)])
        == []
    )


def upn_problems(*upns: str) -> list[str]:
    spec = specs(YEAR)["children"]
    cells = {
        "la_child_id": pa.array([str(i) for i in range(len(upns))]),
        "upn": pa.array(upns),
        "sex": pa.array(["F"] * len(upns)),
        "ethnicity": pa.array(["WBRI"] * len(upns)),
    }
    raw = RawTable(spec, "census.xml", cells, pa.array(range(2, len(upns) + 2)), YEAR)
    report = Report()
    values.convert(raw, report)
    return [p.value for p in report.problems if p.rule == "upn.check_letter"]


def test_a_upn_starts_with_the_check_letter_its_digits_give():
    """Rule 1510: R880200010009 is right (its digits times their places sum to 176, and
    176 mod 23 = 15 is R, the 16th check letter); a temporary UPN ending in a letter has no
    check letter."""
    assert upn_problems("R880200010009", "A880200010009", "R88020001000A") == ["A880200010009"]


def test_pseudo_authority_codes_are_accepted_in_a_upn():
    """Rule 1530: 001-005 are the Department's pseudo codes; 000 and 006 are not codes."""
    upns = {"A": "A001200010009", "B": "A000200010009", "C": "A006200010009"}
    found = rules_found(
        children=[child(la_child_id=n, upn=upn) for n, upn in upns.items()],
        referrals=[referral(la_child_id=n) for n in upns],
    )
    assert found == ["cin.upn_authority_unknown"] * 2


def test_cumberland_and_westmorland_codes_are_accepted_from_their_first_census():
    """Rule 1530: both were made on 1 April 2023, so a UPN of 942 or 943 in the census of
    2022-23, which was Cumbria's (909), is flagged, and from 2023-24 it is not."""
    upns = {"A": "A942200010009", "B": "A943200010009", "C": "A909200010009"}
    for year, found in ((2023, ["cin.upn_authority_unknown"] * 2), (2024, [])):
        start = f"{year - 1}-05-01"
        assert (
            rules_found(
                year,
                children=[child(la_child_id=n, upn=upn) for n, upn in upns.items()],
                referrals=[referral(start, la_child_id=n) for n in upns],
            )
            == found
        )


def test_work_is_set_against_its_episode_as_the_same_census_records_it():
    """An episode open over 31 March is in two censuses, each as it stood: the assessment
    not yet authorised in the first does not make the closed episode of the second a breach
    (rule 8867), nor does work in the second breach a closure the first recorded (8565)."""
    first, second = {"collection_year": YEAR - 1}, {"collection_year": YEAR}
    start = {"referral_date": "2024-01-10"}
    waiting = plan("2024-03-20") | start | {"authorisation_date": None}
    authorised = waiting | {"authorisation_date": "2024-04-20"}
    assert (
        rules_found(
            referrals=[
                referral("2024-01-10", **first),
                referral("2024-01-10", "2024-06-30", **second),
            ],
            assessments=[waiting | first, authorised | second],
        )
        == []
    )
    still_waiting = plan("2024-04-05") | start | {"authorisation_date": None}
    assert rules_found(
        referrals=[referral("2024-01-10", "2024-06-30")], assessments=[still_waiting]
    ) == ["cin.closed_with_work_open"]
    assert (
        rules_found(
            referrals=[
                referral("2024-01-10", "2024-03-25", **first),
                referral("2024-01-10", **second),
            ],
            assessments=[still_waiting | second],
        )
        == []
    )
