"""Every write of the datasets app: starting a load, running it, and what follows it.

A load keeps its progress on its own row (the page polls it). Running one reads and
validates the files; a refused load keeps nothing but its report; an accepted one keeps an
immutable snapshot, copies its local extracts of exploitation toolkits and missing episodes
into the exploitation register, and computes the partnership's figures from it, all in one
transaction. Uploaded files are deleted once the load has finished: the snapshot holds what
was accepted.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from analytics import loads
from analytics.store import snapshots
from assure.core import audit
from assure.core.access import roles_for
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Partnership
from assure.datasets import observations, tasks
from assure.datasets.models import ABANDONED, Load
from assure.exploitation import services as exploitation
from assure.service import queue

ANALYSTS = roles_for("load_returns")
SUFFIXES = {".csv", ".xml", ".xlsx", ".xlsm"}
MAX_FILES = 40
MAX_BYTES = 512 * 1024 * 1024


def upload_root() -> Path:
    return observations.data_dir() / "uploads"


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._")
    return cleaned or "file"


def _check_uploads(files: list[UploadedFile]) -> None:
    if not files:
        raise DomainError("Choose the files to load.", field="files")
    if len(files) > MAX_FILES:
        raise DomainError(f"Load at most {MAX_FILES} files at once.", field="files")
    for upload in files:
        if Path(upload.name or "").suffix.lower() not in SUFFIXES:
            raise DomainError(f"{upload.name} is not a CSV, XML or Excel file.", field="files")
    if sum(upload.size or 0 for upload in files) > MAX_BYTES:
        raise DomainError("The files are larger than 512 MB together.", field="files")


def _check_year(year: int | None) -> None:
    if year is not None and not 2010 <= year <= 2040:
        raise DomainError("Give the collection year as four digits, e.g. 2024.", field="year")


@transaction.atomic
def start_upload(
    actor: Any, partnership: Partnership, files: list[UploadedFile], year: int | None = None
) -> Load:
    """Keep the uploaded files aside and start loading them in the background."""
    _check_uploads(files)
    _check_year(year)
    folder = upload_root() / partnership.slug / uuid.uuid4().hex
    folder.mkdir(parents=True)
    described = []
    for upload in files:
        target = folder / _safe_name(upload.name or "file")
        with target.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        described.append({"name": target.name, "size": upload.size})
    load = Load.objects.create(
        partnership=partnership,
        created_by=actor if getattr(actor, "pk", None) else None,
        collection_year=year,
        files=described,
        folder=str(folder),
    )
    _record(actor, load, ChangeRecord.Verb.CREATED, f"Started loading {load.file_names}")
    _queue(load)
    return load


def _queue(load: Load) -> None:
    """Queued in the same transaction as the load's row: both are kept, or neither."""
    load.task_id = str(tasks.run_load.enqueue(load.pk).id)
    Load.objects.filter(pk=load.pk).update(task_id=load.task_id)


@transaction.atomic
def retry(actor: Any, load: Load) -> Load:
    """Run again a load its worker abandoned: its uploaded files were kept for this."""
    load = Load.objects.select_for_update().get(pk=load.pk)
    if not load.can_retry or not Path(load.folder).is_dir():
        raise DomainError("Only a load the worker abandoned, with its files, can be tried again.")
    Load.objects.filter(pk=load.pk).update(
        status=Load.Status.QUEUED, stage="", progress=0, error="", finished_at=None
    )
    _record(actor, load, ChangeRecord.Verb.UPDATED, f"Tried loading {load.file_names} again")
    _queue(load)
    load.refresh_from_db()
    return load


@transaction.atomic
def start_paths(
    actor: Any, partnership: Partnership, paths: list[Path], year: int | None = None
) -> Load:
    """A load of files already on this machine (`assure load`): nothing is copied."""
    _check_year(year)
    missing = [str(p) for p in paths if not p.exists()]
    if missing or not paths:
        raise DomainError(
            f"No such file or folder: {', '.join(missing) or '(none)'}", field="files"
        )
    load = Load.objects.create(
        partnership=partnership,
        created_by=actor if getattr(actor, "pk", None) else None,
        collection_year=year,
        files=[{"name": str(p), "size": p.stat().st_size} for p in paths],
    )
    _record(actor, load, ChangeRecord.Verb.CREATED, f"Started loading {load.file_names}")
    return load


