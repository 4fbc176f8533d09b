"""The service tests' Assures: a whole instance in processes of its own (instance.py), made
from a migrated template, and Torbay's synthetic returns to load into it, generated once a
run (no demo: the instance starts with one partnership of its own)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.returns import generated
from tests.service.instance import SEED, Instance, Template


@pytest.fixture(scope="session")
def template(django_db_setup, tmp_path_factory) -> Iterator[Template]:
    made = Template(tmp_path_factory.mktemp("template"))
    yield made
    if made.postgres:
        made.drop()


@pytest.fixture
def instance(db, tmp_path: Path, template: Template) -> Iterator[Instance]:
    """A new, empty Assure with one partnership (Testbay, authority 880) and its analyst."""
    made = Instance(tmp_path, template)
    try:
        made.python(SEED)
        yield made
    finally:
        made.close()


@pytest.fixture
def queued(settings) -> None:
    """Tasks wait in the database queue for a worker, and the reminders are due at 07:00."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ASSURE_REMIND_AT = "07:00"


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Path:
    """Torbay's (880) synthetic returns for two collection years, as `assure generate` makes
    them (seed 1, as the demo's), generated once a run (tests/returns.py)."""
    return generated(tmp_path_factory, "880", years=2, seed=1)


@pytest.fixture
def returns_by_year(synthetic: Path) -> list[list[Path]]:
    """Torbay's synthetic returns, a year at a time, newest first: each year's SSDA903 tables
    and CIN census."""
    years = sorted((p for p in synthetic.iterdir() if p.name.isdigit()), reverse=True)
    return [[*sorted((y / "ssda903").glob("*.csv")), y / "cin_census.xml"] for y in years]


@pytest.fixture
def returns(returns_by_year: list[list[Path]]) -> list[Path]:
    """The newest year of Torbay's synthetic returns."""
    return returns_by_year[0]
