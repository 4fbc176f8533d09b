"""Validation of a load: structure, codes and dates per collection year, then consistency.

`validate(reading, la)` checks every table a reader found and, when nothing fatal was
found, returns the typed tables ready to keep. Fatal problems refuse the load; warnings
are kept with it. For many authorities at once, `typed` each and then `across` them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa

from analytics.formats.tables import RawTable
from analytics.problems import FATAL, WARNING, Problem, Report
from analytics.validation import consistency, values

if TYPE_CHECKING:
    from analytics.formats.files import Reading


@dataclass
class Validated:
    tables: dict[str, pa.Table] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    years: dict[str, list[int]] = field(default_factory=dict)
    datasets: list[str] = field(default_factory=list)


def _authority(raw: RawTable, la: str, year: int | None, report: Report) -> None:
    """The census says which authority, year and reference date it is for: the authority
    and year must be the ones loaded, the reference date 31 March of its year."""
    if raw.spec.name != "cin_children":
        return
    found_la = raw.meta.get("la")
    if found_la and found_la != la:
        report.add(
            Problem(
                FATAL,
                raw.file,
                "file.wrong_authority",
                f"The census is for authority {found_la}, not {la}.",
                expected=f"<LEA>{la}</LEA>",
                column="LEA",
            )
        )
    if year and raw.collection_year and raw.collection_year != year:
        report.add(
            Problem(
                FATAL,
                raw.file,
                "file.wrong_year",
                f"The census is for {raw.collection_year}, not {year}.",
                expected=f"<Year>{year}</Year>",
                column="Year",
            )
        )
    reference = (raw.meta.get("reference_date") or "").strip()
    if raw.collection_year and reference != f"{raw.collection_year}-03-31":
        report.add(
            Problem(
                WARNING,
                raw.file,
                "cin.reference_date",
                f"The census's reference date is {reference or 'missing'}; the census of "
                f"{raw.collection_year} is taken on 31 March {raw.collection_year}.",
                expected=f"<ReferenceDate>{raw.collection_year}-03-31</ReferenceDate>",
                column="ReferenceDate",
                value=reference,
            )
        )


def _typed(
    raw: RawTable, la: str, report: Report, held: dict[str, pa.Array], dated: values.Dated
) -> pa.Table | None:
    table = values.convert(raw, report, held, dated)
    if table is None:
        return None
    values.check_key(raw, table, report)
    n = table.num_rows
    year = raw.collection_year
    return (
        table.append_column("la", pa.array([la] * n, pa.string()))
        .append_column("collection_year", pa.array([year] * n, pa.int16()))
        .append_column("source_file", pa.array([raw.file] * n, pa.string()))
    )


def typed(reading: Reading, la: str, year: int | None = None) -> Validated:
    """Each table read checked on its own (structure, codes and dates) and typed; the rules
    across rows and tables are `across`'s."""
    result = Validated()
    result.report.extend(reading.problems)
    pieces: dict[str, list[pa.Table]] = defaultdict(list)
    years: dict[str, set[int]] = defaultdict(set)
    datasets: set[str] = set()
    # Every date column of the reading read before any table is typed, those written alike
    # at once: a few calls for each step of reading a date, not a few for each column.
    held = [(raw, values.texts(raw)) for raw in reading.tables]
    dated = values.dates_of(held)
    for (raw, cells), dates in zip(held, dated, strict=True):
        _authority(raw, la, year, result.report)
        table = _typed(raw, la, result.report, cells, dates)
        if table is not None:
            pieces[raw.spec.name].append(table)
            datasets.add(raw.spec.dataset)
            if raw.collection_year:
                years[raw.spec.dataset].add(raw.collection_year)
    result.tables = {
        name: pa.concat_tables(parts, promote_options="default") for name, parts in pieces.items()
    }
    result.years = {dataset: sorted(found) for dataset, found in years.items()}
    result.datasets = sorted(datasets)
    return result


def across(validated: Mapping[str, Validated], today: dt.date | None = None) -> None:
    """The rules across rows and tables, over the typed tables of every authority given
    (`validated[la]`) at once, each authority's findings to its own report."""
    loaded = {la: v for la, v in validated.items() if v.tables}
    if loaded:
        consistency.check_many(
            {la: v.tables for la, v in loaded.items()},
            {la: v.report for la, v in loaded.items()},
            today,
        )
    for result in validated.values():
        if not result.tables and result.report.accepted:
            result.report.add(Problem(FATAL, "(load)", "load.empty", "No table was found to load."))


def validate(
    reading: Reading, la: str, year: int | None = None, today: dt.date | None = None
) -> Validated:
    result = typed(reading, la, year)
    across({la: result}, today)
    return result
