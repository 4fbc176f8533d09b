"""Keyboard-only use of the main journeys: the skip link comes first and moves focus to the
main content, Tab moves through a form in the order it reads, every stop shows where the
focus is, and a form sent with mistakes takes the focus to its error summary."""

from __future__ import annotations

import pytest

from assure.core.models import Partnership

from . import layout
from .pages import BUSINESS_PLAN, POLICE_ACTION, action, plan
from .visitor import Visitor

pytestmark = pytest.mark.browser

UPDATE_FIELDS = ["period", "rag", "progress", "barriers", "next_steps", "evidence"]


def torbay_path(finder) -> str:
    return finder(Partnership.objects.get(slug="torbay"))


def tab_to(visitor: Visitor, stop, most: int = 80) -> list[dict]:
    """Press Tab until `stop(focused)` is true; every element passed must show its focus."""
    passed = []
    for _ in range(most):
        visitor.page.keyboard.press("Tab")
        focused = visitor.focused()
        style = layout.focus_style(visitor.page)
        assert style["visible"], f"focus cannot be seen on {focused}: {style}"
        passed.append(focused)
        if stop(focused):
            return passed
    raise AssertionError(f"{most} presses of Tab never reached the stop: {passed[-5:]}")


def test_the_skip_link_comes_first_and_takes_focus_to_the_main_content(visit):
    reader = visit("board")
    reader.go(torbay_path(plan(BUSINESS_PLAN)))
    reader.page.keyboard.press("Tab")
    assert reader.focused()["text"] == "Skip to main content"
    box = reader.page.get_by_text("Skip to main content").bounding_box()
    assert box and box["height"] > 10 and box["y"] >= 0, "the focused skip link is not on screen"
    assert layout.focus_style(reader.page)["visible"]
    reader.page.keyboard.press("Enter")
    assert reader.focused()["id"] == "main-content"
    reader.page.keyboard.press("Tab")
    assert reader.page.evaluate("!!document.activeElement.closest('main')")


def test_on_a_phone_the_menu_opens_and_is_walked_with_the_keyboard(visit):
    reader = visit("board", viewport=layout.PHONE)
    menu = reader.page.get_by_role("button", name="Menu")
    plans = reader.page.get_by_role("link", name="Plans", exact=True)
    assert menu.is_visible() and not plans.is_visible()
    tab_to(reader, lambda focused: focused["text"] == "Menu")
    reader.page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    tab_to(reader, lambda focused: focused["text"] == "Plans", most=1)
    reader.press("Enter")
    assert reader.heading() == "Plans"


def test_signing_in_with_the_keyboard_alone(visit):
    visitor = visit(None)
    visitor.go("/accounts/login/")
    stops = tab_to(visitor, lambda focused: focused["name"] == "username")
    assert stops[0]["text"] == "Skip to main content"
    visitor.page.keyboard.type("torbay.owner")
    tab_to(visitor, lambda focused: focused["name"] == "password", most=1)
    visitor.page.keyboard.type("not the password")
    visitor.press("Enter")
    assert visitor.page.title().startswith("Error: ")
    assert visitor.focused()["classes"].startswith("govuk-error-summary")
    visitor.page.keyboard.press("Tab")  # to the error's link, which takes focus to the field
    visitor.page.keyboard.press("Enter")
    assert visitor.focused()["name"] == "username"
    tab_to(visitor, lambda focused: focused["name"] == "password", most=1)
    visitor.page.keyboard.type("Assure-demo-2026")
    visitor.press("Enter")
    assert visitor.heading() == "Torbay Safeguarding Children Partnership"


def test_an_action_owner_writes_an_update_with_the_keyboard_alone(visit):
    owner = visit("owner")
    owner.go(torbay_path(action(POLICE_ACTION, "update-new")))
    typed = {
        "progress": "The 100 day plan is under way.",
        "next_steps": "Agree the longer term strategy.",
    }

    def fill_on_the_way(focused: dict) -> bool:
        if focused["name"] == "rag" and not owner.page.locator("[name=rag]:checked").count():
            owner.page.keyboard.press("Space")  # chooses the first rating: Green
        owner.page.keyboard.type(typed.get(focused["name"], ""))
        return focused["text"] == "Save"

    stops = tab_to(owner, fill_on_the_way)
    names = [stop["name"] for stop in stops if stop["name"] in UPDATE_FIELDS]
    assert names == UPDATE_FIELDS, "Tab does not move through the form in the order it reads"
    owner.press("Enter")
    assert "for review" in owner.banner()
    assert typed["progress"] in owner.text()


def test_a_form_sent_empty_takes_focus_to_the_error_summary_and_on_to_the_field(visit):
    manager = visit("manager")
    manager.go(torbay_path(action(POLICE_ACTION, "update-new")))
    manager.page.get_by_label("Period", exact=True).fill("")
    manager.page.get_by_role("button", name="Save").focus()
    manager.press("Enter", expect=400)
    assert manager.page.title().startswith("Error: ")
    assert manager.focused()["classes"].startswith("govuk-error-summary")
    summary = manager.page.locator(".govuk-error-summary").inner_text()
    assert "There is a problem" in summary
    errors = manager.page.locator(".govuk-error-summary__list a").all()
    assert len(errors) == 3, summary  # period, rating and progress are needed
    manager.page.keyboard.press("Tab")
    first = manager.focused()
    assert layout.focus_style(manager.page)["visible"]
    manager.page.keyboard.press("Enter")
    assert manager.focused()["id"] == first["href"].removeprefix("#")
