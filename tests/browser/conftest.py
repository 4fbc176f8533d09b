"""Fixtures for the browser suite: Debian's Chromium driven by Playwright (no browser is ever
downloaded), pytest-django's live server with the demo partnerships loaded, and visitors
signed in through the real sign-in form.

The live server needs a transactional database, which pytest-django empties after each
test; so each test puts the demo back if it is not there (the first finds the session's
copy). Loading it takes seconds, so on SQLite the loaded database is kept in a second,
in-memory database and copied back with SQLite's backup API, in milliseconds.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from playwright.sync_api import Browser, sync_playwright
from pytest_django.plugin import blocking_manager_key

from assure.core.models import Membership, Partnership
from tests.identity_provider import provider, provider_url  # noqa: F401 (fixtures)

from . import axe
from .layout import DESKTOP
from .visitor import Visitor

CHROMIUM = Path(os.environ.get("ASSURE_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run scripts/ensure-chromium first")
    # Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses
    # database calls from such a thread unless told they are safe. They are: the loop only
    # drives the browser. Module-scoped, so the loop is gone before other tests run.
    with mock.patch.dict(os.environ, {"DJANGO_ALLOW_ASYNC_UNSAFE": "true"}):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield browser
            browser.close()


KEPT: list[sqlite3.Connection] = []  # the demo's database, copied once (SQLite)


@pytest.fixture(scope="session")
def demo_copy() -> Iterator[list[sqlite3.Connection]]:
    yield KEPT
    for copy in KEPT:
        copy.close()
    KEPT.clear()


def put_demo_back(kept: list[sqlite3.Connection]) -> None:
    """Make the database hold the demo just as `assure demo` loads it."""
    connection.ensure_connection()
    sqlite = connection.vendor == "sqlite"
    if not Partnership.objects.filter(slug="torbay").exists():
        if sqlite and kept:
            kept[0].backup(connection.connection)
            ContentType.objects.clear_cache()  # the copy's ids, not the emptied database's
            return
        from demo.loader import load_all

        load_all()
    if sqlite and not kept:
        kept.append(sqlite3.connect(":memory:", check_same_thread=False))
        connection.connection.backup(kept[0])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a browser test pytest-django empties the database; once it has, put the demo
    back, so a test of another kind that this worker runs next finds it (pytest-xdist's
    work-stealing does not keep browser tests last)."""
    yield
    if "live_server" in getattr(item, "fixturenames", ()) and KEPT:
        with item.config.stash[blocking_manager_key].unblock():
            put_demo_back(KEPT)


@pytest.fixture
def demo_site(live_server, chromium, settings, demo_copy) -> str:
    """The live server's address, with the demo partnerships as `assure demo` loads them."""
    # Argon2 is slow by design and the demo hashes a password per user on each load: new
    # hashes here use MD5, and Argon2 hashes (the session's copy of the demo) still verify.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"] + [
        *settings.PASSWORD_HASHERS
    ]
    put_demo_back(demo_copy)
    return live_server.url


@pytest.fixture
def visit(
    chromium: Browser, demo_site: str, membership: Callable[[str], Membership]
) -> Iterator[Callable[..., Visitor]]:
    """visit("owner") opens a fresh browser signed in as that persona of tests/conftest.py
    (or a username); visit(None) opens one signed in as no one."""
    opened: list[Visitor] = []
    contexts = []

    def open_as(persona: str | None, viewport: dict[str, int] = DESKTOP) -> Visitor:
        context = chromium.new_context(viewport=viewport, locale="en-GB")
        context.add_init_script(script=axe.SOURCE)
        contexts.append(context)
        visitor = Visitor(context.new_page(), demo_site, persona or "signed-out visitor")
        opened.append(visitor)
        if persona:
            visitor.sign_in(membership(persona).user.username)
        return visitor

    yield open_as
    for context in contexts:
        context.close()
    for visitor in opened:
        visitor.assert_every_page_checked()


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
