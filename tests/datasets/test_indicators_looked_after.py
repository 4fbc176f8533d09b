"""Looked-after children's indicators, MetricFlow style: tiny inputs, hand-computed answers.

The snapshot day is 31 March 2024; the financial year to date is April 2023 to March 2024.
"""

from __future__ import annotations

from tests.datasets.builders import compute, episode, table

MARCH_2024 = "2024-03-01"


def scenario():
    """Children of Torbay (880) and one of Stockton (808), over two returns."""
    return {
        "ssda903_episodes": table(
            "ssda903_episodes",
            [
                episode("A", "2023-01-10"),
                episode("B", "2022-05-01", "2024-03-31", REC="E4A"),  # ceased on the day
                episode("C", "2023-07-01", LS="V3"),  # a short break
                episode("D", "2024-04-02"),  # starts after the day
                episode("E", "2023-06-01", "2023-09-01"),
                episode("E", "2023-09-01", RNE="P"),
                episode("H", "2023-05-01", "2023-06-01", REC="E4A"),
                episode("H", "2023-10-01"),  # starts a second time: counts once
                episode("I", "2022-01-01", "2023-12-01", REC="E45"),
                episode("S", "2023-04-05", "2023-04-08", LS="V4", REC="E13"),  # short break
                episode("G", "2022-01-01", "2023-05-01", REC="E11"),
            ],
        ),
        # The 2023 return still had G open; the 2024 return ends it. Only the latest counts.
        "ssda903_episodes_2023": table("ssda903_episodes", [episode("G", "2022-01-01")], year=2023),
        "ssda903_header": table(
            "ssda903_header", [{"CHILD": c, "DOB": "2015-01-01"} for c in "ABCDEHIGS"]
        ),
    }


def scenario_tables():
    tables = scenario()
    import pyarrow as pa

    episodes = pa.concat_tables(
        [
            tables.pop("ssda903_episodes"),
            tables.pop("ssda903_episodes_2023"),
            table("ssda903_episodes", [episode("F", "2020-01-01")], la="808"),
        ]
    )
    return {**tables, "ssda903_episodes": episodes}


def test_looked_after_on_the_day_excludes_short_breaks_and_ceased_that_day():
    result = compute("LAC-01", MARCH_2024, **scenario_tables())
    # A, E (once) and H (back in care): not B (ceased 31 March), C, D, G (ended in the 2024
    # return), I, S, or F (Stockton's).
    assert result.value == 3


def test_rate_per_10000_uses_the_mid_year_estimate_before_the_day():
    result = compute("LAC-02", MARCH_2024, **scenario_tables())
    assert (result.numerator, result.denominator) == (3, 24874)  # Torbay, mid-2023
    assert result.value == 1.2


def test_starts_count_children_not_episodes():
    assert compute("LAC-03", MARCH_2024, **scenario_tables()).value == 2  # E and H


def test_ceases_exclude_short_breaks_and_use_the_latest_return():
    assert compute("LAC-04", MARCH_2024, **scenario_tables()).value == 4  # B, H, I, G


def test_reunifications_adoptions_and_special_guardianship():
    tables = scenario_tables()
    assert compute("LAC-05", MARCH_2024, **tables).value == 2  # B and H (E4A)
    assert compute("LAC-06", MARCH_2024, **tables).value == 1  # G (E11)
    assert compute("LAC-07", MARCH_2024, **tables).value == 1  # I (E45)


