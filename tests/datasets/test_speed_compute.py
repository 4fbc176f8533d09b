"""A compute from a snapshot starts as a bare scan would: it imports no reader, no
validation, no Django, no pandas and no Arrow (decision 0039). Not timed: what is imported is the
cause, and a timing on a shared machine would only be noise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from analytics.loads import load
from tests.datasets.returns import cin_census, clean_903, write

NOT_NEEDED = (
    "analytics.loads",
    "analytics.validation",
    "analytics.formats.files",
    "analytics.formats.cin_census",
    "analytics.formats.csv_files",
    "analytics.formats.annex_a",
    "pyarrow",
    "numpy",
    "django",
    "pandas",
    "holidays",
    "python_calamine",
)
PROGRAM = """
import json, sys
from analytics.compute_cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def test_a_compute_from_a_snapshot_imports_only_what_it_runs(tmp_path: Path):
    folder = clean_903(tmp_path / "returns")
    write(folder, **{"cin.xml": cin_census(["C1"])})
    snapshot = load([folder], "880", tmp_path / "var").snapshot
    assert snapshot is not None
    arguments = ["--snapshot", str(snapshot.path), "--la", "880", "--month", "2024-03"]
    for _ in range(2):  # the first fills the cache folder (working days, postcodes)
        done = subprocess.run(  # noqa: S603 (this interpreter, our own program)
            [sys.executable, "-c", PROGRAM, *arguments, "--quiet"],
            capture_output=True,
            text=True,
            check=True,
            env={"ASSURE_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""},
            cwd=Path(__file__).resolve().parents[2],
        )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0
    imported = set(report["modules"])
    assert not [name for name in NOT_NEEDED if name in imported]
    assert "duckdb" in imported
