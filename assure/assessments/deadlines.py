"""The self-assessments' open deadlines: each return of an open round not submitted yet,
due on the round's date, owed by its lead (`assure remind` e-mails them; the exception
report lists those past due). A return leaves the list once submitted or its round closes."""

from __future__ import annotations

from django.urls import reverse

from assure.assessments.chasing import lead_of, return_path
from assure.assessments.models import Return
from assure.core.models import Partnership
from assure.partnership.deadlines import Deadline

KIND = "self_assessment"  # reminders.models.Reminder.Kind.SELF_ASSESSMENT


def deadlines(partnership: Partnership) -> list[Deadline]:
    missing = (
        Return.objects.filter(round__partnership=partnership, round__closed_on__isnull=True)
        .exclude(status=Return.Status.SUBMITTED)
        .select_related("round__partnership", "organisation__lead", "lead")
        .order_by("round__due_on", "organisation__name")
    )
    return [
        Deadline(
            kind=KIND,
            object_id=assessment.pk,
            label=f"Submit the {assessment.round} return for {assessment.organisation}",
            due_on=assessment.round.due_on,
            person=lead_of(assessment),
            path=return_path(assessment),
            owner=str(assessment.organisation),
            # A draft is its organisation's and the reviewers': others are sent to the round.
            listed_at=reverse(
                "self-assessment-round", args=[partnership.slug, assessment.round_id]
            ),
        )
        for assessment in missing
    ]
