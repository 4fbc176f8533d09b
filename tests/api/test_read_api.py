"""The read API: a token reads only its partnership and its scopes; a revoked or unknown one
is refused; nothing writes; the figures are the pages' figures; the documented Power BI
addresses and paging work. On a partnership built with the factories (conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from assure.api import services
from assure.plans import queries as plans
from tests.factories import PartnershipFactory, PlanFactory

ROOT = Path(__file__).resolve().parents[2]
ENDPOINTS = {
    "plans": "plans",
    "actions": "plans",
    "updates": "plans",
    "recommendations": "plans",
    "risks": "risks",
    "tracker-actions": "meetings",
    "indicators": "performance",
    "figures": "performance",
    "audit-summaries": "audits",
    "missing-summaries": "exploitation",
}
# The rows each table gives of the world (conftest.py): the audit summaries a row for each of
# the tool's two domains in May 2024; the missing summaries a row for each of the 12 months
# to May 2024.
ROWS = {
    "plans": 1,
    "actions": 2,
    "updates": 1,
    "recommendations": 1,
    "risks": 1,
    "tracker-actions": 1,
    "indicators": 1,
    "figures": 2,
    "audit-summaries": 2,
    "missing-summaries": 12,
}


def read(path: str, secret: str | None, **params) -> object:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client().get(f"/api/v1/{path}", params, headers=headers)


@pytest.mark.parametrize("path, scope", ENDPOINTS.items())
def test_each_table_reads_with_its_scope_and_no_other(world, token, path, scope):
    answer = read(path, token(scope))
    assert answer.status_code == 200, answer.content
    assert answer.json()["count"] == ROWS[path]
    others = [s for s in set(ENDPOINTS.values()) if s != scope]
    refused = read(path, token(*others))
    assert refused.status_code == 403 and scope in refused.json()["detail"]


def test_a_token_reads_only_its_partnership(world, token):
    other = PlanFactory(partnership=PartnershipFactory())
    ours = {p["title"] for p in read("plans", token("plans")).json()["items"]}
    theirs = {
        p["title"]
        for p in read("plans", token("plans", partnership=other.partnership)).json()["items"]
    }
    assert ours == {world.plan.title} and theirs == {other.title}


def test_no_token_a_wrong_one_or_a_revoked_one_is_refused(token, people):
    assert read("plans", None).status_code == 401
    assert read("plans", "assure_not-a-token").status_code == 401
    secret = token("plans")
    assert read("plans", secret).status_code == 200
    from assure.api.models import ApiToken

    made = ApiToken.objects.get(name="Power BI")
    assert made.last_used_at is not None and secret not in made.token_hash
    services.revoke(people("administrator").user, made)
    assert read("plans", secret).status_code == 401


@pytest.mark.parametrize("path", ENDPOINTS)
def test_nothing_writes(token, path):
    secret = token(*set(ENDPOINTS.values()))
    for method in ("post", "put", "patch", "delete"):
        answer = getattr(Client(), method)(
            f"/api/v1/{path}", headers={"Authorization": f"Bearer {secret}"}
        )
        assert answer.status_code == 405, (method, path)


def test_actions_carry_the_plan_pages_rating_and_state(world, token, partnership):
    rows = read("actions", token("plans"), limit=1000).json()["items"]
    page = {r.action.pk: r for r in plans.action_rows(plans.actions_of(partnership))}
    assert len(rows) == len(page)
    for row in rows:
        expected = page[row["id"]]
        assert row["update_state"] == expected.state
        rating = expected.latest.rag.label if expected.latest else None
        assert row["latest_rating"] == rating
    read_as = {row["id"]: (row["update_state"], row["latest_rating"]) for row in rows}
    assert read_as == {world.rated.pk: ("done", "Green"), world.due.pk: ("due", None)}


def test_pages_and_changed_since(world, token, people):
    secret = token("plans")
    everything = read("actions", secret, limit=1000).json()
    pages, offset = [], 0
    while offset < everything["count"]:  # the paging of docs/power-bi.md's query, a row a page
        pages.append(read("actions", secret, limit=1, offset=offset).json()["items"])
        offset += 1
    assert [r["id"] for page in pages for r in page] == [r["id"] for r in everything["items"]]
    assert len(pages) == 2
    assert read("actions", secret, limit=5000).status_code == 422

    from django.utils import timezone

    from assure.plans import services as plan_services

    before = timezone.now()
    assert read("actions", secret, changed_since=before.isoformat()).json()["count"] == 0
    manager, action = people("manager"), world.due
    plan_services.submit_update(
        manager,
        action,
        period=action.plan.reporting_period,
        rag=action.plan.rag_scheme.levels.first(),
        progress="Started the review of return interviews.",
    )
    since = read("actions", secret, changed_since=before.isoformat()).json()
    assert [r["id"] for r in since["items"]] == [action.pk]


def test_the_documented_addresses_answer(world, token):
    guide = (ROOT / "docs" / "power-bi.md").read_text()
    secret = token(*set(ENDPOINTS.values()))
    documented = re.findall(
        r"https://assure\.example\.gov\.uk(/api/v1/[a-z-]+(?:\?[^`\s]*)?)", guide
    )
    assert len(documented) >= len(ENDPOINTS)
    for path in documented:
        answer = Client().get(path, headers={"Authorization": f"Bearer {secret}"})
        assert answer.status_code == 200, path
        assert set(answer.json()) == {"items", "count"}
        table = re.match(r"/api/v1/([a-z-]+)", path)[1]
        assert answer.json()["count"] == ROWS[table], path


def test_changed_since_in_any_zone_or_none_is_read_and_nonsense_refused(token):
    secret = token("plans")
    for moment in ("2021-07-01T00:00:00Z", "2021-07-01", "0727-05-23T17:46:43+18:22"):
        assert read("updates", secret, changed_since=moment).status_code == 200, moment
    for nonsense in ("0.5", "0001-01-01T00:00:00+18:22", "yesterday"):
        assert read("updates", secret, changed_since=nonsense).status_code == 422, nonsense


def test_an_id_larger_than_any_database_holds_is_refused(token):
    answer = read("actions", token("plans"), plan=30926129265669550751075033677824)
    assert answer.status_code == 422
