"""Shared fixtures: the demo partnerships loaded once per test session, and personas.

Personas are the demo sign-ins, so permission tests read like prose:
the Torbay business manager, a partner-agency action owner (a police officer), an analyst,
an auditor, a board member, and an outsider (Stockton's business manager).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from assure.core.models import Membership, Partnership

PERSONAS = {
    "administrator": "torbay.admin",
    "manager": "torbay.manager",
    "owner": "torbay.owner",
    "analyst": "torbay.analyst",
    "auditor": "torbay.auditor",
    "board": "torbay.board",
    "outsider": "stockton.manager",
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):  # noqa: F811
    """Load the demo once into the test database; each test runs in a rolled-back transaction.
    The demo's synthetic returns and snapshots go to a folder of this session, not var/."""
    from django.conf import settings

    from demo.loader import load_all

    settings.ASSURE_DATA_DIR = tmp_path_factory.mktemp("data")
    with django_db_blocker.unblock():
        load_all()


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings) -> None:
    """Background tasks run as they are queued, inside the test; tests/service starts real
    workers in processes of their own to test the queue itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def second_factor_optional(settings) -> None:
    """Personas sign in with their password alone, as `make run` lets them; the tests of the
    second factor (tests/accounts) require it, as a deployment does by default."""
    settings.ASSURE_SECOND_FACTOR = "optional"


@pytest.fixture
def torbay(db) -> Partnership:
    return Partnership.objects.get(slug="torbay")


@pytest.fixture
def stockton(db) -> Partnership:
    return Partnership.objects.get(slug="stockton")


@pytest.fixture
def membership(db) -> Callable[[str], Membership]:
    def find(persona: str) -> Membership:
        return Membership.objects.select_related("user", "partnership", "person").get(
            user__username=PERSONAS.get(persona, persona)
        )

    return find


@pytest.fixture
def client_as(db) -> Callable[[str], Client]:
    """A signed-in browser for a persona, e.g. client_as("owner")."""

    def sign_in(persona: str) -> Client:
        client = Client()
        user = get_user_model().objects.get(username=PERSONAS.get(persona, persona))
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
