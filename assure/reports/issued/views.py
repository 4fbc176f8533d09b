"""Pages of issued reports: issuing one, the list of versions, one version as it was issued
(in the browser and every format), and what changed since."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from analytics.periods import month_end, parse_month
from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.errors import DomainError
from assure.plans.queries import plans_of
from assure.reports import queries, services
from assure.reports.highlight.formats import RENDERERS
from assure.reports.highlight.model import highlight_report
from assure.reports.issued.compare import ReportChanges, compare
from assure.reports.models import IssuedDocument, IssuedReport


def _problem(request: TenantRequest, message: str) -> HttpResponse:
    context = {"title": "The report was not issued", "message": message}
    return render(request, "core/error.html", context, status=400)


def _explains_damage(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A kept document that fails its checksum is explained, never shown as if sound."""

    @wraps(view)
    def wrapped(request: TenantRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except queries.DamagedDocument as error:
            message = f"{error} Ask your administrator to restore it from a backup."
            context = {"title": "This issued report cannot be shown", "message": message}
            return render(request, "core/error.html", context, status=500)

    return wrapped


@tenant_view(MANAGERS)
@require_POST
def issue(request: TenantRequest) -> HttpResponse:
    chosen = request.POST.get("plan", "")
    plan = plans_of(request.partnership).filter(pk=chosen).first() if chosen.isdigit() else None
    if plan is None:
        return _problem(request, "Choose a plan of this partnership, then issue its report.")
    try:
        month = parse_month(request.POST.get("month", ""))
    except ValueError:
        return _problem(request, "Give the reporting month as a year and month, e.g. 2021-05.")
    try:
        issued = services.issue_highlight_report(request.membership, plan, month)
    except DomainError as error:
        return _problem(request, error.message)
    messages.success(request, f"Issued the {issued.month_label} report as version {issued.version}")
    return redirect("report-issued", request.partnership.slug, issued.pk)


@tenant_view()
def issued_list(request: TenantRequest) -> HttpResponse:
    context = {"issued": queries.issued_reports_of(request.partnership)}
    return render(request, "reports/issued_list.html", context)


@tenant_view()
@_explains_damage
def issued_detail(request: TenantRequest, pk: int) -> HttpResponse:
    issued = queries.get_issued(request.partnership, pk)
    context = {
        "issued": issued,
        "report": queries.report_of(issued),
        "formats": [(kind, f.label) for kind, f in RENDERERS.items()],
        "next_month": f"{month_end(issued.month, 1):%Y-%m}",
    }
    return render(request, "reports/issued_detail.html", context)


@tenant_view()
@_explains_damage
def issued_file(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    chosen = RENDERERS.get(kind)
    if chosen is None:
        raise Http404("No such format")
    issued = queries.get_issued(request.partnership, pk)
    if kind == IssuedDocument.Kind.PDF:
        content = queries.document_of(issued, kind)  # the document of record, byte for byte
    else:
        content = chosen.render(queries.report_of(issued))
    response = HttpResponse(content, content_type=chosen.content_type)
    name = f"highlight-report-{request.partnership.slug}-{issued.plan_id}"
    name += f"-{issued.month:%Y-%m}-v{issued.version}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@tenant_view()
@_explains_damage
def issued_compare(request: TenantRequest, pk: int) -> HttpResponse:
    issued = queries.get_issued(request.partnership, pk)
    others = queries.versions_of_plan(issued).exclude(pk=issued.pk)
    chosen = request.GET.get("with", "live")
    month_text = request.GET.get("month") or f"{month_end(issued.month, 1):%Y-%m}"
    try:
        month = parse_month(month_text)
    except ValueError:
        month, month_text = month_end(issued.month, 1), ""
    other = others.filter(pk=chosen).first() if chosen.isdigit() else None
    context = {
        "issued": issued,
        "others": others,
        "chosen": other.pk if other else "live",
        "month_code": f"{month:%Y-%m}",
        "month_error": not month_text,
        "changes": _changes(request, issued, other, month),
    }
    return render(request, "reports/compare.html", context)


def _changes(
    request: TenantRequest, issued: IssuedReport, other: IssuedReport | None, month: dt.date
) -> ReportChanges:
    """The issued version against `other`, or the live report of `month`, older first."""
    mine = (queries.report_of(issued), _label(issued), (issued.month, 0, issued.version))
    if other is not None:
        theirs = (queries.report_of(other), _label(other), (other.month, 0, other.version))
    else:
        live = highlight_report(request.partnership, issued.plan, month)
        theirs = (live, f"Live report for {live.month_label}", (live.month, 1, 0))
    was, now = sorted([mine, theirs], key=lambda side: side[2])
    return compare(was[0], now[0], was[1], now[1])


def _label(issued: IssuedReport) -> str:
    return f"{issued.month_label}, version {issued.version} as issued"
