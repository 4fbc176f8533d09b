"""The Department's SSDA903 rules on outcomes, placements and the header, on tiny hand-made
rows: the edges a planted breach in generated returns does not reach."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from analytics.problems import Report
from analytics.validation import consistency
from tests.datasets.builders import episode, table
from tests.datasets.test_validation_rules import header, oc2, rules_found

PR1 = {"PLACE_PROVIDER": "PR1"}
CARPL = {"REASON_PLACE_CHANGE": "CARPL"}
LEFT = {"REC": "E4A", "PLACE_PROVIDER": "PR1"}


def in_care_all_year(child: str = "A") -> list[dict[str, Any]]:
    return [episode(child, "2022-01-10", None, REC=None)]


def test_sdq_is_due_from_4_to_17_in_the_year():
    """Rules 186, 197B, 188 and 189: a child looked after all year needs an SDQ score or a
    reason from the year of their 4th birthday to that of their 17th, and no other year."""
    for dob, due in (
        ("2021-03-31", True),  # 4 on 31 March 2025
        ("2021-04-01", False),  # 4 a day after the year
        ("2007-04-01", True),  # 17 on 1 April 2024
        ("2007-03-30", False),  # 17 before the year began
    ):
        rows = {"header": [header(dob=dob)], "episodes": in_care_all_year()}
        blank = rules_found(
            **rows, oc2=[oc2(DOB=dob, SDQ_SCORE=None, HEALTH_CHECK="1", CONVICTED="0")]
        )
        scored = rules_found(
            **rows, oc2=[oc2(DOB=dob, SDQ_SCORE=12, HEALTH_CHECK="1", CONVICTED="0")]
        )
        assert ("903.sdq_missing" in blank) == due, dob
        assert ("903.sdq_not_due" in scored) == (not due), dob


def test_a_child_starting_care_in_the_year_needs_no_sdq():
    """Rule 186 reads only children looked after for 12 months."""
    rows = {"header": [header()], "episodes": [episode("A", "2024-05-01")]}
    assert "903.sdq_missing" not in rules_found(**rows, oc2=[oc2()])


def test_substance_misuse_and_interventions():
    """Rules 158, 159, 192 and 193: received only with a problem; offered only if not."""
    cases = (
        ({"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1"}, False),
        (
            {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0", "INTERVENTION_OFFERED": "1"},
            False,
        ),
        ({"SUBSTANCE_MISUSE": "1"}, True),
        ({"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0"}, True),
        (
            {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1", "INTERVENTION_OFFERED": "0"},
            True,
        ),
        ({"SUBSTANCE_MISUSE": "0", "INTERVENTION_OFFERED": "0"}, True),
    )
    for fields, wrong in cases:
        found = rules_found(oc2=[oc2(**fields)])
        assert ("903.substance_misuse_intervention" in found) == wrong, fields


def test_legal_status_limits_run_across_episodes():
    """Rules 361 and 365: police protection over 3 days across two episodes that follow on,
    and a short break over 17 days, measured to 31 March when still open."""
    protected = [
        episode("A", "2024-05-01", "2024-05-03", LS="L1", **CARPL, PLACE_PROVIDER="PR1"),
        episode("A", "2024-05-03", "2024-05-05", LS="L1", RNE="P", PLACE="U6", **LEFT),
    ]
    assert rules_found(episodes=protected) == ["903.legal_status_too_long"]
    protected[1]["DEC"] = "2024-05-04"
    assert rules_found(episodes=protected) == []
    short_break = episode("A", "2025-03-10", None, LS="V3", PLACE="U6", PLACE_PROVIDER="PR1")
    assert rules_found(episodes=[short_break]) == ["903.legal_status_too_long"]
    short_break["DECOM"] = "2025-03-20"
    assert rules_found(episodes=[short_break]) == []


def test_short_breaks_of_both_kinds_in_a_year():
    """Rule 426: V3 and V4 for one child in the same year."""
    breaks = [
        episode("A", "2024-05-01", "2024-05-04", LS="V3", PLACE="U6", REC="E13", **PR1),
        episode("A", "2024-06-01", None, LS="V4", PLACE="U6", **PR1),
    ]
    assert rules_found(episodes=breaks) == ["903.short_break_placement"] * 2


def test_age_limits_at_leaving_care():
    """Rules 407 and 460: special guardianship before 18, staying put (E17) from 18."""
    born = "2006-06-01"
    for reason, end, wrong in (
        ("E45", "2024-06-01", False),
        ("E45", "2024-06-02", True),
        ("E17", "2024-05-31", True),
        ("E17", "2024-06-01", False),
    ):
        left = episode("A", "2020-01-10", end, REC=reason)
        found = rules_found(header=[header(dob=born)], episodes=[left])
        assert ("903.age_at_leaving" in found) == wrong, (reason, end)


def test_a_mother_stays_a_mother():
    """Rules 207, 624 and 626, across the two years of one load."""
    last = header(MOTHER="1", MC_DOB="2023-01-01", dob="2007-01-01")
    for now, wrong in (
        ({"MOTHER": "1", "MC_DOB": "2023-01-01"}, False),
        ({"MOTHER": "0"}, True),
        ({"MOTHER": "1", "MC_DOB": "2023-02-01"}, True),
    ):
        tables = pa.concat_tables(
            [
                table("ssda903_header", [last], year=2024),
                table("ssda903_header", [{**last, "MC_DOB": None, **now}], year=2025),
            ]
        )
        report = Report()
        consistency.check({"ssda903_header": tables}, report)
        found = {p.rule for p in report.problems}
        assert ("903.mother_changed" in found) == wrong, now


def test_the_reason_for_a_new_episode_says_what_changed():
    """Rules 434-436: L for legal status alone, P for placement alone, U for both; a
    placement with the same code, postcode, Ofsted number and provider has not changed, even
    with its postcode blank."""
    before = episode("A", "2024-05-01", "2024-07-01", PLACE_PROVIDER="PR1")
    for rne, changes, wrong in (
        ("L", {"LS": "C1"}, False),
        ("L", {"LS": "C1", "PLACE": "U6"}, True),
        ("P", {"PLACE": "U6"}, False),
        ("P", {}, True),
        ("U", {"LS": "C1", "PLACE": "U6"}, False),
        ("U", {"PLACE": "U6"}, True),
    ):
        reason = {"REASON_PLACE_CHANGE": "CARPL"} if "PLACE" in changes else {}
        after = episode("A", "2024-07-01", None, RNE=rne, PLACE_PROVIDER="PR1", **changes)
        found = rules_found(episodes=[{**before, **reason}, after])
        assert ("903.new_episode_changes" in found) == wrong, (rne, changes)


def test_decisions_to_place_for_adoption_do_not_overlap():
    """Rules 579 and 583: a new decision only once the last was reversed."""

    def decision(placed: str, ceased: str | None = None) -> dict[str, Any]:
        reason = "RD1" if ceased else None
        return {
            "CHILD": "A",
            "DOB": "2020-01-01",
            "DATE_PLACED": placed,
            "DATE_PLACED_CEASED": ceased,
            "REASON_PLACED_CEASED": reason,
        }

    first = decision("2024-05-01", "2024-06-01")
    assert rules_found(placed_adoption=[first, decision("2024-06-01")]) == []
    assert rules_found(placed_adoption=[first, decision("2024-05-31")]) == [
        "903.placed_adoption_overlap"
    ]
    assert rules_found(placed_adoption=[decision("2024-05-01"), decision("2024-08-01")]) == [
        "903.placed_adoption_overlap"
    ]
