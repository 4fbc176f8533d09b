"""Pages of figures, which name no child: the audit overview, average scores by domain and
month, compliance with the programme, and learning themes over time."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from analytics.periods import month_or_none, month_start, month_starts
from assure.audits import compliance, indicators, learning, programme, queries
from assure.audits.access import may_record_dips
from assure.audits.arrangements import programme_of
from assure.audits.models import AuditTool, CaseAudit
from assure.audits.views import PUBLISHERS, READERS
from assure.core.access import TenantRequest, may, tenant_view
from assure.core.models import Partnership
from assure.core.periods import Period

MAX_MONTHS = 24


def _latest_month(partnership: Partnership, tool: AuditTool | None = None) -> dt.date:
    """The latest month with a completed audit, or this month when there is none."""
    done = CaseAudit.objects.filter(partnership=partnership, status=CaseAudit.Status.COMPLETED)
    if tool is not None:
        done = done.filter(tool=tool)
    latest = done.order_by("-month").values_list("month", flat=True).first()
    return latest or month_start(timezone.localdate())


def _months(request: TenantRequest, last: dt.date, default: int) -> list[dt.date]:
    last = month_or_none(request.GET.get("to")) or last
    count = request.GET.get("months", "")
    count_value = min(int(count), MAX_MONTHS) if count.isdigit() and int(count) > 0 else default
    return month_starts(month_start(last, 1 - count_value), last)


def _tool(request: TenantRequest) -> AuditTool | None:
    chosen = request.GET.get("tool", "")
    tools = queries.tools_of(request.partnership)
    if chosen.isdigit():
        return queries.get_tool(request.partnership, int(chosen))
    return programme_of(request.partnership).tool or tools.first()


@tenant_view(READERS)
def overview(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    plan = programme_of(partnership)
    today = timezone.localdate()
    tool = plan.tool or queries.tools_of(partnership).first()
    latest = _latest_month(partnership, tool)
    recent = month_starts(month_start(latest, -2), latest)
    context = {
        "programme": plan,
        "next_day": programme.next_audit_day(plan, today),
        "tool": tool,
        "latest": latest,
        "scores": queries.score_table(tool, [latest]) if tool else None,
        "compliance": list(
            zip(recent, compliance.table(partnership, recent).by_month.cells, strict=True)
        ),
        "recent": recent,
        "overdue": compliance.overdue(partnership, today)
        if may(request.membership, "run_audits")
        else None,
        "themes": learning.theme_counts(partnership, [Period.containing(latest)])[:5],
        "quarter": Period.containing(latest),
        "may_audit": may(request.membership, "run_audits"),
    }
    return render(request, "audits/overview.html", context)


@tenant_view(READERS)
def scores(request: TenantRequest) -> HttpResponse:
    tool = _tool(request)
    months = _months(request, _latest_month(request.partnership, tool), 12)
    context = {
        "tool": tool,
        "tools": queries.tools_of(request.partnership),
        "table": queries.score_table(tool, months) if tool else None,
        "months": months,
        "may_publish": may(request.membership, "publish_audit_figures"),
    }
    return render(request, "audits/scores.html", context)


@require_POST
@tenant_view(PUBLISHERS)
def publish(request: TenantRequest) -> HttpResponse:
    months = _months(request, _latest_month(request.partnership), 12)
    done = indicators.publish(request.user, request.partnership, months)
    created = f"; added indicators {', '.join(done.created)}" if done.created else ""
    messages.success(
        request,
        f"Sent {months[0]:%B %Y} to {months[-1]:%B %Y} to the performance framework: "
        f"{done.written} figures written, {done.unchanged} unchanged{created}",
    )
    return redirect(f"/p/{request.partnership.slug}/audits/scores/?{request.GET.urlencode()}")


@tenant_view(READERS)
def compliance_page(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    months = _months(request, _latest_month(partnership), 6)
    today = timezone.localdate()
    audits = compliance.table(partnership, months)
    context = {
        "months": months,
        "audits": audits,
        "totals": [audits.by_month],
        "moderations": compliance.table(partnership, months, moderations=True),
        "overdue": compliance.overdue(partnership, today)
        if may(request.membership, "run_audits")
        else None,
        "today": today,
    }
    return render(request, "audits/compliance.html", context)


@tenant_view(READERS)
def learning_page(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    latest = Period.containing(_latest_month(partnership))
    quarters = [latest]
    for _ in range(3):
        quarters.insert(0, quarters[0].previous())
    context = {
        "quarters": quarters,
        "counts": learning.theme_counts(partnership, quarters),
        "dips": queries.dip_samples_of(partnership).prefetch_related("findings"),
        "may_audit": may(request.membership, "run_audits"),
        "may_dip": may_record_dips(request.membership),
    }
    return render(request, "audits/learning.html", context)
