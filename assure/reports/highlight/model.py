"""The highlight report of seed 004 as plain dataclasses: the one model every renderer reads.

`highlight_report(partnership, plan, month)` gathers, for a reporting month: the plan's
overall status, its commitments, its risk register, the RAG guidance of its scheme, and for
each theme its overview, its performance tables (each measure with a small trend chart, drawn
here once for every format) and its key actions with their quarterly RAG.
Every rating carries the address of what lies behind it, so the browser can link a red or
amber to the action, risk or indicator that explains it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.urls import reverse

from analytics.periods import month_end
from assure.core.models import Partnership, RagLevel
from assure.core.periods import Period
from assure.performance.tables import PerformanceTable, theme_tables
from assure.plans.models import Action, ActionUpdate, Commitment, Objective, Plan, Priority
from assure.plans.queries import LIVE, actions_of, plans_of
from assure.reports.highlight.measures import (
    Signal,
    latest_months,
    register_note,
    register_notes,
    signal,
    sources_note,
)
from assure.reports.highlight.trend_charts import TrendChart, table_charts
from assure.risks.queries import register

ASSIGNED = (
    "A rating marked (assigned) is not printed in the source document: it was rated from the "
    "narrative when the plan was loaded."
)


@dataclass
class Rating:
    label: str  # "Red", "Amber", "Green", "Bright Green"
    colour: str  # red, amber, green, bright-green
    href: str = ""
    assigned: bool = False  # the source printed no rating: rated from its narrative on loading

    @property
    def text(self) -> str:
        """The rating as printed: its word, marked when it was not in the source."""
        return f"{self.label} (assigned)" if self.assigned else self.label


@dataclass
class CommitmentRow:
    reference: str
    description: str
    owner: str
    by_when: str


@dataclass
class RiskRow:
    reference: str
    kind: str
    description: str
    mitigation: str
    owner: str
    probability: int
    impact: int
    score: int
    target_score: int | None
    band: str
    href: str
    raised: str = ""  # the month it was raised, as 004 writes it: "January 2020"


@dataclass
class Guidance:
    rating: Rating
    overall: str
    action: str


@dataclass
class ActionRow:
    code: str
    title: str
    owner: str
    quarters: list[Rating | None]
    narrative: str  # the progress of the latest update
    href: str
    objective: str = ""  # "Lead: objective", on the first action of each objective, as 004
    barriers: str = ""
    next_steps: str = ""

    @property
    def account(self) -> str:
        """The update as 004 prints it: progress, then its barriers and next steps."""
        parts = [self.narrative]
        if self.barriers:
            parts.append(f"Barriers: {self.barriers}")
        if self.next_steps:
            parts.append(f"Next steps: {self.next_steps}")
        return "\n".join(p for p in parts if p)


@dataclass
class ThemeSection:
    code: str
    title: str
    rating: Rating | None
    narrative: str
    tables: list[PerformanceTable]
    actions: list[ActionRow]
    # Each measure's trend chart by indicator id: drawn once, shown by every renderer.
    charts: dict[int, TrendChart] = field(default_factory=dict)
    # Each measure's SPC icons, read at the reporting month, by indicator id.
    signals: dict[int, Signal] = field(default_factory=dict)
    # Measures also counted by the exploitation register: where the two differ, by id.
    register: dict[int, str] = field(default_factory=dict)
    # By the index of a table: its measures whose figures lie before the window, each
    # group in a table of its own latest months.
    earlier: dict[int, list[PerformanceTable]] = field(default_factory=dict)

    @property
    def ratings_assigned(self) -> bool:
        """Whether any of its key actions' ratings was assigned on loading, not printed."""
        return any(q is not None and q.assigned for a in self.actions for q in a.quarters)

    @property
    def assigned_note(self) -> str:
        return ASSIGNED if self.ratings_assigned else ""

    def pages(self) -> list[tuple[PerformanceTable, list[tuple[str, str]], list, list]]:
        """For the browser page: each table, its notes beside the register and on where its
        figures come from, its rows with their SPC icons, and the tables of the latest months
        of its measures behind the window."""
        return [
            (
                table,
                self.notes_of(table, checks=False),
                [
                    (row, self.signals[row.indicator.pk])
                    for row in table.rows
                    if row.indicator.pk in self.signals
                ],
                self.earlier.get(index, []),
            )
            for index, table in enumerate(self.tables)
        ]

    def notes_of(self, table: PerformanceTable, checks: bool = True) -> list[tuple[str, str]]:
        """The table's data checks and issues (unless `checks` is false: the page shows them
        in the table), then which figure it prints of those the exploitation register also
        counts, with the register's count where they differ, then where its figures come from."""
        found = [register_note(table, self.register), sources_note(table)]
        return [*(table.notes if checks else []), *(note for note in found if note)]

    @property
    def trend_charts(self) -> list[TrendChart]:
        return list(self.charts.values())


