"""The PostgreSQL run keeps every test that can open the database and leaves out the rest,
which ran on SQLite and would run the same (tests/conftest.py)."""

from __future__ import annotations

from tests.conftest import reaches_database


class Collected:
    """A collected test as the rule sees it: its fixtures (with those they ask for), and
    pytest-django's mark if it has it."""

    def __init__(self, *fixtures: str, marked: bool = False) -> None:
        self.fixturenames = fixtures
        self.marked = marked

    def get_closest_marker(self, name: str) -> object | None:
        return object() if self.marked and name == "django_db" else None


def test_a_test_marked_or_asking_for_the_database_or_the_demo_is_kept():
    assert reaches_database(Collected(marked=True))
    assert reaches_database(Collected("agencies", "db", "django_db_setup"))
    assert reaches_database(Collected("live_server", "transactional_db"))
    assert reaches_database(Collected("demo", "django_db_setup", "django_db_blocker"))


def test_a_test_that_reads_files_or_settings_alone_is_left_out():
    # django_db_blocker is asked for by pytest-django's own autouse fixtures: every test has it.
    assert not reaches_database(Collected("tmp_path", "settings", "django_db_blocker"))
    assert not reaches_database(Collected())
