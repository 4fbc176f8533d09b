"""Every write to a practice review and the other sources of learning: recording a review (a
legacy serious case review, a national panel review, another partnership's review, an
inspection, a complaint), its milestones, delays to its publication (with the reason), its
publication, and the findings reviews make, tagged to the partnership's learning themes.

Atomic; refuses with a DomainError naming the field; records each change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from assure.core import audit
from assure.core.errors import DomainError
from assure.partnership.services import check_same_partnership
from assure.reviews import stages
from assure.reviews.models import Delay, Finding, Incident, Milestone, Review


@transaction.atomic
def save_review(actor: Any, partnership: Any, review: Review | None, **fields: Any) -> Review:
    """Record a review that did not come from one of our rapid reviews (or edit any review's
    terms of reference, reviewer and summary). A local practice review is started from its
    rapid review's decision, never here."""
    check_same_partnership(partnership, lead=fields.get("lead"))
    kind = fields.get("kind", review.kind if review else "")
    if review is None and kind == Review.Kind.LCSPR:
        raise DomainError(
            "A local practice review starts from its rapid review's decision: open the "
            "serious incident and start it there.",
            field="kind",
        )
    if review is not None and review.incident_id:
        if kind != review.kind:
            raise DomainError("A review started from a rapid review keeps its kind.", "kind")
        for name in ("decided_on", "published_on"):
            if name in fields and fields[name] != getattr(review, name):
                raise DomainError(
                    "A practice review's decision comes from its rapid review, and it is "
                    "published with 'Publish the review'.",
                    field=name,
                )
    clash = Review.objects.filter(partnership=partnership, reference=fields["reference"])
    if review is not None:
        clash = clash.exclude(pk=review.pk)
    if clash.exists():
        raise DomainError(f"There is already a review {fields['reference']}.", "reference")
    published = fields.get("published_on")
    if published and published > dt.date.today():
        raise DomainError("The date cannot be in the future.", field="published_on")
    review = review or Review(partnership=partnership)
    return audit.save_recorded(actor, partnership, review, fields, f"review {fields['reference']}")


def _ours_open(review: Review) -> None:
    if not review.is_ours:
        raise DomainError(
            "Only the partnership's own reviews have milestones and a publication date."
        )
    if review.published_on:
        raise DomainError(f"{review.reference} was published on {review.published_on:%-d %B %Y}.")


@transaction.atomic
def add_milestone(actor: Any, review: Review, *, title: str, due_on: dt.date) -> Milestone:
    _ours_open(review)
    if not title.strip():
        raise DomainError("Enter the milestone.", field="title")
    milestone = Milestone(review=review)
    return audit.save_recorded(
        actor,
        review.partnership,
        milestone,
        {"title": title, "due_on": due_on},
        f"milestone of {review.reference}",
    )


@transaction.atomic
def complete_milestone(actor: Any, milestone: Milestone, *, done_on: dt.date) -> Milestone:
    if done_on > dt.date.today():
        raise DomainError("The date cannot be in the future.", field="done_on")
    return audit.save_recorded(
        actor,
        milestone.review.partnership,
        milestone,
        {"done_on": done_on},
        f"milestone {milestone}",
    )


@transaction.atomic
def record_delay(
    actor: Any, review: Review, *, reason: str, expected_on: dt.date, recorded_on: dt.date
) -> Delay:
    """Publication put back: why, and when it is now expected."""
    _ours_open(review)
    if not reason.strip():
        raise DomainError("Say why publication is delayed.", field="reason")
    if expected_on <= recorded_on:
        raise DomainError("Publication is now expected after today.", field="expected_on")
    fields = {"reason": reason, "expected_on": expected_on, "recorded_on": recorded_on}
    return audit.save_recorded(
        actor, review.partnership, Delay(review=review), fields, f"delay to {review.reference}"
    )


@transaction.atomic
def publish_review(actor: Any, review: Review, *, published_on: dt.date, report: str) -> Review:
    """Publish the final report; the incident it came from moves on to 'published'."""
    _ours_open(review)
    if published_on > dt.date.today():
        raise DomainError("The date cannot be in the future.", field="published_on")
    if review.decided_on and published_on < review.decided_on:
        raise DomainError("A review is published after it was decided on.", "published_on")
    if not report.strip():
        raise DomainError("Give a link to, or the reference of, the final report.", "report")
    incident = review.incident
    if incident is not None:
        stages.move(incident, Incident.Stage.PUBLISHED)
        audit.save_recorded(
            actor, review.partnership, incident, {}, f"{incident.reference} published"
        )
    fields = {"published_on": published_on, "report": report}
    return audit.save_recorded(
        actor, review.partnership, review, fields, f"review {review.reference} published"
    )


@transaction.atomic
def add_finding(
    actor: Any,
    *,
    review: Review | None = None,
    incident: Incident | None = None,
    text: str,
    found_on: dt.date,
    themes: list[Any],
) -> Finding:
    """A finding of a review (or of a rapid review), tagged to the partnership's learning
    themes."""
    partnership = (review or incident).partnership  # type: ignore[union-attr]
    check_same_partnership(partnership, themes=list(themes))
    if not text.strip():
        raise DomainError("Enter the finding.", field="text")
    if found_on > dt.date.today():
        raise DomainError("The date cannot be in the future.", field="found_on")
    finding = Finding(review=review, incident=incident)
    fields = {"text": text, "found_on": found_on, "themes": list(themes)}
    where = review.reference if review else incident.reference  # type: ignore[union-attr]
    return audit.save_recorded(actor, partnership, finding, fields, f"finding of {where}")
