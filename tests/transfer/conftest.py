import pytest


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
