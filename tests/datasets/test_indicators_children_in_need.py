"""Children in need and child protection indicators: tiny census tables, hand-computed.

The financial year to date is April 2023 to March 2024; the snapshot day 31 March 2024.
"""

from __future__ import annotations

import pyarrow as pa

from tests.datasets.builders import compute, table

MARCH_2024 = "2024-03-01"


def referrals():
    return pa.concat_tables(
        [
            table(
                "cin_referrals",
                [
                    {"la_child_id": "A", "referral_date": "2023-01-15"},
                    {"la_child_id": "A", "referral_date": "2023-12-01"},  # within 12 months
                    {"la_child_id": "B", "referral_date": "2022-05-01"},
                    {"la_child_id": "B", "referral_date": "2023-06-01"},  # 13 months later
                    {"la_child_id": "C", "referral_date": "2023-07-01"},  # first referral
                    {"la_child_id": "D", "referral_date": "2022-09-01"},
                    {"la_child_id": "D", "referral_date": "2023-09-01"},  # exactly 12 months
                ],
            ),
            # Child A's first referral is also in the previous census: it counts once.
            table(
                "cin_referrals", [{"la_child_id": "A", "referral_date": "2023-01-15"}], year=2023
            ),
            table("cin_referrals", [{"la_child_id": "Q", "referral_date": "2023-08-01"}], la="808"),
        ]
    )


def test_referrals_in_the_year():
    assert compute("CIN-01", MARCH_2024, cin_referrals=referrals()).value == 4


def test_rereferrals_within_12_months_of_a_previous_referral():
    result = compute("CIN-02", MARCH_2024, cin_referrals=referrals())
    assert (result.numerator, result.denominator, result.value) == (2, 4, 50.0)  # A and D


def test_referral_rate_per_10000():
    result = compute("CIN-03", MARCH_2024, cin_referrals=referrals())
    assert (result.numerator, result.denominator, result.value) == (4, 24874, 1.6)


def test_assessments_within_45_working_days():
    assessments = table(
        "cin_assessments",
        [
            # From Monday 1 May 2023 (a bank holiday), 45 working days is 5 July 2023.
            {"la_child_id": "A", "start_date": "2023-05-01", "authorisation_date": "2023-07-05"},
            {"la_child_id": "B", "start_date": "2023-05-01", "authorisation_date": "2023-07-06"},
            {"la_child_id": "C", "start_date": "2023-02-01", "authorisation_date": "2023-03-20"},
            {"la_child_id": "D", "start_date": "2024-03-01", "authorisation_date": None},
        ],
    )
    result = compute("CIN-04", MARCH_2024, cin_assessments=assessments)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def plans():
    return table(
        "cin_cp_plans",
        [
            {"la_child_id": "P1", "start_date": "2023-01-01"},
            {"la_child_id": "P2", "start_date": "2022-01-01", "end_date": "2024-03-31"},
            {"la_child_id": "P3", "start_date": "2021-06-01"},  # open nearly three years
            {"la_child_id": "P4", "start_date": "2024-04-05"},  # after the day
            {"la_child_id": "A", "start_date": "2021-01-01", "end_date": "2021-12-01"},
            {
                "la_child_id": "A",
                "start_date": "2023-06-01",
                "end_date": "2023-06-20",
                "previous_plans": 0,
            },  # a second plan, though the count says none
            {
                "la_child_id": "B",
                "start_date": "2023-08-01",
                "end_date": "2023-08-20",
                "previous_plans": 1,
            },
            {
                "la_child_id": "C",
                "start_date": "2023-09-01",
                "end_date": "2023-09-20",
                "previous_plans": 0,
            },
            {"la_child_id": "E", "start_date": "2022-10-02", "end_date": "2023-10-01"},
            {"la_child_id": "F", "start_date": "2021-10-01", "end_date": "2023-10-01"},
        ],
    )


def test_children_on_a_plan_on_the_day_and_the_rate():
    assert compute("CP-01", MARCH_2024, cin_cp_plans=plans()).value == 2  # P1, P3
    assert compute("CP-02", MARCH_2024, cin_cp_plans=plans()).value == 0.8


def test_second_or_subsequent_plans_use_the_count_and_earlier_plans():
    result = compute("CP-03", MARCH_2024, cin_cp_plans=plans())
    assert (result.numerator, result.denominator) == (2, 3)  # A and B of A, B, C
    assert result.value == 66.7


def test_plans_lasting_two_years_open_and_ended():
    open_plans = compute("CP-04", MARCH_2024, cin_cp_plans=plans())
    assert (open_plans.numerator, open_plans.denominator) == (1, 2)  # P3 of P1, P3
    ended = compute("CP-05", MARCH_2024, cin_cp_plans=plans())
    # Ended in the year: P2 (2 years 3 months), A, B, C (weeks), E (a day short of a
    # year), F (exactly two years).
    assert (ended.numerator, ended.denominator) == (2, 6)


def enquiries():
    return table(
        "cin_section47",
        [
            # 15 working days from Monday 1 May 2023 (bank holiday; 8 May too): 23 May.
            {"la_child_id": "A", "start_date": "2023-05-01", "icpc_date": "2023-05-23"},
            # From 20 December 2023, past Christmas and New Year: 15 January is day 15.
            {"la_child_id": "B", "start_date": "2023-12-20", "icpc_date": "2024-01-16"},
            {"la_child_id": "C", "start_date": "2024-02-01", "icpc_date": None},
        ],
    )


def test_conferences_within_15_working_days():
    result = compute("CP-06", MARCH_2024, cin_section47=enquiries())
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_conferences_leading_to_a_plan():
    plans = table("cin_cp_plans", [{"la_child_id": "A", "start_date": "2023-05-23"}])
    result = compute("CP-07", MARCH_2024, cin_section47=enquiries(), cin_cp_plans=plans)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_protection_reviews_on_time():
    reviews = table(
        "cin_cp_reviews",
        [
            {"la_child_id": "A", "plan_start_date": "2023-04-03", "review_date": "2023-07-03"},
            {"la_child_id": "A", "plan_start_date": "2023-04-03", "review_date": "2024-01-04"},
            {"la_child_id": "B", "plan_start_date": "2023-06-01", "review_date": "2023-09-02"},
        ],
    )
    result = compute("CP-08", MARCH_2024, cin_cp_reviews=reviews)
    assert (result.numerator, result.denominator, result.value) == (1, 3, 33.3)
