"""The partnerships the walks go through, built with the factories (factories.py): ours, a
record behind every page, with its people by role and its exploitation lead; another
partnership furnished the same way; and an outsider."""

from __future__ import annotations

import pytest

from assure.core.models import Membership, Role
from tests.factories import MemberFactory, PartnershipFactory

from .factories import furnish, members


@pytest.fixture
def lead(partnership, people, tmp_path) -> Membership:
    """Our partnership furnished; its exploitation lead (an analyst granted the access)."""
    return furnish(partnership, people, tmp_path / "ours")


@pytest.fixture
def theirs(db, tmp_path) -> Membership:
    """The business manager of another partnership, furnished as ours is."""
    other = PartnershipFactory()
    people = members(other)
    furnish(other, people, tmp_path / "theirs")
    return people(Role.BUSINESS_MANAGER)


@pytest.fixture
def outsider(db) -> Membership:
    """The business manager of another partnership."""
    return MemberFactory(partnership=PartnershipFactory(), role=Role.BUSINESS_MANAGER)
