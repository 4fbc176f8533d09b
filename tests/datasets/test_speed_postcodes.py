"""The postcodes an authority's placements use are looked up alone (decision 0039): their
rows are the rows the whole letters give for them."""

from __future__ import annotations

import duckdb
import pytest

from analytics.indicators import reference


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSURE_CACHE_DIR", str(tmp_path))
    return tmp_path


def _table(**asked) -> list[tuple]:
    connection = duckdb.connect()
    reference.centroids(connection, **asked)
    return connection.execute("FROM postcodes ORDER BY postcode").fetchall()


def test_the_postcodes_asked_for_are_the_rows_their_letters_give(cache):
    codes = ["TQ11AA", "TQ26AA", "EX11AB", "NOTAPOSTCODE", ""]
    found = _table(codes=codes)
    whole = _table(letters={"T", "E", "N"})
    assert found == [row for row in whole if row[0] in codes]
    assert {row[0] for row in found} == {"TQ11AA", "TQ26AA", "EX11AB"}
    assert all(row[3] for row in found if row[0].startswith("TQ1"))


def test_no_postcodes_give_an_empty_table_of_the_same_columns(cache):
    connection = duckdb.connect()
    reference.centroids(connection, [])
    assert (
        connection.execute("DESCRIBE postcodes").fetchall()
        == connection.execute(
            "DESCRIBE SELECT 'TQ11AA' AS postcode, 1.0::DOUBLE AS easting, "
            "1.0::DOUBLE AS northing, '880' AS la"
        ).fetchall()
    )
    assert connection.execute("FROM postcodes").fetchall() == []
