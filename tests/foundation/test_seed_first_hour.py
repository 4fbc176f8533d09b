"""What a person meets in the demo's first hour, of the seeds' data: an agency return the
demo's audits asked for and did not receive in time."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_an_overdue_agency_return_is_marked_overdue(client_as):
    page = client_as("owner").get("/p/torbay/audits/my-returns/").content.decode()
    assert "Overdue" in page
