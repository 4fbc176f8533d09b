"""The layers of docs/architecture.md hold, and the check would notice a module breaking them:
for each contract in the table, an import planted in a copy of the code breaks it (Django in
`analytics`, an app reading one above it, a cycle between two apps)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

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


def _contract(words: str) -> dict:
    """The project's contract whose name holds `words`."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (found,) = [c for c in settings["contracts"] if words in c["name"]]
    return found


# (the contract, by words of its name; the module an import is planted in; the import; what
# the broken contract's report says)
PLANTED = [
    (
        "analytics is free of Django",
        "analytics/periods.py",
        "from django.utils import timezone",
        "analytics.periods -> django",
    ),
    (
        "analytics' packages, import one another one way only",
        "analytics/formats/tables.py",
        "from analytics.validation import values",
        "No cycles are allowed in analytics.",
    ),
    (
        "the readers of the statutory formats",
        "analytics/formats/tables.py",
        "from analytics.validation import values",
        "analytics.formats.tables -> analytics.validation.values",
    ),
    (
        "audits read neither the exploitation register",
        "assure/audits/access.py",
        "from assure.exploitation import services",
        "assure.audits.access -> assure.exploitation.services",
    ),
    (
        "the apps, and analytics' packages, import one another one way only",
        "assure/audits/access.py",
        "from assure.exploitation import services",
        "No cycles are allowed in assure.",
    ),
    (
        "the partnership's structure is beneath",
        "assure/partnership/views.py",
        "from assure.plans import queries",
        "assure.partnership.views -> assure.plans.queries",
    ),
    (
        "the apps read the service's queue",
        "assure/datasets/views.py",
        "from assure.service import worker",
        "assure.datasets.views -> assure.service.worker",
    ),
]


def _toml(value: object) -> str:
    """A value written as TOML (strings, numbers, booleans and lists of them: JSON's way)."""
    return json.dumps(value)


@pytest.mark.parametrize(("words", "module", "planted", "reported"), PLANTED)
def test_an_import_planted_against_a_contract_breaks_it(tmp_path, words, module, planted, reported):
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for package in settings["root_packages"]:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    lines = [
        "[tool.importlinter]",
        f"root_packages = {_toml(settings['root_packages'])}",
        "include_external_packages = true",
        "",
        "[[tool.importlinter.contracts]]",
        *(f"{key} = {_toml(value)}" for key, value in _contract(words).items()),
    ]
    config = tmp_path / "contracts.toml"
    config.write_text("\n".join(lines) + "\n")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{planted}  # planted\n")
    result = lint_imports(tmp_path, config)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout + result.stderr
    assert reported in result.stdout, result.stdout
