"""Plants one breach (`parity.Mutation`) in a copy of clean returns and asks Assure about it.

`clean(folder)` reads the SSDA903 CSVs of this year and last and this year's CIN census;
`plant` writes the copy with one breach; `counts` (or `counts_many`, for many copies at once)
are Assure's problems in a copy; `flagged` says which of Assure's rules find a problem in the
copy that the clean files do not have.
"""

from __future__ import annotations

import copy
import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
from lxml import etree

from analytics.formats.files import Reading, read
from analytics.validation import Validated, across, typed
from analytics.validation.parity import Files, Mutation
from analytics.validation.parity_903 import SSDA903
from analytics.validation.parity_cin import CIN

Counts = Counter[tuple[str, str, str, str]]
MUTATIONS = SSDA903 + CIN
# The clean returns the breaches are planted in: Torbay's, 2024 and 2025, of this seed. Every
# breach needs a row it fits: since the generator of the night of 6 December 2026 Torbay's
# returns of seed 1 have had no child of 17 who left care at 16, for the care leavers of
# rules 347 and 3001 (nor a series of short breaks, V4, in 2025).
LA, SEED = "880", 3


def _csvs(folder: Path) -> dict[str, list[dict[str, str]]]:
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            tables[path.stem] = list(csv.DictReader(handle))
    return tables


def clean(folder: Path, year: int) -> Files:
    """The returns of `year` and the SSDA903 of the year before, from `assure generate`."""
    return Files(
        this=_csvs(folder / str(year) / "ssda903"),
        last=_csvs(folder / str(year - 1) / "ssda903"),
        cin=etree.parse(str(folder / str(year) / "cin_census.xml")),
        year=year,
    )


def _write_csvs(tables: dict[str, list[dict[str, str]]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else [])
            writer.writeheader()
            writer.writerows(rows)


def write(files: Files, folder: Path, dataset: str) -> list[Path]:
    """The copy's files: the SSDA903 folders of this year and last, or the census."""
    if dataset == "cin":
        folder.mkdir(parents=True, exist_ok=True)
        files.cin.write(str(folder / "cin_census.xml"), encoding="UTF-8", xml_declaration=True)
        return [folder / "cin_census.xml"]
    _write_csvs(files.this, folder / "this")
    _write_csvs(files.last, folder / "last")
    return [folder / "last", folder / "this"]


def plant(mutation: Mutation, files: Files, folder: Path) -> list[Path]:
    """A copy of `files` with the one breach, written under `folder`."""
    copied = Files(year=files.year)
    if mutation.dataset == "cin":
        copied.cin = copy.deepcopy(files.cin)
    else:
        copied.this, copied.last = copy.deepcopy(files.this), copy.deepcopy(files.last)
    mutation.plant(copied)
    return write(copied, folder, mutation.dataset)


def counts(paths: list[Path], la: str, year: int) -> Counts:
    """Assure's problems in the files, counted by severity, file, column and rule."""
    return counts_many([paths], la, year)[0]


def counts_many(copies: Sequence[list[Path]], la: str, year: int) -> list[Counts]:
    """`counts` of each copy's files, the rules across tables run once over them all, each
    copy as an authority of its own, as England is loaded (`validation.across`: every rule
    keys a child by authority, so each copy gets the counts it would get alone).

    The SSDA903 folders of last year and this are each read as their year, as a person
    loading them would say (`assure load --year`), so a date planted past 31 March is
    a date in the wrong year, not a sign of a later return.
    """
    checked = {}
    for number, paths in enumerate(copies):
        validated = typed(_reading(paths, year), la)
        key = la if len(copies) == 1 else f"{la}-{number}"
        checked[key] = _as_authority(validated, key)
    across(checked)
    return [validated.report.counts for validated in checked.values()]


def _reading(paths: list[Path], year: int) -> Reading:
    if paths[0].suffix == ".xml":
        return read(paths)
    reading = read([paths[0]], year - 1)
    this = read([paths[1]], year)
    reading.tables += this.tables
    reading.problems += this.problems
    return reading


def _as_authority(validated: Validated, key: str) -> Validated:
    """The copy's typed tables with `key` as each row's authority (typed as `la`, so the
    census's own authority code is checked as it is in a load)."""
    for name, table in validated.tables.items():
        keys = pa.array([key] * table.num_rows, pa.string())
        validated.tables[name] = table.set_column(table.schema.get_field_index("la"), "la", keys)
    return validated


def flagged(before: Counts, after: Counts) -> list[str]:
    """Assure's rules with more problems in the copy than in the clean files."""
    return sorted({key[3] for key, n in after.items() if n > before.get(key, 0)})
