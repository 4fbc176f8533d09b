"""Performance pages: parse the request, call a service or a query, render. Nothing else.

Everyone in the partnership reads; analysts, business managers and administrators edit.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assure.core import audit, guides
from assure.core.access import tenant_view
from assure.core.forms import save_with, titled_form_page
from assure.core.models import Membership, Partnership
from assure.performance import charts, queries, services, tables
from assure.performance.control import control
from assure.performance.dashboard import dashboard as dashboard_groups
from assure.performance.forms import (
    BenchmarkForm,
    DashboardFilter,
    FileForm,
    IndicatorForm,
    ObservationForm,
    SpcForm,
    TableFilter,
    TargetForm,
)
from assure.performance.models import Indicator, Observation
from assure.performance.services import EDITORS, Figures
from assure.performance.validation import BENCHMARK_COLUMNS, OBSERVATION_COLUMNS

EDIT = EDITORS


class TenantRequest(HttpRequest):
    """A request that `tenant_view` has given the partnership and the user's membership."""

    partnership: Partnership
    membership: Membership


_form_page = partial(titled_form_page, template="performance/form.html")


def _indicator_url(request: TenantRequest, pk: int) -> str:
    return f"/p/{request.partnership.slug}/performance/indicators/{pk}/"


@tenant_view()
def dashboard(request: TenantRequest) -> HttpResponse:
    themes = queries.themes_of(request.partnership)
    form = DashboardFilter(request.GET or None, themes=themes)
    theme = rating = ""
    if form.is_valid():
        theme, rating = form.cleaned_data["theme"], form.cleaned_data["rag"]
    context = {
        "form": form,
        "groups": dashboard_groups(request.partnership, theme, rating),
        "filtered": bool(theme or rating),
        "can_edit": services.can_edit(request.membership),
        "loads": queries.recent_loads(request.partnership),
    }
    return render(request, "performance/dashboard.html", context)


@tenant_view()
def table_list(request: TenantRequest) -> HttpResponse:
    themes = queries.themes_of(request.partnership)
    form = TableFilter(request.GET or None, themes=themes)
    through = theme = None
    if form.is_valid():
        through = form.cleaned_data["through"]
        chosen = form.cleaned_data["theme"]
        theme = themes.filter(pk=int(chosen)).first() if chosen else None
    groups = tables.theme_tables(request.partnership, through, theme)
    first = groups[0].tables[0] if groups and groups[0].tables else None
    context = {"form": form, "groups": groups, "theme": theme, "first": first}
    return render(request, "performance/tables.html", context)


@tenant_view()
def indicator_detail(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = queries.get_indicator(request.partnership, pk)
    data = queries.gather_one(indicator)
    reading = control(data)
    context = {
        "indicator": indicator,
        "data": data,
        "control": reading,
        "chart": charts.build_chart(data, reading),
        "rows": tables.chart_rows(data, reading),
        "observations": sorted(data.observations.values(), key=lambda o: (o.span, o.period_end)),
        "revisions": queries.revisions_of(indicator)[:50],
        "history": audit.history(request.partnership, indicator)[:20],
        "can_edit": services.can_edit(request.membership),
    }
    return render(request, "performance/indicator_detail.html", context)


@tenant_view(EDIT)
def indicator_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    indicator = queries.get_indicator(request.partnership, pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, partnership=request.partnership)
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: services.save_indicator(
                request.user, request.partnership, indicator, **data
            ),
        )
        if saved:
            messages.success(request, f"Saved indicator {saved.reference}")
            return redirect("indicator", request.partnership.slug, saved.pk)
    back = _indicator_url(request, pk) if pk else f"/p/{request.partnership.slug}/performance/"
    title = f"Edit indicator {indicator.reference}" if indicator else "Add an indicator"
    return _form_page(request, form, title, back)


