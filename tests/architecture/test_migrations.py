"""The suite's test databases are made from the models (`--no-migrations`, decision 0043),
so a model changed without its migration would pass every other test: this one asks Django,
in a process of its own, whether a migration is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_model_change_is_without_its_migration(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "ASSURE_"))}
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**env, "ASSURE_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
