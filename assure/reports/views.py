"""Report pages: the highlight report in the browser, and its files to download."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render

from assure.core.access import TenantRequest, tenant_view
from assure.plans.models import Plan
from assure.plans.queries import get_plan, plans_of
from assure.reports.formats import RENDERERS
from assure.reports.highlight import HighlightReport, current_plan, highlight_report


def _month(text: str | None) -> dt.date | None:
    """The month asked for as YYYY-MM; the current month when none is asked for."""
    if not text:
        return dt.date.today().replace(day=1)
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None


def _report(request: TenantRequest) -> tuple[Plan, HighlightReport]:
    partnership = request.partnership
    chosen = request.GET.get("plan", "")
    if chosen.isdigit():
        plan = get_plan(partnership, int(chosen))
    else:
        plan = current_plan(partnership)  # type: ignore[assignment]
        if plan is None:
            raise Http404("This partnership has no current plan.")
    month = _month(request.GET.get("month")) or dt.date.today().replace(day=1)
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
        "month_error": _month(request.GET.get("month")) is None,
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
