"""The learning themes across the partnership in the browser, and as Word and Excel. Read by
those who read audit figures: counts of themes, naming no child and no case."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from assure.core.access import TenantRequest, roles_for, tenant_view
from assure.documents.files import download
from assure.reports.learning.model import learning_report

READERS = roles_for("read_audit_figures")


def _shade(count: int, peak: int) -> int:
    """How dark a year's cell is drawn, 0 (none found) to 4 (the most any theme was found)."""
    return 0 if not count or not peak else max(1, round(4 * count / peak))


@tenant_view(READERS)
def learning(request: TenantRequest) -> HttpResponse:
    report = learning_report(request.partnership)
    peak = max((n for row in report.rows for n in row.by_year), default=0)
    shaded = [(row, [(n, _shade(n, peak)) for n in row.by_year]) for row in report.rows]
    context = {"report": report, "rows": shaded}
    return render(request, "reports/learning.html", context)


@tenant_view(READERS)
def learning_file(request: TenantRequest, kind: str) -> HttpResponse:
    if kind not in ("docx", "xlsx"):
        raise Http404("No such format")
    report = learning_report(request.partnership)
    return download(report.table(), kind, f"learning-themes-{request.partnership.slug}")
