"""Reads of case reviews shared by the pages, the deadlines, the briefings and the annual
report; every one is scoped to a partnership (another partnership's id is a 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from assure.core.models import Membership, Partnership
from assure.plans.models import Recommendation
from assure.plans.queries import ActionRow, action_rows, actions_of
from assure.reviews import access, clocks
from assure.reviews.models import AgencyRequest, Finding, Incident, Milestone, Review

Stage = Incident.Stage


def incidents_of(partnership: Partnership) -> QuerySet[Incident]:
    return Incident.objects.filter(partnership=partnership).select_related("lead")


def get_incident(partnership: Partnership, pk: int) -> Incident:
    return get_object_or_404(incidents_of(partnership), pk=pk)


def reviews_of(partnership: Partnership) -> QuerySet[Review]:
    return Review.objects.filter(partnership=partnership).select_related("incident", "lead")


def get_review(partnership: Partnership, pk: int) -> Review:
    return get_object_or_404(reviews_of(partnership).prefetch_related("delays"), pk=pk)


def requests_of(partnership: Partnership) -> QuerySet[AgencyRequest]:
    return AgencyRequest.objects.filter(incident__partnership=partnership).select_related(
        "incident", "organisation", "asked_of"
    )


def get_request(partnership: Partnership, pk: int) -> AgencyRequest:
    return get_object_or_404(requests_of(partnership), pk=pk)


def get_milestone(partnership: Partnership, pk: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("review"), review__partnership=partnership, pk=pk
    )


def findings_of(partnership: Partnership) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(
            Q(review__partnership=partnership) | Q(incident__partnership=partnership)
        )
        .select_related("review", "incident")
        .prefetch_related("themes", "recommendations")
    )


def get_finding(partnership: Partnership, pk: int) -> Finding:
    return get_object_or_404(findings_of(partnership), pk=pk)


def recommendations_of(partnership: Partnership) -> QuerySet[Recommendation]:
    """The register's recommendations that answer a finding of a case review."""
    return Recommendation.objects.filter(
        partnership=partnership, review_findings__isnull=False
    ).distinct()


def get_recommendation(partnership: Partnership, pk: int) -> Recommendation:
    return get_object_or_404(recommendations_of(partnership), pk=pk)


def my_requests(membership: Membership) -> list[AgencyRequest]:
    """What is asked of the member's own agency, newest first."""
    agency = access.agency_of(membership)
    if agency is None:
        return []
    found = requests_of(membership.partnership).filter(organisation_id=agency)
    return list(found.order_by("-due_on", "-id"))


@dataclass
class Clock:
    """A case review's next deadline, as the list shows it."""

    label: str
    due_on: dt.date

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today


def next_clock(incident: Incident) -> Clock | None:
    if incident.stage == Stage.RECORDED:
        return Clock("Notification due", clocks.notification_due(incident))
    if incident.stage == Stage.NOTIFIED:
        due = clocks.rapid_review_due(incident)
        return Clock("Rapid review due at the national panel", due) if due else None
    if incident.stage == Stage.PRACTICE_REVIEW and hasattr(incident, "review"):
        expected = clocks.publication_expected(incident.review)
        return Clock("Publication expected", expected) if expected else None
    return None


@dataclass
class RecommendationPage:
    recommendation: Recommendation
    findings: list[Finding]
    actions: list[ActionRow]


def recommendation_page(recommendation: Recommendation) -> RecommendationPage:
    """A recommendation with the findings it answers, and its actions with their latest
    ratings (the plans' own reading of them)."""
    partnership = recommendation.partnership
    actions = actions_of(partnership).filter(recommendations=recommendation)
    findings = list(
        Finding.objects.filter(recommendations=recommendation).select_related("review", "incident")
    )
    return RecommendationPage(recommendation, findings, action_rows(actions))


def review_recommendations(review: Review) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(review_findings__review=review)
        .distinct()
        .prefetch_related("actions", "impact_evidence")
        .order_by("reference")
    )
