"""`assure backup -o FILE` and `assure restore FILE`: one archive of a whole instance.

The archive is a gzipped tar holding
- `database.jsonl`: every row of the application database as Django writes fixtures (one
  object a line, foreign keys to content types by name), so it restores into any engine:
  SQLite to PostgreSQL included;
- `data/...`: the data folder (snapshots of returns, uploads waiting to load, the demo's
  synthetic returns), without the SQLite database itself and the collected static files;
- `keys/pseudonym_key` when the key of pseudonyms is kept in the var folder rather than
  the environment (without it the pseudonyms in the archive could not be matched again);
- `manifest.json`: the version, the migrations applied, and each file's size and SHA-256.

A restore goes into an empty instance only, checks every checksum and the migrations before
it writes anything, and loads the database in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from assure.datasets.observations import data_dir

FORMAT = 1
DATABASE = "database.jsonl"
# Rows not worth keeping: made again by migrate, or about this running instance only.
NOT_KEPT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "django_tasks_database",
    "service.workerbeat",
]
SKIPPED_DATA = {"static"}
Say = Callable[[str], None]


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _data_files(root: Path) -> Iterator[Path]:
    database = Path(str(settings.DATABASES["default"]["NAME"]))
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or relative.parts[0] in SKIPPED_DATA:
            continue
        if path.name.startswith((".healthz-", ".incomplete-")) or ".incomplete-" in str(relative):
            continue
        if path.name.startswith(database.name) or path.name in {"secret_key", "pseudonym_key"}:
            continue
        yield path


def _applied_migrations() -> dict[str, list[str]]:
    applied = MigrationLoader(connection, ignore_no_migrations=True).applied_migrations
    migrations: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        migrations.setdefault(app, []).append(name)
    return migrations


def write(out: Path, say: Say = print) -> dict[str, Any]:
    """Write the archive to `out` (through a temporary name, so a half-written archive never
    carries the final name)."""
    out = out.resolve()
    partial = out.with_name(f".{out.name}.partial")
    try:
        manifest = _write(partial, say)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, out)
    say(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {len(manifest['files'])} files)")
    return manifest


def _write(partial: Path, say: Say) -> dict[str, Any]:
    files: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as work, tarfile.open(partial, "w:gz") as archive:
        dumped = Path(work) / DATABASE
        say("Writing the database")
        call_command(
            "dumpdata",
            exclude=NOT_KEPT,
            natural_foreign=True,
            format="jsonl",
            output=str(dumped),
            verbosity=0,
        )

        def add(path: Path, name: str) -> None:
            files[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
            archive.add(path, arcname=name, recursive=False)

        add(dumped, DATABASE)
        root = data_dir()
        data = list(_data_files(root))
        say(f"Writing {len(data)} files of the data folder")
        for path in data:
            add(path, f"data/{path.relative_to(root).as_posix()}")
        key = Path(settings.VAR_DIR) / "pseudonym_key"
        if key.exists() and not os.environ.get("ASSURE_PSEUDONYM_KEY"):
            add(key, "keys/pseudonym_key")
        manifest = {
            "format": FORMAT,
            "assure": version("assure"),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "migrations": _applied_migrations(),
            "files": files,
        }
        listed = Path(work) / "manifest.json"
        listed.write_text(json.dumps(manifest, indent=2))
        archive.add(listed, arcname="manifest.json")
    return manifest


def _unpack(archive_path: Path, into: Path) -> dict[str, Any]:
    """Unpack and check: only plain files under their own names, every one listed in the
    manifest with the size and checksum it was written with."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive_path} is not an Assure backup archive: {error}") from error
    listed = into / "manifest.json"
    if not listed.exists():
        raise BackupError(f"{archive_path} has no manifest.json: not an Assure backup archive")
    manifest = json.loads(listed.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} is a backup of format {manifest.get('format')}.")
    for name, expected in manifest["files"].items():
        path = into / name
        if not path.is_file():
            raise BackupError(f"{name} is listed in the manifest but missing from the archive.")
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the archive is damaged.")
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> None:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"The archive was made by a newer Assure ({manifest['assure']}): this one does not "
            f"know the migrations {', '.join(unknown[:5])}. Upgrade Assure, then restore."
        )


def _check_empty() -> None:
    from django.contrib.auth import get_user_model

    from assure.core.models import Partnership

    users = get_user_model().objects.count()
    partnerships = Partnership.objects.count()
    if users or partnerships:
        raise BackupError(
            f"Restore into an empty instance: this one has {users} users and {partnerships} "
            "partnerships. Point ASSURE_DATABASE_URL at a new database."
        )


def restore(archive_path: Path, say: Say = print) -> dict[str, Any]:
    """Restore an archive into this (empty) instance: the database, then the data folder."""
    call_command("migrate", verbosity=0, interactive=False)
    _check_empty()
    with tempfile.TemporaryDirectory() as work:
        unpacked = Path(work)
        say(f"Checking {archive_path}")
        manifest = _unpack(archive_path, unpacked)
        _check_migrations(manifest)
        say("Loading the database")
        with transaction.atomic():
            call_command("loaddata", str(unpacked / DATABASE), verbosity=0)
        placed = _place_files(unpacked)
    say(f"Restored the database and {placed} files from {manifest['created']}")
    return manifest


def _place_files(unpacked: Path) -> int:
    placed = 0
    root = data_dir()
    for source in sorted((unpacked / "data").rglob("*")) if (unpacked / "data").exists() else []:
        if source.is_file():
            target = root / source.relative_to(unpacked / "data")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            placed += 1
    key = unpacked / "keys" / "pseudonym_key"
    if key.exists() and not os.environ.get("ASSURE_PSEUDONYM_KEY"):
        shutil.copy2(key, Path(settings.VAR_DIR) / "pseudonym_key")
        (Path(settings.VAR_DIR) / "pseudonym_key").chmod(0o600)
    return placed
