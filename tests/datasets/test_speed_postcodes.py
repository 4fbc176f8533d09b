"""The postcodes an authority's placements use are looked up alone (decision 0039): their
rows are the rows the whole letters give for them."""

from __future__ import annotations

import pytest

from analytics.indicators import reference


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSURE_CACHE_DIR", str(tmp_path))
    reference._postcodes_of.cache_clear()
    yield tmp_path
    reference._postcodes_of.cache_clear()


def test_the_postcodes_asked_for_are_the_rows_their_letters_give(cache):
    codes = ["TQ11AA", "TQ26AA", "EX11AB", "NOTAPOSTCODE", ""]
    found = reference.centroids(codes).sort_by("postcode").to_pylist()
    whole = reference.postcodes({"T", "E", "N"}).to_pylist()
    assert found == sorted(
        (r for r in whole if r["postcode"] in codes), key=lambda r: r["postcode"]
    )
    assert {r["postcode"] for r in found} <= {"TQ11AA", "TQ26AA", "EX11AB"}
    assert found and all(r["la"] for r in found if r["postcode"].startswith("TQ1"))


def test_no_postcodes_give_an_empty_table_of_the_same_columns(cache):
    assert reference.centroids([]).column_names == ["postcode", "easting", "northing", "la"]