def test_three_or_more_placements_count_new_carers_only():
    episodes = table(
        "ssda903_episodes",
        [
            # P1: in a placement when the year began, then two moves: three placements.
            episode("P1", "2022-01-01", "2023-05-01"),
            episode("P1", "2023-05-01", "2023-08-01", RNE="P"),
            episode("P1", "2023-08-01", RNE="P"),
            # P2: a move the day before the year began, a legal change, one move: two.
            episode("P2", "2022-01-01", "2023-03-31"),
            episode("P2", "2023-03-31", "2023-06-01", RNE="P"),
            episode("P2", "2023-06-01", "2023-09-01", RNE="L", LS="E1"),
            episode("P2", "2023-09-01", RNE="P", LS="E1"),
            # P3: changes with the same carers (B, U) are not new placements: two.
            episode("P3", "2023-04-10", "2023-07-01"),
            episode("P3", "2023-07-01", "2023-10-01", RNE="B", PLACE="A5"),
            episode("P3", "2023-10-01", "2024-01-01", RNE="U", PLACE="A6"),
            episode("P3", "2024-01-01", RNE="P"),
            # P4: three placements but left care before the day: not in the cohort.
            episode("P4", "2023-04-01", "2023-05-01"),
            episode("P4", "2023-05-01", "2023-06-01", RNE="P"),
            episode("P4", "2023-06-01", "2023-07-01", RNE="P", REC="E4A"),
        ],
    )
    result = compute("LAC-08", MARCH_2024, ssda903_episodes=episodes)
    assert (result.numerator, result.denominator, result.value) == (1, 3, 33.3)


def test_long_term_stability_cohort_and_same_carer_changes():
    episodes = table(
        "ssda903_episodes",
        [
            episode("S1", "2020-01-01"),  # same placement four years: stable
            episode("S2", "2020-01-01", "2023-01-01"),
            episode("S2", "2023-01-01", RNE="P"),  # moved 15 months ago: not stable
            episode("S3", "2021-12-01"),  # in care 2 years 4 months: not in the cohort
            episode("S4", "2019-01-01"),  # 16 the day before: not in the cohort
            episode("S5", "2019-01-01", "2022-06-01"),
            episode("S5", "2022-06-01", "2023-01-01", RNE="L", LS="E1"),
            episode("S5", "2023-01-01", RNE="B", LS="E1", PLACE="A5"),  # same carers
        ],
    )
    header = table(
        "ssda903_header",
        [
            {"CHILD": "S1", "DOB": "2012-01-01"},
            {"CHILD": "S2", "DOB": "2012-01-01"},
            {"CHILD": "S3", "DOB": "2012-01-01"},
            {"CHILD": "S4", "DOB": "2008-03-30"},
            {"CHILD": "S5", "DOB": "2008-04-01"},  # 15 on the day
        ],
    )
    result = compute("LAC-09", MARCH_2024, ssda903_episodes=episodes, ssda903_header=header)
    assert (result.numerator, result.denominator, result.value) == (2, 3, 66.7)


def test_placed_more_than_20_miles_and_outside_the_authority():
    episodes = table(
        "ssda903_episodes",
        [
            episode("D1", "2023-01-01", HOME_POST="TQ1 1AA", PL_POST="TQ2 6AA"),  # 1.3 miles
            episode("D2", "2023-01-01", HOME_POST="TQ1 1AA", PL_POST="BS1 1AA"),  # 79.6, out
            episode("D3", "2023-01-01", HOME_POST="BS1 1AA", PL_POST="TQ1 1AA"),  # far, in LA
            episode("D4", "2023-01-01", HOME_POST="TQ1 1AA", PL_POST="EX1 1AB"),  # 17.7, out
            episode("D5", "2023-01-01", HOME_POST="TQ1 1AA", PL_POST=None),  # unknown
            episode("D6", "2023-01-01", HOME_POST="TQ1 1AA", PL_POST="BS1 1AA", LS="V3"),
        ],
    )
    result = compute("LAC-10", MARCH_2024, ssda903_episodes=episodes)
    assert (result.numerator, result.denominator, result.value) == (1, 4, 25.0)


