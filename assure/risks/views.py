"""Risk register pages: parse the request, call a service or a query, render. Nothing else."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from assure.core import audit
from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.forms import FORM, form_data, page_with_form, save_with
from assure.documents.files import download
from assure.risks import exports, queries, services
from assure.risks.forms import ReviewForm, RiskForm
from assure.risks.models import Risk


@tenant_view()
def register(request: TenantRequest) -> HttpResponse:
    risks = queries.register(request.partnership)
    context = {
        "risks": risks,
        "heat": queries.heat_map(request.partnership),
        "due": queries.due_review(request.partnership, dt.date.today() + dt.timedelta(days=14)),
    }
    return render(request, "risks/register.html", context)


@tenant_view()
def risk_detail(request: TenantRequest, pk: int) -> HttpResponse:
    risk = queries.get_risk(request.partnership, pk)
    context = {
        "risk": risk,
        "chart": queries.score_chart(risk),
        "can_review": services.can_review(request.membership, risk),
        "history": audit.history(request.partnership, risk, *risk.reviews.all())[:30],
    }
    return render(request, "risks/risk_detail.html", context)


@tenant_view(MANAGERS)
def risk_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    risk = queries.get_risk(request.partnership, pk) if pk else None
    form = RiskForm(form_data(request), instance=risk, partnership=request.partnership)
    if request.method == "POST":

        def write(data: dict) -> Risk:
            if risk is None:
                return services.raise_risk(request.user, request.partnership, **data)
            return services.edit_risk(request.user, risk, **data)

        saved = save_with(form, write)
        if saved:
            messages.success(request, f"Saved {saved}")
            return redirect("risk", request.partnership.slug, saved.pk)
    back = f"/p/{request.partnership.slug}/risks/" + (f"{pk}/" if pk else "")
    title = f"Edit {risk}" if risk else "Add a risk or issue"
    context = {"form": form, "title": title, "back": back}
    return page_with_form(request, FORM, context)


@tenant_view()
def risk_review(request: TenantRequest, pk: int) -> HttpResponse:
    risk = queries.get_risk(request.partnership, pk)
    if not services.can_review(request.membership, risk):
        raise PermissionDenied("You can review only the risks you or your group own.")
    initial = {"probability": risk.probability, "impact": risk.impact}
    form = ReviewForm(form_data(request), initial=initial)
    if request.method == "POST":
        if save_with(form, lambda data: services.review_risk(request.membership, risk, **data)):
            messages.success(request, f"Recorded the review of {risk}")
            return redirect("risk", request.partnership.slug, risk.pk)
    context = {
        "form": form,
        "title": f"Review {risk}",
        "lede": risk.description,
        "back": f"/p/{request.partnership.slug}/risks/{risk.pk}/",
    }
    return page_with_form(request, FORM, context)


@tenant_view()
def register_export(request: TenantRequest, kind: str) -> HttpResponse:
    table = exports.register_table(request.partnership)
    return download(table, kind, f"risk-register-{request.partnership.slug}")
