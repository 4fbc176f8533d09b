"""Reads of plans shared by views and reports; every one is scoped to a partnership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from assure.core.models import Membership, Partnership
from assure.partnership import ownership
from assure.plans.models import (
    Action,
    ActionUpdate,
    Commitment,
    Objective,
    Plan,
    Priority,
    Recommendation,
)

LIVE = [ActionUpdate.Status.SUBMITTED, ActionUpdate.Status.ACCEPTED]


def plans_of(partnership: Partnership) -> QuerySet[Plan]:
    return Plan.objects.filter(partnership=partnership).select_related("rag_scheme")


def actions_of(partnership: Partnership) -> QuerySet[Action]:
    return Action.objects.filter(objective__priority__plan__partnership=partnership).select_related(
        "objective__priority__plan", "owner_person", "owner_group", "owner_organisation"
    )


def get_plan(partnership: Partnership, pk: int | None) -> Plan:
    return get_object_or_404(plans_of(partnership), pk=pk)


def get_priority(partnership: Partnership, pk: int | None) -> Priority:
    return get_object_or_404(
        Priority.objects.select_related("plan"), plan__partnership=partnership, pk=pk
    )


def get_objective(partnership: Partnership, pk: int | None) -> Objective:
    return get_object_or_404(
        Objective.objects.select_related("priority__plan"),
        priority__plan__partnership=partnership,
        pk=pk,
    )


def get_action(partnership: Partnership, pk: int | None) -> Action:
    return get_object_or_404(actions_of(partnership), pk=pk)


def get_update(partnership: Partnership, pk: int | None) -> ActionUpdate:
    return get_object_or_404(
        ActionUpdate.objects.select_related("action__objective__priority__plan", "rag"),
        action__objective__priority__plan__partnership=partnership,
        pk=pk,
    )


def get_recommendation(partnership: Partnership, pk: int | None) -> Recommendation:
    return get_object_or_404(Recommendation.objects.filter(partnership=partnership), pk=pk)


def latest_updates(
    actions: Iterable[Action], up_to: str | None = None, since: str | None = None
) -> dict[int, ActionUpdate]:
    """Each action's latest update that has not been sent back, of a period up to `up_to`
    and from `since` when given (period codes: "2021-Q1"). The one statement of the rule
    the plans, the exception report and the annual report read."""
    ids = [a.pk for a in actions]
    latest: dict[int, ActionUpdate] = {}
    updates = ActionUpdate.objects.filter(action_id__in=ids, status__in=LIVE)
    if up_to is not None:
        updates = updates.filter(period__lte=up_to)
    if since is not None:
        updates = updates.filter(period__gte=since)
    updates = updates.select_related("rag").order_by("action_id", "-period", "-submitted_at", "-id")
    for update in updates:
        latest.setdefault(update.action_id, update)
    return latest


def period_updates(actions: Iterable[Action], period: str) -> dict[int, ActionUpdate]:
    """Each action's newest update for one period, whatever its review status."""
    found: dict[int, ActionUpdate] = {}
    updates = ActionUpdate.objects.filter(
        action_id__in=[a.pk for a in actions], period=period
    ).order_by("action_id", "-submitted_at", "-id")
    for update in updates.select_related("rag"):
        found.setdefault(update.action_id, update)
    return found


@dataclass
class ActionRow:
    action: Action
    latest: ActionUpdate | None
    current: ActionUpdate | None
    state: str  # done, awaiting review, sent back, due, overdue, complete, not requested

    @property
    def needs_update(self) -> bool:
        return self.state in {"due", "overdue", "sent back"}


def action_rows(actions: Iterable[Action], today: dt.date | None = None) -> list[ActionRow]:
    """Each action with its latest update and the state of its update for the plan's period."""
    actions = list(actions)
    today = today or dt.date.today()
    latest = latest_updates(actions)
    by_period: dict[str, list[Action]] = {}
    for action in actions:
        by_period.setdefault(action.plan.reporting_period, []).append(action)
    current: dict[int, ActionUpdate] = {}
    for period, group in by_period.items():
        current.update(period_updates(group, period))
    return [
        ActionRow(a, latest.get(a.pk), current.get(a.pk), _state(a, current.get(a.pk), today))
        for a in actions
    ]


def _state(action: Action, current: ActionUpdate | None, today: dt.date) -> str:
    if action.status == Action.Status.COMPLETE:
        return "complete"
    if current is not None:
        return {
            ActionUpdate.Status.SUBMITTED: "awaiting review",
            ActionUpdate.Status.ACCEPTED: "done",
            ActionUpdate.Status.RETURNED: "sent back",
        }[ActionUpdate.Status(current.status)]
    due = action.plan.updates_due
    if due is None:
        return "not requested"
    return "overdue" if today > due else "due"


def my_actions(membership: Membership) -> list[ActionRow]:
    """The actions whose updates are this member's to write (ownership.py); none for a reader."""
    if not ownership.does_work(membership):
        return []
    owned = ownership.owned_by(membership.person, agencies=True)
    actions = actions_of(membership.partnership).filter(owned).distinct()
    return action_rows(actions.order_by("objective__priority__plan", "code"))


OWNER_KINDS = ("person", "group", "organisation")


