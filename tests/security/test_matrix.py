"""Every page of a partnership, reached as each of its people would reach it (by following
links), tried by everyone else: no link leads a person to a refusal; a member of another
partnership, or a stranger, reads none of it; one partnership's objects are not reached
through another's address; and no parameter anyone can type gives a server error.

The partnership is built with the factories, a record behind every page (conftest.py and
factories.py): the walks reach every page the demo's do, and more."""

from __future__ import annotations

import re

from assure.core.models import Role
from tests.factories import signed_in
from tests.security.crawl import crawl

ROLES = [Role.ADMINISTRATOR, Role.BUSINESS_MANAGER, Role.CONTRIBUTOR, Role.ANALYST]
ROLES += [Role.AUDITOR, Role.BOARD_MEMBER]
# Every name a page reads from its address, and the filters' fields.
PARAMETERS = (
    "closed group meeting month months on page plan show status subset to tool version where "
    "with year theme rag indicator q kind risk team from"
).split()
BAD = ["9999-12", "-1", "99999999999999999999999", "x" * 3000 + "<'\"%00>"]


def test_no_link_leads_anyone_to_a_refusal_and_no_outsider_or_stranger_reads_a_page(
    lead, signed_in_as, home, outsider, client
):
    walks = {role: crawl(signed_in_as(role), home) for role in ROLES}
    walks["exploitation lead"] = crawl(signed_in(lead), home)
    refused = {who: walk.refused for who, walk in walks.items() if walk.refused}
    assert refused == {}
    pages = {route: url for walk in walks.values() for route, url in walk.pages.items()}
    assert len(pages) > 175  # the plans, risks, meetings, audits, case reviews, data...
    outside = signed_in(outsider)
    for url in pages.values():
        assert outside.get(url).status_code == 404, url
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_another_partnerships_objects_are_not_found_through_ones_own_address(
    lead, theirs, signed_in_as, home
):
    elsewhere = f"/p/{theirs.partnership.slug}/"
    pages = crawl(signed_in(theirs), elsewhere).pages
    with_ids = [url for url in pages.values() if re.search(r"/\d+/", url)]
    assert len(with_ids) > 90
    manager = signed_in_as(Role.BUSINESS_MANAGER)
    for url in with_ids:
        assert manager.get(url.replace(elsewhere, home, 1)).status_code == 404, url


def test_no_parameter_anyone_can_type_gives_a_server_error(lead, signed_in_as, home):
    for client in (signed_in_as(Role.ADMINISTRATOR), signed_in_as(Role.ANALYST), signed_in(lead)):
        for url in crawl(client, home).pages.values():
            for value in BAD:
                response = client.get(url, dict.fromkeys(PARAMETERS, value))
                assert response.status_code < 500, (url, value[:20])
