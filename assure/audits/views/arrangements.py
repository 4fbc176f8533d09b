"""Pages for the audit arrangements: tools and their scales and domains, the programme with
its teams and auditors, the caseload, learning themes, and dip samples with their findings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from analytics.periods import month_start
from assure.audits import arrangements, learning, programme, queries
from assure.audits.access import may_record_dips
from assure.audits.forms import (
    AuditorForm,
    CaseForm,
    CaseloadForm,
    DipFindingForm,
    DipSampleForm,
    DomainForm,
    LearningThemeForm,
    ProgrammeForm,
    ScaleLevelForm,
    TeamForm,
    ToolForm,
)
from assure.audits.views import AUDITORS, READERS, edit, form_page
from assure.core import audit as changes
from assure.core.access import EVERYONE, TenantRequest, tenant_view
from assure.core.forms import form_data, save_with, scope_choices


def _home(request: TenantRequest, page: str = "") -> str:
    return f"/p/{request.partnership.slug}/audits/{page}"


@tenant_view(READERS)
def tools(request: TenantRequest) -> HttpResponse:
    return render(request, "audits/tools.html", {"tools": queries.tools_of(request.partnership)})


@tenant_view(READERS)
def tool_detail(request: TenantRequest, pk: int) -> HttpResponse:
    tool = queries.get_tool(request.partnership, pk)
    context = {"tool": tool, "domains": tool.domains.all(), "scale": tool.scale.all()}
    return render(request, "audits/tool_detail.html", context)


@tenant_view(AUDITORS)
def tool_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    tool = queries.get_tool(request.partnership, pk) if pk else None
    form = ToolForm(form_data(request), instance=tool)
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: arrangements.save_tool(request.user, request.partnership, tool, **data),
        )
        if saved:
            messages.success(request, f"Saved {saved}")
            return redirect("audit-tool", request.partnership.slug, saved.pk)
    title = f"Edit {tool}" if tool else "Add an audit tool"
    return form_page(request, form, title, _home(request, "tools/"))


@tenant_view(AUDITORS)
def domain_edit(
    request: TenantRequest, tool_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    domain = queries.get_domain(request.partnership, pk) if pk else None
    tool = domain.tool if domain else queries.get_tool(request.partnership, tool_pk or 0)
    form = DomainForm(form_data(request), instance=domain)
    back = _home(request, f"tools/{tool.pk}/")
    title = f"Edit domain {domain.number}" if domain else f"Add a domain to {tool}"
    return edit(
        request,
        form,
        lambda data: arrangements.save_domain(request.user, tool, domain, **data),
        back,
        title,
        back,
    )


@tenant_view(AUDITORS)
def level_edit(request: TenantRequest, pk: int) -> HttpResponse:
    level = queries.get_level(request.partnership, pk)
    form = ScaleLevelForm(form_data(request), instance=level)
    back = _home(request, f"tools/{level.tool_id}/")
    return edit(
        request,
        form,
        lambda data: arrangements.save_scale_level(request.user, level, **data),
        back,
        f"Edit grade {level.score} of {level.tool}",
        back,
    )


@tenant_view(AUDITORS)
def programme_page(request: TenantRequest) -> HttpResponse:
    plan = arrangements.programme_of(request.partnership)
    today = timezone.localdate()
    months = [month_start(month_start(today), k) for k in range(0, 6)]
    context = {
        "programme": plan,
        "next_day": programme.next_audit_day(plan, today),
        "days": [(m, programme.audit_day(plan, m), programme.due_on(plan, m)) for m in months],
        "teams": queries.teams_of(request.partnership),
        "auditors": queries.auditors_of(request.partnership),
        "quotas": programme.QUOTAS,
        "today": today,
    }
    return render(request, "audits/programme.html", context)


@tenant_view(AUDITORS)
def programme_edit(request: TenantRequest) -> HttpResponse:
    plan = arrangements.programme_of(request.partnership)
    form = scope_choices(ProgrammeForm(form_data(request), instance=plan), request.partnership)
    back = _home(request, "programme/")
    return edit(
        request,
        form,
        lambda data: arrangements.save_programme(request.user, request.partnership, **data),
        back,
        "The audit day and the programme's tool",
        back,
    )


@tenant_view(AUDITORS)
def team_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    team = queries.get_team(request.partnership, pk) if pk else None
    form = TeamForm(form_data(request), instance=team)
    back = _home(request, "programme/")
    return edit(
        request,
        form,
        lambda data: arrangements.save_team(request.user, request.partnership, team, **data),
        back,
        f"Edit {team}" if team else "Add a team",
        back,
    )


@tenant_view(AUDITORS)
def auditor_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    auditor = queries.get_auditor(request.partnership, pk) if pk else None
    initial = {} if auditor else {"starts_on": timezone.localdate()}
    form = AuditorForm(
        form_data(request), instance=auditor, initial=initial, partnership=request.partnership
    )
    back = _home(request, "programme/")
    return edit(
        request,
        form,
        lambda data: arrangements.save_auditor(request.user, request.partnership, auditor, **data),
        back,
        f"Edit {auditor}'s place in the programme"
        if auditor
        else "Add an auditor to the programme",
        back,
    )


@tenant_view(AUDITORS)
def cases(request: TenantRequest) -> HttpResponse:
    found = queries.cases_of(request.partnership)
    if request.GET.get("closed") != "yes":
        found = found.filter(is_open=True)
    return render(request, "audits/cases.html", {"cases": found[:500], "count": found.count()})


@tenant_view(AUDITORS)
def case_new(request: TenantRequest) -> HttpResponse:
    form = CaseForm(form_data(request), partnership=request.partnership)
    if request.method == "POST":
        case = save_with(
            form, lambda data: arrangements.add_case(request.user, request.partnership, **data)
        )
        if case:
            messages.success(request, f"The case is recorded as {case.pseudonym}")
            return redirect("audit-cases", request.partnership.slug)
    return form_page(request, form, "Add a case", _home(request, "cases/"))


@tenant_view(AUDITORS)
def caseload(request: TenantRequest) -> HttpResponse:
    form = CaseloadForm(form_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            loaded = arrangements.load_caseload(
                request.user,
                request.partnership,
                upload.read(),
                upload.name,
                close_others=form.cleaned_data["close_others"],
            )
        except arrangements.CaseloadError as error:
            for problem in error.problems[:50]:
                form.add_error("file", problem)
        else:
            messages.success(
                request,
                f"Loaded {upload.name}: {loaded.added} added, {loaded.updated} updated, "
                f"{loaded.closed} closed",
            )
            return redirect("audit-cases", request.partnership.slug)
    lede = (
        "Each case identifier is turned into a keyed pseudonym as the file is read; the "
        "identifier is not kept."
    )
    return form_page(request, form, "Load the caseload", _home(request, "cases/"), lede=lede)


@tenant_view(AUDITORS)
def theme_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    theme = queries.get_learning_theme(request.partnership, pk) if pk else None
    form = LearningThemeForm(form_data(request), instance=theme, partnership=request.partnership)
    back = _home(request, "learning/")
    return edit(
        request,
        form,
        lambda data: learning.save_theme(request.user, request.partnership, theme, **data),
        back,
        f"Edit {theme}" if theme else "Add a learning theme",
        back,
    )


def _check_dip(request: TenantRequest) -> None:
    if not may_record_dips(request.membership):
        raise PermissionDenied(
            "Only an auditor, a manager or the exploitation lead records dip samples."
        )


@tenant_view(EVERYONE)
def dip_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    _check_dip(request)
    dip = queries.get_dip_sample(request.partnership, pk) if pk else None
    form = scope_choices(DipSampleForm(form_data(request), instance=dip), request.partnership)
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: learning.save_dip_sample(request.user, request.partnership, dip, **data),
        )
        if saved:
            messages.success(request, f"Saved {saved}")
            return redirect("dip-sample", request.partnership.slug, saved.pk)
    return form_page(
        request, form, f"Edit {dip}" if dip else "Record a dip sample", _home(request, "learning/")
    )


@tenant_view(READERS)
def dip_detail(request: TenantRequest, pk: int) -> HttpResponse:
    dip = queries.get_dip_sample(request.partnership, pk)
    context = {
        "dip": dip,
        "findings": dip.findings.select_related("theme"),
        "history": changes.history(request.partnership, dip)[:10],
        "may_record": may_record_dips(request.membership),
    }
    return render(request, "audits/dip_detail.html", context)


@tenant_view(EVERYONE)
def finding_new(request: TenantRequest, pk: int) -> HttpResponse:
    _check_dip(request)
    dip = queries.get_dip_sample(request.partnership, pk)
    form = scope_choices(DipFindingForm(form_data(request)), request.partnership)
    back = _home(request, f"learning/dip-samples/{dip.pk}/")
    return edit(
        request,
        form,
        lambda data: learning.add_finding(request.user, dip, **data),
        back,
        f"Add a finding to {dip}",
        back,
    )
