"""Who may do what with audits' objects, beyond their role: one place for each rule, read by
the views that refuse and by the pages that offer the link."""

from __future__ import annotations

from assure.audits.models import AgencyReturn
from assure.core.models import Membership, Role
from assure.exploitation.services import is_lead

# Who runs audits: the quality assurance lead (auditor role) and the partnership's managers.
AUDITORS = frozenset({Role.ADMINISTRATOR, Role.BUSINESS_MANAGER, Role.AUDITOR})
# Who reads the figures (scores, compliance, learning), which name no child.
READERS = AUDITORS | {Role.ANALYST, Role.BOARD_MEMBER}
# Who may send the figures to the performance framework.
PUBLISHERS = AUDITORS | {Role.ANALYST}


def writes_returns_for(membership: Membership) -> int | None:
    """The organisation whose returns this member writes: a contributor's own agency."""
    person = membership.person
    if membership.role != Role.CONTRIBUTOR or person is None:
        return None
    return person.organisation_id


def may_write_return(membership: Membership, agency_return: AgencyReturn) -> bool:
    """An auditor writes any return (for an agency that cannot); a contributor their agency's."""
    if membership.role in AUDITORS:
        return True
    organisation = writes_returns_for(membership)
    return organisation is not None and organisation == agency_return.organisation_id


def may_record_dips(membership: Membership) -> bool:
    return membership.role in AUDITORS or is_lead(membership)
