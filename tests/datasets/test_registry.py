"""The indicator registry, the engine's scoping and parameters, and the generated reference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.indicators import docs
from analytics.indicators.engine import Engine
from analytics.indicators.periods import for_month
from analytics.indicators.registry import HeaderError, indicators, load_file
from tests.datasets.builders import episode, table

ISSUE_INDICATORS = {
    "LAC-08",
    "LAC-09",
    "LAC-10",
    "LAC-13",
    "LAC-14",
    "MIS-01",
    "MIS-02",
    "MIS-04",
    "MIS-05",
    "MIS-06",
    "CIN-02",
    "CP-03",
    "CP-04",
    "CP-05",
    "CP-06",
    "CP-07",
    "CIN-04",
    "CP-08",
    "LAC-11",
    "LAC-03",
    "LAC-04",
    "LAC-05",
    "LAC-06",
    "LAC-07",
    "LAC-12",
    "LAC-02",
    "CP-02",
    "EXP-01",
}


def test_every_indicator_the_issue_asks_for_is_registered_with_a_full_header():
    registered = indicators()
    assert ISSUE_INDICATORS <= set(registered)
    for indicator in registered.values():
        assert indicator.definition and indicator.title and indicator.version >= 1
        assert "$la" in indicator.sql


def test_a_header_without_a_definition_is_refused(tmp_path: Path):
    path = tmp_path / "bad.sql"
    path.write_text(
        "-- reference: X-1\n-- title: T\n-- unit: count\n-- polarity: none\n"
        "-- period: in_month\n-- dataset: cin\n-- version: 1\nSELECT 1 WHERE $la"
    )
    with pytest.raises(HeaderError, match="definition"):
        load_file(path)


def test_sql_without_the_authority_scope_is_refused(tmp_path: Path):
    path = tmp_path / "unscoped.sql"
    path.write_text(
        "-- reference: X-1\n-- title: T\n-- unit: count\n-- polarity: none\n"
        "-- period: in_month\n-- dataset: cin\n-- version: 1\n-- definition: d\n"
        "SELECT count(*) AS numerator FROM referrals"
    )
    with pytest.raises(HeaderError, match=r"\$la"):
        load_file(path)


def test_no_indicator_sees_another_authoritys_children():
    """Stockton's rows only: every Torbay figure is zero or blank, never Stockton's."""
    stockton = {
        "ssda903_episodes": table(
            "ssda903_episodes",
            [
                episode(
                    "A",
                    "2023-05-01",
                    "2023-09-01",
                    REC="E11",
                    HOME_POST="TQ1 1AA",
                    PL_POST="BS1 1AA",
                )
            ],
            la="808",
        ),
        "cin_referrals": table(
            "cin_referrals", [{"la_child_id": "A", "referral_date": "2023-05-01"}], la="808"
        ),
        "cin_cp_plans": table(
            "cin_cp_plans", [{"la_child_id": "A", "start_date": "2023-05-01"}], la="808"
        ),
        "missing_episodes": table(
            "missing_episodes",
            [{"child_id": "A", "missing_start": "2024-03-02", "missing_end": "2024-03-03"}],
            la="808",
        ),
    }
    engine = Engine(stockton, "880")
    for result in engine.run_all(dt.date(2024, 3, 1)):
        if result.computed:
            assert result.numerator in (0, None), result.indicator.reference


def test_an_indicator_of_a_dataset_not_loaded_is_not_computed_rather_than_zero():
    engine = Engine({}, "880")
    result = engine.run(indicators()["LAC-01"], for_month("snapshot", dt.date(2024, 3, 1)))
    assert not result.computed and result.value is None


def test_the_indicator_reference_page_is_current():
    assert docs.PAGE.read_text() == docs.render(), (
        "docs/indicators.md is out of date: run python -m analytics.indicators.docs"
    )
