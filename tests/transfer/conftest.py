"""The partnership whose tables are taken out and brought in, built with the factories."""

import pytest

from tests.transfer.factories import Held, every_table


@pytest.fixture
def held(people) -> Held:
    """The partnership with a row on every sheet of its export (tests/transfer/factories.py),
    its manager the one `signed_in_as("manager")` signs in."""
    return every_table(people("manager"))
