"""Reads of the partnership's structure, scoped to the partnership."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Model, QuerySet, Sum
from django.urls import reverse

from analytics.periods import financial_year_label
from assure.core.models import ChangeRecord, Partnership
from assure.partnership.models import FundingContribution, Group, Organisation, Person

KINDS: dict[str, type[Model]] = {
    "organisation": Organisation,
    "person": Person,
    "group": Group,
    "funding": FundingContribution,
}


def items_of(partnership: Partnership, kind: str) -> QuerySet[Model]:
    return KINDS[kind].objects.filter(partnership=partnership)  # type: ignore[attr-defined]


@dataclass
class FundingYear:
    label: str
    contributions: list[FundingContribution]
    total: Decimal


def funding_by_year(partnership: Partnership) -> list[FundingYear]:
    years: dict[int, list[FundingContribution]] = {}
    for item in FundingContribution.objects.filter(partnership=partnership).select_related(
        "organisation"
    ):
        years.setdefault(item.financial_year, []).append(item)
    return [
        FundingYear(financial_year_label(fy), items, sum((i.amount for i in items), Decimal(0)))
        for fy, items in sorted(years.items())
    ]


def funding_total(partnership: Partnership) -> Decimal:
    total = FundingContribution.objects.filter(partnership=partnership).aggregate(t=Sum("amount"))
    return total["t"] or Decimal(0)


def groups_tree(partnership: Partnership) -> list[tuple[int, Group]]:
    """Groups in reporting order: each group followed by those that report to it."""
    groups = list(
        Group.objects.filter(partnership=partnership).select_related("chair", "reports_to")
    )
    children: dict[int | None, list[Group]] = {}
    for group in groups:
        children.setdefault(group.reports_to_id, []).append(group)
    ordered: list[tuple[int, Group]] = []

    def walk(parent: int | None, depth: int) -> None:
        for group in children.get(parent, []):
            ordered.append((depth, group))
            walk(group.pk, depth + 1)

    walk(None, 0)
    return ordered


def recent_changes(partnership: Partnership, limit: int = 100) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(partnership=partnership).select_related("actor")[:limit]


# The page of each kind of record: the URL name taking (slug, pk), and the path from the
# record to its partnership (every lookup is scoped to it).
PAGES = {
    "plans.plan": ("plan", "partnership"),
    "plans.action": ("action", "objective__priority__plan__partnership"),
    "risks.risk": ("risk", "partnership"),
    "meetings.meeting": ("meeting", "partnership"),
    "meetings.trackeraction": ("tracker-action", "partnership"),
    "performance.indicator": ("indicator", "partnership"),
    "audits.caseaudit": ("case-audit", "partnership"),
}
# A record shown on its parent's page: the parent's field and kind.
PARENTS = {
    "plans.actionupdate": ("action", "plans.action"),
    "performance.observation": ("indicator", "performance.indicator"),
    "performance.target": ("indicator", "performance.indicator"),
    "performance.benchmark": ("indicator", "performance.indicator"),
    "risks.riskreview": ("risk", "risks.risk"),
}


def record_links(partnership: Partnership, changes: Iterable[ChangeRecord]) -> dict[int, str]:
    """Each change's link to the page of the record it changed, where that record is still
    there (a deleted one has no page): one query per kind of record, within the partnership."""
    wanted: dict[str, set[int]] = {}
    for change in changes:
        wanted.setdefault(change.object_type, set()).add(change.object_id)
    pages: dict[tuple[str, int], str] = {}
    for label, ids in wanted.items():
        field, kind = PARENTS.get(label, ("pk", label))
        if kind not in PAGES:
            continue
        name, scope = PAGES[kind]
        if field != "pk":
            scope = f"{field}__{scope}"
        records = apps.get_model(label).objects.filter(pk__in=ids, **{scope: partnership})
        for pk, target in records.values_list("pk", field):
            pages[(label, pk)] = reverse(name, args=[partnership.slug, target])
    return {
        change.pk: pages[(change.object_type, change.object_id)]
        for change in changes
        if (change.object_type, change.object_id) in pages
    }
