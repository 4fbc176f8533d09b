"""Postcode centroids are unpacked once and then read from the cache folder; a cache that is
damaged is passed by, and the figures are the same either way."""

from __future__ import annotations

import math
from collections import Counter

import duckdb
import pytest

from analytics.indicators import reference


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSURE_CACHE_DIR", str(tmp_path))
    return tmp_path


def _letter(letter: str) -> list[tuple]:
    connection = duckdb.connect()
    reference.centroids(connection, letters={letter})
    return connection.execute("FROM postcodes ORDER BY postcode").fetchall()


def test_a_letter_is_unpacked_once_then_read_from_the_cache(cache, monkeypatch):
    first = _letter("T")
    [kept] = cache.glob("postcodes-*-T.sqlite")
    assert len(first) > 100_000

    def unpacked(path, target):  # type: ignore[no-untyped-def]
        raise AssertionError("unpacked again although the cache holds the letter")

    monkeypatch.setattr(reference, "_unpack", unpacked)
    again = _letter("T")
    assert [row[0] for row in again] == [row[0] for row in first]
    assert [row[3] for row in again] == [row[3] for row in first]
    assert kept.exists()


def test_a_damaged_cache_file_is_passed_by_and_replaced(cache):
    expected = [row[3] for row in _letter("T")]
    [kept] = cache.glob("postcodes-*-T.sqlite")
    kept.write_bytes(b"not a database")
    assert [row[3] for row in _letter("T")] == expected
    assert kept.read_bytes().startswith(b"SQLite format 3")


def test_a_postcode_without_a_centroid_keeps_nan_as_the_directory_gives_it(cache):
    """SQLite keeps NaN as NULL: the figures have always met NaN for such a postcode."""
    rows = _letter("T")
    missing = [row for row in rows if math.isnan(row[1])]
    assert missing and all(math.isnan(row[2]) for row in missing)
    assert not [row for row in rows if row[1] is None or row[2] is None]


def test_torquay_postcodes_belong_to_torbay(cache):
    # TQ1 (Torquay): six characters without the space, so not TQ10 to TQ14 (Devon).
    torquay = [row for row in _letter("T") if row[0].startswith("TQ1") and len(row[0]) == 6]
    found = Counter(row[3] for row in torquay if row[3])
    assert found.most_common(1)[0][0] == "880"  # Torbay's three-digit code
    assert found["880"] > 0.95 * found.total()  # a few on the border are Devon's