def test_reviews_on_time_count_working_days_then_months():
    episodes = table(
        "ssda903_episodes",
        [
            episode("R1", "2023-05-01"),  # a bank holiday Monday
            episode("R2", "2023-05-01"),
            episode("R3", "2023-05-01", LS="V3"),
            episode("R4", "2022-06-01"),
        ],
    )
    reviews = table(
        "ssda903_reviews",
        [
            # 20 working days from 1 May 2023 (8 and 29 May are bank holidays): 31 May.
            {"CHILD": "R1", "REVIEW": "2023-05-31"},  # on time
            {"CHILD": "R1", "REVIEW": "2023-08-31"},  # within 3 months of the first
            {"CHILD": "R1", "REVIEW": "2024-03-01"},  # 6 months after 31 Aug is 29 Feb: late
            {"CHILD": "R2", "REVIEW": "2023-06-01"},  # 21 working days: late
            {"CHILD": "R3", "REVIEW": "2023-06-30"},  # short break: not counted
            {"CHILD": "R4", "REVIEW": "2022-06-20"},
            {"CHILD": "R4", "REVIEW": "2022-09-15"},
            {"CHILD": "R4", "REVIEW": "2023-03-10"},  # before the year: not counted
            {"CHILD": "R4", "REVIEW": "2023-09-08"},  # within 6 months: on time
        ],
    )
    result = compute("LAC-11", MARCH_2024, ssda903_episodes=episodes, ssda903_reviews=reviews)
    assert (result.numerator, result.denominator, result.value) == (3, 5, 60.0)


def test_court_authority_to_match_averages_days_for_children_adopted():
    episodes = table(
        "ssda903_episodes",
        [
            episode("X", "2021-01-01", "2022-02-01"),
            episode("X", "2022-02-01", "2022-09-01", RNE="L", LS="E1"),  # placement order
            episode("X", "2022-09-01", "2023-06-01", RNE="B", LS="E1", PLACE="A5", REC="E11"),
            episode("Y", "2020-05-01", "2021-01-10"),
            episode("Y", "2021-01-10", "2021-06-01", RNE="L", LS="E1"),
            episode("Y", "2021-06-01", "2023-10-15", RNE="P", LS="E1", PLACE="A3", REC="E12"),
            episode("Z", "2019-05-01", "2020-01-10"),
            episode("Z", "2020-01-10", "2022-06-01", RNE="L", LS="E1", REC="E11"),  # earlier
        ],
    )
    matches = table(
        "ssda903_ad1",
        [
            {"CHILD": "X", "DATE_MATCH": "2022-08-01"},  # 181 days after 1 Feb 2022
            {"CHILD": "Y", "DATE_MATCH": "2021-04-10"},  # 90 days after 10 Jan 2021
            {"CHILD": "Z", "DATE_MATCH": "2020-03-01"},
        ],
    )
    result = compute("LAC-12", MARCH_2024, ssda903_episodes=episodes, ssda903_ad1=matches)
    assert (result.numerator, result.denominator, result.value) == (271, 2, 135.5)


def test_missing_children_count_once_and_ignore_absences():
    episodes = table(
        "ssda903_episodes",
        [episode(c, "2022-01-01") for c in ("M1", "M2", "M3", "N1")]
        + [episode("V", "2023-06-01", LS="V4")],
    )
    missing = table(
        "ssda903_missing",
        [
            {"CHILD": "M1", "MISSING": "M", "MIS_START": "2023-05-01"},
            {"CHILD": "M1", "MISSING": "M", "MIS_START": "2023-06-01"},
            {"CHILD": "M2", "MISSING": "A", "MIS_START": "2023-07-01"},  # away, not missing
            {"CHILD": "M3", "MISSING": "M", "MIS_START": "2023-03-20"},  # before the year
            {"CHILD": "V", "MISSING": "M", "MIS_START": "2023-07-01"},  # on a short break
        ],
    )
    tables = {"ssda903_episodes": episodes, "ssda903_missing": missing}
    assert compute("LAC-13", MARCH_2024, **tables).value == 2  # M1 and V
    result = compute("LAC-14", MARCH_2024, **tables)
    assert (result.numerator, result.denominator, result.value) == (1, 4, 25.0)
