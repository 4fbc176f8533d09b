"""Synthetic returns shared by the workers of a test run: each authority, number of years,
seed and last year is generated once, by the first worker to ask for it, while the others
wait for it; then every worker reads the same files. Generating Torbay's two years takes
about 12 s, and the demo, the service tests and the rule parity each asked for them, on
each worker.

Read only: a test that changes files copies them first (the parity tests write their copies
to a folder of their own).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from pathlib import Path

import pytest

from analytics.synthetic import generator
from analytics.synthetic.calibration import latest_year


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that every worker sees: pytest-xdist gives each worker a folder
    of its own inside the run's (the master, when there are no workers, has the run's)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def generated(
    tmp_path_factory: pytest.TempPathFactory,
    la: str,
    years: int,
    seed: int,
    end_year: int | None = None,
) -> Path:
    """The folder `assure generate` writes for the authority (its years, `local/`, Annex A
    and manifest), made once a run."""
    end_year = end_year or latest_year()
    root = run_folder(tmp_path_factory) / "generated"
    root.mkdir(exist_ok=True)
    done = root / f"{la}-years{years}-seed{seed}-to{end_year}"
    with (root / f"{done.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            aside = root / f".incomplete-{uuid.uuid4().hex}"
            try:
                generator.generate_authority(la, aside, years, seed, end_year)
                os.replace(aside, done)
            finally:
                shutil.rmtree(aside, ignore_errors=True)
    return done / la
