"""The Department's rules Assure checks, on tiny hand-made rows: the edges a planted breach
in generated returns does not reach (tests/datasets/test_rule_parity.py plants those)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from analytics.problems import Report
from analytics.validation import consistency
from tests.datasets.builders import episode, table
from tests.datasets.builders import social_worker as worker

YEAR = 2025


def rules_found(year: int = YEAR, **rows: list[dict[str, Any]]) -> list[str]:
    report = Report()
    tables = {
        f"ssda903_{name}": table(f"ssda903_{name}", found, year=year)
        for name, found in rows.items()
    }
    consistency.check(tables, report)
    return sorted(p.rule for p in report.problems)


def header(child: str = "A", dob: str = "2012-05-01", **fields: Any) -> dict[str, Any]:
    return {
        "CHILD": child,
        "SEX": "F",
        "DOB": dob,
        "ETHNIC": "WBRI",
        "UPN": "A123456789012",
        "MOTHER": "0",
        **fields,
    }


def oc2(child: str = "A", **fields: Any) -> dict[str, Any]:
    full = {
        "IMMUNISATIONS": "1",
        "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "1",
        "SUBSTANCE_MISUSE": "0",
        "SDQ_SCORE": 12,
        "CONVICTED": "0",
    }
    return {"CHILD": child, "DOB": "2012-05-01", **full, **fields}


def test_looked_after_all_year_needs_complete_outcomes():
    """Rule 191: in care all year (a change of placement is no break) needs OC2's four items."""
    episodes = [
        episode("A", "2022-01-10", "2024-06-01", REASON_PLACE_CHANGE="CARPL"),
        episode("A", "2024-06-01", None, RNE="P", PLACE="U6", REC=None),
    ]
    episodes[0]["REC"] = "X1"
    assert rules_found(header=[header()], episodes=episodes, oc2=[oc2()]) == []
    assert rules_found(header=[header()], episodes=episodes, oc2=[oc2(TEETH_CHECK=None)]) == [
        "903.outcomes_incomplete"
    ]
    assert rules_found(header=[header()], episodes=episodes, oc2=[]) == ["903.outcomes_incomplete"]


def test_starting_leaving_or_short_breaks_in_the_year_are_not_12_months():
    """Rule 190: no OC2 items for a child who started care in the year, or left it, or is
    on short breaks (V3, V4)."""
    started = [episode("A", "2024-05-01")]
    left = [episode("A", "2022-01-10", "2025-02-01", REC="E4A")]
    breaks = [episode("A", "2022-01-10", None, LS="V4", PLACE="U6", REC=None)]
    for episodes in (started, left, breaks):
        assert rules_found(header=[header()], episodes=episodes, oc2=[oc2()]) == [
            "903.outcomes_not_due"
        ]
    assert rules_found(header=[header()], episodes=started, oc2=[]) == []


def test_social_workers_follow_within_a_week_unless_contact_changed():
    """Rule SW10STG2: the next social worker starts within 7 days of the last one's end;
    a change of contact (FCONTA) may start any time."""

    first = worker("2024-04-01", "2024-06-01")
    assert rules_found(social_worker=[first, worker("2024-06-08", None)]) == []
    assert rules_found(social_worker=[first, worker("2024-06-09", None)]) == [
        "903.social_worker_gap"
    ]
    assert rules_found(social_worker=[first, worker("2024-09-01", None, "FCONTA")]) == []
    assert rules_found(social_worker=[worker("2024-04-01", None), worker("2024-09-01", None)]) == [
        "903.social_worker_gap"
    ]


def test_participation_pn0_is_for_children_under_4_at_the_review():
    """Rules 440 and 441, either side of the 4th birthday."""

    def review(day: str, code: str) -> dict[str, Any]:
        return {"CHILD": "A", "DOB": "2020-06-15", "REVIEW": day, "REVIEW_CODE": code}

    assert rules_found(reviews=[review("2024-06-14", "PN0")]) == []
    assert rules_found(reviews=[review("2024-06-15", "PN0")]) == ["903.review_participation_age"]
    assert rules_found(reviews=[review("2024-06-14", "PN1")]) == ["903.review_participation_age"]


def test_a_boy_is_never_a_mother_in_either_years_codes():
    """Rule 174, with sex coded 1/2 (to 2024) or M/F (from 2025)."""
    for year, boy in ((2024, "1"), (2025, "M")):
        found = rules_found(
            year, header=[header(SEX=boy, MOTHER="1", MC_DOB="2024-01-01", dob="2006-01-01")]
        )
        assert found == ["903.mother_and_child_birth"]


def test_continuation_episodes_and_reasons():
    """Rules 431-433 and 388: S starts care, P/L/T/U/B go on the day the last ended X1."""
    earlier = episode("A", "2024-05-01", "2024-07-01", REASON_PLACE_CHANGE="CARPL")
    moved = episode("A", "2024-07-01", None, RNE="P", PLACE="U6")
    assert rules_found(episodes=[earlier, moved]) == []
    assert rules_found(episodes=[earlier, episode("A", "2024-07-01", None)]) == [
        "903.reason_for_new_episode"
    ]
    assert "903.reason_for_new_episode" in rules_found(
        episodes=[earlier, episode("A", "2024-07-03", None, RNE="P")]
    )
    assert rules_found(episodes=[earlier]) == ["903.continuation_missing"]


def test_first_episode_goes_on_from_last_years_open_one():
    """Rules 502 and 503A-E: across the two years of one load."""
    last = table("ssda903_episodes", [episode("A", "2023-05-01")], year=2024)
    for changes, found in (({}, []), ({"LS": "C1"}, ["903.continues_last_year"])):
        this = table("ssda903_episodes", [episode("A", "2023-05-01", **changes)], year=2025)
        report = Report()
        consistency.check({"ssda903_episodes": pa.concat_tables([last, this])}, report)
        assert sorted(p.rule for p in report.problems) == found


def test_each_rule_answers_the_department_once():
    """No rule of the Department's is answered by two of Assure's rules."""
    answered = [code for rule in consistency.RULES for code in rule.dfe]
    assert len(answered) == len(set(answered))
