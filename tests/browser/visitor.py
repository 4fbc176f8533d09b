"""A person using Assure in the browser, and the guard that every page they see is checked.

A visitor signs in through the real sign-in form. `go`, `follow`, `submit` and `press` move
them to a new page, check its HTTP status, and run axe on it; a page reached any other way
must be checked with `check()`, or the test fails (see `assert_every_page_checked`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Response

from . import axe
from .layout import DESKTOP

PASSWORD = "Assure-demo-2026"  # noqa: S105 (the demo's published password)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@dataclass
class Visitor:
    page: Page
    base_url: str
    persona: str
    loaded: list[str] = field(default_factory=list)
    checked: int = 0

    def __post_init__(self) -> None:
        self.page.on("load", lambda page: self.loaded.append(page.url))

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def go(self, path: str, expect: int = 200) -> None:
        self._expect(self.page.goto(self.base_url + path), expect, f"opening {path}")

    def follow(self, name: str | re.Pattern[str], expect: int = 200, role: str = "link") -> None:
        """Click the link (or button) a screen reader would announce as `name`; land on its page."""
        target = self.page.get_by_role(role, name=name, exact=isinstance(name, str))
        with self.page.expect_navigation() as navigation:
            target.first.click()
        self._expect(navigation.value, expect, f"following '{name}'")

    def submit(self, button: str | re.Pattern[str] = "Save", expect: int = 200) -> None:
        self.follow(button, expect, role="button")

    def press(self, key: str = "Enter", expect: int = 200) -> None:
        """Press a key that takes the visitor to a new page (Enter on a link or a button)."""
        with self.page.expect_navigation() as navigation:
            self.page.keyboard.press(key)
        self._expect(navigation.value, expect, f"pressing {key} on {self.focused()['text']!r}")

    def focused(self) -> dict[str, str]:
        """The element the keyboard is on: its tag, id, name, text and link target."""
        return self.page.evaluate(
            """() => { const el = document.activeElement;
              return {tag: el.tagName.toLowerCase(), id: el.id, name: el.name || '',
                      href: el.getAttribute('href') || '', classes: el.className || '',
                      text: (el.innerText || el.value || '').trim().slice(0, 60)}; }"""
        )

    def fill_in(self, fields: dict[str | re.Pattern[str], str | bool]) -> None:
        """Fill a form as a person reads it: each field found by its label; a select by the
        option's text, a radio or checkbox ticked."""
        for label, value in fields.items():
            field = self.page.get_by_label(label, exact=isinstance(label, str))
            kind = field.evaluate("el => el.tagName === 'SELECT' ? 'select' : el.type")
            if kind == "select":
                field.select_option(label=str(value))
            elif kind in {"radio", "checkbox"}:
                field.check()
            else:
                field.fill(str(value))

    def sign_in(self, username: str) -> None:
        self.go("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.submit("Sign in")

    def check(self) -> None:
        """Run axe on the page as it is now; fails with a readable report."""
        self.page.wait_for_load_state("load")
        self.assert_every_page_checked(but_this_one=True)
        found = axe.violations(self.page)
        self.checked = len(self.loaded)  # even if it fails: reported once, here
        if found:
            raise axe.AccessibilityError(axe.report(f"{self.path} as the {self.persona}", found))

    def shot(self, name: str, full_page: bool = True) -> Path:
        """A screenshot kept as a test artefact; a long page is cut at 1,600 pixels."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        size = self.page.viewport_size or DESKTOP
        height = self.page.evaluate("document.documentElement.scrollHeight")
        height = min(height, 1600) if full_page else size["height"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
        self.page.screenshot(path=path, full_page=True, clip=clip)
        return path

    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def banner(self) -> str:
        """The success message at the top of the page, if there is one."""
        return " ".join(self.page.locator(".govuk-notification-banner").all_inner_texts())

    def text(self) -> str:
        return self.page.locator("main").inner_text()

    def assert_every_page_checked(self, but_this_one: bool = False) -> None:
        unchecked = self.loaded[self.checked : -1 if but_this_one else None]
        assert not unchecked, f"pages loaded but never checked with axe: {unchecked}"

    def _expect(self, response: Response | None, status: int, doing: str) -> None:
        if response is None or response.status != status:
            self.checked = len(self.loaded)  # reported here, so not again as never checked
            got = f"HTTP {response.status}" if response else "no page"
            shown = self.heading() if response and response.status < 500 else ""
            raise AssertionError(
                f"the {self.persona} got {got} {doing} ({self.path}), expected {status}: {shown}"
            )
        self.check()
