"""schemathesis against the OpenAPI document Assure serves: every endpoint, with values it
generates from the document (and values the document forbids), answers as the document
says, and never with a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from assure.api import services
from assure.api.models import SCOPES
from assure.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
SECRET: list[str] = []  # the token of the test running (the auth below reads it)


@schema.auth(refresh_interval=None)  # each test's own token, never a cached one
class Token:
    """The token, given as the document's security scheme says (so schemathesis knows a
    request that lacks it is one it made without it on purpose)."""

    def get(self, case, context):
        return SECRET[-1] if SECRET else "assure_none-yet"  # asked once while collecting

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def connection_kept():
    """Requests go straight to the WSGI application: as Django's own test client does, keep
    the test's database connection (and its transaction) open between them."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def secret(world, partnership, people, connection_kept) -> str:
    """A token for every table of the world's partnership (conftest.py), so each answers with
    rows to check against the document."""
    admin = people("administrator").user
    SECRET.append(services.make_token(admin, partnership, "schemathesis", list(SCOPES))[1])
    return SECRET[-1]


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,  # the same examples on every run, so CI answers the same each time
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_document_says(case, secret):
    case.call_and_validate()


def test_the_document_is_served_and_versioned(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.") and document["info"]["version"] == "1"
    assert all(set(methods) == {"get"} for methods in document["paths"].values())