def _record(actor: Any, load: Load, verb: str, summary: str) -> None:
    audit.record(actor=actor, partnership=load.partnership, verb=verb, obj=load, summary=summary)


def _progress(load_id: int, watch: Any = None):
    def update(stage: str, fraction: float) -> None:
        Load.objects.filter(pk=load_id).update(
            status=Load.Status.RUNNING, stage=stage[:200], progress=int(fraction * 100)
        )
        if watch is not None:
            watch(stage, fraction)

    return update


def _paths(load: Load) -> list[Path]:
    if load.folder:
        return [Path(load.folder)]
    return [Path(f["name"]) for f in load.files]


def run(load_id: int, actor: Any = None, watch: Any = None) -> Load:
    """Do the work of a load (in the background runner, or straight away for the CLI);
    `watch(stage, fraction)`, if given, is told the progress too."""
    load = Load.objects.select_related("partnership").get(pk=load_id)
    partnership = load.partnership
    progress = _progress(load.pk, watch)
    progress("Starting", 0.0)
    try:
        result = loads.load(
            _paths(load),
            partnership.la_code,
            observations.data_dir(),
            load.collection_year,
            progress,
        )
        _finish(load, result, progress, actor)
    except Exception as error:  # noqa: BLE001 - the row must say it failed, whatever broke
        _remove_unkept(load)
        Load.objects.filter(pk=load.pk).update(
            status=Load.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
            stage="Failed",
        )
        raise
    finally:
        if load.folder:
            shutil.rmtree(load.folder, ignore_errors=True)
    return Load.objects.get(pk=load.pk)


def _finish(load: Load, result: loads.LoadResult, progress: Any, actor: Any) -> None:
    report, snapshot = result.report, result.snapshot
    if result.files:
        load.files = [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in result.files]
    load.report = report.as_dict() if not (result.reused and snapshot) else snapshot.report()
    load.fatal_count, load.warning_count = report.fatal_count, load.report.get("warnings", 0)
    load.timings = {k: round(v, 3) for k, v in result.timings.items()}
    if not result.accepted or snapshot is None:
        load.status = Load.Status.REFUSED
    else:
        load.snapshot_id = snapshot.id
        load.status = Load.Status.REUSED if result.reused else Load.Status.ACCEPTED
    load.stage, load.progress = "Finished", 100
    load.finished_at = timezone.now()
    actor = actor or load.created_by
    if result.accepted:
        progress("Copying into the register and computing the figures", 0.9)  # seen meanwhile
    with transaction.atomic():  # the register, the figures and the load's row: all or none
        if result.accepted and snapshot is not None:
            _copy_to_register(actor, load, snapshot)
        if result.accepted and not result.reused:
            load.observations = observations.compute(actor, load.partnership)
        load.save()
        _record(
            actor,
            load,
            ChangeRecord.Verb.UPDATED,
            f"Load {load.get_status_display().lower()}: {report.summary()}",
        )


def extract_rows(snapshot: snapshots.Snapshot, table: str, la: str) -> list[dict[str, Any]]:
    """A kept table's rows of one authority, as dictionaries; none if the snapshot lacks it."""
    if table not in snapshot.tables:
        return []
    data = pq.read_table(snapshot.table_path(table))
    return data.filter(pc.equal(data["la"], la)).to_pylist()


def _copy_to_register(actor: Any, load: Load, snapshot: snapshots.Snapshot) -> None:
    """The local extracts' toolkits and missing episodes into the exploitation register. A
    snapshot loaded before is copied again too (another partnership of the authority may have
    kept it): the copy adds only what the register lacks."""
    la = load.partnership.la_code
    toolkits = extract_rows(snapshot, "exploitation_toolkits", la)
    episodes = extract_rows(snapshot, "missing_episodes", la)
    if not toolkits and not episodes:
        return
    exploitation.copy_extracts(
        actor,
        load.partnership,
        toolkits=toolkits,
        episodes=episodes,
        source=load,
        where=f"load {load.pk} (snapshot {snapshot.id})",
    )


