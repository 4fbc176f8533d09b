"""Every write to the risk register: raising and editing a risk, and reviewing its score.

Each function is atomic, refuses input that breaks a rule with a DomainError naming the
field, and records the change (who, when, before, after).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership, Partnership
from assure.partnership import ownership
from assure.partnership.services import check_same_partnership
from assure.risks.models import Risk, RiskReview

LINKS = ("plan", "priority", "action")


def check_scale(value: Any, field: str) -> int:
    """Probability and impact are whole numbers from 1 to 5."""
    label = field.replace("_", " ").capitalize()
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise DomainError(f"{label} must be a whole number from 1 to 5, not {value}.", field)
    return value


def _check_links(partnership: Partnership, fields: dict[str, Any]) -> None:
    check_same_partnership(
        partnership, owner_person=fields.get("owner_person"), owner_group=fields.get("owner_group")
    )
    if fields.get("plan") and fields["plan"].partnership_id != partnership.pk:
        raise DomainError("Choose a plan of this partnership.", field="plan")
    priority, action = fields.get("priority"), fields.get("action")
    if priority and priority.plan.partnership_id != partnership.pk:
        raise DomainError("Choose a priority or theme of this partnership.", field="priority")
    if action and action.plan.partnership_id != partnership.pk:
        raise DomainError("Choose an action of this partnership.", field="action")


def _check_owner(fields: dict[str, Any]) -> None:
    if not fields.get("owner_person") and not fields.get("owner_group"):
        raise DomainError("Give the risk an owner: a person or a group.", field="owner_person")


@transaction.atomic
def raise_risk(
    actor: Any, partnership: Partnership, *, first_review: bool = True, **fields: Any
) -> Risk:
    """Add a risk or issue; its first assessment starts the score's history (unless its
    history comes with it: `first_review=False` when past reviews are brought in)."""
    check_scale(fields.get("probability"), "probability")
    check_scale(fields.get("impact"), "impact")
    _check_owner(fields)
    _check_links(partnership, fields)
    if Risk.objects.filter(partnership=partnership, reference=fields.get("reference")).exists():
        raise DomainError(
            f"The register already has a risk {fields['reference']}.", field="reference"
        )
    risk = audit.save_recorded(
        actor, partnership, Risk(partnership=partnership), fields, f"risk {fields['reference']}"
    )
    if not first_review:
        return risk
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=risk.raised_on,
        probability=risk.probability,
        impact=risk.impact,
        note="Assessed when raised",
        reviewer=actor if getattr(actor, "pk", None) else None,
    )
    return risk


@transaction.atomic
def edit_risk(actor: Any, risk: Risk, **fields: Any) -> Risk:
    """Change a risk's wording, owner, target, status or links; the score changes by review."""
    if "probability" in fields or "impact" in fields:
        raise DomainError("Change the probability and impact by reviewing the risk.")
    _check_owner(fields)
    _check_links(risk.partnership, fields)
    clash = Risk.objects.filter(partnership=risk.partnership, reference=fields.get("reference"))
    if clash.exclude(pk=risk.pk).exists():
        raise DomainError(
            f"The register already has a risk {fields['reference']}.", field="reference"
        )
    return audit.save_recorded(actor, risk.partnership, risk, fields, f"risk {risk.reference}")


@transaction.atomic
def record_past_review(actor: Any, risk: Risk, **fields: Any) -> RiskReview:
    """A review made before the register came to Assure (brought in from a spreadsheet): kept
    in the risk's history; the risk's current score is the register's own."""
    check_scale(fields.get("probability"), "probability")
    check_scale(fields.get("impact"), "impact")
    review = RiskReview.objects.create(
        risk=risk, reviewer=actor if getattr(actor, "pk", None) else None, **fields
    )
    audit.record(
        actor=actor,
        partnership=risk.partnership,
        verb=ChangeRecord.Verb.CREATED,
        obj=review,
        summary=f"Brought in a past review of {risk.reference} ({fields['reviewed_on']})",
    )
    return review


def can_review(membership: Membership, risk: Risk) -> bool:
    """Managers review any risk of their partnership; its owner reviews their own."""
    return ownership.may_do(membership, risk)


@transaction.atomic
def review_risk(
    membership: Membership,
    risk: Risk,
    *,
    probability: Any,
    impact: Any,
    note: str,
    next_review: dt.date | None = None,
    reviewed_on: dt.date | None = None,
    close: bool = False,
) -> RiskReview:
    """Record a review: the new probability and impact, a note, and when to look again."""
    if not can_review(membership, risk):
        raise DomainError("You can review only the risks you or your group own.")
    check_scale(probability, "probability")
    check_scale(impact, "impact")
    reviewed_on = reviewed_on or dt.date.today()
    if not note.strip():
        raise DomainError("Say what has changed, or why the score stands.", field="note")
    if next_review and next_review <= reviewed_on:
        raise DomainError("The next review must be after this one.", field="next_review")
    if not risk.is_open:
        raise DomainError("This risk is closed: reopen it before reviewing it.")
    before = audit.snapshot(risk)
    review = RiskReview.objects.create(
        risk=risk,
        reviewed_on=reviewed_on,
        probability=probability,
        impact=impact,
        note=note,
        reviewer=membership.user,
        reviewer_person=membership.person,
    )
    risk.probability, risk.impact, risk.next_review = probability, impact, next_review
    if close:
        risk.status = Risk.Status.CLOSED
    risk.save(update_fields=["probability", "impact", "next_review", "status"])
    audit.record(
        actor=membership.user,
        partnership=risk.partnership,
        verb=ChangeRecord.Verb.REVIEWED,
        obj=risk,
        summary=f"Reviewed {risk}: score {review.score}" + (", closed" if close else ""),
        before=before,
    )
    return review
