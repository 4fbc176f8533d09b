"""Every page of a partnership, reached as each of its people would reach it (by following
links), tried by everyone else: no link leads a person to a refusal; a member of another
partnership, or a stranger, reads none of it; one partnership's objects are not reached
through another's address; and no parameter anyone can type gives a server error."""

from __future__ import annotations

import re

from tests.security.crawl import crawl

TORBAY = ["administrator", "manager", "owner", "analyst", "auditor", "board", "torbay.exploitation"]
# Every name a page reads from its address, and the filters' fields.
PARAMETERS = (
    "closed group meeting month months on page plan show status subset to tool version where "
    "with year theme rag indicator q kind risk team from"
).split()
BAD = ["9999-12", "-1", "99999999999999999999999", "x" * 3000 + "<'\"%00>"]


def test_no_link_leads_anyone_to_a_refusal_and_no_outsider_or_stranger_reads_a_page(
    client_as, client
):
    walks = {persona: crawl(client_as(persona), "/p/torbay/") for persona in TORBAY}
    refused = {persona: walk.refused for persona, walk in walks.items() if walk.refused}
    assert refused == {}
    pages = {route: url for walk in walks.values() for route, url in walk.pages.items()}
    assert len(pages) > 100  # the walk reaches the plans, audits, data, reports...
    outsider = client_as("outsider")
    for url in pages.values():
        assert outsider.get(url).status_code == 404, url
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_another_partnerships_objects_are_not_found_through_ones_own_address(client_as):
    stockton = crawl(client_as("outsider"), "/p/stockton/").pages
    with_ids = [url for url in stockton.values() if re.search(r"/\d+/", url)]
    assert len(with_ids) > 10
    manager = client_as("manager")
    for url in with_ids:
        assert manager.get(url.replace("/p/stockton/", "/p/torbay/", 1)).status_code == 404, url


def test_no_parameter_anyone_can_type_gives_a_server_error(client_as):
    for persona in ("administrator", "analyst", "torbay.exploitation"):
        client = client_as(persona)
        for url in crawl(client, "/p/torbay/").pages.values():
            for value in BAD:
                response = client.get(url, dict.fromkeys(PARAMETERS, value))
                assert response.status_code < 500, (persona, url, value[:20])
