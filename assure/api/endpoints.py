"""The read API, version 1 (django-ninja, decision 0032): what Power BI and Excel read.

Every endpoint is a GET, needs a token (`Authorization: Bearer assure_...`) with the scope
it names, and reads only the token's partnership. Lists are paginated (`limit`, at most
1,000, and `offset`; the answer gives `count`), and most take `changed_since` (an ISO date
and time): only what changed since then, by the record of changes. Figures come from the
same code as the pages: an action's state and latest rating from plans/queries.py, SPC from
performance/control.py, audit averages from audits/queries.py, missing counts from
exploitation/missing.py. Nothing about a child is ever served.
"""

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer
from pydantic import BeforeValidator

from analytics import periods
from assure.api import services
from assure.api.models import ApiToken
from assure.audits.models import AuditTool, CaseAudit
from assure.audits.queries import score_table
from assure.core.models import ChangeRecord, Partnership
from assure.exploitation import missing
from assure.exploitation.queries import figures_date
from assure.meetings.models import TrackerAction
from assure.performance import queries as performance
from assure.performance.control import control
from assure.plans import queries as plans
from assure.plans.models import ActionUpdate, Recommendation
from assure.risks.models import Risk


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = services.token_for(token)
        if found is not None:
            request.api_token = found  # type: ignore[attr-defined]
        return found


api = NinjaAPI(
    title="Assure read API",
    version="1",
    description=(
        "Read a safeguarding children partnership's plans, risks, tracker, performance, "
        "audit and exploitation summaries into Power BI or Excel. A token from the "
        "partnership's administrator goes in the header `Authorization: Bearer <token>`. "
        "Nothing here writes, and nothing names a child."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url=None,  # the interactive page loads scripts from elsewhere; the document is enough
)


MAX_ID = 2**63 - 1  # the largest id either database holds: a larger number is refused, not a 500


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="Rows a page, at most 1,000")
        offset: int = Field(0, ge=0, le=MAX_ID, description="Rows to skip")


class Problem(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]]


def answers(row: Any) -> dict[int, Any]:
    """A list of `row`, or the problem: no token (401), not in its scope (403), a query
    parameter the API cannot read (422)."""
    return {200: list[row], 401: Problem, 403: Problem, 422: Invalid}


