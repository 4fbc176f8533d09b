"""Plan pages: parse the request, call a service or a query, render. Nothing else."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from assure.core import audit
from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.forms import (
    edit_page,
    form_data,
    page_with_form,
    save_with,
    scope_choices,
    titled_form_page,
)
from assure.core.periods import Period
from assure.partnership import ownership
from assure.plans import queries, services
from assure.plans.forms import (
    ActionForm,
    CommitmentForm,
    ObjectiveForm,
    PlanForm,
    PriorityForm,
    RecommendationForm,
    ReviewForm,
    StatusForm,
    UpdateForm,
)
from assure.plans.models import Action, ActionUpdate


@tenant_view()
def plan_list(request: TenantRequest) -> HttpResponse:
    plans = queries.plans_of(request.partnership)
    return render(request, "plans/plan_list.html", {"plans": plans})


@tenant_view()
def plan_detail(request: TenantRequest, pk: int) -> HttpResponse:
    plan = queries.get_plan(request.partnership, pk)
    only = queries.ActionFilter.from_query(request.GET)
    tree = queries.plan_tree(plan, only)
    context = {
        "plan": plan,
        "tree": tree,
        "only": only,
        "levels": plan.rag_scheme.levels.all(),
        "status": plan.statuses.select_related("rag").first(),
        "commitments": list(plan.commitments.select_related("owner")),
        "history": audit.history(request.partnership, plan)[:20],
    }
    return render(request, "plans/plan_detail.html", context)


@tenant_view(MANAGERS)
def plan_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    plan = queries.get_plan(request.partnership, pk) if pk else None
    form = scope_choices(PlanForm(form_data(request), instance=plan), request.partnership)
    if request.method == "POST":
        saved = save_with(
            form, lambda data: services.save_plan(request.user, request.partnership, plan, **data)
        )
        if saved:
            messages.success(request, f"Saved {saved.title}")
            return redirect("plan", request.partnership.slug, saved.pk)
    back = f"/p/{request.partnership.slug}/plans/" + (f"{pk}/" if pk else "")
    return titled_form_page(request, form, "Edit the plan" if plan else "Add a plan", back)


@tenant_view(MANAGERS)
def plan_status(request: TenantRequest, pk: int) -> HttpResponse:
    plan = queries.get_plan(request.partnership, pk)
    form = StatusForm(
        form_data(request), plan=plan, overall=True, initial={"period": plan.reporting_period}
    )
    if request.method == "POST":
        if save_with(form, lambda data: services.record_plan_status(request.user, plan, **data)):
            messages.success(request, "Saved the overall status")
            return redirect("plan", request.partnership.slug, plan.pk)
    return titled_form_page(request, form, f"Overall status of {plan}", "../")


@tenant_view(MANAGERS)
def priority_edit(
    request: TenantRequest, plan_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    priority = queries.get_priority(request.partnership, pk) if pk else None
    plan = priority.plan if priority else queries.get_plan(request.partnership, plan_pk)
    form = scope_choices(PriorityForm(form_data(request), instance=priority), request.partnership)
    if request.method == "POST":
        if save_with(
            form, lambda data: services.save_priority(request.user, plan, priority, **data)
        ):
            messages.success(request, "Saved the priority")
            return redirect("plan", request.partnership.slug, plan.pk)
    title = f"Edit {priority.code}" if priority else f"Add a priority or theme to {plan}"
    return titled_form_page(request, form, title, f"/p/{request.partnership.slug}/plans/{plan.pk}/")


@tenant_view(MANAGERS)
def priority_review(request: TenantRequest, pk: int) -> HttpResponse:
    priority = queries.get_priority(request.partnership, pk)
    plan = priority.plan
    form = StatusForm(
        form_data(request), plan=plan, overall=True, initial={"period": plan.reporting_period}
    )
    if request.method == "POST":
        if save_with(form, lambda data: services.review_priority(request.user, priority, **data)):
            messages.success(request, f"Saved the overview of {priority.code}")
            return redirect("plan", request.partnership.slug, plan.pk)
    return titled_form_page(
        request, form, f"Overview of {priority}", f"/p/{request.partnership.slug}/plans/{plan.pk}/"
    )


@tenant_view(MANAGERS)
def objective_edit(
    request: TenantRequest, priority_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    objective = queries.get_objective(request.partnership, pk) if pk else None
    priority = (
        objective.priority if objective else queries.get_priority(request.partnership, priority_pk)
    )
    form = scope_choices(ObjectiveForm(form_data(request), instance=objective), request.partnership)
    if request.method == "POST":
        if save_with(
            form, lambda data: services.save_objective(request.user, priority, objective, **data)
        ):
            messages.success(request, "Saved the objective")
            return redirect("plan", request.partnership.slug, priority.plan_id)
    title = (
        f"Edit objective {objective.code}" if objective else f"Add an objective to {priority.code}"
    )
    return titled_form_page(
        request, form, title, f"/p/{request.partnership.slug}/plans/{priority.plan_id}/"
    )


@tenant_view(MANAGERS)
def action_edit(
    request: TenantRequest, objective_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    action = queries.get_action(request.partnership, pk) if pk else None
    objective = (
        action.objective if action else queries.get_objective(request.partnership, objective_pk)
    )
    plan = objective.priority.plan
    form = ActionForm(form_data(request), instance=action, plan=plan)
    if request.method == "POST":
        saved = save_with(
            form, lambda data: services.save_action(request.user, objective, action, **data)
        )
        if saved:
            messages.success(request, f"Saved action {saved.code}")
            return redirect("action", request.partnership.slug, saved.pk)
    title = (
        f"Edit action {action.code}" if action else f"Add an action to objective {objective.code}"
    )
    return titled_form_page(request, form, title, f"/p/{request.partnership.slug}/plans/{plan.pk}/")


@tenant_view()
def action_detail(request: TenantRequest, pk: int) -> HttpResponse:
    action = queries.get_action(request.partnership, pk)
    context = {
        "action": action,
        "plan": action.plan,
        "row": queries.action_rows([action])[0],
        "updates": action.updates.select_related("rag", "author", "author_person", "reviewed_by"),
        "revisions": action.revisions.select_related("changed_by"),
        "recommendations": action.recommendations.all(),
        "can_update": services.can_update_action(request.membership, action),
        "history": audit.history(request.partnership, action, *action.updates.all())[:30],
    }
    return render(request, "plans/action_detail.html", context)


@tenant_view()
def update_new(request: TenantRequest, pk: int) -> HttpResponse:
    action = queries.get_action(request.partnership, pk)
    if not services.can_update_action(request.membership, action):
        raise PermissionDenied("You can update only the actions that are yours to update.")
    plan = action.plan
    period = plan.reporting_period
    live = services.live_update(action, period)
    if live is not None and live.status == ActionUpdate.Status.ACCEPTED:
        return redirect("action", request.partnership.slug, action.pk)  # history: nothing to write
    returned = action.updates.filter(period=period, status=ActionUpdate.Status.RETURNED).first()
    if request.method == "POST":  # the update the form was opened on, even if reviewed since
        opened = action.updates.filter(pk=_number(request.POST.get("editing"))).first()
    else:
        opened = live
    form = UpdateForm(
        form_data(request), plan=plan, instance=opened, initial=_starting_from(returned, period)
    )
    if request.method == "POST":
        if save_with(
            form,
            lambda data: services.submit_update(request.membership, action, editing=opened, **data),
        ):
            label = Period.parse(form.cleaned_data["period"]).short_label
            messages.success(request, f"Sent your {label} update for review")
            return redirect("action", request.partnership.slug, action.pk)
    label = Period.parse(period).short_label
    return titled_form_page(
        request,
        form,
        f"Edit the {label} update" if opened else f"Write the {label} update",
        f"/p/{request.partnership.slug}/actions/{action.pk}/",
        lede=action.title,
        challenge=None if opened else returned,
        awaiting=opened,
    )


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _starting_from(returned: ActionUpdate | None, period: str) -> dict[str, Any]:
    """A sent-back update is answered starting from its own text, not a blank form."""
    if returned is None:
        return {"period": period}
    keep = ("rag", "progress", "barriers", "next_steps", "evidence")
    return {"period": period, **{name: getattr(returned, name) for name in keep}}


@tenant_view(MANAGERS)
def update_review(request: TenantRequest, pk: int) -> HttpResponse:
    update = queries.get_update(request.partnership, pk)
    form = ReviewForm(form_data(request), instance=update)
    if request.method == "POST":
        reviewed = save_with(
            form,
            lambda data: services.review_update(
                request.user,
                update,
                accept=data["decision"] == "accept",
                challenge=data["challenge"],
            ),
        )
        if reviewed:
            messages.success(request, f"{reviewed.get_status_display()}: {update.action.code}")
            following = queries.awaiting_review(request.partnership).first()
            if following is not None:
                return redirect("update-review", request.partnership.slug, following.pk)
            updates = reverse("updates", args=[request.partnership.slug])
            return redirect(f"{updates}#awaiting-review")
    earlier = update.action.updates.exclude(pk=update.pk).select_related("rag", "reviewed_by")
    context = {
        "form": form,
        "update": update,
        "earlier": earlier,
        "left": queries.awaiting_review(request.partnership).count(),
    }
    return page_with_form(request, "plans/review.html", context)


@tenant_view()
def priority_detail(request: TenantRequest, pk: int) -> HttpResponse:
    """One theme (priority) of a plan: its overview, objectives and actions, filterable."""
    priority = queries.get_priority(request.partnership, pk)
    plan = priority.plan
    only = queries.ActionFilter.from_query(request.GET)
    context = {
        "plan": plan,
        "priority": priority,
        "tree": queries.plan_tree(plan, only, priority),
        "only": only,
        "levels": plan.rag_scheme.levels.all(),
        "history": audit.history(request.partnership, priority, *priority.reviews.all())[:20],
    }
    return render(request, "plans/priority_detail.html", context)


@tenant_view()
def my_actions(request: TenantRequest) -> HttpResponse:
    rows = queries.my_actions(request.membership)
    return render(
        request,
        "plans/my_actions.html",
        {
            "rows": rows,
            "to_do": [r for r in rows if r.needs_update],
            "reads_only": not ownership.does_work(request.membership),
        },
    )


@tenant_view(MANAGERS)
def updates(request: TenantRequest) -> HttpResponse:
    queues = queries.update_queues(request.partnership)
    totals = {
        name: sum(len(getattr(q, name)) for q in queues) for name in ("overdue", "sent_back", "due")
    }
    awaiting = sorted(
        (u for q in queues for u in q.awaiting_review), key=lambda u: (u.submitted_at, u.pk)
    )
    context = {"queues": queues, "totals": totals, "awaiting": awaiting}
    return render(request, "plans/updates.html", context)


@tenant_view()
def recommendation_list(request: TenantRequest) -> HttpResponse:
    rows = queries.recommendation_register(request.partnership)
    return render(
        request,
        "plans/recommendations.html",
        {"rows": rows, "unanswered": [r for r in rows if r.unanswered]},
    )


@tenant_view(MANAGERS)
def recommendation_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    recommendation = queries.get_recommendation(request.partnership, pk) if pk else None
    form = RecommendationForm(
        form_data(request), instance=recommendation, partnership=request.partnership
    )
    if request.method == "POST":
        if save_with(
            form,
            lambda data: services.save_recommendation(
                request.user, request.partnership, recommendation, **data
            ),
        ):
            messages.success(request, "Saved the recommendation")
            return redirect("recommendations", request.partnership.slug)
    title = "Edit the recommendation" if recommendation else "Add a recommendation"
    return titled_form_page(request, form, title, f"/p/{request.partnership.slug}/recommendations/")


def action_is_mine(request: TenantRequest, action: Action) -> bool:
    return services.can_update_action(request.membership, action)


@tenant_view(MANAGERS)
def commitment_edit(
    request: TenantRequest, plan_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    commitment = queries.get_commitment(request.partnership, pk) if pk else None
    plan = commitment.plan if commitment else queries.get_plan(request.partnership, plan_pk)
    form = scope_choices(CommitmentForm(form_data(request), instance=commitment), plan.partnership)
    back = reverse("plan", args=[request.partnership.slug, plan.pk])
    title = f"Edit {commitment}" if commitment else "Add a key priority area or development"
    return edit_page(
        request,
        form,
        lambda data: services.save_commitment(request.user, plan, commitment, **data),
        back,
        title,
        back,
    )
