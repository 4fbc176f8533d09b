"""The Department's SSDA903 rules on UASC status across years, Ofsted numbers, short breaks,
care leavers, missing at 18, previous permanence and late social worker episodes, on tiny
hand-made rows: the edges a planted breach in generated returns does not reach."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from analytics.problems import Report
from analytics.validation import consistency
from tests.datasets.builders import episode, table
from tests.datasets.builders import social_worker as worker
from tests.datasets.test_validation_rules import header, rules_found

DOB = "2008-05-01"  # 18 on 1 May 2026


def both_years(last: dict[str, list], this: dict[str, list]) -> list[str]:
    """Rules found in a load of last year's (2024) and this year's (2025) return."""
    tables: dict[str, list[pa.Table]] = {}
    for year, rows in ((2024, last), (2025, this)):
        for name, found in rows.items():
            tables.setdefault(f"ssda903_{name}", []).append(
                table(f"ssda903_{name}", found, year=year)
            )
    report = Report()
    consistency.check({name: pa.concat_tables(parts) for name, parts in tables.items()}, report)
    return sorted(p.rule for p in report.problems)


def uasc(child: str = "A", duc: str | None = "2026-05-01", **fields: Any) -> dict[str, Any]:
    return {"CHILD": child, "DOB": DOB, "SEX": "F", "DUC": duc, **fields}


def test_uasc_status_goes_on_from_last_year():
    """Rules 205B and 205D: UASC in both years, status ceasing on the 18th birthday (as
    last year said, or in this year); UASC this year only if so last year too."""
    people = [header(dob=DOB)]
    last = {"header": people, "uasc": [uasc()]}
    assert both_years(last, {"header": people, "uasc": [uasc()]}) == []
    early = {"header": people, "uasc": [uasc(duc="2026-04-30")]}
    assert both_years(early, {"header": people, "uasc": [uasc()]}) == ["903.uasc_last_year"]
    # ceasing in the year is a change last year's return could not know
    assert both_years(last, {"header": people, "uasc": [uasc(duc="2025-01-10")]}) == []
    assert both_years(last, {"header": people, "uasc": [uasc(duc="2026-04-01")]}) == [
        "903.uasc_last_year"
    ]
    assert both_years(last, {"header": people, "uasc": [uasc(duc=None)]}) == ["903.uasc_last_year"]
    # UASC this year but not last year: only a child in last year's return is flagged
    assert both_years({"header": people}, {"header": people, "uasc": [uasc()]}) == [
        "903.uasc_last_year"
    ]
    assert both_years({"header": [header("B")]}, {"header": people, "uasc": [uasc()]}) == []


def test_a_care_leaver_in_care_at_the_end_of_last_year_has_episodes():
    """Rule 1010: an episode open at the end of last year goes on into this year; a care
    leaver with no episode this year had left care by then."""
    leaver = {"CHILD": "A", "DOB": "2006-05-01", "IN_TOUCH": "YES", "ACTIV": "F4", "ACCOM": "S1"}
    others = [episode("B", "2024-05-01")]
    for end, found in ((None, ["903.care_leaver_left_open"]), ("2024-03-01", [])):
        last = {"episodes": [episode("A", "2023-05-01", end, REC="E4A" if end else None)]}
        assert both_years(last, {"episodes": others, "oc3": [leaver]}) == found, end


def test_uasc_information_is_not_for_care_leavers_without_episodes():
    """Rule 1014: a UASC row for a care leaver with no episode in the year."""
    dob = "2006-05-01"  # 18 in the year
    leaver = {"CHILD": "A", "DOB": dob, "IN_TOUCH": "YES", "ACTIV": "F4", "ACCOM": "S1"}
    placed = {"HOME_POST": "TQ1 1AA", "PL_POST": "TQ2 5AA", "URN": "XXXXXXX"}
    others = [episode("B", "2024-05-01", **placed)]
    found = rules_found(episodes=others, oc3=[leaver], uasc=[uasc(DOB=dob, duc="2024-05-01")])
    assert found == ["903.uasc_care_leaver"]
    in_care = [*others, episode("A", "2024-04-10", **placed)]
    found = rules_found(episodes=in_care, uasc=[uasc(DOB=dob, duc="2024-05-01")])
    assert "903.uasc_care_leaver" not in found


def test_missing_when_care_ends_at_18_is_e8():
    """Rule 580: a missing episode ending on the 18th birthday, the day care ended."""

    for rec, end, flagged in (
        ("E5", "2025-01-10", True),
        ("E8", "2025-01-10", False),
        ("E5", "2025-01-09", False),  # back before care ended
    ):
        episodes = [episode("A", "2024-06-01", "2025-01-10", REC=rec)]
        missing = {"CHILD": "A", "DOB": "2007-01-10", "MISSING": "M", "MIS_START": "2025-01-05"}
        found = rules_found(episodes=episodes, missing=[{**missing, "MIS_END": end}])
        assert ("903.missing_leaving_at_18" in found) == flagged, (rec, end)


def test_previous_permanence_authority_is_a_local_authority():
    """Rule 633: LA_PERM an English authority's code, past or present, or WAL, SCO, NIR,
    NUK."""

    def permanence(la: str) -> dict[str, Any]:
        return {
            "CHILD": "A",
            "DOB": "2015-01-01",
            "PREV_PERM": "P1",
            "LA_PERM": la,
            "DATE_PERM": "2020-01-01",
        }

    for la in ("880", "839", "940", "835", "WAL", "nuk"):
        assert rules_found(prev_perm=[permanence(la)]) == [], la
    for la in ("123", "8800", "XYZ", "000"):
        assert rules_found(prev_perm=[permanence(la)]) == ["903.previous_permanence_authority"], la


def test_a_social_worker_episode_ending_late_in_march_is_followed_by_another():
    """Rule SW11bSTG2: an episode ending 26-31 March needs a later one."""

    late = worker("2024-06-01", "2025-03-28")
    assert rules_found(social_worker=[late]) == ["903.social_worker_ends_late"]
    assert rules_found(social_worker=[worker("2024-06-01", "2025-03-31")]) == [
        "903.social_worker_ends_late"
    ]
    assert rules_found(social_worker=[worker("2024-06-01", "2025-03-25")]) == []
    assert rules_found(social_worker=[late, worker("2025-03-29", None)]) == []


def test_placements_ofsted_registers_have_an_ofsted_number():
    """Rule 218: a URN (or XXXXXXX) for a placement Ofsted registers, open in the year, in
    England, other than a short break."""

    def urn_missing(**fields: Any) -> bool:
        row = episode("A", "2024-05-01", None, HOME_POST="TQ1 1AA", PL_POST="TQ2 5AA")
        return "903.urn_missing" in rules_found(episodes=[{**row, **fields}])

    assert urn_missing()
    assert urn_missing(PLACE="K2")
    assert not urn_missing(URN="XXXXXXX")
    assert not urn_missing(URN="SC123456")
    assert not urn_missing(PLACE="P1")
    assert not urn_missing(PLACE="T2")
    assert not urn_missing(PL_POST="CF10 1AA")  # Wales
    assert not urn_missing(PL_POST="G1 1AA")  # Scotland
    assert urn_missing(PL_POST="GL1 1AA")  # Gloucester
    assert not urn_missing(LS="V4", HOME_POST=None, PL_POST=None, PLACE="U6")
    assert not urn_missing(DECOM="2023-01-01", DEC="2024-03-20", REC="E4A")


def test_no_mother_or_reviews_for_a_child_only_on_short_breaks():
    """Rule 399: MOTHER, a review or participation given for a child whose every episode is
    a short break (V3, V4)."""
    breaks = [episode("A", "2024-05-01", None, LS="V4", PLACE="U6")]
    review = {"CHILD": "A", "DOB": "2012-05-01", "REVIEW": "2024-06-01", "REVIEW_CODE": "PN1"}
    assert rules_found(header=[header(MOTHER=None)], episodes=breaks, reviews=[]) == []
    assert rules_found(header=[header()], episodes=breaks, reviews=[]) == ["903.short_breaks_only"]
    assert rules_found(header=[header(MOTHER=None)], episodes=breaks, reviews=[review]) == [
        "903.short_breaks_only"
    ]
    # looked after otherwise too: MOTHER and reviews are due
    mixed = [
        episode("A", "2024-04-10", "2024-04-20", LS="V3", PLACE="U6", REC="E8"),
        episode("A", "2024-05-01", None),
    ]
    found = rules_found(header=[header()], episodes=mixed, reviews=[review])
    assert "903.short_breaks_only" not in found


def test_a_care_leaver_back_in_care_after_the_birthday_is_one_problem():
    """Rule 1007: care leaver information for a young person looked after on or after their
    17th birthday in the year is found once for its row, however many episodes follow."""
    leaver = {"CHILD": "A", "DOB": "2007-06-01", "IN_TOUCH": "YES", "ACTIV": "F4", "ACCOM": "S1"}
    back = [  # 17 on 1 June 2024; in care again from September, moving in January
        episode("A", "2024-09-02", "2025-01-10", REC="X1", REASON_PLACE_CHANGE="CARPL"),
        episode("A", "2025-01-10", RNE="P", PLACE="U5"),
    ]
    assert rules_found(episodes=back, oc3=[leaver]) == ["903.care_leaver_not_left"]
    before = [episode("A", "2023-09-02", "2024-04-20", REC="E4A")]  # left before the birthday
    assert rules_found(episodes=before, oc3=[leaver]) == []
