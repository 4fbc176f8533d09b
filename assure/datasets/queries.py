"""Reads of the datasets app, scoped to the partnership and its local authority."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from analytics.formats.files import all_specs
from analytics.formats.tables import POSTCODE, TableSpec
from analytics.store import snapshots
from assure.audits.pseudonyms import pseudonym
from assure.core.models import Partnership
from assure.datasets.models import Load
from assure.datasets.observations import data_dir

PAGE_SIZE = 50
HIDDEN = {"la", "source_file"}


def loads_of(partnership: Partnership) -> QuerySet[Load]:
    return Load.objects.filter(partnership=partnership).select_related("created_by")


def get_load(partnership: Partnership, pk: int) -> Load:
    return get_object_or_404(Load, partnership=partnership, pk=pk)


@dataclass
class SnapshotRow:
    snapshot: snapshots.Snapshot
    load: Load | None
    in_use: list[str]


def snapshots_of(partnership: Partnership) -> list[SnapshotRow]:
    """The snapshots this partnership's loads kept, newest first, and which are in use."""
    kept = {load.snapshot_id: load for load in loads_of(partnership).exclude(snapshot_id="")}
    latest = snapshots.latest_by_dataset(data_dir(), partnership.la_code)
    rows = []
    for snapshot in reversed(snapshots.all_snapshots(data_dir(), partnership.la_code)):
        if snapshot.id not in kept:
            continue  # kept by another partnership of the same authority, or by hand
        in_use = sorted(d for d, s in latest.items() if s.id == snapshot.id)
        rows.append(SnapshotRow(snapshot, kept[snapshot.id], in_use))
    return rows


def snapshot_tables(partnership: Partnership, load: Load) -> list[tuple[str, str, int]]:
    """(table, title, rows) of the snapshot a load kept; none if it kept nothing."""
    if not load.snapshot_id:
        return []
    try:
        snapshot = snapshots.get(data_dir(), partnership.la_code, load.snapshot_id)
    except KeyError:
        return []
    specs = all_specs()
    return [
        (name, specs[name].title if name in specs else name, count)
        for name, count in sorted(snapshot.tables.items())
    ]


# Data minimisation: what an analyst sees of a child-level row.
# Identifiers are shown only to those granted access to children's records.
CHILD_IDS = {"CHILD", "la_child_id", "child_id"}
BIRTH_DATES = {"DOB", "birth_date", "dob"}
IDENTIFYING = {
    "UPN", "upn", "former_upn", "MC_DOB", "expected_birth_date", "SW_ID", "allocated_worker",
    "allocated_personal_advisor", "individual_adopter_identifier", "family_identifier",
}  # fmt: skip


@dataclass
class ChildRows:
    table: str
    title: str
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    identified: bool


def child_rows(
    partnership: Partnership, load: Load, table: str, page: int = 1, identified: bool = False
) -> ChildRows:
    """One page of a kept table's rows, only those of the partnership's authority; without
    `identified`, pseudonymous: a keyed pseudonym for the child, age for the date of birth,
    no UPN, postcode or worker's name."""
    if not load.snapshot_id or table not in all_specs():
        raise KeyError(table)
    snapshot = snapshots.get(data_dir(), partnership.la_code, load.snapshot_id)
    if table not in snapshot.tables:
        raise KeyError(table)
    data = pq.read_table(snapshot.table_path(table))
    data = data.filter(pc.equal(data["la"], partnership.la_code))
    pages = max(1, -(-data.num_rows // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = data.slice((page - 1) * PAGE_SIZE, PAGE_SIZE)
    columns = [c for c in shown.column_names if c not in HIDDEN]
    rows = shown.select(columns).to_pylist()
    if not identified:
        columns, rows = _pseudonymous(all_specs()[table], columns, rows, partnership.la_code)
    return ChildRows(
        table, all_specs()[table].title, columns, rows, data.num_rows, page, pages, identified
    )


def _pseudonymous(
    spec: TableSpec, columns: list[str], rows: list[dict[str, Any]], la: str
) -> tuple[list[str], list[dict[str, Any]]]:
    postcodes = {c.name for c in spec.columns if c.kind == POSTCODE}
    kept = [c for c in columns if c not in IDENTIFYING | postcodes | BIRTH_DATES]
    ages = [c for c in columns if c in BIRTH_DATES and "age" not in columns]
    today = dt.date.today()

    def minimised(row: dict[str, Any]) -> dict[str, Any]:
        out = {c: pseudonym(la, row[c]) if c in CHILD_IDS and row[c] else row[c] for c in kept}
        for column in ages:
            born = row[column]
            out["age"] = (
                today.year - born.year - ((today.month, today.day) < (born.month, born.day))
                if isinstance(born, dt.date)
                else None
            )
        return out

    return kept + (["age"] if ages else []), [minimised(row) for row in rows]
