from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

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
def returns_by_year(db) -> list[list[Path]]:
    """Torbay's synthetic returns, a year at a time, newest first: those the demo generated
    for this session."""
    found = sorted(Path(settings.ASSURE_DATA_DIR).glob("demo/880/seed*/880"))
    assert found, "the demo's synthetic returns for 880 were not generated"
    years = sorted((p for p in found[-1].iterdir() if p.name.isdigit()), reverse=True)
    return [[*sorted((y / "ssda903").glob("*.csv")), y / "cin_census.xml"] for y in years]


@pytest.fixture
def returns(returns_by_year: list[list[Path]]) -> list[Path]:
    """The newest year of Torbay's synthetic returns."""
    return returns_by_year[0]


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
