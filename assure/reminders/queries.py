"""What each owner should be reminded of, per partnership: plan updates due, overdue or sent
back; tracker actions, risk reviews, case audits and the deadlines other apps keep (case
reviews' clocks, self-assessment returns) overdue or due within 14 days. Closed items never."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from assure.assessments import deadlines as self_assessments
from assure.audits import compliance
from assure.core.models import Partnership
from assure.meetings.models import TrackerAction
from assure.partnership import ownership
from assure.partnership.deadlines import Deadline
from assure.partnership.models import Person
from assure.plans.models import Action
from assure.plans.queries import action_rows, actions_of
from assure.reminders.models import Reminder
from assure.reviews import deadlines as case_reviews
from assure.risks.models import Risk

HORIZON = dt.timedelta(days=14)
# The apps whose open deadlines (`partnership.deadlines.Deadline`) their people are reminded of.
DEADLINES: tuple[Callable[[Partnership], list[Deadline]], ...] = (
    case_reviews.deadlines,
    self_assessments.deadlines,
)
ONCE_A_WEEK = dt.timedelta(days=7)
Kind = Reminder.Kind


@dataclass(frozen=True)
class DueItem:
    kind: str
    object_id: int
    label: str
    state: str  # overdue, due, sent back
    due_on: dt.date | None
    person: Person
    path: str

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


def _state(due: dt.date, today: dt.date) -> str:
    return "overdue" if due < today else "due"


def _plan_updates(
    partnership: Partnership, today: dt.date, person: Person | None = None
) -> list[DueItem]:
    actions = actions_of(partnership).filter(status=Action.Status.OPEN)
    if person is not None:  # only what they own can be theirs to be reminded of
        actions = actions.filter(ownership.owned_by(person, agencies=True)).distinct()
    items = []
    actions = actions.select_related("owner_group__chair", "owner_organisation__lead")
    for row in action_rows(actions, today):
        due = row.action.plan.updates_due
        if not row.needs_update or (row.state == "due" and (due is None or due > today + HORIZON)):
            continue
        owner = ownership.reminded(row.action)
        if owner:
            label = f"{row.action.plan.title}: update action {row.action.code}"
            path = reverse("update-new", args=[partnership.slug, row.action.pk])
            items.append(
                DueItem(Kind.PLAN_UPDATE, row.action.pk, label, row.state, due, owner, path)
            )
    return items


def _tracker_actions(partnership: Partnership, today: dt.date) -> list[DueItem]:
    actions = TrackerAction.objects.filter(
        partnership=partnership,
        status=TrackerAction.Status.OPEN,
        due_date__lte=today + HORIZON,
        owner__partnership=partnership,
    ).select_related("meeting__group", "owner")
    return [
        DueItem(
            Kind.TRACKER_ACTION,
            a.pk,
            f"{a.meeting.group}: {a} — {a.text[:120]}",
            _state(a.due_date, today),
            a.due_date,
            a.owner,
            reverse("tracker-action", args=[partnership.slug, a.pk]),
        )
        for a in actions
        if a.owner is not None and a.due_date is not None  # both assured by the filter
    ]


def _risk_reviews(partnership: Partnership, today: dt.date) -> list[DueItem]:
    risks = Risk.objects.filter(
        partnership=partnership, status=Risk.Status.OPEN, next_review__lte=today + HORIZON
    ).select_related("owner_person", "owner_group__chair")
    items = []
    for risk in risks:
        owner = ownership.reminded(risk)
        if owner:
            label = f"Review {risk}: {risk.description[:120]}"
            path = reverse("risk-review", args=[partnership.slug, risk.pk])
            state = _state(risk.next_review, today) if risk.next_review else "due"
            items.append(
                DueItem(Kind.RISK_REVIEW, risk.pk, label, state, risk.next_review, owner, path)
            )
    return items


def _case_audits(partnership: Partnership, today: dt.date) -> list[DueItem]:
    """Each overdue audit to its auditor, each overdue moderation to its moderator."""
    items = []
    for late in compliance.overdue(partnership, today):
        audit = late.audit
        person = audit.auditor if late.kind == "audit" else audit.moderation.moderator
        what = "Audit" if late.kind == "audit" else "Moderate the audit of"
        label = f"{what} case {audit.case} for {audit.month:%B %Y} ({audit.tool})"
        path = reverse("case-audit", args=[partnership.slug, audit.pk])
        items.append(
            DueItem(Kind.CASE_AUDIT, audit.pk, label, "overdue", late.due_on, person, path)
        )
    return items


def _deadlines(partnership: Partnership, today: dt.date) -> list[DueItem]:
    return [
        DueItem(d.kind, d.object_id, d.label, d.state(today), d.due_on, d.person, d.path)
        for source in DEADLINES
        for d in source(partnership)
        if d.person is not None and d.due_on <= today + HORIZON
    ]


def due_items(
    partnership: Partnership, today: dt.date | None = None, person: Person | None = None
) -> list[DueItem]:
    """Everything overdue or due soon in one partnership, overdue first, then by due date."""
    today = today or dt.date.today()
    items = (
        _plan_updates(partnership, today, person)
        + _tracker_actions(partnership, today)
        + _risk_reviews(partnership, today)
        + _case_audits(partnership, today)
        + _deadlines(partnership, today)
    )
    if person is not None:
        items = [i for i in items if i.person.pk == person.pk]
    return sorted(items, key=lambda i: (i.state != "overdue", i.due_on or today, i.label))


def reminded_this_week(partnership: Partnership, today: dt.date) -> set[tuple[str, int, int]]:
    """(kind, object, person) already reminded in the seven days up to `today`."""
    recent = Reminder.objects.filter(partnership=partnership, sent_on__gt=today - ONCE_A_WEEK)
    return set(recent.values_list("kind", "object_id", "person_id"))


def sent_to(partnership: Partnership, person: Person | None, limit: int = 30) -> list[Reminder]:
    if person is None:
        return []
    return list(Reminder.objects.filter(partnership=partnership, person=person)[:limit])
