"""The case audit tests' partnership, built with the factories (tests/audits/factories.py) on
a partnership of its own: a small tool of three domains (one usually N/A), the police and
health agencies, and the police lead (an action owner) who writes the police's returns. What
the demo holds of seeds 003 and 004 is checked in test_demo.py."""

from __future__ import annotations

import pytest

from assure.audits.models import AuditTool
from assure.core.models import Membership, Partnership
from assure.partnership.models import Organisation
from tests.factories import OrganisationFactory, PersonFactory

from .factories import ToolFactory


@pytest.fixture
def small_tool(partnership: Partnership) -> AuditTool:
    return ToolFactory(
        partnership=partnership,
        name="Three-domain tool",
        domains=["Risk", "Voice of the child", "Quality of placement"],
    )


@pytest.fixture
def police(partnership: Partnership) -> Organisation:
    return OrganisationFactory(
        partnership=partnership, name="Devon and Cornwall Police", kind="police"
    )


@pytest.fixture
def health(partnership: Partnership) -> Organisation:
    return OrganisationFactory(partnership=partnership, name="NHS Devon", kind="health")


@pytest.fixture
def owner(member, partnership: Partnership, police: Organisation) -> Membership:
    """The police lead: an action owner, who writes the police's returns."""
    lead = PersonFactory(partnership=partnership, name="Detective Inspector", organisation=police)
    return member("owner", person=lead)