@dataclass
class HighlightReport:
    partnership: str
    slug: str
    plan: str
    month: dt.date  # the last day of the reporting month
    report_date: dt.date
    senior_responsible_officer: str
    status: Rating | None
    narrative: str
    key_priorities: list[CommitmentRow]
    medium_term: list[CommitmentRow]
    risks: list[RiskRow]
    guidance: list[Guidance]
    quarter_labels: list[str]
    themes: list[ThemeSection] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.plan}: highlight report"

    @property
    def month_label(self) -> str:
        return f"{self.month:%B %Y}"


def current_plan(partnership: Partnership) -> Plan | None:
    """The partnership's current improvement plan, else its most recent current plan."""
    plans = plans_of(partnership)
    return (
        plans.filter(kind=Plan.Kind.IMPROVEMENT, is_current=True).first()
        or plans.filter(is_current=True).first()
    )


def _rating(level: RagLevel | None, href: str = "", assigned: bool = False) -> Rating | None:
    if level is None:
        return None
    return Rating(level.label, level.colour, href, assigned)


def _commitments(plan: Plan, kind: str) -> list[CommitmentRow]:
    rows = plan.commitments.filter(kind=kind).select_related("owner")
    rows = rows.prefetch_related("joint_owners")
    return [
        CommitmentRow(c.reference, c.description, " and ".join(c.owners()), c.by_when) for c in rows
    ]


def _risks(partnership: Partnership, plan: Plan) -> list[RiskRow]:
    """The plan's open risks and issues in reference order, as 004 lists them."""
    slug = partnership.slug
    risks = [r for r in register(partnership, include_closed=False) if r.plan_id == plan.pk]
    risks.sort(key=lambda r: natural_key(r.reference))
    return [
        RiskRow(
            r.reference,
            r.get_kind_display(),
            r.description,
            r.mitigation,
            ", ".join(r.owners()),
            r.probability,
            r.impact,
            r.score,
            r.target_score,
            r.band,
            reverse("risk", args=[slug, r.pk]),
            f"{r.raised_on:%B %Y}" if r.raised_on else "",
        )
        for r in risks
    ]


