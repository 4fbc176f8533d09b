"""The exception report in the browser, and its files to download. Everyone in the
partnership may read it, as they may the highlight report; the exploitation toolkit counts
and the overdue case audits appear only for roles that see those figures elsewhere."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from analytics.periods import month_asked
from assure.core.access import TenantRequest, may, tenant_view
from assure.reports.exception.files import FORMATS
from assure.reports.exception.model import ExceptionReport, exception_report
from assure.reports.exception.tables import sections
from assure.reports.opening import opening_month


def _report(request: TenantRequest) -> ExceptionReport:
    opening = opening_month(request.partnership)
    month = month_asked(request.GET.get("month"), opening) or opening
    membership = request.membership
    return exception_report(
        request.partnership,
        month,
        toolkit_counts=may(membership, "read_exploitation_figures"),
        overdue_audits=may(membership, "run_audits"),
        case_reviews=may(membership, "read_case_reviews"),
    )


@tenant_view()
def exception(request: TenantRequest) -> HttpResponse:
    report = _report(request)
    context = {
        "report": report,
        "sections": sections(report),
        "month_code": f"{report.month:%Y-%m}",
        "formats": [(kind, f.label) for kind, f in FORMATS.items()],
        "month_error": month_asked(request.GET.get("month"), report.month) is None,
    }
    return render(request, "reports/exception.html", context)


@tenant_view()
def exception_file(request: TenantRequest, kind: str) -> HttpResponse:
    chosen = FORMATS.get(kind)
    if chosen is None:
        raise Http404("No such format")
    report = _report(request)
    response = HttpResponse(chosen.render(report), content_type=chosen.content_type)
    name = f"exception-report-{request.partnership.slug}-{report.month:%Y-%m}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