@tenant_view(EDIT)
def spc_settings(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = queries.get_indicator(request.partnership, pk)
    form = SpcForm(request.POST or None, initial=SpcForm.initial_for(indicator))
    if request.method == "POST":
        if save_with(form, lambda data: services.set_spc_settings(request.user, indicator, **data)):
            messages.success(request, f"Saved the SPC settings of {indicator.reference}")
            return redirect("indicator", request.partnership.slug, indicator.pk)
    title = f"Process limits of {indicator.reference}"
    return _form_page(request, form, title, _indicator_url(request, pk), lede=indicator.title)


def _indicator_of(request: TenantRequest, obj: Any, indicator_pk: int | None) -> Indicator:
    """The indicator of the object being changed, or the one in the URL for a new one."""
    if obj is not None:
        return obj.indicator
    return queries.get_indicator(request.partnership, indicator_pk)  # type: ignore[arg-type]


@tenant_view(EDIT)
def target_edit(
    request: TenantRequest, indicator_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    target = queries.get_target(request.partnership, pk) if pk else None
    indicator = _indicator_of(request, target, indicator_pk)
    form = TargetForm(request.POST or None, initial=TargetForm.initial_for(target))
    if request.method == "POST":
        write = lambda data: services.save_target(request.user, indicator, target, **data)  # noqa: E731
        if save_with(form, write):
            messages.success(request, f"Saved the target of {indicator.reference}")
            return redirect("indicator", request.partnership.slug, indicator.pk)
    hint = (
        f"{indicator.get_polarity_display()}: the end of the band on the worse side is the "
        "minimum standard, the other end the stretch."
    )
    title = f"{'Change' if target else 'Set'} a target for {indicator.reference}"
    back = _indicator_url(request, indicator.pk)
    return _form_page(request, form, title, back, lede=indicator.title, hint=hint)


@tenant_view(EDIT)
def benchmark_edit(
    request: TenantRequest, indicator_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    benchmark = queries.get_benchmark(request.partnership, pk) if pk else None
    indicator = _indicator_of(request, benchmark, indicator_pk)
    form = BenchmarkForm(request.POST or None, initial=BenchmarkForm.initial_for(benchmark))
    if request.method == "POST":
        write = lambda data: services.save_benchmark(request.user, indicator, benchmark, **data)  # noqa: E731
        if save_with(form, write):
            messages.success(request, f"Saved the benchmark of {indicator.reference}")
            return redirect("indicator", request.partnership.slug, indicator.pk)
    title = f"{'Change a' if benchmark else 'Add a'} benchmark for {indicator.reference}"
    back = _indicator_url(request, indicator.pk)
    return _form_page(request, form, title, back, lede=indicator.title)


@tenant_view(EDIT)
def observation_edit(
    request: TenantRequest, indicator_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    observation = queries.get_observation(request.partnership, pk) if pk else None
    indicator = _indicator_of(request, observation, indicator_pk)
    initial = ObservationForm.initial_for(observation)
    form = ObservationForm(request.POST or None, initial=initial, correcting=bool(observation))
    if request.method == "POST":

        def write(data: dict[str, Any]) -> tuple[Observation, bool]:
            figures = Figures(
                data["value"],
                data["numerator"],
                data["denominator"],
                data["status"],
                data["quality_note"],
                source_detail=request.user.get_username(),
            )
            return services.record_observation(
                request.user, indicator, data["period"], figures, reason=data["reason"]
            )

        saved = save_with(form, write)
        if saved:
            said = f"Saved the {saved[0].period.label} figure" if saved[1] else "Nothing changed"
            messages.success(request, said)
            return redirect("indicator", request.partnership.slug, indicator.pk)
    title = (
        f"Correct the {observation.period.label} figure of {indicator.reference}"
        if observation
        else f"Add a figure for {indicator.reference}"
    )
    back = _indicator_url(request, indicator.pk)
    return _form_page(request, form, title, back, lede=indicator.title)


def _upload(request: TenantRequest, load: Any, title: str, template_kind: str) -> HttpResponse:
    form = FileForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = load(request.user, request.partnership, upload.name, upload.read())
        if outcome.loaded:
            messages.success(
                request, f"Loaded {outcome.rows} rows from {upload.name}: {outcome.changed} changed"
            )
            return redirect("performance", request.partnership.slug)
    context = {"form": form, "title": title, "outcome": outcome, "kind": template_kind}
    status = 400 if request.method == "POST" else 200
    return render(request, "performance/upload.html", context, status=status)


@tenant_view(EDIT)
def observations_load(request: TenantRequest) -> HttpResponse:
    return _upload(request, services.load_observations, "Load figures from a file", "observations")


@tenant_view(EDIT)
def benchmarks_load(request: TenantRequest) -> HttpResponse:
    return _upload(request, services.load_benchmarks, "Load benchmarks from a file", "benchmarks")


TEMPLATES = {"observations": OBSERVATION_COLUMNS, "benchmarks": BENCHMARK_COLUMNS}


@tenant_view(EDIT)
def file_template(request: TenantRequest, kind: str) -> HttpResponse:
    """The headings of a figures or benchmarks file, to fill in."""
    if kind not in TEMPLATES:
        raise Http404("No such template")
    return guides.csv_template(TEMPLATES[kind], f"{kind}-template")
