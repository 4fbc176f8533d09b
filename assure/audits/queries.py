"""Reads of case audits, every one scoped to the partnership: tools, audits, the grid of one
audit (auditor, agencies and moderator side by side), and average scores by domain and month."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from assure.audits import scores
from assure.audits.models import (
    AgencyGrade,
    AgencyReturn,
    Auditor,
    AuditTool,
    Case,
    CaseAudit,
    DipSample,
    Domain,
    DomainGrade,
    LearningTheme,
    ModeratedGrade,
    Moderation,
    Sample,
    ScaleLevel,
    Team,
)
from assure.audits.scores import Average
from assure.core.models import Partnership
from assure.partnership.models import Person

Status = CaseAudit.Status


def tools_of(partnership: Partnership) -> QuerySet[AuditTool]:
    return AuditTool.objects.filter(partnership=partnership).annotate(
        domain_count=Count("domains", distinct=True)
    )


def get_tool(partnership: Partnership, pk: int) -> AuditTool:
    return get_object_or_404(AuditTool, partnership=partnership, pk=pk)


def get_domain(partnership: Partnership, pk: int) -> Domain:
    return get_object_or_404(
        Domain.objects.select_related("tool"), tool__partnership=partnership, pk=pk
    )


def get_level(partnership: Partnership, pk: int) -> ScaleLevel:
    return get_object_or_404(
        ScaleLevel.objects.select_related("tool"), tool__partnership=partnership, pk=pk
    )


def teams_of(partnership: Partnership) -> QuerySet[Team]:
    return Team.objects.filter(partnership=partnership)


def auditors_of(partnership: Partnership) -> QuerySet[Auditor]:
    return Auditor.objects.filter(partnership=partnership).select_related("person", "team")


def auditing_people(partnership: Partnership) -> QuerySet[Person]:
    """The people of the audit programme: who may be given an audit or a moderation."""
    return Person.objects.filter(partnership=partnership, auditor_places__isnull=False).distinct()


def get_team(partnership: Partnership, pk: int) -> Team:
    return get_object_or_404(Team, partnership=partnership, pk=pk)


def get_auditor(partnership: Partnership, pk: int) -> Auditor:
    return get_object_or_404(auditors_of(partnership), pk=pk)


def audits_of(partnership: Partnership) -> QuerySet[CaseAudit]:
    return CaseAudit.objects.filter(partnership=partnership).select_related(
        "case", "tool", "auditor", "team", "moderation__moderator"
    )


def get_audit(partnership: Partnership, pk: int) -> CaseAudit:
    return get_object_or_404(audits_of(partnership), pk=pk)


def get_return(partnership: Partnership, pk: int) -> AgencyReturn:
    return get_object_or_404(
        AgencyReturn.objects.select_related("audit__case", "audit__tool", "organisation"),
        audit__partnership=partnership,
        pk=pk,
    )


def get_sample(partnership: Partnership, pk: int) -> Sample:
    return get_object_or_404(get_samples(partnership), pk=pk)


def get_samples(partnership: Partnership) -> QuerySet[Sample]:
    return Sample.objects.filter(partnership=partnership).select_related("tool", "theme")


def get_moderation(audit: CaseAudit) -> Moderation:
    return get_object_or_404(Moderation.objects.select_related("moderator"), audit=audit)


def cases_of(partnership: Partnership) -> QuerySet[Case]:
    return (
        Case.objects.filter(partnership=partnership)
        .select_related("team")
        .prefetch_related("themes")
        .annotate(audit_count=Count("audits", filter=~Q(audits__status=Status.CANCELLED)))
    )


def get_case(partnership: Partnership, pk: int) -> Case:
    return get_object_or_404(Case, partnership=partnership, pk=pk)


def learning_themes_of(partnership: Partnership) -> QuerySet[LearningTheme]:
    return LearningTheme.objects.filter(partnership=partnership).prefetch_related(
        "priorities__plan"
    )


def get_learning_theme(partnership: Partnership, pk: int) -> LearningTheme:
    return get_object_or_404(LearningTheme, partnership=partnership, pk=pk)


def dip_samples_of(partnership: Partnership) -> QuerySet[DipSample]:
    return DipSample.objects.filter(partnership=partnership).select_related("carried_out_by")


def get_dip_sample(partnership: Partnership, pk: int) -> DipSample:
    return get_object_or_404(dip_samples_of(partnership), pk=pk)


def returns_for(organisation_id: int, partnership: Partnership) -> QuerySet[AgencyReturn]:
    """The returns an agency is asked for, in this partnership, newest first."""
    return (
        AgencyReturn.objects.filter(audit__partnership=partnership, organisation_id=organisation_id)
        .select_related("audit__case", "audit__tool")
        .order_by("submitted_on", "-due_on")
    )


def final_levels(audits: QuerySet[CaseAudit]) -> dict[int, dict[int, ScaleLevel]]:
    """Audit id to domain id to the grade that counts (the agreed grade once moderated)."""
    own: dict[int, dict[int, ScaleLevel]] = defaultdict(dict)
    for grade in DomainGrade.objects.filter(audit__in=audits).select_related("level"):
        own[grade.audit_id][grade.domain_id] = grade.level
    agreed: dict[int, dict[int, ScaleLevel]] = defaultdict(dict)
    moderated = ModeratedGrade.objects.filter(
        moderation__audit__in=audits, moderation__moderated_on__isnull=False
    ).select_related("agreed", "moderation")
    for second in moderated:
        agreed[second.moderation.audit_id][second.domain_id] = second.agreed
    return {k: scores.final_grades(own[k], agreed.get(k, {})) for k in own}


def audit_average(audit: CaseAudit) -> Decimal | None:
    """The average of the grades that count, N/A left out (the agreed grades once moderated)."""
    levels = final_levels(CaseAudit.objects.filter(pk=audit.pk)).get(audit.pk, {})
    return scores.average(levels.values())


@dataclass
class ScoreRow:
    domain: Domain
    cells: list[Average]
    whole: Average = field(default_factory=Average)


@dataclass
class ScoreTable:
    """Average score by domain and month, as 004's theme four table prints it."""

    tool: AuditTool
    months: list[dt.date]
    counts: list[int]
    rows: list[ScoreRow]

    @property
    def total(self) -> int:
        return sum(self.counts)


