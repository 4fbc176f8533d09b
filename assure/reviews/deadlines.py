"""Every open deadline of the partnership's case reviews, for the reminders and the exception
report: notifications due, agencies' summaries and chronologies due, rapid reviews due at the
national panel, and practice reviews expected to be published. A deadline met leaves."""

from __future__ import annotations

from django.urls import reverse

from assure.core.models import Partnership
from assure.partnership.deadlines import Deadline
from assure.reviews import clocks, queries, services
from assure.reviews.models import Incident

# The reminders' kinds: each kind's objects are of one model, so (kind, id) names one thing.
INCIDENT, SUMMARY, PUBLICATION = "incident", "review_summary", "practice_review"
Stage = Incident.Stage


def _incident_deadlines(partnership: Partnership) -> list[Deadline]:
    found = []
    for incident in queries.incidents_of(partnership).filter(
        stage__in=[Stage.RECORDED, Stage.NOTIFIED]
    ):
        clock = queries.next_clock(incident)  # which clock runs at each stage: stated there
        if clock is None:
            continue
        path = reverse("case-review-incident", args=[partnership.slug, incident.pk])
        owner = str(incident.lead or "")
        if incident.stage == Stage.RECORDED:
            who = "the national panel and Ofsted"
            if incident.needs_secretary_of_state:
                who = "the national panel, Ofsted and the Secretary of State"
            label = f"Notify {who} of serious incident {incident.reference}"
        else:
            label = f"Send the rapid review of {incident.reference} to the national panel"
        found.append(
            Deadline(INCIDENT, incident.pk, label, clock.due_on, incident.lead, path, owner)
        )
    return found


def _request_deadlines(partnership: Partnership) -> list[Deadline]:
    found = []
    for request in queries.requests_of(partnership).filter(submitted_on__isnull=True):
        if not services.is_open(request):
            continue
        label = (
            f"{request.get_kind_display()} from {request.organisation} for "
            f"{request.incident.reference}"
        )
        path = reverse("case-review-request", args=[partnership.slug, request.pk])
        owner = str(request.organisation)
        found.append(
            Deadline(SUMMARY, request.pk, label, request.due_on, request.asked_of, path, owner)
        )
    return found


def _publication_deadlines(partnership: Partnership) -> list[Deadline]:
    found = []
    ours = queries.reviews_of(partnership).filter(
        kind__in=[k.value for k in queries.Review.OURS], published_on__isnull=True
    )
    for review in ours.prefetch_related("delays"):
        expected = clocks.publication_expected(review)
        if expected is None:
            continue
        label = f"Publish {review.reference} {review.title}"
        path = reverse("case-review", args=[partnership.slug, review.pk])
        owner = str(review.lead or "")
        found.append(Deadline(PUBLICATION, review.pk, label, expected, review.lead, path, owner))
    return found


def deadlines(partnership: Partnership) -> list[Deadline]:
    """Every open case review deadline, soonest first."""
    found = [
        *_incident_deadlines(partnership),
        *_request_deadlines(partnership),
        *_publication_deadlines(partnership),
    ]
    return sorted(found, key=lambda d: (d.due_on, d.label))
