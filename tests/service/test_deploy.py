"""The production guide holds: with the documented settings Django's deployment checks find
nothing, and every ASSURE_* variable the code reads is in the guide's table."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "deploy.md"


def documented_settings() -> dict[str, str]:
    lines = (ROOT / "deploy" / "assure.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_the_documented_production_settings_pass_djangos_deployment_checks(tmp_path):
    env = {**documented_settings(), "PATH": "/usr/bin:/bin"}
    env["ASSURE_SECRET_KEY"] = secrets.token_urlsafe(50)  # as the guide says to make one
    env["ASSURE_VAR_DIR"] = str(tmp_path)
    env["ASSURE_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "assure.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "DEBUG",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_every_setting_the_code_reads_is_in_the_guide():
    read = set()
    for folder in ["assure", "analytics", "demo"]:
        for path in (ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"ASSURE_[A-Z0-9_]+", path.read_text()))
    rows = [row.split("|")[1] for row in GUIDE.read_text().splitlines() if row.startswith("| `")]
    table = {name for cell in rows for name in re.findall(r"`(ASSURE_[A-Z0-9_]+)`", cell)}
    assert read <= table, sorted(read - table)
    assert set(documented_settings()) <= table
