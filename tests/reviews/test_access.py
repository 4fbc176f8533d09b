"""Who sees and writes what: case reviews are read by every role but the agencies'
contributors; an agency's contributor sees and writes only what is asked of their agency;
another partnership sees nothing at all (404, as if Torbay did not exist)."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.partnership.models import Organisation
from assure.reviews import services
from assure.reviews.models import AgencyRequest

from .conftest import notify


@pytest.fixture
def asked(torbay, make_incident) -> dict[str, AgencyRequest]:
    incident = notify(make_incident(torbay))
    agencies = list(Organisation.objects.filter(partnership=torbay, kind__in=["police", "health"]))
    made = services.ask_agencies(None, incident, agencies=agencies, due_on=dt.date(2021, 1, 20))
    return {r.organisation.kind: r for r in made}


def test_another_partnerships_reviewer_sees_nothing_of_ours(client_as, asked):
    outsider = client_as("outsider")
    request = asked["police"]
    incident = request.incident
    for path in [
        "/p/torbay/case-reviews/",
        f"/p/torbay/case-reviews/incidents/{incident.pk}/",
        f"/p/torbay/case-reviews/requests/{request.pk}/",
        "/p/torbay/case-reviews/my-summaries/",
    ]:
        assert outsider.get(path).status_code == 404, path
    # nor through their own partnership's address, with our ids
    assert outsider.get(f"/p/stockton/case-reviews/incidents/{incident.pk}/").status_code == 404
    assert outsider.get(f"/p/stockton/case-reviews/requests/{request.pk}/").status_code == 404
    assert incident.reference not in outsider.get("/p/stockton/case-reviews/").content.decode()


def test_an_agency_sees_and_writes_only_its_own_summary(client_as, asked):
    police = client_as("owner")
    mine, theirs = asked["police"], asked["health"]
    listed = police.get("/p/torbay/case-reviews/my-summaries/").content.decode()
    assert f"/case-reviews/requests/{mine.pk}/" in listed
    assert f"/case-reviews/requests/{theirs.pk}/" not in listed
    assert police.get(f"/p/torbay/case-reviews/requests/{theirs.pk}/").status_code == 403
    assert police.get(f"/p/torbay/case-reviews/incidents/{mine.incident_id}/").status_code == 403
    assert police.get("/p/torbay/case-reviews/").status_code == 403

    sent = police.post(f"/p/torbay/case-reviews/requests/{mine.pk}/", {"text": "Two callouts."})
    assert sent.status_code == 302
    mine.refresh_from_db()
    assert mine.text == "Two callouts." and mine.submitted_on is not None
    refused = police.post(f"/p/torbay/case-reviews/requests/{theirs.pk}/", {"text": "x"})
    assert refused.status_code == 403
    theirs.refresh_from_db()
    assert theirs.text == ""


def test_a_summary_left_empty_is_asked_for_again(client_as, asked):
    response = client_as("owner").post(
        f"/p/torbay/case-reviews/requests/{asked['police'].pk}/", {"text": ""}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_summaries_are_read_in_the_partnership_and_not_written_by_a_board_member(
    client_as, asked
):
    board = client_as("board")
    request = asked["police"]
    assert board.get(f"/p/torbay/case-reviews/incidents/{request.incident_id}/").status_code == 200
    assert board.get(f"/p/torbay/case-reviews/requests/{request.pk}/").status_code == 200
    assert (
        board.post(f"/p/torbay/case-reviews/requests/{request.pk}/", {"text": "x"}).status_code
        == 403
    )
    assert board.get("/p/torbay/case-reviews/incidents/new/").status_code == 403


def test_a_business_manager_runs_reviews_and_an_analyst_reads_them(client_as):
    assert client_as("manager").get("/p/torbay/case-reviews/incidents/new/").status_code == 200
    analyst = client_as("analyst")
    assert analyst.get("/p/torbay/case-reviews/").status_code == 200
    assert analyst.get("/p/torbay/case-reviews/reviews/new/").status_code == 403