def takes(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse a query parameter the address does not take (a mistyped `changed_since` would
    otherwise quietly give every row)."""
    allowed = {"limit", "offset", *names}

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                takes = ", ".join(sorted(allowed))
                raise ValidationError(
                    [
                        {"loc": ["query", name], "msg": f"not a parameter here; it takes {takes}"}
                        for name in unknown
                    ]
                )
            return view(request, *args, **kwargs)

        return checked

    return decorate


def partnership_for(request: HttpRequest, scope: str) -> Partnership:
    token: ApiToken = request.api_token  # type: ignore[attr-defined]
    if scope not in token.scopes:
        raise HttpError(403, f"This token may not read {scope}: ask for a token with that scope")
    return token.partnership


def changed(partnership: Partnership, since: dt.datetime | None, *kinds: str) -> set[int] | None:
    """Ids of the records of `kinds` ("plans.action") changed since `since`; None for all."""
    if since is None:
        return None
    records = ChangeRecord.objects.filter(
        partnership=partnership, object_type__in=kinds, at__gte=since
    )
    return set(records.values_list("object_id", flat=True))


def number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _iso(value: Any) -> Any:
    """Only an ISO 8601 date and time (a bare number is not read as seconds since 1970),
    given in UTC (without a zone, it is UTC): PostgreSQL refuses zones beyond ±16 hours."""
    if isinstance(value, str):
        try:
            return periods.parse_moment(value)
        except ValueError:
            raise ValueError("give an ISO date and time, e.g. 2021-07-01T00:00:00Z") from None
    return value


IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso)]


class Since(Schema):
    changed_since: IsoDateTime | None = Field(
        None, description="Only what changed since then, e.g. 2021-07-01T00:00:00Z"
    )


# Plans -------------------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    title: str
    kind: str
    starts: dt.date
    ends: dt.date
    reporting_period: str
    updates_due: dt.date | None
    overall_rating: str | None
    overall_rating_period: str | None


@api.get("/plans", response=answers(PlanOut), tags=["plans"])
@paginate(Page)
@takes()
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    partnership = partnership_for(request, "plans")
    found = plans.plans_of(partnership).prefetch_related("statuses__rag")
    rows = []
    for plan in found:
        status = next(iter(plan.statuses.all()), None)
        rows.append(
            {
                **{f: getattr(plan, f) for f in ("id", "title", "kind", "starts", "ends")},
                "reporting_period": plan.reporting_period,
                "updates_due": plan.updates_due,
                "overall_rating": status.rag.label if status else None,
                "overall_rating_period": status.period if status else None,
            }
        )
    return rows


class ActionOut(Schema):
    id: int
    plan_id: int
    plan: str
    theme_code: str
    theme: str
    objective_code: str
    objective: str
    code: str
    title: str
    owners: list[str]
    timescale: str
    due_date: dt.date | None
    status: str
    latest_rating: str | None
    latest_rating_period: str | None
    update_state: str


class ActionFilters(Since):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="Only this plan's (its id)")


@api.get("/actions", response=answers(ActionOut), tags=["plans"])
@paginate(Page)
@takes("plan", "changed_since")
def list_actions(request: HttpRequest, filters: Query[ActionFilters]) -> list[dict[str, Any]]:
    """Each action with its latest rating and the state of its update for the plan's period
    (due, overdue, awaiting review, sent back, done, complete, not requested)."""
    partnership = partnership_for(request, "plans")
    actions = plans.actions_of(partnership).order_by("objective__priority__plan", "pk")
    if filters.plan is not None:
        actions = actions.filter(objective__priority__plan_id=filters.plan)
    ids = changed(partnership, filters.changed_since, "plans.action")
    if ids is not None:
        updated = changed(partnership, filters.changed_since, "plans.actionupdate") or set()
        of_updates = ActionUpdate.objects.filter(pk__in=updated).values_list("action_id")
        actions = actions.filter(pk__in=ids) | actions.filter(pk__in=of_updates)
    return [
        {
            "id": row.action.pk,
            "plan_id": row.action.plan.pk,
            "plan": row.action.plan.title,
            "theme_code": row.action.objective.priority.code,
            "theme": row.action.objective.priority.title,
            "objective_code": row.action.objective.code,
            "objective": row.action.objective.title,
            "code": row.action.code,
            "title": row.action.title,
            "owners": row.action.owners(),
            "timescale": row.action.timescale_text,
            "due_date": row.action.due_date,
            "status": row.action.status,
            "latest_rating": row.latest.rag.label if row.latest and row.latest.rag else None,
            "latest_rating_period": row.latest.period if row.latest else None,
            "update_state": row.state,
        }
        for row in plans.action_rows(actions.distinct())
    ]


class UpdateOut(Schema):
    id: int
    action_id: int
    action_code: str
    period: str
    rating: str | None
    status: str
    progress: str
    barriers: str
    next_steps: str
    submitted_at: dt.datetime
    reviewed_at: dt.datetime | None
    challenge: str


@api.get("/updates", response=answers(UpdateOut), tags=["plans"])
@paginate(Page)
@takes("plan", "changed_since")
def list_updates(request: HttpRequest, filters: Query[ActionFilters]) -> Any:
    """Every quarterly update, including those sent back (with the challenge)."""
    partnership = partnership_for(request, "plans")
    updates = ActionUpdate.objects.filter(
        action__objective__priority__plan__partnership=partnership
    ).select_related("action", "rag")
    if filters.plan is not None:
        updates = updates.filter(action__objective__priority__plan_id=filters.plan)
    ids = changed(partnership, filters.changed_since, "plans.actionupdate")
    if ids is not None:
        updates = updates.filter(pk__in=ids)
    return [
        {
            **{f: getattr(u, f) for f in ("id", "action_id", "period", "status", "progress")},
            **{f: getattr(u, f) for f in ("barriers", "next_steps", "submitted_at")},
            "action_code": u.action.code,
            "rating": u.rag.label if u.rag else None,
            "reviewed_at": u.reviewed_at,
            "challenge": u.challenge,
        }
        for u in updates.order_by("pk")
    ]


class RecommendationOut(Schema):
    id: int
    reference: str
    source: str
    source_title: str
    issued_on: dt.date | None
    text: str
    status: str
    plan_id: int | None
    theme_codes: list[str]
    action_ids: list[int]


@api.get("/recommendations", response=answers(RecommendationOut), tags=["plans"])
@paginate(Page)
@takes()
def list_recommendations(request: HttpRequest) -> Any:
    partnership = partnership_for(request, "plans")
    found = Recommendation.objects.filter(partnership=partnership).prefetch_related(
        "priorities", "actions"
    )
    return [
        {
            **{f: getattr(r, f) for f in ("id", "reference", "source", "source_title", "text")},
            "issued_on": r.issued_on,
            "status": r.status,
            "plan_id": r.plan_id,
            "theme_codes": [p.code for p in r.priorities.all()],
            "action_ids": [a.pk for a in r.actions.all()],
        }
        for r in found.order_by("pk")
    ]


# Risks and the tracker ------------------------------------------------------------------


class ReviewOut(Schema):
    reviewed_on: dt.date
    probability: int
    impact: int
    score: int
    note: str


class RiskOut(Schema):
    id: int
    reference: str
    kind: str
    description: str
    mitigation: str
    raised_on: dt.date
    owners: list[str]
    probability: int
    impact: int
    score: int
    band: str
    target_score: int | None
    status: str
    next_review: dt.date | None
    reviews: list[ReviewOut]


@api.get("/risks", response=answers(RiskOut), tags=["risks"])
@paginate(Page)
@takes("changed_since")
def list_risks(request: HttpRequest, filters: Query[Since]) -> Any:
    partnership = partnership_for(request, "risks")
    risks = (
        Risk.objects.filter(partnership=partnership)
        .select_related("owner_person", "owner_group")
        .prefetch_related("reviews")
    )
    ids = changed(partnership, filters.changed_since, "risks.risk")
    if ids is not None:
        reviewed = changed(partnership, filters.changed_since, "risks.riskreview") or set()
        risks = risks.filter(pk__in=ids) | risks.filter(reviews__pk__in=reviewed)
    return [
        {
            **{f: getattr(r, f) for f in ("id", "reference", "kind", "description", "mitigation")},
            **{f: getattr(r, f) for f in ("raised_on", "probability", "impact", "score", "band")},
            "owners": r.owners(),
            "target_score": r.target_score,
            "status": r.status,
            "next_review": r.next_review,
            "reviews": [
                {
                    **{f: getattr(v, f) for f in ("reviewed_on", "probability", "impact")},
                    "score": v.score,
                    "note": v.note,
                }
                for v in r.reviews.all()
            ],
        }
        for r in risks.distinct().order_by("pk")
    ]


class TrackerActionOut(Schema):
    id: int
    meeting_id: int
    meeting_date: dt.date
    group: str
    minute_number: str
    text: str
    owner: str | None
    due_date: dt.date | None
    status: str


@api.get("/tracker-actions", response=answers(TrackerActionOut), tags=["meetings"])
@paginate(Page)
@takes("changed_since")
def list_tracker_actions(request: HttpRequest, filters: Query[Since]) -> Any:
    partnership = partnership_for(request, "meetings")
    found = TrackerAction.objects.filter(partnership=partnership).select_related(
        "meeting__group", "owner"
    )
    ids = changed(partnership, filters.changed_since, "meetings.trackeraction")
    if ids is not None:
        found = found.filter(pk__in=ids)
    return [
        {
            **{f: getattr(a, f) for f in ("id", "meeting_id", "minute_number", "text")},
            "meeting_date": a.meeting.held_on,
            "group": str(a.meeting.group),
            "owner": str(a.owner) if a.owner else None,
            "due_date": a.due_date,
            "status": a.status,
        }
        for a in found.order_by("pk")
    ]


# Performance -----------------------------------------------------------------------------


class TargetOut(Schema):
    financial_year: int
    minimum: float | None
    upper: float | None
    note: str


class BenchmarkOut(Schema):
    financial_year: int
    kind: str
    name: str
    value: float


class SpcOut(Schema):
    variation: str | None
    assurance: str | None
    mean: float | None
    upper_limit: float | None
    lower_limit: float | None
    problem: str


class IndicatorOut(Schema):
    id: int
    reference: str
    title: str
    theme_code: str | None
    unit: str
    polarity: str
    period_type: str
    source: str
    latest_value: float | None
    latest_period_end: dt.date | None
    targets: list[TargetOut]
    benchmarks: list[BenchmarkOut]
    spc: SpcOut


@api.get("/indicators", response=answers(IndicatorOut), tags=["performance"])
@paginate(Page)
@takes()
def list_indicators(request: HttpRequest) -> Any:
    """The catalogue with targets, benchmarks, and the SPC reading of each series."""
    partnership = partnership_for(request, "performance")
    rows = []
    for data in performance.gather(partnership):
        indicator, reading, latest = data.indicator, control(data), data.latest()
        result = reading.result
        rows.append(
            {
                **{f: getattr(indicator, f) for f in ("id", "reference", "title", "unit")},
                **{f: getattr(indicator, f) for f in ("polarity", "period_type", "source")},
                "theme_code": indicator.theme.code if indicator.theme else None,
                "latest_value": number(latest.value) if latest else None,
                "latest_period_end": latest.period_end if latest else None,
                "targets": [
                    {
                        "financial_year": t.financial_year,
                        "minimum": number(t.minimum),
                        "upper": number(t.upper),
                        "note": t.note,
                    }
                    for t in data.targets.values()
                ],
                "benchmarks": [
                    {
                        "financial_year": b.financial_year,
                        "kind": b.kind,
                        "name": b.name,
                        "value": float(b.value),
                    }
                    for b in data.benchmarks
                ],
                "spc": {
                    "variation": result.variation if result else None,
                    "assurance": result.assurance if result else None,
                    "mean": result.mean if result else None,
                    "upper_limit": result.upper_limit if result else None,
                    "lower_limit": result.lower_limit if result else None,
                    "problem": reading.problem,
                },
            }
        )
    return rows


class FigureOut(Schema):
    id: int
    indicator_id: int
    reference: str
    span: str
    period_end: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None
    status: str
    source: str
    entered_at: dt.datetime


class FigureFilters(Since):
    indicator: int | None = Field(None, ge=1, le=MAX_ID, description="Only this indicator's")


@api.get("/figures", response=answers(FigureOut), tags=["performance"])
@paginate(Page)
@takes("indicator", "changed_since")
def list_figures(request: HttpRequest, filters: Query[FigureFilters]) -> Any:
    """Every figure held (monthly, quarterly, yearly), as corrected; `changed_since` by the
    time each was entered or corrected."""
    partnership = partnership_for(request, "performance")
    found = performance.Observation.objects.filter(indicator__partnership=partnership)
    if filters.indicator is not None:
        found = found.filter(indicator_id=filters.indicator)
    if filters.changed_since is not None:
        found = found.filter(entered_at__gte=filters.changed_since)
    return [
        {
            **{f: getattr(o, f) for f in ("id", "indicator_id", "span", "period_end", "status")},
            "reference": o.indicator.reference,
            "value": number(o.value),
            "numerator": number(o.numerator),
            "denominator": number(o.denominator),
            "source": o.source,
            "entered_at": o.entered_at,
        }
        for o in found.select_related("indicator").order_by("pk")
    ]


# Audits and exploitation: summaries only --------------------------------------------------


class AuditSummaryOut(Schema):
    tool: str
    month: dt.date
    completed: int
    domain: str
    average: float | None
    graded: int
    not_applicable: int


@api.get("/audit-summaries", response=answers(AuditSummaryOut), tags=["audits"])
@paginate(Page)
@takes()
def list_audit_summaries(request: HttpRequest) -> Any:
    """Completed audits by tool and month, with each domain's average grade (the agreed
    grade once moderated; N/A left out), as the performance report prints them."""
    partnership = partnership_for(request, "audits")
    rows = []
    for tool in AuditTool.objects.filter(partnership=partnership).order_by("pk"):
        months = sorted(
            set(
                CaseAudit.objects.filter(tool=tool, status=CaseAudit.Status.COMPLETED)
                .values_list("month", flat=True)
                .distinct()
            )
        )
        table = score_table(tool, months)
        for row in table.rows:
            for month, count, cell in zip(months, table.counts, row.cells, strict=True):
                rows.append(
                    {
                        "tool": tool.name,
                        "month": month,
                        "completed": count,
                        "domain": f"{row.domain.number} {row.domain.title}",
                        "average": number(cell.value),
                        "graded": cell.graded,
                        "not_applicable": cell.not_applicable,
                    }
                )
    return rows


class MissingMonthOut(Schema):
    month: dt.date
    children_missing: int
    children_in_care_missing: int
    children_returning: int
    episodes_returning: int
    children_interviewed: int
    interviews_offered: int
    interviews_declined: int
    children_declining_every_interview: int
    interviews_accepted: int
    interviews_within_72_hours: int
    percent_within_72_hours: float | None


class MonthsWanted(Schema):
    months: int = Field(12, ge=1, le=120, description="How many months, to the latest")


@api.get("/missing-summaries", response=answers(MissingMonthOut), tags=["exploitation"])
@paginate(Page)
@takes("months")
def list_missing_summaries(request: HttpRequest, wanted: Query[MonthsWanted]) -> Any:
    """Children missing and return interviews by month, to the date the register stands at:
    counts only, as the exploitation page shows them."""
    partnership = partnership_for(request, "exploitation")
    months = missing.months_to(figures_date(partnership), wanted.months)
    return [
        {
            "month": f.month,
            "children_missing": len(f.missing),
            "children_in_care_missing": len(f.cared_for_missing),
            "children_returning": len(f.returning),
            "episodes_returning": f.episodes_returning,
            "children_interviewed": len(f.interviewed),
            "interviews_offered": f.offered_total,
            "interviews_declined": f.declined_total,
            "children_declining_every_interview": f.declined_all,
            "interviews_accepted": f.accepted,
            "interviews_within_72_hours": f.within_72_hours,
            "percent_within_72_hours": number(f.percent_within_72_hours),
        }
        for f in missing.by_month(partnership, months)
    ]
