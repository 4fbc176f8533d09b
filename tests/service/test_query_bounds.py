"""Pages stay fast as a partnership's data grows: the number of database queries a page makes
does not grow with the rows it shows. Each page is counted on the demo, then again with more
of what it lists (copies of its actions with their updates, risks with reviews, indicators
with their figures, recommendations, tracker actions)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext

from assure.meetings.models import TrackerAction
from assure.performance.models import Indicator
from assure.plans.models import Action, Plan, Recommendation
from assure.risks.models import Risk

COPIES = 6


def copy(obj: Model, **changes) -> Model:
    """A new row like `obj`, with its many-to-many links and the children named."""
    links = {f.name: list(getattr(obj, f.name).all()) for f in obj._meta.many_to_many}
    obj.pk = obj.id = None
    for name, value in changes.items():
        setattr(obj, name, value)
    obj._state.adding = True
    obj.save()
    for name, values in links.items():
        getattr(obj, name).set(values)
    return obj


def copy_with(obj: Model, *children: str, **changes) -> None:
    kept = {name: list(getattr(obj, name).all()) for name in children}
    parent_field = {name: getattr(type(obj), name).field.name for name in children}
    new = copy(obj, **changes)
    for name, rows in kept.items():
        for row in rows:
            copy(row, **{parent_field[name]: new})


def grow_actions(torbay) -> None:
    for action in list(
        Action.objects.filter(objective__priority__plan__partnership=torbay)[:COPIES]
    ):
        copy_with(action, "updates")
    police = Action.objects.filter(owner_organisation__name__icontains="police").first()
    for _ in range(COPIES):
        copy_with(Action.objects.get(pk=police.pk), "updates")


def grow_risks(torbay) -> None:
    for risk in list(Risk.objects.filter(partnership=torbay)[:COPIES]):
        copy_with(risk, "reviews", reference=f"{risk.reference}-copy")


def grow_indicators(torbay) -> None:
    for indicator in list(
        Indicator.objects.filter(partnership=torbay, theme__isnull=False)[:COPIES]
    ):
        reference = f"{indicator.reference}-copy"
        copy_with(indicator, "observations", "targets", "benchmarks", reference=reference)


def grow_recommendations(torbay) -> None:
    for recommendation in list(Recommendation.objects.filter(partnership=torbay)[:COPIES]):
        copy(recommendation, reference=f"{recommendation.reference}-copy")


def grow_tracker(torbay) -> None:
    for item in list(TrackerAction.objects.filter(meeting__group__partnership=torbay)[:COPIES]):
        copy(item)


def plan_page(torbay) -> str:
    return f"/p/torbay/plans/{Plan.objects.filter(partnership=torbay).first().pk}/"


PAGES: list[tuple[str, str | Callable, Callable]] = [
    ("manager", plan_page, grow_actions),
    ("manager", "/p/torbay/my-actions/", grow_actions),
    ("owner", "/p/torbay/my-actions/", grow_actions),
    ("manager", "/p/torbay/updates/", grow_actions),
    ("manager", "/p/torbay/", grow_actions),
    ("manager", "/p/torbay/risks/", grow_risks),
    ("manager", "/p/torbay/performance/tables/", grow_indicators),
    ("manager", "/p/torbay/performance/", grow_indicators),
    ("manager", "/p/torbay/recommendations/", grow_recommendations),
    ("manager", "/p/torbay/tracker/", grow_tracker),
]


def count(client, page: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200, page
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("persona", "page", "grow"), PAGES, ids=lambda p: getattr(p, "__name__", p)
)
def test_a_page_makes_as_many_queries_with_more_rows(client_as, torbay, persona, page, grow):
    client = client_as(persona)
    page = page(torbay) if callable(page) else page
    before = count(client, page)
    grow(torbay)
    assert count(client, page) == before, f"{page}: the number of queries grew with the rows"
