"""Pages of one organisation's return: reading it, completing it (draft), submitting it signed
off, reopening it, and its scrutiny: queries and answers, moderated ratings, findings and
challenge events. Parse the request, call a service or a query, render. Nothing else."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from assure.assessments import access, files, queries, results, scrutiny, services
from assure.assessments.forms import (
    ActionForm,
    AnswerForm,
    EventForm,
    FindingsForm,
    LeadForm,
    ModerateForm,
    QueryForm,
    ReasonForm,
    ReturnForm,
    SubmitForm,
)
from assure.assessments.models import Return
from assure.assessments.views.rounds import REVIEWERS, form_page
from assure.core import audit
from assure.core.access import EVERYONE, TenantRequest, tenant_view
from assure.core.forms import form_data, page_with_form, save_with


def _visible(request: TenantRequest, pk: int) -> Return:
    """The return, if this member may see it: a 404 otherwise, so a draft is not disclosed."""
    assessment = queries.get_return(request.partnership, pk)
    if not access.may_see(request.membership, assessment):
        raise Http404("No such return")
    return assessment


def _page(request: TenantRequest, assessment: Return) -> str:
    return f"/p/{request.partnership.slug}/self-assessments/returns/{assessment.pk}/"


@tenant_view(EVERYONE)
def return_detail(request: TenantRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    membership = request.membership
    context = {
        "assessment": assessment,
        "ratings": queries.ratings_of(assessment),
        "writes": access.may_write(membership, assessment),
        "reviews": access.reviews(membership),
        "problems": services.submission_problems(assessment),
        "differences": results.differences(assessment),
        "history": audit.history(request.partnership, assessment)[:20]
        if access.reviews(membership) or access.may_write(membership, assessment)
        else [],
    }
    return render(request, "assessments/return.html", context)


@tenant_view(EVERYONE)
def return_edit(request: TenantRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    if not access.may_write(request.membership, assessment):
        raise PermissionDenied(f"Only {assessment.organisation}'s contributors write its return.")
    if assessment.is_submitted:
        messages.error(request, "This return has been submitted, so it is locked.")
        return redirect("self-assessment-return", request.partnership.slug, pk)
    form = ReturnForm(form_data(request), assessment=assessment)
    if request.method == "POST":

        def write(data: dict) -> Return:
            return services.save_draft(
                request.membership, assessment, form.entries(), data["summary"]
            )

        if save_with(form, write):
            if "check" in request.POST:
                return redirect("self-assessment-return-submit", request.partnership.slug, pk)
            messages.success(request, "Saved your draft: nothing is sent until you submit it")
            return redirect("self-assessment-return", request.partnership.slug, pk)
    context = {"form": form, "assessment": assessment}
    return page_with_form(request, "assessments/return_form.html", context)


@tenant_view(EVERYONE)
def return_submit(request: TenantRequest, pk: int) -> HttpResponse:
    assessment = _visible(request, pk)
    if not access.may_write(request.membership, assessment) or assessment.is_submitted:
        raise PermissionDenied("Only the organisation submits its return, once.")
    form = SubmitForm(form_data(request))
    if request.method == "POST":

        def write(data: dict) -> Return:
            data.pop("confirm")
            return services.submit_return(request.membership, assessment, **data)

        if save_with(form, write):
            messages.success(request, f"Submitted {assessment.organisation}'s return")
            return redirect("self-assessment-return", request.partnership.slug, pk)
    context = {
        "form": form,
        "assessment": assessment,
        "problems": services.submission_problems(assessment),
    }
    return page_with_form(request, "assessments/submit.html", context)


@tenant_view(REVIEWERS)
def return_reopen(request: TenantRequest, pk: int) -> HttpResponse:
    assessment = queries.get_return(request.partnership, pk)
    form = ReasonForm(form_data(request))
    if request.method == "POST":
        if save_with(
            form, lambda d: services.reopen_return(request.membership, assessment, d["reason"])
        ):
            messages.success(request, f"Reopened {assessment.organisation}'s return")
            return redirect("self-assessment-return", request.partnership.slug, pk)
    title = f"Reopen {assessment.organisation}'s return"
    return form_page(request, form, title, _page(request, assessment))


@tenant_view(REVIEWERS)
def return_lead(request: TenantRequest, pk: int) -> HttpResponse:
    assessment = queries.get_return(request.partnership, pk)
    form = LeadForm(
        form_data(request), initial={"lead": assessment.lead_id}, partnership=request.partnership
    )
    if request.method == "POST":
        if save_with(form, lambda d: services.set_lead(request.user, assessment, d["lead"])):
            messages.success(request, f"Saved the lead of {assessment.organisation}'s return")
            return redirect("self-assessment-round", request.partnership.slug, assessment.round_id)
    title = f"Who leads {assessment.organisation}'s return"
    return form_page(request, form, title, _page(request, assessment))


@tenant_view(REVIEWERS)
def return_findings(request: TenantRequest, pk: int) -> HttpResponse:
    assessment = queries.get_return(request.partnership, pk)
    initial = {"note": assessment.scrutiny_note, "themes": list(assessment.themes.all())}
    form = FindingsForm(form_data(request), initial=initial, partnership=request.partnership)
    if request.method == "POST":
        if save_with(form, lambda d: scrutiny.record_findings(request.membership, assessment, **d)):
            messages.success(request, "Saved the findings")
            return redirect("self-assessment-return", request.partnership.slug, pk)
    title = f"Findings from {assessment.organisation}'s return"
    return form_page(request, form, title, _page(request, assessment))


@tenant_view(EVERYONE)
def return_export(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    assessment = _visible(request, pk)
    lede, tables = files.organisation_tables(assessment)
    filename = f"self-assessment-return-{assessment.pk}"
    return files.download(str(assessment), lede, tables, kind, filename)


@tenant_view(REVIEWERS)
def rating_moderate(request: TenantRequest, pk: int) -> HttpResponse:
    rating = queries.get_rating(request.partnership, pk)
    assessment = rating.assessment
    initial = {"level": rating.moderated_level_id, "note": rating.moderation_note}
    form = ModerateForm(
        form_data(request), initial=initial, framework_id=assessment.round.framework_id
    )
    if request.method == "POST":
        if save_with(form, lambda d: scrutiny.moderate_rating(request.membership, rating, **d)):
            messages.success(request, f"Recorded the agreed rating of {rating.standard.number}")
            return redirect("self-assessment-return", request.partnership.slug, assessment.pk)
    own = rating.level.label if rating.level else "not rated"
    lede = f"{rating.standard.number} {rating.standard.title} The organisation rated it: {own}."
    title = f"Agree the rating of {rating.standard.number}"
    return form_page(request, form, title, _page(request, assessment), lede=lede)


@tenant_view(REVIEWERS)
def rating_query(request: TenantRequest, pk: int) -> HttpResponse:
    rating = queries.get_rating(request.partnership, pk)
    form = QueryForm(form_data(request))
    if request.method == "POST":
        if save_with(
            form, lambda d: scrutiny.query_rating(request.membership, rating, d["question"])
        ):
            messages.success(request, f"Sent your query on {rating.standard.number}")
            return redirect(
                "self-assessment-return", request.partnership.slug, rating.assessment_id
            )
    title = f"Query the rating of {rating.standard.number}"
    lede = f"{rating.standard.number} {rating.standard.title}"
    return form_page(request, form, title, _page(request, rating.assessment), lede=lede)


@tenant_view(EVERYONE)
def query_answer(request: TenantRequest, pk: int) -> HttpResponse:
    query = queries.get_query(request.partnership, pk)
    assessment = query.rating.assessment
    if not access.may_write(request.membership, assessment):
        raise PermissionDenied(f"Only {assessment.organisation}'s contributors answer its queries.")
    form = AnswerForm(form_data(request), initial={"answer": query.answer})
    if request.method == "POST":
        if save_with(form, lambda d: scrutiny.answer_query(request.membership, query, d["answer"])):
            messages.success(request, "Sent your answer")
            return redirect("self-assessment-return", request.partnership.slug, assessment.pk)
    title = f"Answer the query on {query.rating.standard.number}"
    return form_page(request, form, title, _page(request, assessment), lede=query.question)


@tenant_view(REVIEWERS)
def event_new(request: TenantRequest, pk: int) -> HttpResponse:
    found = queries.get_round(request.partnership, pk)
    form = EventForm(form_data(request), found=found)
    if request.method == "POST":
        saved = save_with(
            form, lambda d: scrutiny.record_challenge_event(request.membership, found, **d)
        )
        if saved:
            messages.success(request, f"Recorded the {saved}")
            return redirect("self-assessment-event", request.partnership.slug, saved.pk)
    back = f"/p/{request.partnership.slug}/self-assessments/rounds/{pk}/"
    return form_page(request, form, f"Record a challenge event for {found}", back)


@tenant_view(EVERYONE)
def event_detail(request: TenantRequest, pk: int) -> HttpResponse:
    event = queries.get_event(request.partnership, pk)
    if not access.sees_every_return(request.membership):
        raise PermissionDenied("Challenge events are shared with the partnership's reviewers.")
    reviews = access.reviews(request.membership)
    form = ActionForm(form_data(request), partnership=request.partnership) if reviews else None
    if form is not None and request.method == "POST":
        if save_with(form, lambda d: scrutiny.agree_action(request.membership, event, **d)):
            messages.success(request, "Added the action to the tracker")
            return redirect("self-assessment-event", request.partnership.slug, pk)
    context = {
        "event": event,
        "actions": event.actions.select_related("owner"),
        "form": form,
        "reviews": reviews,
    }
    return page_with_form(request, "assessments/event.html", context)
