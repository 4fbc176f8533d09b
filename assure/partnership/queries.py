"""Reads of the partnership's structure, scoped to the partnership."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Model, QuerySet, Sum

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
