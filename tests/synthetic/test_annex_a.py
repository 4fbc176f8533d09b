"""The generator's Annex A workbook: lists 1-11 with the specification's headings, the same
children as the CIN census and SSDA903 files on the inspection date, nothing dated after
it, and read back by Assure's own Annex A reader with no problem at all."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

import openpyxl
import pytest
from lxml import etree

from analytics import loads
from analytics.formats import annex_a as reader
from analytics.synthetic import annex_a, cin_census, ssda903, world

LA, YEAR = "867", 2025  # Bracknell Forest: small, with children placed for adoption
AS_AT = dt.date(YEAR, 3, 31)


@pytest.fixture(scope="module")
def small_world():
    return world.simulate(LA, YEAR, 1, seed=1)


@pytest.fixture(scope="module")
def written(small_world, tmp_path_factory):
    folder = tmp_path_factory.mktemp("annex_a")
    counts = annex_a.write(small_world, folder / "annex_a.xlsx")
    ssda903.write(small_world, YEAR, folder / "ssda903")
    cin_census.write(small_world, YEAR, folder / "cin_census.xml")
    return folder, counts


@pytest.fixture(scope="module")
def validated(written):
    folder, _ = written
    return loads.check([folder / "annex_a.xlsx"], LA)[0]


def sheet_rows(path, number: int) -> list[dict]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[f"List {number}"].iter_rows(values_only=True))
    book.close()
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_every_list_has_the_specifications_headings(written):
    folder, counts = written
    book = openpyxl.load_workbook(folder / "annex_a.xlsx", read_only=True)
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    for number, (spec, _) in reader.lists().items():
        headings = next(book[f"List {number}"].iter_rows(max_row=1, values_only=True))
        assert list(headings) == [column.header for column in spec.columns]
    book.close()
    assert counts["list_2"] == counts["list_11"] == 0  # early help, adopters: not simulated
    assert all(counts[f"list_{n}"] for n in (1, 3, 4, 5, 6, 7, 8, 9, 10)), counts


def test_the_reader_reads_it_back_without_a_problem(written, validated):
    folder, counts = written
    assert validated.report.problems == []
    for number in range(1, 12):
        assert validated.tables[f"annex_a_list_{number}"].num_rows == counts[f"list_{number}"]
    tables, problems = reader.read_workbook(folder / "annex_a.xlsx", "annex_a.xlsx")
    assert problems == [] and all(not table.extra_columns for table in tables)


def test_nothing_is_dated_after_the_inspection_date(validated):
    for name, table in validated.tables.items():
        for column in table.column_names:
            if str(table.schema.field(column).type) == "date32[day]" and table.num_rows:
                latest = max((d for d in table[column].to_pylist() if d), default=None)
                assert latest is None or latest <= AS_AT, (name, column, latest)


def test_the_children_are_those_of_the_returns(written):
    folder, _ = written
    with (folder / "ssda903" / "episodes.csv").open(newline="") as handle:
        # Short breaks (V3, V4) are not in Annex A's list of children in care.
        in_care = {
            row["CHILD"]
            for row in csv.DictReader(handle)
            if not row["DEC"] and row["LS"] not in ("V3", "V4")
        }
    looked_after = sheet_rows(folder / "annex_a.xlsx", 8)
    still = {
        row["Child Unique ID"] for row in looked_after if not row["Date Ceased to be Looked After"]
    }
    assert still == in_care and len(still) > 20

    census = etree.parse(str(folder / "cin_census.xml"))
    in_census = {e.text for e in census.iter() if etree.QName(e).localname == "LAchildID"}
    in_need = {row["Child Unique ID"] for row in sheet_rows(folder / "annex_a.xlsx", 6)}
    assert in_need <= in_census
    plans = sheet_rows(folder / "annex_a.xlsx", 7)
    assert {row["Child Unique ID"] for row in plans} <= in_need


def test_the_same_seed_gives_the_same_workbook(small_world, written, tmp_path):
    folder, _ = written
    annex_a.write(small_world, tmp_path / "again.xlsx")
    digest = [
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (folder / "annex_a.xlsx", tmp_path / "again.xlsx")
    ]
    assert digest[0] == digest[1]
