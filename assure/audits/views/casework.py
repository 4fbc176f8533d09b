"""Pages for the audits themselves: samples, the list of audits, one audit with every grade
side by side, grading, agencies' returns, moderation and the actions an audit raises."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from analytics.periods import month_or_none, month_start
from assure.audits import programme, queries, services
from assure.audits.access import may_write_return, writes_returns_for
from assure.audits.arrangements import programme_of
from assure.audits.forms import (
    ActionForm,
    AssignModerationForm,
    AuditForm,
    ModerationForm,
    RequestReturnsForm,
    ReturnForm,
    SampleForm,
    StartAuditForm,
)
from assure.audits.models import CaseAudit, Moderation
from assure.audits.views import AUDITORS, form_page
from assure.core import audit as changes
from assure.core.access import EVERYONE, TenantRequest, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data, page_with_form, save_with
from assure.core.models import ChangeRecord


def _audit_url(request: TenantRequest, audit: CaseAudit) -> str:
    return f"/p/{request.partnership.slug}/audits/case-audits/{audit.pk}/"


@tenant_view(AUDITORS)
def sample_new(request: TenantRequest) -> HttpResponse:
    today = timezone.localdate()
    tool = programme_of(request.partnership).tool
    initial = {"month": month_start(today), "method": "stratified", "tool": tool}
    form = SampleForm(form_data(request), initial=initial, partnership=request.partnership)
    if request.method == "POST":
        sample = save_with(
            form, lambda data: services.draw_sample(request.user, request.partnership, **data)
        )
        if sample:
            messages.success(request, f"Drew {sample} and assigned each case to an auditor")
            return redirect("audit-sample", request.partnership.slug, sample.pk)
    back = f"/p/{request.partnership.slug}/audits/case-audits/"
    lede = (
        "Cases audited in the last six months are left out. Each case goes to an auditor who "
        "still owes an audit that month, from the case's own team first."
    )
    return form_page(request, form, "Draw a sample of cases", back, lede=lede)


@tenant_view(AUDITORS)
def sample_detail(request: TenantRequest, pk: int) -> HttpResponse:
    sample = queries.get_sample(request.partnership, pk)
    audits = queries.audits_of(request.partnership).filter(sample=sample)
    return render(request, "audits/sample.html", {"sample": sample, "audits": audits})


@tenant_view(AUDITORS)
def audit_list(request: TenantRequest) -> HttpResponse:
    audits = queries.audits_of(request.partnership)
    month = month_or_none(request.GET.get("month"))
    status = request.GET.get("status", "")
    if month:
        audits = audits.filter(month=month)
    if status in CaseAudit.Status.values:
        audits = audits.filter(status=status)
    context = {
        "audits": audits[:300],
        "month": month,
        "status": status,
        "statuses": CaseAudit.Status.choices,
        "samples": queries.get_samples(request.partnership)[:12],
    }
    return render(request, "audits/audit_list.html", context)


@tenant_view(AUDITORS)
def audit_new(request: TenantRequest) -> HttpResponse:
    initial = {"month": month_start(timezone.localdate())}
    form = StartAuditForm(form_data(request), initial=initial, partnership=request.partnership)
    if request.method == "POST":
        audit = save_with(
            form, lambda data: services.start_audit(request.user, request.partnership, **data)
        )
        if audit:
            messages.success(request, f"Started the {audit}")
            return redirect("case-audit", request.partnership.slug, audit.pk)
    back = f"/p/{request.partnership.slug}/audits/case-audits/"
    return form_page(request, form, "Start an audit of a chosen case", back)


@tenant_view(AUDITORS)
def audit_detail(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    returns, rows, summary = queries.audit_grid(audit)
    # Who opened which case's audit is kept, as for every child-level page.
    changes.record(
        actor=request.user,
        partnership=request.partnership,
        verb=ChangeRecord.Verb.VIEWED,
        obj=audit.case,
        summary=f"Viewed the {audit}",
    )
    context = {
        "audit": audit,
        "returns": returns,
        "rows": rows,
        "summary": summary,
        "moderation": Moderation.objects.filter(audit=audit).select_related("moderator").first(),
        "actions": [link.action for link in audit.actions.select_related("action__owner_person")],
        "average": queries.audit_average(audit),
        "due_on": programme.due_on(programme_of(request.partnership), audit.month),
        "history": changes.history(request.partnership, audit)[:20],
    }
    return render(request, "audits/audit_detail.html", context)


@tenant_view(AUDITORS)
def audit_edit(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    form = AuditForm(form_data(request), audit=audit)
    returns, rows, _ = queries.audit_grid(audit)
    if request.method == "POST":
        complete = "complete" in request.POST
        saved = save_with(
            form,
            lambda data: services.save_audit(
                request.user,
                audit,
                grades=form.grades(data),
                complete=complete,
                **{k: v for k, v in data.items() if not k.startswith(("grade_", "evidence_"))},
            ),
        )
        if saved:
            messages.success(request, "Completed the audit" if complete else "Saved the audit")
            return redirect("case-audit", request.partnership.slug, audit.pk)
    context = {
        "form": form,
        "audit": audit,
        "returns": returns,
        "grid": dict((r.domain.pk, r) for r in rows),
    }
    return page_with_form(request, "audits/audit_form.html", context)


@require_POST
@tenant_view(AUDITORS)
def audit_cancel(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    try:
        services.cancel_audit(request.user, audit)
        messages.success(request, f"Cancelled the {audit}")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("case-audit", request.partnership.slug, audit.pk)


@tenant_view(AUDITORS)
def returns_request(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    form = RequestReturnsForm(form_data(request), partnership=request.partnership)
    if request.method == "POST":
        made = save_with(form, lambda data: services.request_returns(request.user, audit, **data))
        if made is not None:
            messages.success(
                request, f"Asked {len(made)} agenc{'y' if len(made) == 1 else 'ies'} for a return"
            )
            return redirect("case-audit", request.partnership.slug, audit.pk)
    return form_page(
        request, form, f"Ask agencies for their returns: {audit}", _audit_url(request, audit)
    )


@tenant_view(EVERYONE)
def return_edit(request: TenantRequest, pk: int) -> HttpResponse:
    agency_return = queries.get_return(request.partnership, pk)
    if not may_write_return(request.membership, agency_return):
        raise PermissionDenied("Only the agency asked, or an auditor, can write this return.")
    audit = agency_return.audit
    initial: dict[str, Any] = {
        f"grade_{g.domain_id}": g.level_id for g in agency_return.grades.all()
    }
    initial |= {f"evidence_{g.domain_id}": g.evidence for g in agency_return.grades.all()}
    initial |= {
        k: getattr(agency_return, k) for k in ("involvement", "working_well", "needs_to_change")
    }
    form = ReturnForm(form_data(request), initial=initial, tool=audit.tool)
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: services.submit_return(
                request.user,
                agency_return,
                grades=form.grades(data),
                **{k: data[k] for k in ("involvement", "working_well", "needs_to_change")},
            ),
        )
        if saved:
            messages.success(request, f"Sent the {agency_return}")
            return redirect("my-returns", request.partnership.slug)
    context = {"form": form, "agency_return": agency_return, "audit": audit}
    return page_with_form(request, "audits/return_form.html", context)


@tenant_view(EVERYONE)
def my_returns(request: TenantRequest) -> HttpResponse:
    organisation = writes_returns_for(request.membership)
    returns = queries.returns_for(organisation, request.partnership) if organisation else []
    context = {"returns": returns, "person": request.membership.person, "writes": organisation}
    return render(request, "audits/my_returns.html", context)


@tenant_view(AUDITORS)
def moderation_assign(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    initial = {"month": month_start(timezone.localdate())}
    form = AssignModerationForm(
        form_data(request), initial=initial, partnership=request.partnership
    )
    if request.method == "POST":
        if save_with(form, lambda data: services.assign_moderation(request.user, audit, **data)):
            messages.success(request, "Assigned the moderation")
            return redirect("case-audit", request.partnership.slug, audit.pk)
    return form_page(
        request, form, f"Ask a second auditor to moderate: {audit}", _audit_url(request, audit)
    )


@tenant_view(AUDITORS)
def moderation_edit(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    moderation = queries.get_moderation(audit)
    initial: dict[str, Any] = {f"grade_{g.domain_id}": g.level_id for g in moderation.grades.all()}
    initial |= {f"agreed_{g.domain_id}": g.agreed_id for g in moderation.grades.all()}
    initial |= {"comment": moderation.comment, "moderated_on": moderation.moderated_on}
    form = ModerationForm(form_data(request), initial=initial, tool=audit.tool)
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: services.save_moderation(
                request.user,
                moderation,
                grades=form.pairs(data),
                comment=data["comment"],
                moderated_on=data["moderated_on"],
            ),
        )
        if saved:
            messages.success(request, "Saved the moderation")
            return redirect("case-audit", request.partnership.slug, audit.pk)
    _, rows, _ = queries.audit_grid(audit)
    context = {
        "form": form,
        "audit": audit,
        "moderation": moderation,
        "grid": {r.domain.pk: r for r in rows},
    }
    return page_with_form(request, "audits/moderation_form.html", context)


@tenant_view(AUDITORS)
def action_new(request: TenantRequest, pk: int) -> HttpResponse:
    audit = queries.get_audit(request.partnership, pk)
    form = ActionForm(form_data(request), partnership=request.partnership)
    if request.method == "POST":
        action = save_with(form, lambda data: services.raise_action(request.user, audit, **data))
        if action:
            messages.success(request, f"Raised action {action.code} in {action.plan}")
            return redirect("case-audit", request.partnership.slug, audit.pk)
    lede = (
        "The action joins the plan you choose, so its owner is asked for quarterly updates "
        "and reminded when it is due, like every other action."
    )
    return form_page(
        request, form, f"Raise an action from the {audit}", _audit_url(request, audit), lede=lede
    )