@dataclass(frozen=True)
class ActionFilter:
    """Which of a plan's actions to show: by owner ("person:12", "group:3",
    "organisation:5"), by latest RAG (a level's code, or "none"), and only the overdue (the
    update overdue, or the action past its due date)."""

    owner: str = ""
    rag: str = ""
    overdue: bool = False

    @classmethod
    def from_query(cls, query: Any) -> ActionFilter:
        owner = query.get("owner", "")
        kind, _, pk = owner.partition(":")
        return cls(
            owner=owner if kind in OWNER_KINDS and pk.isdigit() else "",
            rag=query.get("rag", "")[:20],
            overdue=query.get("overdue") == "yes",
        )

    @property
    def active(self) -> bool:
        return bool(self.owner or self.rag or self.overdue)

    def keeps(self, row: ActionRow) -> bool:
        action = row.action
        if self.owner:
            kind, _, pk = self.owner.partition(":")
            if getattr(action, f"owner_{kind}_id") != int(pk):
                return False
        if self.rag and (row.latest.rag.code if row.latest else "none") != self.rag:
            return False
        return not self.overdue or row.state == "overdue" or action.past_due


@dataclass
class PlanTree:
    plan: Plan
    priorities: list[Priority]
    rows: dict[int, ActionRow] = field(default_factory=dict)  # the actions shown
    owners: list[tuple[str, str]] = field(default_factory=list)  # (filter value, name)
    objectives_shown: set[int] = field(default_factory=set)


def plan_tree(
    plan: Plan, only: ActionFilter | None = None, priority: Priority | None = None
) -> PlanTree:
    """The plan's themes, objectives and actions with their rows; with `only`, the actions
    it keeps (and the themes and objectives holding them); with `priority`, that theme."""
    actions = Action.objects.select_related("owner_person", "owner_group", "owner_organisation")
    themes = plan.priorities.filter(pk=priority.pk) if priority else plan.priorities.all()
    priorities = list(
        themes.select_related("lead_group", "lead_person").prefetch_related(
            "reviews__rag",
            "objectives__lead_person",
            Prefetch("objectives__actions", queryset=actions),
        )
    )
    everything = action_rows(
        a for p in priorities for o in p.objectives.all() for a in o.actions.all()
    )
    kept = [row for row in everything if only is None or only.keeps(row)]
    rows = {row.action.pk: row for row in kept}
    objectives = [o for p in priorities for o in p.objectives.all()]
    if only is not None and only.active:
        shown = {o.pk for o in objectives if any(a.pk in rows for a in o.actions.all())}
        priorities = [p for p in priorities if any(o.pk in shown for o in p.objectives.all())]
    else:
        shown = {o.pk for o in objectives}
    owners = {
        (f"{kind}:{owner.pk}", str(owner))
        for row in everything
        for kind in OWNER_KINDS
        if (owner := getattr(row.action, f"owner_{kind}")) is not None
    }
    return PlanTree(plan, priorities, rows, sorted(owners, key=lambda o: o[1]), shown)


def awaiting_review(partnership: Partnership) -> QuerySet[ActionUpdate]:
    """Every update waiting for the business manager, oldest first."""
    return (
        ActionUpdate.objects.filter(
            action__objective__priority__plan__partnership=partnership,
            status=ActionUpdate.Status.SUBMITTED,
        )
        .select_related("action__objective__priority__plan", "rag", "author", "author_person")
        .order_by("submitted_at", "id")
    )


@dataclass
class UpdateQueue:
    plan: Plan
    due: list[ActionRow]
    overdue: list[ActionRow]
    sent_back: list[ActionRow]
    awaiting_review: list[ActionUpdate]


def update_queues(partnership: Partnership) -> list[UpdateQueue]:
    """For each plan: updates due, overdue, sent back, and those awaiting review (the
    partnership's actions and updates read once, not once a plan)."""
    rows = action_rows(actions_of(partnership))
    awaiting = list(awaiting_review(partnership))
    queues = []
    for plan in plans_of(partnership):
        ours = [r for r in rows if r.action.objective.priority.plan_id == plan.pk]
        queues.append(
            UpdateQueue(
                plan,
                due=[r for r in ours if r.state == "due"],
                overdue=[r for r in ours if r.state == "overdue"],
                sent_back=[r for r in ours if r.state == "sent back"],
                awaiting_review=[
                    u for u in awaiting if u.action.objective.priority.plan_id == plan.pk
                ],
            )
        )
    return queues


@dataclass
class RegisterRow:
    recommendation: Recommendation
    actions: list[ActionRow]

    @property
    def unanswered(self) -> bool:
        return not self.actions


def recommendation_register(partnership: Partnership) -> list[RegisterRow]:
    recommendations = list(
        Recommendation.objects.filter(partnership=partnership)
        .select_related("plan")
        .prefetch_related("priorities", "actions")
    )
    all_actions = {a.pk: a for r in recommendations for a in r.actions.all()}
    rows = {
        row.action.pk: row
        for row in action_rows(actions_of(partnership).filter(pk__in=all_actions))
    }
    return [
        RegisterRow(r, [rows[a.pk] for a in r.actions.all() if a.pk in rows])
        for r in recommendations
    ]


def get_commitment(partnership: Partnership, pk: int | None) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("plan"), plan__partnership=partnership, pk=pk
    )
