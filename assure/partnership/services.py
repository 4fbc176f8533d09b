"""Every write to the partnership's structure: organisations, people, groups and funding."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import Model

from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership, Partnership, Role
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
    check_same_partnership(partnership, lead=fields.get("lead"))
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


@transaction.atomic
def start_partnership(actor: Any, **fields: str) -> Partnership:
    """A new partnership (the tenant), with the RAG schemes every plan is rated with."""
    from assure.core import rag

    slug, la_code = fields["slug"], fields["la_code"]
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise DomainError("Give a short name of lower-case letters, digits and hyphens.", "slug")
    if Partnership.objects.filter(slug=slug).exists():
        raise DomainError(f"There is already a partnership called {slug}.", field="slug")
    if not re.fullmatch(r"\d{3}", la_code):
        raise DomainError("Give the local authority's three-digit code, e.g. 880.", "la_code")
    partnership = Partnership.objects.create(**fields)
    rag.install_schemes(partnership)
    audit.record(
        actor=actor,
        partnership=partnership,
        verb=ChangeRecord.Verb.CREATED,
        obj=partnership,
        summary=f"Started the partnership {partnership.name}",
    )
    return partnership


@transaction.atomic
def add_member(
    actor: Any, partnership: Partnership, user: Any, role: str, person: Person | None = None
) -> Membership:
    """Give a user a role in the partnership (or change the role they have)."""
    check_same_partnership(partnership, person=person)
    membership, created = Membership.objects.update_or_create(
        user=user, partnership=partnership, defaults={"role": role, "person": person}
    )
    audit.record(
        actor=actor,
        partnership=partnership,
        verb=ChangeRecord.Verb.CREATED if created else ChangeRecord.Verb.UPDATED,
        obj=membership,
        summary=f"{user.get_username()} is {Role(role).label.lower()} of {partnership.name}",
    )
    return membership
