"""Only the tests about the demo load it: a test elsewhere that asks for it is refused at
collection (tests/conftest.py), so the suite cannot drift back to sharing the demo."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import demo_allowed, refuse_demo_strays


def test_seed_demo_and_browser_modules_may_load_the_demo_and_no_others() -> None:
    assert demo_allowed(Path("tests/reports/test_seed_highlight.py"))
    assert demo_allowed(Path("tests/audits/test_demo.py"))
    assert demo_allowed(Path("tests/browser/test_journeys.py"))
    assert not demo_allowed(Path("tests/reports/test_highlight.py"))
    assert not demo_allowed(Path("tests/risks/test_register_demo_like.py"))


def _item(path: str, *fixtures: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid=f"{path}::test_x", path=Path(path), fixturenames=fixtures)


def test_a_test_not_about_the_demo_that_asks_for_it_is_refused_by_name() -> None:
    allowed = _item("tests/reports/test_seed_annual.py", "demo", "db")
    stray = _item("tests/reports/test_annual.py", "torbay", "demo", "db")
    refuse_demo_strays([allowed])  # nothing to refuse
    with pytest.raises(pytest.UsageError, match=r"tests/reports/test_annual.py::test_x"):
        refuse_demo_strays([allowed, stray, _item("tests/risks/test_a.py", "db")])
