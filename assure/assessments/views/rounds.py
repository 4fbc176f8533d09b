"""Pages of frameworks and rounds: the list, a framework and its standards, sending a round,
adding organisations and schools, chasing, the results and their downloads. Parse the
request, call a service or a query, render. Nothing else."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assure.assessments import (
    access,
    chasing,
    files,
    frameworks,
    indicators,
    queries,
    results,
    schools,
    services,
)
from assure.assessments.forms import (
    CopyForm,
    FrameworkForm,
    InstallForm,
    OrganisationsForm,
    RoundForm,
    SchoolsForm,
    StandardForm,
)
from assure.assessments.models import ChallengeEvent, Framework, Standard
from assure.core.access import EVERYONE, TenantRequest, roles_for, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data, save_with, titled_form_page

REVIEWERS = roles_for("run_self_assessments")


form_page = partial(titled_form_page, template="assessments/form.html")


def _home(request: TenantRequest) -> str:
    return f"/p/{request.partnership.slug}/self-assessments/"


@tenant_view(EVERYONE)
def overview(request: TenantRequest) -> HttpResponse:
    context = {
        "rounds": queries.rounds(request.partnership),
        "frameworks": queries.frameworks(request.partnership),
        "reviews": access.reviews(request.membership),
        "writes": access.organisation_of(request.membership) is not None,
    }
    return render(request, "assessments/overview.html", context)


@tenant_view(EVERYONE)
def my_returns(request: TenantRequest) -> HttpResponse:
    context = {
        "returns": queries.my_returns(request.membership)
        if access.organisation_of(request.membership)
        else [],
        "person": request.membership.person,
        "writes": access.organisation_of(request.membership) is not None,
    }
    return render(request, "assessments/my_returns.html", context)


@tenant_view(REVIEWERS)
def framework_install(request: TenantRequest) -> HttpResponse:
    form = InstallForm(form_data(request))
    if request.method == "POST":
        saved = save_with(
            form,
            lambda d: frameworks.install_framework(
                request.user, request.partnership, d["kind"], d["name"]
            ),
        )
        if saved:
            messages.success(request, f"Added {saved}")
            return redirect("self-assessment-framework", request.partnership.slug, saved.pk)
    return form_page(request, form, "Add a shipped framework", _home(request))


@tenant_view(EVERYONE)
def framework_detail(request: TenantRequest, pk: int) -> HttpResponse:
    framework = queries.get_framework(request.partnership, pk)
    context = {
        "framework": framework,
        "areas": framework.areas.prefetch_related("standards"),
        "reviews": access.reviews(request.membership),
    }
    return render(request, "assessments/framework.html", context)


@tenant_view(REVIEWERS)
def framework_copy(request: TenantRequest, pk: int) -> HttpResponse:
    framework = queries.get_framework(request.partnership, pk)
    form = CopyForm(form_data(request))
    if request.method == "POST":
        saved = save_with(
            form, lambda d: frameworks.copy_framework(request.user, framework, d["name"])
        )
        if saved:
            messages.success(request, f"Copied {framework} as {saved}: edit it for the next round")
            return redirect("self-assessment-framework", request.partnership.slug, saved.pk)
    back = f"{_home(request)}frameworks/{pk}/"
    return form_page(request, form, f"Copy {framework}", back)


@tenant_view(REVIEWERS)
def framework_edit(request: TenantRequest, pk: int) -> HttpResponse:
    framework = queries.get_framework(request.partnership, pk)
    form = FrameworkForm(form_data(request), instance=framework)
    if request.method == "POST":
        saved = save_with(form, lambda d: frameworks.edit_framework(request.user, framework, **d))
        if saved:
            messages.success(request, f"Saved {saved}")
            return redirect("self-assessment-framework", request.partnership.slug, pk)
    back = f"{_home(request)}frameworks/{pk}/"
    return form_page(request, form, f"Edit {framework}", back)


@require_POST
@tenant_view(REVIEWERS)
def standard_remove(request: TenantRequest, pk: int, standard_pk: int) -> HttpResponse:
    framework = queries.get_framework(request.partnership, pk)
    standard = Standard.objects.filter(area__framework=framework, pk=standard_pk).first()
    if standard is None:
        raise Http404("No such standard")
    try:
        frameworks.remove_standard(request.user, framework, standard)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Removed standard {standard.number}")
    return redirect("self-assessment-framework", request.partnership.slug, pk)


@tenant_view(REVIEWERS)
def standard_edit(request: TenantRequest, pk: int, standard_pk: int | None = None) -> HttpResponse:
    framework: Framework = queries.get_framework(request.partnership, pk)
    standard = (
        Standard.objects.filter(area__framework=framework, pk=standard_pk).first()
        if standard_pk
        else None
    )
    if standard_pk and standard is None:
        raise Http404("No such standard")
    form = StandardForm(form_data(request), instance=standard, framework=framework)
    if request.method == "POST":
        saved = save_with(
            form, lambda d: frameworks.save_standard(request.user, framework, standard, **d)
        )
        if saved:
            messages.success(request, f"Saved standard {saved.number}")
            return redirect("self-assessment-framework", request.partnership.slug, framework.pk)
    title = f"Edit standard {standard.number}" if standard else f"Add a standard to {framework}"
    back = f"{_home(request)}frameworks/{pk}/"
    return form_page(request, form, title, back)


@tenant_view(REVIEWERS)
def round_new(request: TenantRequest) -> HttpResponse:
    form = RoundForm(form_data(request), partnership=request.partnership)
    if request.method == "POST":
        saved = save_with(
            form, lambda d: services.open_round(request.user, request.partnership, **d)
        )
        if saved:
            messages.success(request, f"Sent {saved} to {saved.returns.count()} organisations")
            return redirect("self-assessment-round", request.partnership.slug, saved.pk)
    return form_page(request, form, "Send a self-assessment round", _home(request))


FEWEST_RETURNS = 3


@tenant_view(EVERYONE)
def round_detail(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    summary = results.summary(found)
    membership = request.membership
    # To an organisation, the counts of a round with few returns would tell the others'
    # ratings (its own taken away): shown to it only from `FEWEST_RETURNS` returns up.
    counted = access.sees_every_return(membership) or len(summary.submitted) >= FEWEST_RETURNS
    context = {
        "round": found,
        "summary": summary,
        "summary_table": results.summary_table(summary) if counted else None,
        "returns": queries.returns_of(found, membership),
        "heat": results.heat_map(found) if access.sees_every_return(membership) else None,
        "not_returned": results.not_returned_table(summary),
        "events": ChallengeEvent.objects.filter(round=found).select_related("meeting__group"),
        "events_open": access.sees_every_return(membership),  # as the event's page allows
        "reviews": access.reviews(membership),
        "outstanding": len(summary.not_returned),
    }
    return render(request, "assessments/round.html", context)


@tenant_view(EVERYONE)
def round_export(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    if not access.sees_every_return(request.membership):
        raise PermissionDenied("The results by organisation are not shared with contributors.")
    lede, tables = files.round_tables(found)
    return files.download(str(found), lede, tables, kind, f"self-assessment-{found.pk}")


@tenant_view(REVIEWERS)
def round_organisations(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    form = OrganisationsForm(form_data(request), found=found)
    if request.method == "POST":
        added = save_with(
            form, lambda d: services.add_organisations(request.user, found, d["organisations"])
        )
        if added is not None:
            messages.success(request, f"Asked {len(added)} more organisations for a return")
            return redirect("self-assessment-round", request.partnership.slug, found.pk)
    back = f"{_home(request)}rounds/{pk}/"
    return form_page(request, form, f"Add organisations to {found}", back)


@tenant_view(REVIEWERS)
def round_schools(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    form = SchoolsForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = schools.load_schools(
            request.user, request.partnership, upload.name, upload.read(), into=found
        )
        if outcome.loaded:
            messages.success(
                request,
                f"Added {len(outcome.added)} schools ({len(outcome.known)} already known) "
                f"and asked each for a return",
            )
            return redirect("self-assessment-round", request.partnership.slug, found.pk)
        problems = outcome.problems
    back = f"{_home(request)}rounds/{pk}/"
    context = {"form": form, "title": f"Add schools to {found}", "back": back, "problems": problems}
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/schools.html", context, status=status)


@require_POST
@tenant_view(REVIEWERS)
def round_chase(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    try:
        chased = chasing.chase_outstanding(request.membership, found)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        text = f"Chased {len(chased.sent)} missing returns by e-mail"
        if chased.nobody:
            names = ", ".join(str(r.organisation) for r in chased.nobody)
            text += f"; no lead with an e-mail address for {names}"
        messages.success(request, text)
    return redirect("self-assessment-round", request.partnership.slug, found.pk)


@require_POST
@tenant_view(REVIEWERS)
def round_publish(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    try:
        changed = indicators.publish(request.user, found)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Sent the figures to the performance framework ({changed} changed)"
        )
    return redirect("self-assessment-round", request.partnership.slug, found.pk)


@require_POST
@tenant_view(REVIEWERS)
def round_close(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    try:
        services.close_round(request.user, found)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Closed {found}")
    return redirect("self-assessment-round", request.partnership.slug, found.pk)
