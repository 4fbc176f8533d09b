"""Snapshots: each accepted load kept as Parquet files that are never changed afterwards.

A snapshot lives in `<data dir>/snapshots/<la>/<id>/` with one Parquet file per table, a
`manifest.json` (files and their sha256, tables and row counts, collection years) and the
validation `report.json`. It is written in a temporary folder and renamed into place, so a
reader never sees half a snapshot. Its checksum is the sha256 of its input files' own
checksums, so loading the same files again finds the snapshot already there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from analytics.formats.datasets import dataset_of

MANIFEST = "manifest.json"
REPORT = "report.json"
LA_PATTERN = re.compile(r"^[A-Za-z0-9]{1,12}$")
ID_PATTERN = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{10}$")


@dataclass(frozen=True)
class Snapshot:
    id: str
    la: str
    path: Path
    manifest: dict[str, Any]

    @property
    def checksum(self) -> str:
        return str(self.manifest["checksum"])

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.manifest["created"])

    @property
    def tables(self) -> dict[str, int]:
        return dict(self.manifest["tables"])

    @property
    def datasets(self) -> list[str]:
        return list(self.manifest["datasets"])

    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def report(self) -> dict[str, Any]:
        return json.loads((self.path / REPORT).read_text())


def checksum(file_checksums: list[str]) -> str:
    """The checksum of a set of files: the same files, in any order or names, give the same."""
    return hashlib.sha256("\n".join(sorted(file_checksums)).encode()).hexdigest()


def root(data_dir: Path, la: str) -> Path:
    if not LA_PATTERN.match(la):
        raise ValueError(f"'{la}' is not a local authority code")
    return Path(data_dir) / "snapshots" / la


def all_snapshots(data_dir: Path, la: str) -> list[Snapshot]:
    """Every snapshot of an authority, oldest first."""
    folder = root(data_dir, la)
    found = []
    for path in sorted(folder.glob("*/")) if folder.exists() else []:
        if ID_PATTERN.match(path.name) and (path / MANIFEST).exists():
            found.append(Snapshot(path.name, la, path, json.loads((path / MANIFEST).read_text())))
    return found


def get(data_dir: Path, la: str, snapshot_id: str) -> Snapshot:
    if not ID_PATTERN.match(snapshot_id):
        raise KeyError(snapshot_id)
    path = root(data_dir, la) / snapshot_id
    if not (path / MANIFEST).exists():
        raise KeyError(snapshot_id)
    return Snapshot(snapshot_id, la, path, json.loads((path / MANIFEST).read_text()))


def find(data_dir: Path, la: str, digest: str) -> Snapshot | None:
    return next((s for s in all_snapshots(data_dir, la) if s.checksum == digest), None)


def latest_by_dataset(data_dir: Path, la: str) -> dict[str, Snapshot]:
    """For each dataset, the newest snapshot holding it: what indicators are computed from."""
    latest: dict[str, Snapshot] = {}
    for snapshot in all_snapshots(data_dir, la):
        for dataset in snapshot.datasets:
            latest[dataset] = snapshot
    return latest


def outdated(data_dir: Path, la: str, before: dt.datetime) -> list[Snapshot]:
    """Snapshots kept before `before` that no figure is computed from any more: each dataset's
    newest snapshot is kept however old, so a retention never takes a figure's source."""
    needed = {s.id for s in latest_by_dataset(data_dir, la).values()}
    return [s for s in all_snapshots(data_dir, la) if s.created < before and s.id not in needed]


def remove(snapshot: Snapshot) -> None:
    """Delete a snapshot: renamed out of sight first, so it is never seen half-deleted."""
    doomed = snapshot.path.with_name(f".removing-{snapshot.id}")
    os.rename(snapshot.path, doomed)
    for path in doomed.iterdir():
        path.chmod(0o644)
    shutil.rmtree(doomed)


def remove_unfinished(data_dir: Path, la: str) -> None:
    """Delete what a writer or remover killed part-way left behind (never a snapshot: those
    are only ever renamed into place whole). Call only when no load of `la` is running."""
    folder = root(data_dir, la)
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.startswith((".incomplete-", ".removing-")):
            for inside in path.iterdir():
                inside.chmod(0o644)
            shutil.rmtree(path)


def write(
    data_dir: Path,
    la: str,
    tables: dict[str, pa.Table],
    files: list[dict[str, Any]],
    report: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> Snapshot:
    """Keep a validated load. Returns the existing snapshot if these files were kept before."""
    digest = checksum([f["sha256"] for f in files])
    existing = find(data_dir, la, digest)
    if existing:
        return existing
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    snapshot_id = f"{now:%Y%m%dT%H%M%S}-{digest[:10]}"
    folder = root(data_dir, la)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".incomplete-{uuid.uuid4().hex}"
    temporary.mkdir()
    try:
        for name, table in tables.items():
            # lz4: half the time of zstd, for files a third larger (England: 7 s, not 14).
            pq.write_table(table, temporary / f"{name}.parquet", compression="lz4")
        manifest = {
            "id": snapshot_id,
            "la": la,
            "checksum": digest,
            "created": now.isoformat(),
            "files": files,
            **_contents(tables),
            **(extra or {}),
        }
        (temporary / REPORT).write_text(json.dumps(report, default=str))
        (temporary / MANIFEST).write_text(json.dumps(manifest, indent=1, default=str))
        for path in temporary.iterdir():
            path.chmod(0o444)
        os.rename(temporary, folder / snapshot_id)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return get(data_dir, la, snapshot_id)


def _contents(tables: dict[str, pa.Table]) -> dict[str, Any]:
    return {
        "tables": {name: table.num_rows for name, table in tables.items()},
        "datasets": sorted({dataset_of(name) for name in tables}),
    }
