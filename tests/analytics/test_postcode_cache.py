"""Postcode centroids are unpacked once and then read from the cache folder; a cache that is
damaged is passed by, and the figures are the same either way."""

from __future__ import annotations

from collections import Counter

import pytest

from analytics.indicators import reference


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSURE_CACHE_DIR", str(tmp_path))
    reference._postcodes_of.cache_clear()
    yield tmp_path
    reference._postcodes_of.cache_clear()


def test_a_letter_is_unpacked_once_then_read_from_the_cache(cache, monkeypatch):
    first = reference.postcodes({"T"})
    [kept] = cache.glob("postcodes-*-T.arrow")
    assert first.num_rows > 100_000 and "la" in first.column_names
    reference._postcodes_of.cache_clear()

    def unpacked(path):  # type: ignore[no-untyped-def]
        raise AssertionError("unpacked again although the cache holds the letter")

    monkeypatch.setattr(reference, "_unpack", unpacked)
    again = reference.postcodes({"T"})
    assert again.to_pydict()["postcode"] == first.to_pydict()["postcode"]
    assert again["la"].to_pylist() == first["la"].to_pylist()
    assert kept.exists()


def test_a_damaged_cache_file_is_passed_by_and_replaced(cache):
    expected = reference.postcodes({"T"})["la"].to_pylist()
    [kept] = cache.glob("postcodes-*-T.arrow")
    kept.write_bytes(b"not an Arrow file")
    reference._postcodes_of.cache_clear()
    assert reference.postcodes({"T"})["la"].to_pylist() == expected
    assert kept.read_bytes().startswith(b"ARROW1")


def test_torquay_postcodes_belong_to_torbay(cache):
    table = reference.postcodes({"T"})
    pc = reference.pc
    # TQ1 (Torquay): six characters without the space, so not TQ10 to TQ14 (Devon).
    torquay = pc.and_(
        pc.starts_with(table["postcode"], "TQ1"), pc.equal(pc.utf8_length(table["postcode"]), 6)
    )
    found = Counter(table.filter(torquay)["la"].drop_null().to_pylist())
    assert found.most_common(1)[0][0] == "880"  # Torbay's three-digit code
    assert found["880"] > 0.95 * found.total()  # a few on the border are Devon's
