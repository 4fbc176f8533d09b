"""The layers of docs/architecture.md hold, and the check would notice a module breaking them:
an import of Django planted in a copy of `analytics` breaks its contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(  # noqa: S603 - the project's own tool on its own files
        [str(LINT_IMPORTS), str(config), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_project_keeps_its_layers():
    result = lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_of_django_planted_in_analytics_breaks_its_contract(tmp_path):
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in contracts["contracts"] if c["source_modules"] == ["analytics"])
    config = tmp_path / "importlinter.ini"
    config.write_text(
        "[importlinter]\nroot_package = analytics\ninclude_external_packages = True\n\n"
        "[importlinter:contract:analytics]\n"
        f"name = {contract['name']}\ntype = forbidden\nsource_modules = analytics\n"
        "forbidden_modules =\n    django\n"
    )
    copy = tmp_path / "analytics"
    shutil.copytree(ROOT / "analytics", copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert "django" in contract["forbidden_modules"]
    assert lint_imports(tmp_path, config).returncode == 0

    periods = copy / "periods.py"
    periods.write_text(periods.read_text() + "\nfrom django.utils import timezone  # planted\n")
    result = lint_imports(tmp_path, config)
    assert result.returncode != 0 and "BROKEN" in result.stdout
    assert "analytics.periods -> django" in result.stdout
