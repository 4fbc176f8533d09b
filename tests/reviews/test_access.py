"""Who sees and writes what: case reviews are read by every role but the agencies'
contributors; an agency's contributor sees and writes only what is asked of their agency;
another partnership sees nothing at all (404, as if ours did not exist)."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.reviews import services
from assure.reviews.models import AgencyRequest
from tests.factories import MemberFactory, signed_in

from .conftest import agency, notify


@pytest.fixture
def asked(partnership, make_incident) -> dict[str, AgencyRequest]:
    incident = notify(make_incident(partnership))
    agencies = [agency(partnership, "police"), agency(partnership, "health")]
    made = services.ask_agencies(None, incident, agencies=agencies, due_on=dt.date(2021, 1, 20))
    return {r.organisation.kind: r for r in made}


def test_another_partnerships_reviewer_sees_nothing_of_ours(home, asked):
    theirs = MemberFactory()  # the business manager of a partnership of its own
    outsider = signed_in(theirs)
    elsewhere = f"/p/{theirs.partnership.slug}/"
    request = asked["police"]
    incident = request.incident
    for path in [
        f"{home}case-reviews/",
        f"{home}case-reviews/incidents/{incident.pk}/",
        f"{home}case-reviews/requests/{request.pk}/",
        f"{home}case-reviews/my-summaries/",
    ]:
        assert outsider.get(path).status_code == 404, path
    # nor through their own partnership's address, with our ids
    assert outsider.get(f"{elsewhere}case-reviews/incidents/{incident.pk}/").status_code == 404
    assert outsider.get(f"{elsewhere}case-reviews/requests/{request.pk}/").status_code == 404
    assert incident.reference not in outsider.get(f"{elsewhere}case-reviews/").content.decode()


def test_an_agency_sees_and_writes_only_its_own_summary(signed_in_as, home, asked):
    police = signed_in_as("owner")
    mine, theirs = asked["police"], asked["health"]
    listed = police.get(f"{home}case-reviews/my-summaries/").content.decode()
    assert f"/case-reviews/requests/{mine.pk}/" in listed
    assert f"/case-reviews/requests/{theirs.pk}/" not in listed
    assert police.get(f"{home}case-reviews/requests/{theirs.pk}/").status_code == 403
    assert police.get(f"{home}case-reviews/incidents/{mine.incident_id}/").status_code == 403
    assert police.get(f"{home}case-reviews/").status_code == 403

    sent = police.post(f"{home}case-reviews/requests/{mine.pk}/", {"text": "Two callouts."})
    assert sent.status_code == 302
    mine.refresh_from_db()
    assert mine.text == "Two callouts." and mine.submitted_on is not None
    refused = police.post(f"{home}case-reviews/requests/{theirs.pk}/", {"text": "x"})
    assert refused.status_code == 403
    theirs.refresh_from_db()
    assert theirs.text == ""


def test_a_summary_left_empty_is_asked_for_again(signed_in_as, home, asked):
    response = signed_in_as("owner").post(
        f"{home}case-reviews/requests/{asked['police'].pk}/", {"text": ""}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_summaries_are_read_in_the_partnership_and_not_written_by_a_board_member(
    signed_in_as, home, asked
):
    board = signed_in_as("board")
    request = asked["police"]
    assert board.get(f"{home}case-reviews/incidents/{request.incident_id}/").status_code == 200
    assert board.get(f"{home}case-reviews/requests/{request.pk}/").status_code == 200
    assert (
        board.post(f"{home}case-reviews/requests/{request.pk}/", {"text": "x"}).status_code == 403
    )
    assert board.get(f"{home}case-reviews/incidents/new/").status_code == 403


def test_a_business_manager_runs_reviews_and_an_analyst_reads_them(signed_in_as, home):
    assert signed_in_as("manager").get(f"{home}case-reviews/incidents/new/").status_code == 200
    analyst = signed_in_as("analyst")
    assert analyst.get(f"{home}case-reviews/").status_code == 200
    assert analyst.get(f"{home}case-reviews/reviews/new/").status_code == 403