def natural_key(reference: str) -> list[tuple[int, str]]:
    """R2 before R10, 1.2 before 1.10: numbers within a reference compared as numbers."""
    return [
        (int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", reference)
    ]


def _latest_before(ratings: list, period: Period):
    """The newest of a status or review list (newest first) at or before `period`."""
    return next((r for r in ratings if r.period <= period.code), None)


def _titled(action: Action) -> str:
    """The action's title, and where it came from when a case audit raised it (the source
    plan does not print it)."""
    raised = getattr(action, "case_audit", None)  # the reverse side is absent, not None
    if raised is None:
        return action.title
    audit = raised.audit
    return f"{action.title}\n(Raised by a case audit: {audit.tool}, {audit.month:%B %Y})"


def _action_rows(partnership: Partnership, theme: Priority, period: Period) -> list[ActionRow]:
    quarters = period.quarters_of_year()
    actions = list(
        actions_of(partnership)
        .filter(objective__priority=theme)
        .select_related("objective__lead_person", "case_audit__audit__tool")
    )
    updates = ActionUpdate.objects.filter(
        action__in=actions, status__in=LIVE, period__lte=quarters[-1].code
    ).select_related("rag")
    newest: dict[tuple[int, str], ActionUpdate] = {}
    for update in updates.order_by("action_id", "period", "submitted_at", "id"):
        newest[(update.action_id, update.period)] = update  # later ones replace earlier
    rows = []
    previous = None
    for action in actions:
        href = reverse("action", args=[partnership.slug, action.pk])
        ratings = [newest.get((action.pk, q.code)) for q in quarters]
        shown = [u for p, u in sorted(newest.items()) if p[0] == action.pk and p[1] <= period.code]
        latest = shown[-1] if shown else None
        objective = action.objective
        rows.append(
            ActionRow(
                action.code,
                _titled(action),
                ", ".join(action.owners()),
                [_rating(u.rag, href, u.rag_assigned) if u else None for u in ratings],
                latest.progress if latest else "",
                href,
                _objective(objective) if objective.pk != previous else "",
                latest.barriers if latest else "",
                latest.next_steps if latest else "",
            )
        )
        previous = objective.pk
    return rows


def _objective(objective: Objective) -> str:
    """An objective as 004 heads its actions: its lead, a colon, the objective; a theme's
    own objective (one named as the theme is) is not repeated."""
    if objective.title == objective.priority.title:
        return ""
    lead = objective.lead_person.name if objective.lead_person else ""
    return f"{lead}: {objective.title}" if lead else objective.title


def _theme(
    partnership: Partnership,
    theme: Priority,
    month: dt.date,
    tables: list[PerformanceTable],
    register: dict[int, str],
) -> ThemeSection:
    period = Period.containing(month)
    earlier = {index: found for index, t in enumerate(tables) if (found := latest_months(t))}
    rows = [row for table in tables for row in table.rows]
    review = _latest_before(list(theme.reviews.select_related("rag")), period)
    href = reverse("plan", args=[partnership.slug, theme.plan_id]) + f"#priority-{theme.pk}"
    return ThemeSection(
        theme.code,
        theme.title,
        _rating(review.rag, href, review.rag_assigned) if review else None,
        review.narrative if review else "",
        tables,
        _action_rows(partnership, theme, period),
        {pk: chart for table in tables for pk, chart in table_charts(table).items()},
        {row.indicator.pk: signal(row.data, month) for row in rows},
        {
            row.indicator.pk: register[row.indicator.pk]
            for row in rows
            if row.indicator.pk in register
        },
        earlier,
    )


def highlight_report(
    partnership: Partnership, plan: Plan, month: dt.date, report_date: dt.date | None = None
) -> HighlightReport:
    """The highlight report of `plan` for the month holding `month`."""
    if plan.partnership_id != partnership.pk:
        raise ValueError("The plan belongs to another partnership.")
    month = month_end(month)
    period = Period.containing(month)
    status = _latest_before(list(plan.statuses.select_related("rag")), period)
    themes = plan.priorities.filter(kind=Priority.Kind.THEME).prefetch_related("reviews")
    plan_href = reverse("plan", args=[partnership.slug, plan.pk])
    # One pass over the indicators for every theme: gathering them is the slow part.
    tables = {t.theme.pk: t.tables for t in theme_tables(partnership, month) if t.theme}
    register = register_notes(partnership, month)
    return HighlightReport(
        partnership.name,
        partnership.slug,
        plan.title,
        month,
        report_date or dt.date.today(),
        str(plan.senior_responsible_officer or ""),
        _rating(status.rag, plan_href, status.rag_assigned) if status else None,
        status.narrative if status else "",
        _commitments(plan, Commitment.Kind.KEY_PRIORITY),
        _commitments(plan, Commitment.Kind.MEDIUM_TERM),
        _risks(partnership, plan),
        [
            Guidance(Rating(lv.label, lv.colour), lv.overall_meaning, lv.action_meaning)
            for lv in plan.rag_scheme.levels.order_by("-severity")
        ],
        [q.short_label for q in period.quarters_of_year()],
        [_theme(partnership, theme, month, tables.get(theme.pk, []), register) for theme in themes],
    )
