"""Every collection year the generator writes is a valid return of that year: our own
validation accepts ten years of a small authority (2017 to 2026), the codes written are in
that year's lists, adoptions carry their dates, and short breaks follow the Department's rules.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from analytics.formats import cin_census_schema, files
from analytics.formats.ssda903_schema import column_map
from analytics.synthetic import codes, generator
from analytics.validation import validate

YEARS = list(range(2017, 2027))


@pytest.fixture(scope="session")
def rutland(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ten_years")
    generator.generate_authority("857", out, years=len(YEARS), seed=3, end_year=YEARS[-1])
    return out / "857"


@pytest.fixture(scope="session")
def rutland_validated(rutland):
    sources, problems = files.sources([rutland])
    reading = files.read(sources)
    reading.problems = problems + reading.problems
    return validate(reading, "857")


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(text: str) -> datetime:
    return datetime.strptime(text, "%d/%m/%Y")


def test_ten_years_are_loaded_and_accepted(rutland_validated):
    report = rutland_validated.report
    fatal = Counter(
        (p.file.split("/")[-3:][0], p.column, p.rule) for p in report.problems if p.fatal
    )
    assert report.accepted, f"{report.summary()}: {fatal.most_common(8)}"
    assert rutland_validated.years == {"cin": YEARS, "ssda903": YEARS}


@pytest.mark.parametrize("year", YEARS)
def test_every_code_written_is_in_that_years_lists(rutland, year):
    assert not codes.unlisted(year)
    spec = column_map(year)
    found = []
    for path in sorted((rutland / str(year) / "ssda903").glob("*.csv")):
        for number, row in enumerate(_rows(path), start=2):
            for name, rule in spec[path.stem].items():
                listed = {str(c["code"]) for c in rule.get("category", [])}
                if listed and row[name] and row[name] not in listed:
                    found.append(f"{path.name} row {number} {name} {row[name]!r}")
    assert not found, found[:5]


@pytest.mark.parametrize("year", YEARS)
def test_census_is_valid_against_that_years_xsd(rutland, year):
    from lxml import etree

    xsd = cin_census_schema.SPEC_DIR / f"CIN_schema_{year}.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.parse(str(rutland / str(year) / "cin_census.xml"))), (
        schema.error_log.last_error
    )


def test_older_years_use_the_codes_of_their_time():
    # Supported accommodation, a special guardianship order to former foster carers and a
    # care leaver in full-time training, in 2018 and in 2025.
    assert list(codes.ssda903("episodes", "PLACE", ["K3", "U6"], 2018)) == ["H5", "U6"]
    assert list(codes.ssda903("episodes", "PLACE", ["K3"], 2025)) == ["K3"]
    assert list(codes.ssda903("episodes", "REC", ["E45", "E48", "E41"], 2018)) == [
        "E43",
        "E44",
        "E41",
    ]
    assert list(codes.ssda903("oc3", "ACTIV", ["F4", "P5"], 2021)) == ["F3", "P3"]
    assert codes.cin("AssessmentFactors", "24A", 2021) == "13A"
    assert codes.cin("ReferralSource", "5D", 2023) == "5D"


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_adoptions_have_their_decision_and_match_dates_in_order(torbay_files, year):
    folder = torbay_files / str(year) / "ssda903"
    ad1 = _rows(folder / "ad1.csv")
    adopted = {r["CHILD"] for r in _rows(folder / "episodes.csv") if r["REC"] in ("E11", "E12")}
    assert ad1 and {r["CHILD"] for r in ad1} == adopted
    ended = {r["CHILD"]: _date(r["DEC"]) for r in _rows(folder / "episodes.csv") if r["DEC"]}
    for row in ad1:
        assert row["DATE_INT"] and row["DATE_MATCH"], row
        assert _date(row["DATE_INT"]) <= _date(row["DATE_MATCH"]) <= ended[row["CHILD"]]


def test_short_breaks_follow_the_departments_rules(torbay_files):
    folder = torbay_files / "2025" / "ssda903"
    episodes = _rows(folder / "episodes.csv")
    short = [r for r in episodes if r["LS"] in ("V3", "V4")]
    assert short, "no short breaks generated"
    assert {r["PLACE"] for r in short} <= {"U6", "K2"}  # never T0-T4, U1 or U4
    assert not any(r["HOME_POST"] or r["PL_POST"] for r in short)
    single = [r for r in short if r["LS"] == "V3"]
    assert all(r["RNE"] == "S" for r in single)
    assert all((_date(r["DEC"]) - _date(r["DECOM"])).days <= 17 for r in single if r["DEC"])
    kinds: dict[str, set[str]] = {}
    for r in short:
        kinds.setdefault(r["CHILD"], set()).add(r["LS"])
    assert all(len(k) == 1 for k in kinds.values()), "V3 and V4 for one child in a year"
    only_short = set(kinds) - {r["CHILD"] for r in episodes if r["LS"] not in ("V3", "V4")}
    header = {r["CHILD"]: r for r in _rows(folder / "header.csv")}
    assert only_short and not any(header[c]["MOTHER"] for c in only_short)
    assert not only_short & {r["CHILD"] for r in _rows(folder / "reviews.csv")}


def test_missing_episodes_end_within_the_placement_they_began_in(torbay_world):
    m, e = torbay_world.missing, torbay_world.episodes
    cared = m.take(m["looked_after"])
    for child, start, end in zip(cared["child"], cared["start"], cared["end"], strict=True):
        inside = (e["child"] == child) & (e["decom"] < start) & (end < e["dec"])
        assert inside.any(), (child, start, end)
