"""Reads shared by the views, results and reports: every one scoped to the partnership, so
another partnership's id is a 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from assure.assessments import access
from assure.assessments.models import ChallengeEvent, Framework, Query, Rating, Return, Round
from assure.core.models import Membership, Partnership


def frameworks(partnership: Partnership) -> QuerySet[Framework]:
    return Framework.objects.filter(partnership=partnership).annotate(
        standard_count=Count("areas__standards", distinct=True),
        round_count=Count("rounds", distinct=True),
    )


def rounds(partnership: Partnership) -> QuerySet[Round]:
    submitted = Q(returns__status=Return.Status.SUBMITTED)
    return (
        Round.objects.filter(partnership=partnership)
        .select_related("framework")
        .annotate(asked=Count("returns"), submitted=Count("returns", filter=submitted))
    )


def get_framework(partnership: Partnership, pk: int) -> Framework:
    return get_object_or_404(Framework, partnership=partnership, pk=pk)


def get_round(partnership: Partnership, pk: int) -> Round:
    return get_object_or_404(
        Round.objects.select_related("framework"), partnership=partnership, pk=pk
    )


def get_return(partnership: Partnership, pk: int) -> Return:
    found = Return.objects.select_related("round__framework", "organisation", "lead")
    return get_object_or_404(found, round__partnership=partnership, pk=pk)


def get_rating(partnership: Partnership, pk: int) -> Rating:
    found = Rating.objects.select_related("assessment__round", "standard", "level")
    return get_object_or_404(found, assessment__round__partnership=partnership, pk=pk)


def get_query(partnership: Partnership, pk: int) -> Query:
    found = Query.objects.select_related("rating__assessment__round", "rating__standard")
    return get_object_or_404(found, rating__assessment__round__partnership=partnership, pk=pk)


def get_event(partnership: Partnership, pk: int) -> ChallengeEvent:
    found = ChallengeEvent.objects.select_related("round", "meeting__group")
    return get_object_or_404(found, round__partnership=partnership, pk=pk)


def returns_of(found: Round, membership: Membership) -> list[Return]:
    """The round's returns this member may see (a contributor: their own organisation's)."""
    every = found.returns.select_related("organisation", "lead", "organisation__lead")
    return [r for r in every if access.may_see(membership, r)]


def my_returns(membership: Membership) -> QuerySet[Return]:
    """The returns asked of the member's own organisation, newest round first."""
    organisation = access.organisation_of(membership)
    return (
        Return.objects.filter(round__partnership=membership.partnership, organisation=organisation)
        .select_related("round", "organisation")
        .order_by("-round__due_on", "round__title")
    )


def ratings_of(assessment: Return) -> list[Rating]:
    return list(
        assessment.ratings.select_related(
            "standard__area", "level", "moderated_level"
        ).prefetch_related("queries")
    )


def lineage(framework: Framework) -> int:
    """The framework a chain of copies began with: its copies are the same framework, edited."""
    while framework.copied_from_id is not None and framework.copied_from is not None:
        framework = framework.copied_from
    return framework.pk


def previous_round(found: Round) -> Round | None:
    """The latest earlier round of the same framework (or a copy of it, or what it was copied
    from): what the round is compared with, standard by standard number."""
    earlier = Round.objects.filter(
        partnership=found.partnership_id,
        framework__kind=found.framework.kind,
        due_on__lt=found.due_on,
    ).select_related("framework")
    root = lineage(found.framework)
    return next((r for r in earlier.order_by("-due_on") if lineage(r.framework) == root), None)


def open_queries(assessment: Return) -> int:
    return Query.objects.filter(rating__assessment=assessment, answer="").count()
