"""Who may do what with case reviews beyond their role: one place for each rule, read by the
views that refuse and by the pages that offer the link. Case reviews are read with
`read_case_reviews` and run with `run_case_reviews`; an agency's contributor writes only the
summaries and chronologies asked of their own agency (`write_agency_returns`)."""

from __future__ import annotations

from assure.core.access import may, roles_for
from assure.core.models import Membership
from assure.reviews.models import AgencyRequest

RUNNERS = roles_for("run_case_reviews")
READERS = roles_for("read_case_reviews")
REQUEST_READERS = READERS | roles_for("write_agency_returns")


def agency_of(membership: Membership) -> int | None:
    """The agency whose requests this member writes: a contributor's own organisation."""
    person = membership.person
    if not may(membership, "write_agency_returns") or person is None:
        return None
    return person.organisation_id


def may_read_request(membership: Membership, request: AgencyRequest) -> bool:
    """Readers of case reviews read every request; a contributor only their agency's."""
    return may(membership, "read_case_reviews") or may_write_request(membership, request)


def may_write_request(membership: Membership, request: AgencyRequest) -> bool:
    """A case review runner writes any (for an agency that cannot); a contributor their
    agency's."""
    if may(membership, "run_case_reviews"):
        return True
    agency = agency_of(membership)
    return agency is not None and agency == request.organisation_id