def score_table(tool: AuditTool, months: list[dt.date]) -> ScoreTable:
    """Completed audits with `tool` in each month: how many, and each domain's average."""
    domains = list(tool.domains.all())
    index = {month: i for i, month in enumerate(months)}
    audits = CaseAudit.objects.filter(tool=tool, status=Status.COMPLETED, month__in=months).only(
        "pk", "month"
    )
    levels = final_levels(audits)
    counts = [0] * len(months)
    rows = [ScoreRow(d, [Average() for _ in months]) for d in domains]
    for audit in audits:
        i = index[audit.month]
        counts[i] += 1
        graded = levels.get(audit.pk, {})
        for row in rows:
            row.cells[i].add(graded.get(row.domain.pk))
            row.whole.add(graded.get(row.domain.pk))
    return ScoreTable(tool, months, counts, rows)


@dataclass
class IndicatorFigures:
    """The month's figures for the performance framework, keyed by indicator reference."""

    counts: dict[str, int]
    averages: dict[str, Average]


def indicator_figures(partnership: Partnership, month: dt.date) -> IndicatorFigures:
    audits = CaseAudit.objects.filter(
        partnership=partnership, status=Status.COMPLETED, month=month
    ).select_related("tool")
    levels = final_levels(audits)
    domains = Domain.objects.filter(tool__partnership=partnership).exclude(indicator="")
    counts: dict[str, int] = defaultdict(int)
    averages: dict[str, Average] = defaultdict(Average)
    for tool in AuditTool.objects.filter(partnership=partnership).exclude(count_indicator=""):
        counts.setdefault(tool.count_indicator, 0)
    for domain in domains:
        averages.setdefault(domain.indicator, Average())
    for audit in audits:
        if audit.tool.count_indicator:
            counts[audit.tool.count_indicator] += 1
        for domain in domains:
            if domain.tool_id == audit.tool_id:
                averages[domain.indicator].add(levels.get(audit.pk, {}).get(domain.pk))
    return IndicatorFigures(dict(counts), dict(averages))


@dataclass
class GridRow:
    """One domain of an audit: the auditor's grade, each agency's, and the moderation."""

    domain: Domain
    grade: DomainGrade | None
    agencies: list[tuple[AgencyReturn, AgencyGrade | None]]
    comparison: scores.Comparison | None

    @property
    def agency_average(self) -> Decimal | None:
        return scores.average(g.level for _, g in self.agencies if g is not None)


def audit_grid(audit: CaseAudit) -> tuple[list[AgencyReturn], list[GridRow], Any]:
    """The grades of an audit, side by side, and the moderation summary (None if none)."""
    domains = list(audit.tool.domains.all())
    own = {g.domain_id: g for g in audit.grades.select_related("level")}
    returns = list(audit.returns.select_related("organisation", "submitted_by"))
    by_return = {r.pk: {g.domain_id: g for g in r.grades.select_related("level")} for r in returns}
    moderation = Moderation.objects.filter(audit=audit).first()
    summary = None
    if moderation is not None and moderation.is_completed:
        moderated = list(moderation.grades.select_related("level", "agreed"))
        summary = scores.compare(
            domains,
            {d: g.level for d, g in own.items()},
            {g.domain_id: g.level for g in moderated},
            {g.domain_id: g.agreed for g in moderated},
        )
    comparisons = {c.domain.pk: c for c in summary.rows} if summary else {}
    rows = [
        GridRow(
            d,
            own.get(d.pk),
            [(r, by_return[r.pk].get(d.pk)) for r in returns],
            comparisons.get(d.pk),
        )
        for d in domains
    ]
    return returns, rows, summary
