"""Dataset pages: parse, call a service or a query, render. Analysts only.

Child-level rows are shown only to the partnership's analysts, only for its own authority,
and each showing is recorded.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from analytics.formats import local_extracts
from assure.core import guides
from assure.core.access import TenantRequest, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data, page_with_form, save_with
from assure.datasets import benchmarks, queries, services, tasks
from assure.datasets.forms import UploadForm
from assure.service import queue

ANALYSTS = services.ANALYSTS


@tenant_view(ANALYSTS)
def overview(request: HttpRequest) -> HttpResponse:
    services.fail_abandoned(request.partnership)  # type: ignore[attr-defined]
    context = {
        "loads": queries.loads_of(request.partnership)[:30],  # type: ignore[attr-defined]
        "snapshots": queries.snapshots_of(request.partnership),  # type: ignore[attr-defined]
    }
    return render(request, "datasets/overview.html", context)


@tenant_view(ANALYSTS)
def upload(request: TenantRequest) -> HttpResponse:
    data = form_data(request)
    form = UploadForm(data, request.FILES if data is not None else None)
    if request.method == "POST":
        files = request.FILES.getlist("files")
        load = save_with(
            form,
            lambda cleaned: services.start_upload(
                request.user,
                request.partnership,
                files,
                cleaned.get("year"),
            ),
        )
        if load:
            return redirect("dataset-load", request.partnership.slug, load.pk)
    extracts = [(name, spec.title) for name, spec in local_extracts.SPECS.items()]
    context = {"form": form, "extracts": extracts}
    return page_with_form(request, "datasets/upload.html", context)


@tenant_view(ANALYSTS)
def extract_template(request: HttpRequest, name: str) -> HttpResponse:
    """The headings of a local extract (missing episodes, toolkits, workforce), to fill in."""
    spec = local_extracts.SPECS.get(name)
    if spec is None:
        raise Http404("No such extract")
    return guides.csv_template([c.name for c in spec.columns], name)


@tenant_view(ANALYSTS)
def load_detail(request: HttpRequest, pk: int) -> HttpResponse:
    services.fail_abandoned(request.partnership)  # type: ignore[attr-defined]
    load = queries.get_load(request.partnership, pk)  # type: ignore[attr-defined]
    report = load.report or {}
    context = {
        "load": load,
        "problems": report.get("problems", []),
        "not_shown": report.get("not_shown", []),
        "tables": queries.snapshot_tables(request.partnership, load),  # type: ignore[attr-defined]
        "tasks_taken": load.finished or queue.working(),
    }
    return render(request, "datasets/load.html", context)


@require_POST
@tenant_view(ANALYSTS)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    load = queries.get_load(request.partnership, pk)  # type: ignore[attr-defined]
    try:
        services.retry(request.user, load)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("dataset-load", request.partnership.slug, load.pk)  # type: ignore[attr-defined]


@tenant_view(ANALYSTS)
def load_status(request: HttpRequest, pk: int) -> JsonResponse:
    load = queries.get_load(request.partnership, pk)  # type: ignore[attr-defined]
    return JsonResponse(
        {
            "status": load.status,
            "label": load.get_status_display(),
            "stage": load.stage,
            "progress": load.progress,
            "finished": load.finished,
        }
    )


@tenant_view(ANALYSTS)
def rows(request: HttpRequest, pk: int, table: str) -> HttpResponse:
    load = queries.get_load(request.partnership, pk)  # type: ignore[attr-defined]
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    identified = request.membership.is_exploitation_lead  # type: ignore[attr-defined]
    try:
        shown = queries.child_rows(request.partnership, load, table, page, identified)  # type: ignore[attr-defined]
    except KeyError as missing:
        raise Http404("No such table in this snapshot") from missing
    services.view_rows_recorded(request.user, load, table, len(shown.rows))
    return render(request, "datasets/rows.html", {"load": load, "shown": shown})


@require_POST
@tenant_view(ANALYSTS)
def load_benchmarks(request: HttpRequest) -> HttpResponse:
    saved = benchmarks.load_published(request.user, request.partnership)  # type: ignore[attr-defined]
    messages.success(request, f"Saved {saved} published benchmark figures")
    return redirect("datasets", request.partnership.slug)  # type: ignore[attr-defined]


@require_POST
@tenant_view(ANALYSTS)
def recompute(request: HttpRequest) -> HttpResponse:
    tasks.recompute_figures.enqueue(request.partnership.pk, request.user.pk)  # type: ignore[attr-defined]
    messages.success(
        request,
        "The figures are being computed again in the background: the record of changes "
        "says when it is done and how many changed.",
    )
    return redirect("datasets", request.partnership.slug)  # type: ignore[attr-defined]
