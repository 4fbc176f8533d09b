"""The annual report's "Our priorities and progress": for each plan that ran during the
financial year (the partnership's business or partnership plan first, then strategies and
improvement plans), its overall status, each priority's final rating and narrative of the
year, and each action's final rating and latest progress of the year.

"Final" is the newest rating given for a quarter of the year: the Q4 rating when there is
one, else the latest quarter rated. Updates sent back are left out, as everywhere else."""

from __future__ import annotations

from collections import Counter

from analytics.periods import financial_year_label
from assure.core.models import Partnership, RagLevel
from assure.core.periods import Period
from assure.documents.model import Cell, Table
from assure.plans.models import ActionUpdate, Plan, PriorityReview
from assure.plans.queries import actions_of, latest_updates, plans_of
from assure.reports.annual.tables import Section

ORDER = [Plan.Kind.PARTNERSHIP, Plan.Kind.BUSINESS, Plan.Kind.STRATEGY, Plan.Kind.IMPROVEMENT]


def plans_in_year(partnership: Partnership, fy: int) -> list[Plan]:
    first, last = Period(fy, 1), Period(fy, 4)
    plans = plans_of(partnership).filter(starts__lte=last.end, ends__gte=first.start)
    return sorted(plans, key=lambda p: (ORDER.index(Plan.Kind(p.kind)), -p.starts.toordinal()))


def _codes(fy: int) -> tuple[str, str]:
    return Period(fy, 1).code, Period(fy, 4).code


def _rating(level: RagLevel | None, period: str) -> Cell:
    if level is None:
        return Cell("Not rated")
    return Cell(f"{level.label} ({Period.parse(period).short_label})", level.colour)


def _final_updates(plan: Plan, fy: int) -> dict[int, ActionUpdate]:
    first, last = _codes(fy)
    actions = actions_of(plan.partnership).filter(objective__priority__plan=plan)
    return latest_updates(actions, up_to=last, since=first)


def _summary(ratings: list[str]) -> str:
    counts = Counter(ratings)
    return ", ".join(f"{n} {label}" for label, n in counts.most_common()) or "No actions"


def _priorities_table(plan: Plan, fy: int, final: dict[int, ActionUpdate]) -> Table:
    first, last = _codes(fy)
    reviews: dict[int, PriorityReview] = {}
    for each in (
        PriorityReview.objects.filter(priority__plan=plan, period__gte=first, period__lte=last)
        .select_related("rag")
        .order_by("priority_id", "period")
    ):
        reviews[each.priority_id] = each  # the year's last review of each priority
    actions = list(actions_of(plan.partnership).filter(objective__priority__plan=plan))
    rows = []
    for priority in plan.priorities.select_related("lead_group", "lead_person"):
        review = reviews.get(priority.pk)
        mine = [a for a in actions if a.objective.priority_id == priority.pk]
        rated = [
            final[a.pk].rag.label if a.pk in final and final[a.pk].rag else "not rated"
            for a in mine
        ]
        rows.append(
            [
                Cell(priority.code),
                Cell(priority.title),
                Cell(str(priority.lead_group or priority.lead_person or "")),
                _rating(review.rag if review else None, review.period if review else ""),
                Cell(_summary(rated)),
                Cell(review.narrative if review else ""),
            ]
        )
    header = ["Ref", "Priority", "Lead", "Rating", "Actions by final rating", "Progress"]
    return Table("Priorities", header, rows)


def _actions_table(plan: Plan, final: dict[int, ActionUpdate]) -> Table:
    rows = []
    for action in actions_of(plan.partnership).filter(objective__priority__plan=plan):
        update = final.get(action.pk)
        rows.append(
            [
                Cell(action.code),
                Cell(action.title),
                Cell(", ".join(action.owners())),
                _rating(update.rag if update else None, update.period if update else ""),
                Cell(update.progress if update else "No update for the year."),
            ]
        )
    header = ["Ref", "Action", "Owner", "Final rating", "Latest progress"]
    return Table("Actions", header, rows)


def _plan(plan: Plan, fy: int) -> Section:
    first, last = _codes(fy)
    section = Section(plan.title, f"plan-{plan.pk}")
    section.paragraphs.append(
        f"{plan.get_kind_display()}, {plan.starts:%B %Y} to {plan.ends:%B %Y}."
    )
    status = (
        plan.statuses.filter(period__gte=first, period__lte=last)
        .select_related("rag")
        .order_by("-period")
        .first()
    )
    if status is not None:
        when = Period.parse(status.period).short_label
        section.paragraphs.append(f"Overall status at {when}: {status.rag.label}.")
        if status.narrative:
            section.paragraphs.append(status.narrative)
    final = _final_updates(plan, fy)
    if not final:
        section.paragraphs.append(
            f"No progress updates were recorded for {financial_year_label(fy)}."
        )
    section.tables.append(_priorities_table(plan, fy, final))
    section.tables.append(_actions_table(plan, final))
    return section


def progress_section(partnership: Partnership, fy: int) -> Section:
    section = Section("Our priorities and progress", "priorities")
    plans = plans_in_year(partnership, fy)
    if not plans:
        section.paragraphs.append(f"No plan ran during {financial_year_label(fy)}.")
    section.subsections = [_plan(plan, fy) for plan in plans]
    return section