def fail_abandoned(partnership: Partnership | None = None, minutes: int = 60) -> int:
    """Loads nobody is doing any more are failed, so nobody waits for ever: those whose task
    failed under them (its worker died; their uploads are kept for a retry), and those with
    no task (`assure load` in a shell that was closed) left for an hour."""
    waiting = Load.objects.filter(status__in=[Load.Status.QUEUED, Load.Status.RUNNING])
    if partnership is not None:
        waiting = waiting.filter(partnership=partnership)
    dead = queue.failed(waiting.exclude(task_id="").values_list("task_id", flat=True))
    cutoff = timezone.now() - dt.timedelta(minutes=minutes)
    stale = waiting.filter(task_id="", created_at__lt=cutoff)
    for load in waiting.filter(Q(task_id__in=dead) | Q(pk__in=stale)).select_related("partnership"):
        _remove_unkept(load)
    return waiting.filter(task_id__in=dead).update(
        status=Load.Status.FAILED, error=ABANDONED, stage="Failed", finished_at=timezone.now()
    ) + stale.update(
        status=Load.Status.FAILED,
        error="The load stopped before it finished.",
        stage="Failed",
        finished_at=timezone.now(),
    )


def _remove_unkept(load: Load) -> None:
    """A load that did not finish keeps nothing: a snapshot its worker wrote before it
    stopped (made since the load began, and no load's) is removed, and so is any half-written
    one."""
    la = load.partnership.la_code
    loads_of_la = Load.objects.filter(partnership__la_code=la)
    if loads_of_la.filter(status=Load.Status.RUNNING).exclude(pk=load.pk).exists():
        return  # another load's snapshot may not be recorded yet: leave them all
    snapshots.remove_unfinished(observations.data_dir(), la)
    kept = set(loads_of_la.values_list("snapshot_id", flat=True))
    began = load.created_at.replace(microsecond=0)
    for snapshot in snapshots.all_snapshots(observations.data_dir(), la):
        if snapshot.id not in kept and snapshot.created >= began:
            snapshots.remove(snapshot)


def purge_snapshots(actor: Any, days: int, dry_run: bool = False) -> list[str]:
    """Delete the snapshots kept more than `days` ago that no figure is computed from any
    more (each dataset's newest stays), and say so on the loads that kept them. The figures
    computed from a purged snapshot stay: they are the partnership's record."""
    before = timezone.now() - dt.timedelta(days=days)
    purged = []
    for la in sorted(set(Partnership.objects.values_list("la_code", flat=True))):
        for snapshot in snapshots.outdated(observations.data_dir(), la, before):
            purged.append(f"{la}/{snapshot.id}")
            if not dry_run:
                _purge(actor, la, snapshot, days)
    return purged


@transaction.atomic
def _purge(actor: Any, la: str, snapshot: snapshots.Snapshot, days: int) -> None:
    kept_by = Load.objects.filter(partnership__la_code=la, snapshot_id=snapshot.id)
    for load in kept_by.select_related("partnership"):
        _record(
            actor,
            load,
            ChangeRecord.Verb.UPDATED,
            f"Deleted snapshot {snapshot.id} (kept {snapshot.created:%d %B %Y}): older than the "
            f"retention of {days} days; its figures stay",
        )
    kept_by.update(purged_at=timezone.now())
    snapshots.remove(snapshot)


def recompute(actor: Any, partnership: Partnership) -> int:
    """Compute the figures again from the latest snapshots (after a definition changed)."""
    with transaction.atomic():
        return observations.compute(actor, partnership)


@transaction.atomic
def recompute_reused(actor: Any, load: Load) -> Load:
    """Compute the figures of a load that found its snapshot kept already, whose figures this
    partnership does not hold (they went with an earlier copy of it), and say how many on the
    load."""
    if load.status != Load.Status.REUSED or not load.snapshot_id:
        raise DomainError("Only a load that found its snapshot kept already is computed again.")
    before = audit.snapshot(load)
    load.observations = observations.compute(actor, load.partnership)
    load.save(update_fields=["observations"])
    audit.record(
        actor=actor,
        partnership=load.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=load,
        summary=f"Computed {load.observations} figures again from snapshot {load.snapshot_id}",
        before=before,
    )
    return load


def view_rows_recorded(actor: Any, load: Load, table: str, rows: int) -> None:
    """Child-level rows were shown: say who saw which, so every view can be accounted for."""
    _record(
        actor,
        load,
        ChangeRecord.Verb.VIEWED,
        f"Viewed {rows} child-level rows of {table} from snapshot {load.snapshot_id}",
    )
