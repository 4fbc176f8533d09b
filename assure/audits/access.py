"""Who may do what with audits' objects, beyond their role: one place for each rule, read by
the views that refuse and by the pages that offer the link."""

from __future__ import annotations

from assure.audits.models import AgencyReturn
from assure.core.access import may, roles_for
from assure.core.models import Membership

AUDITORS = roles_for("run_audits")
READERS = roles_for("read_audit_figures")
PUBLISHERS = roles_for("publish_audit_figures")


def writes_returns_for(membership: Membership) -> int | None:
    """The organisation whose returns this member writes: a contributor's own agency."""
    person = membership.person
    if not may(membership, "write_agency_returns") or person is None:
        return None
    return person.organisation_id


def may_write_return(membership: Membership, agency_return: AgencyReturn) -> bool:
    """An auditor writes any return (for an agency that cannot); a contributor their agency's."""
    if may(membership, "run_audits"):
        return True
    organisation = writes_returns_for(membership)
    return organisation is not None and organisation == agency_return.organisation_id


def may_record_dips(membership: Membership) -> bool:
    return may(membership, "run_audits") or membership.is_exploitation_lead
