"""The annual report pages: the report in the browser and its files to download. Every
member may read the public version; the internal one, with small numbers of children, only
managers and analysts."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render

from analytics.periods import financial_year_label, financial_year_of, parse_financial_year
from assure.core.access import TenantRequest, may, require, tenant_view
from assure.plans.queries import plans_of
from assure.reports.annual.files import ANNUAL_FORMATS
from assure.reports.annual.model import INTERNAL, INTERNAL_READERS, AnnualReport, annual_report
from assure.reports.opening import opening_year


def year_code(fy: int) -> str:
    return f"{fy}-{str(fy + 1)[-2:]}"


def _years(request: TenantRequest) -> list[int]:
    """From the first year of the partnership's earliest plan to the current year."""
    now = financial_year_of(dt.date.today())
    first = plans_of(request.partnership).order_by("starts").first()
    start = financial_year_of(first.starts) if first else now - 1
    return list(range(now, min(start, now) - 1, -1))


def _year(request: TenantRequest) -> tuple[int, str]:
    """The year asked for, or the latest with data when none is (opening.py); with a message
    for one not understood."""
    default = opening_year(request.partnership)
    text = request.GET.get("year", "").strip()
    if not text:
        return default, ""
    try:
        return parse_financial_year(text), ""
    except ValueError:
        return default, (
            f"Enter the financial year as its first and second year, for example 2021-22; "
            f"showing {financial_year_label(default)} instead"
        )


def _report(request: TenantRequest) -> tuple[AnnualReport, str]:
    internal = request.GET.get("version") == INTERNAL
    if internal:
        require(request.membership, INTERNAL_READERS)
    fy, error = _year(request)
    return annual_report(request.partnership, fy, public=not internal), error


@tenant_view()
def annual(request: TenantRequest) -> HttpResponse:
    report, error = _report(request)
    years = sorted({*_years(request), report.fy}, reverse=True)
    context = {
        "report": report,
        "year_code": year_code(report.fy),
        "years": [(year_code(fy), financial_year_label(fy)) for fy in years],
        "year_error": error,
        "may_see_internal": may(request.membership, "read_internal_annual"),
        "formats": [(kind, f.label) for kind, f in ANNUAL_FORMATS.items()],
    }
    return render(request, "reports/annual.html", context)


@tenant_view()
def annual_file(request: TenantRequest, kind: str) -> HttpResponse:
    chosen = ANNUAL_FORMATS.get(kind)
    if chosen is None:
        raise Http404("No such format")
    report, _ = _report(request)
    response = HttpResponse(chosen.render(report), content_type=chosen.content_type)
    name = f"annual-report-{report.slug}-{year_code(report.fy)}-{report.version}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
