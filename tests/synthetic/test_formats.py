"""The generated files are valid returns: the CIN census against the Department's XSD of
each year, the SSDA903 CSVs against the schema's columns, codes and date formats."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from analytics.formats.ssda903_schema import column_map
from analytics.synthetic.ssda903 import COLUMNS

SPECS = Path(__file__).resolve().parents[2] / "analytics" / "formats" / "specs"


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_cin_census_is_valid_against_the_years_xsd(torbay_files, year):
    schema = etree.XMLSchema(etree.parse(str(SPECS / "cin_census" / f"CIN_schema_{year}.xsd")))
    document = etree.parse(str(torbay_files / str(year) / "cin_census.xml"))
    assert schema.validate(document), schema.error_log.last_error
    assert len(document.findall(".//Child")) > 1000


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_ssda903_columns_codes_and_dates_follow_the_schema(torbay_files, year):
    spec = column_map(year)
    problems = []
    for table in COLUMNS:
        path = torbay_files / str(year) / "ssda903" / f"{table}.csv"
        if table == "social_worker" and year < 2024:
            assert not path.exists()
            continue
        rows = _rows(path)
        assert list(rows[0]) if rows else True
        assert set(_header(path)) == set(spec[table])  # recognised by column set
        for number, row in enumerate(rows, start=2):
            for name, rule in spec[table].items():
                problem = _check(row[name], rule)
                if problem:
                    problems.append(f"{table}.csv row {number} {name}: {problem}")
    assert not problems, problems[:10]


def _header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def _check(value: str, rule: dict) -> str | None:
    if value == "":
        return None if rule.get("canbeblank") else "blank"
    if "category" in rule:
        codes = {str(c["code"]) for c in rule["category"]}
        return None if value in codes else f"{value!r} not a code"
    if "date" in rule:
        try:
            datetime.strptime(value, rule["date"])
        except ValueError:
            return f"{value!r} not {rule['date']}"
    if "numeric" in rule and not value.isdigit():
        return f"{value!r} not a number"
    return None


def test_every_table_refers_to_children_in_the_header(torbay_files):
    folder = torbay_files / "2025" / "ssda903"
    known = {r["CHILD"] for r in _rows(folder / "header.csv")}
    for table in COLUMNS:
        assert {r["CHILD"] for r in _rows(folder / f"{table}.csv")} <= known, table


def test_local_extracts_have_their_documented_columns(torbay_files):
    from analytics.synthetic.local_extracts import (
        MISSING_COLUMNS,
        TOOLKIT_COLUMNS,
        WORKFORCE_COLUMNS,
    )

    local = torbay_files / "local"
    for name, columns in [
        ("missing_episodes", MISSING_COLUMNS),
        ("exploitation_toolkits", TOOLKIT_COLUMNS),
        ("workforce", WORKFORCE_COLUMNS),
    ]:
        assert _header(local / f"{name}.csv") == columns
        assert len(_rows(local / f"{name}.csv")) > 10
    toolkits = _rows(local / "exploitation_toolkits.csv")
    assert {r["exploitation_type"] for r in toolkits} == {"CSE", "CCE", "Both"}
    assert {r["risk_level"] for r in toolkits} == {"Low", "Medium", "High"}
