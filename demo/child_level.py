"""The demo's child-level data: synthetic statutory returns for the partnership's authority,
made by the generator (`analytics.synthetic`), loaded through the datasets service the upload
page and `assure load` use (so they are validated and kept as a snapshot), and computed into
the performance framework's figures.

Asked for by `child_level/synthetic.yaml` in a partnership's demo folder (see FORMAT.md).
The generated files are kept under the var directory, named by the seed, the years and the
generator's own code, so reloading the demo reads the same files again (the snapshot is
recognised) instead of simulating the authority again. While the rest of the demo loads,
`generating` simulates the authorities in another process, so a second core does it.

The local extracts of exploitation toolkits and missing episodes are generated but not
loaded: loading them would copy the synthetic children of 2023-2025 into the exploitation
register, whose demo reproduces 004's tables of 8 July 2021.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from analytics.synthetic import generator
from analytics.synthetic.calibration import latest_year
from assure.core.models import Membership, Partnership, Role
from assure.datasets import observations
from assure.datasets import services as datasets
from assure.datasets.models import Load
from demo.loader import DemoDataError, read

SPEC = Path("child_level") / "synthetic.yaml"
# Generations started by `generating`, by the folder they will be renamed to.
_pending: dict[Path, tuple[Future, Path]] = {}


@dataclass(frozen=True)
class Wanted:
    la: str
    seed: int
    years: int
    end_year: int
    local_extracts: tuple[str, ...]

    @cached_property
    def folder(self) -> Path:
        """Where the returns are kept: a new name whenever the generator's code changes."""
        digest = hashlib.sha256()
        for path in sorted(Path(generator.__file__).parent.glob("*.py")):
            digest.update(path.read_bytes())
        name = f"seed{self.seed}-years{self.years}-to{self.end_year}-{digest.hexdigest()[:10]}"
        return observations.data_dir() / "demo" / self.la / name

    @property
    def ready(self) -> bool:
        return (self.folder / self.la / "manifest.json").exists()


def wanted(folder: Path, la: str) -> Wanted | None:
    if not (folder / SPEC).exists():
        return None
    spec = read(folder / SPEC).get("synthetic_returns") or {}
    return Wanted(
        la,
        int(spec.get("seed", 1)),
        int(spec.get("years", 2)),
        int(spec.get("end_year") or latest_year()),
        tuple(spec.get("local_extracts") or ()),
    )


def _aside(want: Wanted) -> Path:
    root = want.folder.parent
    root.mkdir(parents=True, exist_ok=True)
    for older in root.iterdir():  # files of an older generator are not needed again
        if older.is_dir() and older.name.startswith("seed"):
            shutil.rmtree(older, ignore_errors=True)
    return root / f".incomplete-{uuid.uuid4().hex}"


def _put_in_place(aside: Path, want: Wanted) -> None:
    """Renamed into place whole, so a half-written folder is never read."""
    try:
        if not want.ready:
            os.replace(aside, want.folder)
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def wanted_by(folders: list[Path]) -> list[Wanted]:
    """The synthetic returns these demo folders ask for."""
    found = []
    for folder in folders:
        la = str(read(folder / "partnership.yaml")["partnership"].get("la_code") or "")
        want = wanted(folder, la)
        if want is not None:
            found.append(want)
    return found


@contextmanager
def generating(folders: list[Path]) -> Iterator[None]:
    """Start simulating, in another process, the authorities these demo folders ask for."""
    jobs = [w for w in wanted_by(folders) if not w.ready and w.folder not in _pending]
    if not jobs:
        yield
        return
    # spawn, not fork: the child needs numpy only, never this process's database connections
    pool = ProcessPoolExecutor(len(jobs), mp_context=multiprocessing.get_context("spawn"))
    for want in jobs:
        aside = _aside(want)
        job = pool.submit(
            generator.generate_authority, want.la, aside, want.years, want.seed, want.end_year
        )
        _pending[want.folder] = (job, aside)
    try:
        yield
    finally:
        for want in jobs:
            pending = _pending.pop(want.folder, None)
            if pending is None:
                continue  # used by load_child_level
            job, aside = pending
            if job.exception() is None:
                _put_in_place(aside, want)
            shutil.rmtree(aside, ignore_errors=True)
        pool.shutdown()


def returns_folder(want: Wanted) -> Path:
    """The authority's generated returns: made already, being made, or made now."""
    if not want.ready:
        job, aside = _pending.pop(want.folder, (None, None))
        if job is None or aside is None:
            aside = _aside(want)
            generator.generate_authority(want.la, aside, want.years, want.seed, want.end_year)
        else:
            job.result()
        _put_in_place(aside, want)
    return want.folder / want.la


def _analyst(partnership: Partnership) -> Any:
    membership = (
        Membership.objects.filter(partnership=partnership, role=Role.ANALYST)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    return membership.user if membership else None


def load_child_level(partnership: Partnership, folder: Path) -> Load | None:
    """Generate (or find), load and compute the partnership's synthetic returns."""
    want = wanted(folder, partnership.la_code)
    if want is None:
        return None
    returns = returns_folder(want)
    first = want.end_year - want.years + 1
    paths = [returns / str(year) for year in range(first, want.end_year + 1)]
    paths += [returns / "local" / name for name in want.local_extracts]
    analyst = _analyst(partnership)
    load = datasets.run(datasets.start_paths(analyst, partnership, paths).pk, analyst)
    if not load.snapshot_id:
        raise DemoDataError(f"{folder.name}: the synthetic returns were refused: {load.report}")
    if load.status == Load.Status.REUSED:
        # Kept by an earlier demo: its figures went with the partnership, so compute them again.
        load = datasets.recompute_reused(analyst, load)
    return load
