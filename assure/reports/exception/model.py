"""The exception report: what a board should look at first in a reporting month, as plain
dataclasses that every renderer reads.

`exception_report(partnership, month)` gathers, from the queries the other pages use:

* **red ratings** in the month: current plans' overall status and their themes' overview
  rating (the newest at or before the month's quarter), open actions whose latest update is
  Red, and performance measures whose figure for the month or year to date is rated red;
* **overdue updates**: open actions whose update for their plan's open period is past due;
* **risks scoring 15 or more** on the open register;
* **out-of-date exploitation toolkits** on the month's last day, counted by team and by risk
  (counts only: the report names no child);
* **overdue case audits and moderations**, by tool, month and auditor (no case named);
* **deadlines past due** that other apps keep: case reviews' statutory clocks (for those who
  read case reviews) and self-assessment returns not submitted.

Ratings and toolkits are read as they stood in the month; updates, risks and audits are live
registers with no history, so they are shown as they stand on the date of the report. Every
line carries the address of what lies behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from analytics.periods import month_end
from assure.assessments import deadlines as self_assessments
from assure.audits.compliance import overdue
from assure.audits.models import Team
from assure.core.models import Partnership
from assure.core.periods import Period
from assure.exploitation import toolkits
from assure.exploitation.queries import toolkits_of
from assure.partnership.deadlines import Deadline
from assure.performance.queries import gather, latest_month
from assure.performance.tables import Cell, TableRow, build_table
from assure.plans.models import Action, Plan, PlanStatus, PriorityReview
from assure.plans.queries import action_rows, actions_of, latest_updates, plans_of
from assure.reminders.models import Reminder
from assure.reviews import deadlines as case_reviews
from assure.risks.queries import register

RED = "red"
HIGH_SCORE = 15
Deadlines = Callable[[Partnership], list[Deadline]]
# The apps whose deadlines past due the report lists: case reviews' clocks, and returns.
REVIEW_DEADLINES: tuple[Deadlines, ...] = (case_reviews.deadlines,)
RETURN_DEADLINES: tuple[Deadlines, ...] = (self_assessments.deadlines,)


@dataclass
class Entry:
    """One line of the report: what it is, who owns it, what was found, and where to look."""

    reference: str
    title: str
    owner: str
    finding: str
    href: str
    detail: str = ""  # the narrative behind a rating, or the plan an action belongs to
    colour: str | None = None  # red, amber, green: how a renderer shades the finding
    value: float | None = None  # the figure, for a spreadsheet cell


@dataclass
class Count:
    label: str
    current: int
    out_of_date: int

    @property
    def percent_out_of_date(self) -> int | None:
        return round(100 * self.out_of_date / self.current) if self.current else None


@dataclass
class ToolkitCounts:
    on: dt.date
    total: Count
    by_team: list[Count]
    by_risk: list[Count]
    href: str


@dataclass
class ExceptionReport:
    partnership: str
    slug: str
    month: dt.date  # the last day of the reporting month
    report_date: dt.date
    red_ratings: list[Entry]
    red_actions: list[Entry]
    red_measures: list[Entry]
    overdue_updates: list[Entry]
    high_risks: list[Entry]
    toolkits: ToolkitCounts | None  # None when the reader may not see exploitation figures
    overdue_audits: list[Entry] | None  # likewise for case audit figures
    measures: int = 0  # the measures of the performance framework
    measures_without_figure: int = 0  # of them, those with no figure for the month yet
    latest_figures: dt.date | None = None  # the last month any measure has a figure for
    late_reviews: list[Entry] | None = None  # case reviews' clocks past due (None: not theirs)
    late_returns: list[Entry] = field(default_factory=list)  # self-assessment returns

    @property
    def missing_figures(self) -> str:
        """What the red measures cannot show, said: never "none is red" of figures not in."""
        if not self.measures_without_figure:
            return ""
        latest = f" (the latest are for {self.latest_figures:%B %Y})" if self.latest_figures else ""
        if self.measures_without_figure == self.measures:
            return (
                f"No measure has a figure for {self.month_label} yet{latest}, so none can be "
                "rated red or not this month."
            )
        return (
            f"{self.measures_without_figure} of {self.measures} measures have no figure for "
            f"{self.month_label} yet{latest}: only those with one can be rated."
        )

    @property
    def title(self) -> str:
        return f"{self.partnership}: exception report"

    @property
    def month_label(self) -> str:
        return f"{self.month:%B %Y}"

    @property
    def quarter_label(self) -> str:
        return Period.containing(self.month).short_label


def _current_plans(partnership: Partnership) -> list[Plan]:
    return list(plans_of(partnership).filter(is_current=True).select_related("rag_scheme"))


def _plan_statuses(partnership: Partnership, plans: list[Plan], period: Period) -> list[Entry]:
    statuses = PlanStatus.objects.filter(plan__in=plans, period__lte=period.code)
    newest: dict[int, PlanStatus] = {}
    for status in statuses.select_related("rag", "plan__senior_responsible_officer"):
        if status.plan_id not in newest or status.period > newest[status.plan_id].period:
            newest[status.plan_id] = status
    return [
        Entry(
            "Plan",
            s.plan.title,
            str(s.plan.senior_responsible_officer or ""),
            f"Overall status Red in {Period.parse(s.period).short_label}",
            reverse("plan", args=[partnership.slug, s.plan_id]),
            s.narrative,
            RED,
        )
        for s in newest.values()
        if s.rag.colour == RED
    ]


def _theme_reviews(plans: list[Plan], period: Period) -> list[Entry]:
    reviews = PriorityReview.objects.filter(priority__plan__in=plans, period__lte=period.code)
    newest: dict[int, PriorityReview] = {}
    chosen = reviews.select_related("rag", "priority__plan__partnership", "priority__lead_person")
    for review in chosen.order_by("priority__plan", "priority__position", "priority__code"):
        if review.priority_id not in newest or review.period > newest[review.priority_id].period:
            newest[review.priority_id] = review
    entries = []
    for review in newest.values():
        if review.rag.colour != RED:
            continue
        theme = review.priority
        href = reverse("plan", args=[theme.plan.partnership.slug, theme.plan_id])
        owner = str(theme.lead_person or theme.lead_group or "")
        finding = f"Overview rating Red in {Period.parse(review.period).short_label}"
        detail = f"{theme.plan.title}. {review.narrative}".strip()
        entries.append(
            Entry(
                theme.code, theme.title, owner, finding, f"{href}#priority-{theme.pk}", detail, RED
            )
        )
    return entries


def _red_actions(partnership: Partnership, plans: list[Plan], period: Period) -> list[Entry]:
    actions = list(
        actions_of(partnership)
        .filter(objective__priority__plan__in=plans, status=Action.Status.OPEN)
        .order_by("objective__priority__plan", "code")
    )
    newest = latest_updates(actions, up_to=period.code)
    entries = []
    for action in actions:
        update = newest.get(action.pk)
        if update is None or update.rag is None or update.rag.colour != RED:
            continue
        entries.append(
            Entry(
                action.code,
                action.title,
                ", ".join(action.owners()),
                f"Red in {Period.parse(update.period).short_label}",
                reverse("action", args=[partnership.slug, action.pk]),
                update.barriers or update.progress,
                RED,
            )
        )
    return entries


def _red_figures(row: TableRow, month: dt.date) -> list[str]:
    cells: list[tuple[str, Cell]] = [(f"{month:%B %Y}", c) for c in row.current_months[-1:]]
    cells.append(("Year to date", row.year_to_date))
    found = [f"{label}: {cell.text}" for label, cell in cells if cell.rating == RED]
    if found and row.target_min:
        upper = f", upper {row.target_upper}" if row.target_upper else ""
        found.append(f"target minimum {row.target_min}{upper}")
    return found


def _red_measures(partnership: Partnership, month: dt.date) -> tuple[list[Entry], int, int]:
    """Measures whose figure for the month, or for the year to date, is rated red: the cells
    the highlight report shades red for this month; and how many measures there are, and how
    many have no figure for the month."""
    table = build_table(gather(partnership), month, months=1)
    entries = []
    without = sum(1 for row in table.rows if all(c.value is None for c in row.current_months[-1:]))
    for row in table.rows:
        found = _red_figures(row, month)
        if not found:
            continue
        indicator = row.indicator
        theme = indicator.theme
        entries.append(
            Entry(
                indicator.reference,
                indicator.title,
                f"{theme.code} {theme.title}" if theme else "",
                "; ".join(found),
                reverse("indicator", args=[partnership.slug, indicator.pk]),
                colour=RED,
                value=float(row.year_to_date.value) if row.year_to_date.value is not None else None,
            )
        )
    return entries, len(table.rows), without


def _overdue_updates(partnership: Partnership, today: dt.date) -> list[Entry]:
    actions = actions_of(partnership).filter(status=Action.Status.OPEN)
    entries = []
    for row in action_rows(actions.order_by("objective__priority__plan", "code"), today):
        if row.state != "overdue":
            continue
        plan = row.action.plan
        due = plan.updates_due
        entries.append(
            Entry(
                row.action.code,
                row.action.title,
                ", ".join(row.action.owners()),
                f"Update for {plan.period.short_label} was due {due:%-d %B %Y}" if due else "",
                reverse("action", args=[partnership.slug, row.action.pk]),
                plan.title,
                RED,
                float((today - due).days) if due else None,
            )
        )
    return entries


def _high_risks(partnership: Partnership) -> list[Entry]:
    return [
        Entry(
            risk.reference,
            risk.description,
            ", ".join(risk.owners()),
            f"Score {risk.score} (probability {risk.probability} × impact {risk.impact})"
            + (f"; target {risk.target_score}" if risk.target_score else ""),
            reverse("risk", args=[partnership.slug, risk.pk]),
            risk.mitigation,
            RED,
            float(risk.score),
        )
        for risk in register(partnership, include_closed=False)
        if risk.score >= HIGH_SCORE
    ]


def _toolkits(partnership: Partnership, on: dt.date) -> ToolkitCounts:
    states = toolkits.states_on(toolkits_of(partnership), on)
    teams = [t.name for t in Team.objects.filter(partnership=partnership)]
    groups = {g.heading: g.rows for g in toolkits.statistics(states, teams)}

    def counts(heading: str) -> list[Count]:
        return [Count(r.label, r.total, r.out_of_date) for r in groups[heading] if r.total]

    return ToolkitCounts(
        on,
        Count("Current toolkits", len(states), sum(not s.in_date for s in states)),
        counts("Team"),
        counts("Risk"),
        reverse("exploitation", args=[partnership.slug]) + f"?on={on:%Y-%m-%d}",
    )


def _overdue_audits(partnership: Partnership, today: dt.date) -> list[Entry]:
    href = reverse("audit-compliance", args=[partnership.slug]) + "#overdue"
    entries = []
    for late in overdue(partnership, today):
        audit = late.audit
        person = audit.auditor if late.kind == "audit" else audit.moderation.moderator
        entries.append(
            Entry(
                "Audit" if late.kind == "audit" else "Moderation",
                f"{audit.tool} for {audit.month:%B %Y}" + (f", {audit.team}" if audit.team else ""),
                str(person or ""),
                f"Due {late.due_on:%-d %B %Y}, {late.days_over(today)} days overdue",
                href,
                colour=RED,
                value=float(late.days_over(today)),
            )
        )
    return entries


def _past_due(
    sources: tuple[Deadlines, ...], partnership: Partnership, today: dt.date
) -> list[Entry]:
    late = [d for source in sources for d in source(partnership) if d.due_on < today]
    return [
        Entry(
            Reminder.Kind(d.kind).label,
            d.label,
            d.owner or str(d.person or ""),
            f"Due {d.due_on:%-d %B %Y}, {(today - d.due_on).days} days overdue",
            d.listed_at or d.path,
            colour=RED,
            value=float((today - d.due_on).days),
        )
        for d in sorted(late, key=lambda d: (d.due_on, d.label))
    ]


def exception_report(
    partnership: Partnership,
    month: dt.date,
    report_date: dt.date | None = None,
    *,
    toolkit_counts: bool = True,
    overdue_audits: bool = True,
    case_reviews: bool = True,
) -> ExceptionReport:
    """The exception report for the month holding `month`. A reader whose role does not see
    exploitation figures, or the overdue audit list, gets the report without that section."""
    today = report_date or dt.date.today()
    month = month_end(month)
    period = Period.containing(month)
    plans = _current_plans(partnership)
    red_measures, measures, without = _red_measures(partnership, month)
    return ExceptionReport(
        partnership.name,
        partnership.slug,
        month,
        today,
        _plan_statuses(partnership, plans, period) + _theme_reviews(plans, period),
        _red_actions(partnership, plans, period),
        red_measures,
        _overdue_updates(partnership, today),
        _high_risks(partnership),
        _toolkits(partnership, min(month, today)) if toolkit_counts else None,
        _overdue_audits(partnership, today) if overdue_audits else None,
        measures,
        without,
        latest_month(partnership, before=month),
        _past_due(REVIEW_DEADLINES, partnership, today) if case_reviews else None,
        _past_due(RETURN_DEADLINES, partnership, today),
    )
