"""Who may do what with self-assessments beyond their role: one place for each rule, read by
the services that refuse, the views that 404 or 403, and the pages that offer the link.

Reviewers (`run_self_assessments`) run frameworks and rounds and scrutinise every return. An
organisation's return is written by its contributors (`write_agency_returns`: a contributor's
organisation is their person's), who see only their own organisation's returns. Every other
reader sees the submitted returns and the results; an unsubmitted draft is the
organisation's and the reviewers' alone.
"""

from __future__ import annotations

from assure.assessments.models import Return
from assure.core.access import may
from assure.core.models import Membership


def reviews(membership: Membership) -> bool:
    return may(membership, "run_self_assessments")


def organisation_of(membership: Membership) -> int | None:
    """The organisation whose returns this member writes: a contributor's own."""
    person = membership.person
    if not may(membership, "write_agency_returns") or person is None:
        return None
    return person.organisation_id


def may_write(membership: Membership, assessment: Return) -> bool:
    """Only the organisation itself rates its standards; reviewers moderate, never rewrite."""
    own = organisation_of(membership)
    return own is not None and own == assessment.organisation_id


def sees_every_return(membership: Membership) -> bool:
    """Reviewers, managers, analysts and board members read every organisation's submitted
    return; a contributor reads only their own organisation's."""
    return not may(membership, "write_agency_returns")


def may_see(membership: Membership, assessment: Return) -> bool:
    if reviews(membership) or may_write(membership, assessment):
        return True
    return sees_every_return(membership) and assessment.is_submitted
