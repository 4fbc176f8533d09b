"""Every write to the partnership's structure: organisations, people, groups and funding."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model

from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.partnership.models import FundingContribution, Group, Organisation, Person


def check_same_partnership(partnership: Partnership, **related: Any) -> None:
    """Refuse a link to another partnership's record: the form field names the problem."""
    for field, value in related.items():
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if isinstance(item, Model) and getattr(item, "partnership_id", None) != partnership.pk:
                raise DomainError("Choose one from this partnership.", field=field)


@transaction.atomic
def save_organisation(
    actor: Any, partnership: Partnership, organisation: Organisation | None, **fields: Any
) -> Organisation:
    organisation = organisation or Organisation(partnership=partnership)
    return audit.save_recorded(actor, partnership, organisation, fields, f"agency {fields['name']}")


@transaction.atomic
def save_person(
    actor: Any, partnership: Partnership, person: Person | None, **fields: Any
) -> Person:
    check_same_partnership(partnership, organisation=fields.get("organisation"))
    person = person or Person(partnership=partnership)
    return audit.save_recorded(actor, partnership, person, fields, f"person {fields['name']}")


@transaction.atomic
def save_group(actor: Any, partnership: Partnership, group: Group | None, **fields: Any) -> Group:
    check_same_partnership(
        partnership,
        reports_to=fields.get("reports_to"),
        chair=fields.get("chair"),
        members=list(fields.get("members", [])),
    )
    group = group or Group(partnership=partnership)
    reports_to = fields.get("reports_to")
    while reports_to is not None:
        if group.pk and reports_to.pk == group.pk:
            raise DomainError(
                "A group cannot report to itself, directly or through others.", field="reports_to"
            )
        reports_to = reports_to.reports_to
    return audit.save_recorded(actor, partnership, group, fields, f"group {fields['name']}")


@transaction.atomic
def save_funding(
    actor: Any, partnership: Partnership, contribution: FundingContribution | None, **fields: Any
) -> FundingContribution:
    check_same_partnership(partnership, organisation=fields.get("organisation"))
    contribution = contribution or FundingContribution(partnership=partnership)
    what = f"funding from {fields['organisation']} for {fields['financial_year']}"
    return audit.save_recorded(actor, partnership, contribution, fields, what)
