"""Every page of pages.py, as each persona who can open it: no WCAG 2.2 A or AA failure found
by axe, on a laptop and on a 320-pixel phone; every kind of control shows its focus; nothing
sticks out or is cut off at 320 pixels, at 200% zoom or with wider text spacing; screenshots
of the main pages kept in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from assure.core.models import Partnership

from . import axe, layout
from .pages import PAGES, Screen
from .visitor import Visitor

pytestmark = pytest.mark.browser


def problems_on(visitor: Visitor, screen: Screen, path: str, focus_kinds: set[str]) -> list[str]:
    """Everything wrong with one page, so one run reports every page's problems at once."""
    name = f"{visitor.persona.replace(' ', '-')}-{screen.name}"
    found = []
    try:
        visitor.go(path)
    except axe.AccessibilityError as error:
        found.append(str(error))  # and go on to check the rest of the page
    except AssertionError as error:
        return [str(error)]  # the page did not open as expected
    if screen.screenshot:
        visitor.shot(name)
    found += [f"{path}: {problem}" for problem in layout.focus_problems(visitor.page, focus_kinds)]
    for label, size in (("at 200% zoom", layout.ZOOM_200), ("at 320px wide", layout.PHONE)):
        found += [f"{path} {label}: {problem}" for problem in layout.overflow(visitor.page, size)]
    try:  # still at 320px: the rules that depend on layout, such as the size of targets
        axe.check(visitor.page, f"{path} at 320px wide", axe.LAYOUT_RULES)
    except AssertionError as error:
        found.append(str(error))
    if screen.screenshot:
        visitor.shot(f"{name}-phone")
    found += [
        f"{path} with wider text spacing: {problem}"
        for problem in layout.text_spacing(visitor.page, layout.DESKTOP)
    ]
    return found


@pytest.mark.parametrize("sweep", list(PAGES), ids=lambda p: p or "signed-out")
def test_every_page_is_accessible_and_reflows(sweep, visit):
    torbay = Partnership.objects.get(slug="torbay")
    visitor = visit(sweep.partition(":")[0] if sweep else None)
    problems: list[str] = []
    focus_kinds: set[str] = set()  # each kind of control is focused on the first page it is on
    for screen in PAGES[sweep]:
        problems += problems_on(visitor, screen, screen.path(torbay), focus_kinds)
    assert not problems, "\n\n".join(problems)
