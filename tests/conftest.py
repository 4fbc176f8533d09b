"""Shared fixtures: the demo partnerships, loaded once per test session for the tests that
ask for them, and personas.

Tests that build their own data use the small factories of `tests/factories.py` and never
load the demo. Tests about the seeds (what the demo reproduces of them), the browser tests,
and the tests not yet moved to factories ask for `demo` (a folder's conftest asks for all of
its tests; the fixtures below ask for it too).

Personas are the demo sign-ins, so permission tests read like prose:
the Torbay business manager, a partner-agency action owner (a police officer), an analyst,
an auditor, a board member, and an outsider (Stockton's business manager).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from assure.core.models import Membership, Partnership, Role

PERSONAS = {
    "administrator": "torbay.admin",
    "manager": "torbay.manager",
    "owner": "torbay.owner",
    "analyst": "torbay.analyst",
    "auditor": "torbay.auditor",
    "board": "torbay.board",
    "outsider": "stockton.manager",
}


def demo_allowed(path: Path) -> bool:
    """Whether tests in the file may load the demo: the tests of what it holds of the seeds
    (`test_seed_*.py`, `test_demo*.py`) and the browser tests. Every other test builds its
    own data with the factories (README, "Test data")."""
    return path.name.startswith(("test_seed_", "test_demo")) or "browser" in path.parts


# The fixtures through which a test reaches the database: pytest-django's and the demo's.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "live_server",
        "django_db_setup",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "demo",
    }
)


def reaches_database(item: pytest.Item) -> bool:
    """Whether a test can open the database: pytest-django refuses any that has neither its
    mark nor one of its fixtures (itself or through another fixture)."""
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or not DATABASE_FIXTURES.isdisjoint(
        fixtures
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Strays asking for the demo are refused; a test asking for it is marked as reaching the
    database, and runs before the others. On PostgreSQL, the tests that cannot open the
    database are left out: they ran on SQLite (`make test` runs both) and would run the same,
    half of the suite."""
    from django.conf import settings

    refuse_demo_strays(items)
    for item in items:
        # pytest-django makes the test database only if a test it knows reaches it is run:
        # a test that reads the demo alone (a browser check run by itself) says so.
        if "demo" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db)
    # The demo's tests first, in the order pytest-django gave them: pytest-xdist's worksteal
    # hands each worker a run of the tests in order, so one worker loads the demo (a minute)
    # and the other needs it only if it takes some of those tests over at the end.
    items.sort(key=lambda item: "demo" not in getattr(item, "fixturenames", ()))
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        config.hook.pytest_deselected(items=[i for i in items if not reaches_database(i)])
        items[:] = [item for item in items if reaches_database(item)]


def refuse_demo_strays(items: list[pytest.Item]) -> None:
    """A test outside those files that asks for the demo (itself or through `torbay`,
    `client_as`, ...) is refused at collection, named, before anything runs."""
    demo = [item for item in items if "demo" in getattr(item, "fixturenames", ())]
    strays = [item.nodeid for item in demo if not demo_allowed(Path(item.path))]
    if strays:
        raise pytest.UsageError(
            "These tests load the demo but are not about it; build their data with "
            "tests/factories.py or move them to a test_seed_*.py module:\n  " + "\n  ".join(strays)
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, tmp_path_factory):  # noqa: F811
    """The test database; each test runs in a rolled-back transaction. Returns, snapshots
    and the demo's synthetic files go to a folder of this session, not var/."""
    from django.conf import settings

    settings.ASSURE_DATA_DIR = tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> None:
    """The demo partnerships, loaded once into this session's database (outside any test's
    transaction, so every test that asks finds them). Their synthetic returns are generated
    once a run (tests/returns.py) and found where the demo keeps them, as on a second
    `assure demo`."""
    from demo.child_level import wanted_by
    from demo.loader import load_all, partnership_folders
    from tests.returns import generated

    for want in wanted_by(partnership_folders()):
        if not want.ready:
            made = generated(tmp_path_factory, want.la, want.years, want.seed, want.end_year)
            want.folder.parent.mkdir(parents=True, exist_ok=True)
            want.folder.symlink_to(made.parent, target_is_directory=True)
    with django_db_blocker.unblock():
        if not Partnership.objects.filter(slug="torbay").exists():
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
def torbay(demo, db) -> Partnership:
    return Partnership.objects.get(slug="torbay")


@pytest.fixture
def stockton(demo, db) -> Partnership:
    return Partnership.objects.get(slug="stockton")


@pytest.fixture
def membership(demo, db) -> Callable[[str], Membership]:
    def find(persona: str) -> Membership:
        return Membership.objects.select_related("user", "partnership", "person").get(
            user__username=PERSONAS.get(persona, persona)
        )

    return find


@pytest.fixture
def client_as(demo, db) -> Callable[[str], Client]:
    """A signed-in browser for a persona, e.g. client_as("owner")."""

    def sign_in(persona: str) -> Client:
        client = Client()
        user = get_user_model().objects.get(username=PERSONAS.get(persona, persona))
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def partnership(db) -> Partnership:
    """A new partnership of its own (tests/factories.py), with no demo data in it."""
    from tests.factories import PartnershipFactory

    return PartnershipFactory()


@pytest.fixture
def member(partnership) -> Callable[..., Membership]:
    """A member of `partnership` with a role, acting as a person of it: member("analyst")."""
    from tests.factories import MemberFactory

    def make(role: str = Role.BUSINESS_MANAGER, **fields: object) -> Membership:
        return MemberFactory(partnership=partnership, role=ROLES.get(role, role), **fields)

    return make


@pytest.fixture
def people(member) -> Callable[[str], Membership]:
    """The one member of `partnership` with each role, made when first asked for:
    people("manager") is the same member however often a test asks."""
    made: dict[str, Membership] = {}

    def find(role: str) -> Membership:
        if role not in made:
            made[role] = member(role)
        return made[role]

    return find


@pytest.fixture
def signed_in_as(people) -> Callable[[str], Client]:
    """A signed-in browser for the partnership's member with the role: signed_in_as("owner")."""
    from tests.factories import signed_in

    return lambda role: signed_in(people(role))


@pytest.fixture
def home(partnership) -> str:
    """The partnership's address: /p/<slug>/."""
    return f"/p/{partnership.slug}/"


# The personas' words for the roles, so a factory-built test reads like one on the demo.
ROLES = {
    "manager": Role.BUSINESS_MANAGER,
    "owner": Role.CONTRIBUTOR,
    "analyst": Role.ANALYST,
    "auditor": Role.AUDITOR,
    "board": Role.BOARD_MEMBER,
    "administrator": Role.ADMINISTRATOR,
}
