"""Missing, exploitation, workforce and Annex A indicators from the local extracts."""

from __future__ import annotations

from tests.datasets.builders import compute, table

MAY_2024 = "2024-05-01"


def missing():
    return table(
        "missing_episodes",
        [
            {
                "child_id": "A",
                "looked_after": True,
                "missing_start": "2024-05-03T10:00",
                "missing_end": "2024-05-04T09:00",
                "rhi_date": "2024-05-07T08:00",
            },  # 71 hours
            {
                "child_id": "A",
                "looked_after": True,
                "missing_start": "2024-05-20T22:00",
                "missing_end": "2024-05-21T06:00",
                "rhi_date": "2024-05-24T07:00",
            },  # 73 hours
            {
                "child_id": "B",
                "looked_after": False,
                "missing_start": "2024-05-30",
                "missing_end": "2024-06-02",
            },  # returns in June
            {
                "child_id": "C",
                "looked_after": False,
                "missing_start": "2024-04-28",
                "missing_end": "2024-05-01",
            },  # returns in May, no interview
            {
                "child_id": "D",
                "looked_after": True,
                "missing_start": "2024-05-10",
                "missing_end": "2024-05-10",
                "rhi_date": "2024-05-13",
            },  # dates only: 3 days
        ],
    )


def test_children_and_episodes_missing_in_the_month():
    assert compute("MIS-01", MAY_2024, missing_episodes=missing()).value == 3  # A, B, D
    assert compute("MIS-02", MAY_2024, missing_episodes=missing()).value == 2  # A, D
    assert compute("MIS-03", MAY_2024, missing_episodes=missing()).value == 4
    assert compute("MIS-04", MAY_2024, missing_episodes=missing()).value == 4


def test_return_interviews_held_and_within_72_hours():
    held = compute("MIS-05", MAY_2024, missing_episodes=missing())
    assert (held.numerator, held.denominator, held.value) == (3, 4, 75.0)
    prompt = compute("MIS-06", MAY_2024, missing_episodes=missing())
    assert (prompt.numerator, prompt.denominator, prompt.value) == (2, 4, 50.0)


def toolkits():
    def row(child, date, risk, kind, team, sex, **more):
        return {
            "child_id": child,
            "toolkit_date": date,
            "risk_level": risk,
            "exploitation_type": kind,
            "team": team,
            "sex": sex,
            **more,
        }

    return table(
        "exploitation_toolkits",
        [
            row("A", "2024-01-10", "HIGH", "CSE", "North", "F", review_date="2024-03-15"),
            row("B", "2023-12-01", "MEDIUM", "CCE", "North", "M"),
            row("C", "2023-06-01", "LOW", "BOTH", "South", "M", review_date="2024-02-29"),
            row("D", "2024-04-01", "HIGH", "CSE", "South", "F", closed_date="2024-05-15"),
            row("E", "2023-01-01", "HIGH", "CSE", "North", "F"),
            row("E", "2024-05-01", "LOW", "CSE", "South", "F"),  # the latest counts
            row("F", "2024-06-10", "HIGH", "CCE", "North", "M"),  # after the day
            row("G", "2023-11-01", "MEDIUM", "CSE", "North", "F", review_date="2024-06-05"),
        ],
    )


def test_toolkits_in_date_overall_and_by_risk_type_team_and_sex():
    result = compute("EXP-01", MAY_2024, exploitation_toolkits=toolkits())
    # Open on 31 May 2024: A, B, C, E, G. In date: A (due 15 June) and E (new on 1 May).
    # C, reviewed on 29 February, was due on 29 May, as the register says (toolkits.py).
    assert (result.numerator, result.denominator, result.value) == (2, 5, 40.0)
    split = {
        (b["dimension"], b["category"]): (b["numerator"], b["denominator"])
        for b in result.breakdowns
    }
    assert split == {
        ("risk level", "HIGH"): (1, 1),
        ("risk level", "MEDIUM"): (0, 2),
        ("risk level", "LOW"): (1, 2),
        ("type", "CSE"): (2, 3),
        ("type", "CCE"): (0, 1),
        ("type", "BOTH"): (0, 1),
        ("team", "North"): (1, 3),
        ("team", "South"): (1, 2),
        ("sex", "F"): (2, 3),
        ("sex", "M"): (0, 2),
    }


def workforce():
    month = {"month": "2024-05-01"}
    rows = [
        {
            **month,
            "team": "North",
            "establishment_fte": 10,
            "filled_fte": 7,
            "agency_fte": 2,
            "leavers_fte": 1,
            "cases": 160,
        },
        {
            **month,
            "team": "South",
            "establishment_fte": 8,
            "filled_fte": 9,
            "agency_fte": 0,
            "leavers_fte": 0,
            "cases": 100,
        },
    ]
    return table("workforce", rows)


def test_vacancy_agency_and_caseload_in_the_month():
    assert compute("WF-01", MAY_2024, workforce=workforce()).value == 16.7  # 3 of 18
    assert compute("WF-02", MAY_2024, workforce=workforce()).value == 11.1  # 2 of 18
    assert compute("WF-04", MAY_2024, workforce=workforce()).value == 14.4  # 260 over 18


def test_turnover_over_twelve_months():
    months = [
        f"{y}-{m:02d}-01"
        for y, m in [(2023, m) for m in range(6, 13)] + [(2024, m) for m in range(1, 6)]
    ]
    rows = [
        {
            "month": m,
            "team": "North",
            "establishment_fte": 10,
            "filled_fte": 10,
            "agency_fte": 0,
            "leavers_fte": 1 if i % 4 == 0 else 0,
            "cases": 100,
        }
        for i, m in enumerate(months)
    ]
    rows.append(
        {
            "month": "2023-05-01",
            "team": "North",
            "establishment_fte": 10,
            "filled_fte": 10,
            "agency_fte": 0,
            "leavers_fte": 5,
            "cases": 100,
        }
    )
    result = compute("WF-03", MAY_2024, workforce=table("workforce", rows))
    assert (result.numerator, result.denominator, result.value) == (3, 10, 30.0)


def test_annex_a_contacts_in_the_month():
    contacts = table(
        "annex_a_list_1",
        [
            {"child_id": "1", "date_of_contact": d}
            for d in ("2024-05-02", "2024-05-31", "2024-04-30")
        ],
    )
    assert compute("AA-01", MAY_2024, annex_a_list_1=contacts).value == 2
