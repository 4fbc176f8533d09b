"""Synthetic authorities generated once per test session: Torbay over three years and
Stockton-on-Tees over one, with their worlds (for consistency checks) and written files."""

from __future__ import annotations

import pytest

from analytics.synthetic import generator, world

END_YEAR = 2025


@pytest.fixture(scope="session")
def torbay_world():
    return world.simulate("880", END_YEAR, 3, seed=11)


@pytest.fixture(scope="session")
def stockton_world():
    return world.simulate("808", END_YEAR, 1, seed=11)


@pytest.fixture(scope="session")
def torbay_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    generator.generate_authority("880", out, years=3, seed=11, end_year=END_YEAR)
    return out / "880"
