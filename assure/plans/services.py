"""Every write to plans, their actions, quarterly updates and recommendations.

Each function is atomic, checks the rules of the domain, raises DomainError when one is
broken, and records the change (who, when, before, after).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from assure.core import audit, versions
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership, Partnership, RagLevel
from assure.core.periods import Period
from assure.partnership import ownership
from assure.partnership.services import check_same_partnership
from assure.plans.models import (
    Action,
    ActionUpdate,
    Commitment,
    CrossCuttingTheme,
    Objective,
    Plan,
    PlanStatus,
    Priority,
    PriorityReview,
    Recommendation,
    TimescaleRevision,
)
from assure.plans.queries import LIVE

Verb = ChangeRecord.Verb


def _check_tenant(partnership: Partnership, **related: Model | None) -> None:
    check_same_partnership(partnership, **related)


def _plan_of(obj: Priority | Objective | Action) -> Plan:
    if isinstance(obj, Priority):
        return obj.plan
    if isinstance(obj, Objective):
        return obj.priority.plan
    return obj.objective.priority.plan


def _check_rag(plan: Plan, rag: RagLevel) -> None:
    if rag.scheme_id != plan.rag_scheme_id:
        raise DomainError(f"Choose a rating from the {plan.rag_scheme.name} scheme.", field="rag")


def _check_period(plan: Plan, period: str) -> Period:
    try:
        parsed = Period.parse(period)
    except ValueError as error:
        raise DomainError(str(error), field="period") from error
    if parsed.end < plan.starts or parsed.start > plan.ends:
        raise DomainError(
            f"{parsed.short_label} is outside the plan, which runs from "
            f"{plan.starts:%-d %B %Y} to {plan.ends:%-d %B %Y}.",
            field="period",
        )
    return parsed


@transaction.atomic
def save_plan(actor: Any, partnership: Partnership, plan: Plan | None, **fields: Any) -> Plan:
    plan = plan or Plan(partnership=partnership)
    _check_tenant(partnership, senior_responsible_officer=fields.get("senior_responsible_officer"))
    scheme = fields.get("rag_scheme")
    if scheme is not None and scheme.partnership_id != partnership.pk:
        raise DomainError("Choose a RAG scheme of this partnership.", field="rag_scheme")
    if fields["ends"] <= fields["starts"]:
        raise DomainError("The plan must end after it starts.", field="ends")
    try:
        Period.parse(fields["reporting_period"])
    except ValueError as error:
        raise DomainError(str(error), field="reporting_period") from error
    if fields.get("is_current"):
        Plan.objects.filter(partnership=partnership, kind=fields["kind"]).exclude(
            pk=plan.pk
        ).update(is_current=False)
    return audit.save_recorded(actor, partnership, plan, fields, f"plan {fields['title']}")


@transaction.atomic
def record_plan_status(
    actor: Any, plan: Plan, period: str, rag: RagLevel, narrative: str, rag_assigned: bool = False
) -> PlanStatus:
    """The plan's overall status for a period; `rag_assigned` when the source printed none
    and it was rated from the narrative as the document was loaded."""
    _check_period(plan, period)
    _check_rag(plan, rag)
    status = PlanStatus.objects.filter(plan=plan, period=period).first() or PlanStatus(
        plan=plan, period=period
    )
    return audit.save_recorded(
        actor,
        plan.partnership,
        status,
        {"rag": rag, "narrative": narrative, "rag_assigned": rag_assigned},
        f"overall status of {plan} for {Period.parse(period).short_label}",
    )


@transaction.atomic
def save_cross_cutting_theme(
    actor: Any, plan: Plan, theme: CrossCuttingTheme | None, **fields: Any
) -> CrossCuttingTheme:
    """A theme that runs across the plan's priorities (000's CC1-CC4), which actions name."""
    theme = theme or CrossCuttingTheme(plan=plan)
    clash = CrossCuttingTheme.objects.filter(plan=plan, code=fields["code"]).exclude(pk=theme.pk)
    if clash.exists():
        raise DomainError(f"This plan already has a cross-cutting theme {fields['code']}.", "code")
    return audit.save_recorded(
        actor, plan.partnership, theme, fields, f"cross-cutting theme {fields['code']}"
    )


@transaction.atomic
def record_past_update(actor: Any, action: Action, **fields: Any) -> ActionUpdate:
    """An update written before the partnership came to Assure, as it stood (brought in from
    a spreadsheet): its period, rating, words, review status and dates as given."""
    plan = action.plan
    _check_period(plan, fields["period"])
    if fields.get("rag") is not None:
        _check_rag(plan, fields["rag"])
    live = fields.get("status") in LIVE
    if live and live_update(action, fields["period"]) is not None:
        raise DomainError(
            f"Action {action.code} has an update for {fields['period']} already.", "period"
        )
    submitted_at = fields.pop("submitted_at", None)
    update = audit.save_recorded(
        actor,
        plan.partnership,
        ActionUpdate(action=action),
        fields,
        f"{action.code}'s past update for {fields['period']}",
    )
    if submitted_at is not None:  # set after saving: the field is stamped on creation
        ActionUpdate.objects.filter(pk=update.pk).update(submitted_at=submitted_at)
        update.submitted_at = submitted_at
    return update


@transaction.atomic
def save_priority(actor: Any, plan: Plan, priority: Priority | None, **fields: Any) -> Priority:
    _check_tenant(
        plan.partnership, lead_group=fields.get("lead_group"), lead_person=fields.get("lead_person")
    )
    priority = priority or Priority(plan=plan)
    clash = Priority.objects.filter(plan=plan, code=fields["code"]).exclude(pk=priority.pk)
    if clash.exists():
        raise DomainError(f"This plan already has a priority {fields['code']}.", field="code")
    return audit.save_recorded(
        actor, plan.partnership, priority, fields, f"priority {fields['code']}"
    )


@transaction.atomic
def review_priority(
    actor: Any,
    priority: Priority,
    period: str,
    rag: RagLevel,
    narrative: str,
    rag_assigned: bool = False,
) -> PriorityReview:
    _check_period(priority.plan, period)
    _check_rag(priority.plan, rag)
    review = PriorityReview.objects.filter(priority=priority, period=period).first()
    review = review or PriorityReview(priority=priority, period=period)
    return audit.save_recorded(
        actor,
        priority.plan.partnership,
        review,
        {"rag": rag, "narrative": narrative, "rag_assigned": rag_assigned},
        f"overview of {priority.code} for {Period.parse(period).short_label}",
    )


@transaction.atomic
def save_objective(
    actor: Any, priority: Priority, objective: Objective | None, **fields: Any
) -> Objective:
    _check_tenant(priority.plan.partnership, lead_person=fields.get("lead_person"))
    objective = objective or Objective(priority=priority)
    return audit.save_recorded(
        actor, priority.plan.partnership, objective, fields, f"objective {fields['code']}"
    )


@transaction.atomic
def save_action(
    actor: Any,
    objective: Objective,
    action: Action | None,
    *,
    revision_reason: str = "",
    **fields: Any,
) -> Action:
    """Create or edit an action (under `objective`, of the same plan); a changed due date is
    kept as a timescale revision."""
    plan = objective.priority.plan
    _check_tenant(
        plan.partnership,
        owner_person=fields.get("owner_person"),
        owner_group=fields.get("owner_group"),
        owner_organisation=fields.get("owner_organisation"),
    )
    if not any(fields.get(f) for f in ("owner_person", "owner_group", "owner_organisation")):
        raise DomainError(
            "Give the action an owner: a person, a group or an agency.", field="owner_person"
        )
    for theme in fields.get("cross_cutting_themes", []):
        if theme.plan_id != plan.pk:
            raise DomainError(
                "Choose cross-cutting themes of this plan.", field="cross_cutting_themes"
            )
    clash = Action.objects.filter(objective__priority__plan=plan, code=fields["code"])
    if action is not None:
        clash = clash.exclude(pk=action.pk)
    if clash.exists():
        raise DomainError(f"This plan already has an action {fields['code']}.", field="code")
    previous_due = action.due_date if action else None
    saved = audit.save_recorded(
        actor,
        plan.partnership,
        action or Action(objective=objective),
        {**fields, "objective": objective},  # an action moves to `objective` if it is another
        f"action {fields['code']}",
    )
    if action is not None and previous_due != saved.due_date and saved.due_date:
        TimescaleRevision.objects.create(
            action=saved,
            previous_due=previous_due,
            new_due=saved.due_date,
            reason=revision_reason,
            changed_by=actor if getattr(actor, "pk", None) else None,
        )
    return saved


def can_update_action(membership: Membership, action: Action) -> bool:
    return ownership.may_do(membership, action)


def live_update(action: Action, period: str) -> ActionUpdate | None:
    """The period's one live update: awaiting review (its author may still edit it) or
    accepted (history). A sent-back update is history too, and a new one may be written."""
    return action.updates.filter(period=period, status__in=LIVE).first()


@transaction.atomic
def submit_update(
    membership: Membership,
    action: Action,
    *,
    period: str,
    rag: RagLevel,
    progress: str,
    barriers: str = "",
    next_steps: str = "",
    evidence: str = "",
    editing: ActionUpdate | None = None,
) -> ActionUpdate:
    """Send an action's update for a period, or edit (`editing`) the one awaiting review. One
    update per action per period: once reviewed, it is history (sent back: write a new one)."""
    if not can_update_action(membership, action):
        raise DomainError("You can update only the actions that are yours to update.")
    plan = action.plan
    label = _check_period(plan, period).short_label
    _check_rag(plan, rag)
    if not progress.strip():
        raise DomainError("Enter the progress made this quarter.", field="progress")
    fields = {
        "period": period,
        "rag": rag,
        "progress": progress,
        "barriers": barriers,
        "next_steps": next_steps,
        "evidence": evidence,
        "author": membership.user,
        "author_person": membership.person,
    }
    live = live_update(action, period)
    if editing is not None:
        versions.check_unchanged(editing)  # reviewed since the form opened: who, when, what
        if live is None or live.pk != editing.pk:
            raise DomainError(f"This update was reviewed after you opened it: open {action.code}.")
        update = _edit_awaiting_review(membership, live, fields, label)
    elif live is not None and live.status == ActionUpdate.Status.ACCEPTED:
        raise DomainError(
            f"The {label} update was accepted on {live.reviewed_at:%-d %B %Y}: it is part of "
            "the record now. Write the next quarter's update when it is due.",
            field="period",
        )
    elif live is not None:
        sent = timezone.localtime(live.submitted_at)
        raise DomainError(
            f"An update for {label} was sent on {sent:%-d %B %Y at %H:%M} and awaits review: "
            f"open action {action.code} to edit it.",
            field="period",
        )
    else:
        update = _create_update(membership, action, fields, label)
    if rag.means_complete and action.status != Action.Status.COMPLETE:
        before = audit.snapshot(action)
        action.status = Action.Status.COMPLETE
        action.save(update_fields=["status"])
        audit.record(
            actor=membership.user,
            partnership=plan.partnership,
            verb=Verb.UPDATED,
            obj=action,
            summary=f"Marked {action.code} complete",
            before=before,
        )
    return update


def _create_update(
    membership: Membership, action: Action, fields: dict[str, Any], label: str
) -> ActionUpdate:
    try:
        with transaction.atomic():  # two sent at once: the database keeps one (the constraint)
            update = ActionUpdate.objects.create(action=action, **fields)
    except IntegrityError as error:
        raise DomainError(
            f"An update for {label} was sent a moment ago: open the action to see it.",
            field="period",
        ) from error
    audit.record(
        actor=membership.user,
        partnership=action.plan.partnership,
        verb=Verb.CREATED,
        obj=update,
        summary=f"Update for {action.code}, {label}: {fields['rag'].label}",
    )
    return update


def _edit_awaiting_review(
    membership: Membership, update: ActionUpdate, fields: dict[str, Any], label: str
) -> ActionUpdate:
    before = audit.snapshot(update)
    awaiting = ActionUpdate.objects.filter(pk=update.pk, status=ActionUpdate.Status.SUBMITTED)
    if not awaiting.update(**fields):  # reviewed between the check and now
        raise DomainError(f"The {label} update has just been reviewed: open the action to see it.")
    update.refresh_from_db()
    audit.record(
        actor=membership.user,
        partnership=update.action.plan.partnership,
        verb=Verb.UPDATED,
        obj=update,
        summary=f"Edited the update for {update.action.code}, {label}, awaiting review",
        before=before,
    )
    return update


@transaction.atomic
def review_update(
    actor: Any, update: ActionUpdate, *, accept: bool, challenge: str = ""
) -> ActionUpdate:
    """Accept an update, or send it back with a challenge the owner must answer. Two reviewers
    at once: the first decides, the second is told; an edit since the page was read is shown
    before it can be accepted (core/versions.py)."""
    if not accept and not challenge.strip():
        raise DomainError("Say what the owner needs to change or evidence.", field="challenge")
    versions.check_unchanged(update)
    before = audit.snapshot(update)
    decided = ActionUpdate.objects.filter(pk=update.pk, status=ActionUpdate.Status.SUBMITTED)
    if not decided.update(
        status=ActionUpdate.Status.ACCEPTED if accept else ActionUpdate.Status.RETURNED,
        challenge=challenge,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
    ):
        raise DomainError("This update has already been reviewed.")
    update.refresh_from_db()
    verdict = "Accepted" if accept else "Sent back"
    audit.record(
        actor=actor,
        partnership=update.action.plan.partnership,
        verb=Verb.REVIEWED,
        obj=update,
        summary=f"{verdict} the {update.period_label} update for {update.action.code}",
        before=before,
    )
    return update


@transaction.atomic
def save_recommendation(
    actor: Any, partnership: Partnership, recommendation: Recommendation | None, **fields: Any
) -> Recommendation:
    _check_tenant(partnership, plan=fields.get("plan"))
    for name in ("priorities", "actions"):
        for item in fields.get(name, []):
            if _plan_of(item).partnership_id != partnership.pk:
                raise DomainError("Choose one from this partnership.", field=name)
    recommendation = recommendation or Recommendation(partnership=partnership)
    status = fields.get("status", recommendation.status)
    evidence = fields.get("evidence_met", recommendation.evidence_met) or ""
    if status == Recommendation.Status.MET and not evidence.strip():
        raise DomainError(
            "A recommendation is marked met only with evidence that it is met: say what "
            "shows it (an audit, a measure, a re-audit).",
            field="evidence_met",
        )
    return audit.save_recorded(
        actor, partnership, recommendation, fields, f"recommendation {fields['reference']}"
    )


@transaction.atomic
def save_commitment(
    actor: Any, plan: Plan, commitment: Commitment | None, **fields: Any
) -> Commitment:
    _check_tenant(plan.partnership, owner=fields.get("owner"))
    if any(p.partnership_id != plan.partnership_id for p in fields.get("joint_owners", [])):
        raise DomainError("Choose people of this partnership.", field="joint_owners")
    commitment = commitment or Commitment(plan=plan)
    what = f"{Commitment.Kind(fields['kind']).label.lower()} {fields['reference']}"
    return audit.save_recorded(actor, plan.partnership, commitment, fields, what)
