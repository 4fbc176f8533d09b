"""Report pages: the highlight report in the browser, and its files to download."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from analytics.periods import month_asked
from assure.core.access import TenantRequest, tenant_view
from assure.plans.models import Plan
from assure.plans.queries import get_plan, plans_of
from assure.reports.highlight.formats import RENDERERS
from assure.reports.highlight.model import HighlightReport, current_plan, highlight_report
from assure.reports.opening import opening_month


def _report(request: TenantRequest) -> tuple[Plan, HighlightReport]:
    partnership = request.partnership
    chosen = request.GET.get("plan", "")
    if chosen.isdigit():
        plan = get_plan(partnership, int(chosen))
    else:
        plan = current_plan(partnership)  # type: ignore[assignment]
        if plan is None:
            raise Http404("This partnership has no current plan.")
    opening = opening_month(partnership, plan)
    month = month_asked(request.GET.get("month"), opening) or opening
    return plan, highlight_report(partnership, plan, month)


@tenant_view()
def highlight(request: TenantRequest) -> HttpResponse:
    plan, report = _report(request)
    context = {
        "report": report,
        "plan": plan,
        "plans": plans_of(request.partnership),
        "month_code": f"{report.month:%Y-%m}",
        "formats": [(kind, f.label) for kind, f in RENDERERS.items()],
        "month_error": month_asked(request.GET.get("month"), report.month) is None,
    }
    return render(request, "reports/highlight.html", context)


@tenant_view()
def highlight_file(request: TenantRequest, kind: str) -> HttpResponse:
    chosen = RENDERERS.get(kind)
    if chosen is None:
        raise Http404("No such format")
    plan, report = _report(request)
    response = HttpResponse(chosen.render(report), content_type=chosen.content_type)
    name = f"highlight-report-{request.partnership.slug}-{plan.pk}-{report.month:%Y-%m}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
