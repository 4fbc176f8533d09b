"""Who owns a piece of work, who does it and who is reminded of it: one rule for plan actions,
risks and tracker actions, used by their forms, the work lists, the overview and the reminders.

The most specific owner named is the owner:
- a named person does it and is reminded;
- else a group: its chair and its members do it; the chair is reminded;
- else an agency: its named lead does it and is reminded (no lead named: no one but the
  business manager, who sees it in the update queues).
A member does the work they own only if their role does work: a board member reads and is
never given work. Business managers and administrators may do any of it, but only what they
own is on their own list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from assure.core.access import may
from assure.core.models import Membership
from assure.partnership.models import Group, Organisation, Person


def _owners(item: Any) -> tuple[Person | None, Group | None, Organisation | None]:
    person = getattr(item, "owner_person", None) or getattr(item, "owner", None)
    return person, getattr(item, "owner_group", None), getattr(item, "owner_organisation", None)


def owned_by(person: Person | None, *, agencies: bool = False) -> Q:
    """The items `person` owns, as a filter on a model with owner_person and owner_group, and
    owner_organisation if `agencies`. Use with .distinct(): a group's members are a join."""
    if person is None:
        return Q(pk__in=[])
    by_group = Q(owner_group__chair=person) | Q(owner_group__members=person)
    owned = Q(owner_person=person) | (Q(owner_person__isnull=True) & by_group)
    if agencies:
        nobody_named = Q(owner_person__isnull=True, owner_group__isnull=True)
        owned |= nobody_named & Q(owner_organisation__lead=person)
    return owned


def owns(person: Person | None, item: Any) -> bool:
    if person is None:
        return False
    named, group, agency = _owners(item)
    if named is not None:
        return named.pk == person.pk
    if group is not None:
        return group.chair_id == person.pk or group.members.filter(pk=person.pk).exists()
    return agency is not None and agency.lead_id == person.pk


def reminded(item: Any) -> Person | None:
    """The one person chased for the item: the named owner, the group's chair, the agency's
    lead; never someone of another partnership."""
    named, group, agency = _owners(item)
    person: Person | None
    if named is not None:
        person = named
    elif group is not None:
        person = group.chair
    else:
        person = agency.lead if agency is not None else None
    if person is None or person.partnership_id != item_partnership_id(item):
        return None
    return person


def item_partnership_id(item: Any) -> int:
    partnership_id = getattr(item, "partnership_id", None)
    return partnership_id if partnership_id is not None else item.plan.partnership_id


def does_work(membership: Membership) -> bool:
    """Whether this member is ever given work (board members read)."""
    return may(membership, "work")


def may_do(membership: Membership, item: Any) -> bool:
    """Whether this member may write the item's update, review or comment."""
    if membership.partnership_id != item_partnership_id(item):
        return False
    if may(membership, "manage"):
        return True
    return does_work(membership) and owns(membership.person, item)
