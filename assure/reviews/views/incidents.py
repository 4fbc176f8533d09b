"""Serious incidents and rapid reviews, and the agencies' returns: parse, call, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assure.core.access import EVERYONE, TenantRequest, may, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data, page_with_form, save_with
from assure.reviews import access, clocks, queries, services, stages
from assure.reviews.forms import (
    AskForm,
    IncidentForm,
    NotifyForm,
    PanelResponseForm,
    RapidReviewForm,
    ReturnForm,
    SendForm,
    StartReviewForm,
)
from assure.reviews.models import AgencyRequest, Incident, Review
from assure.reviews.views.pages import base, form_page

Stage = Incident.Stage


@tenant_view(access.READERS)
def case_reviews(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    incidents = list(queries.incidents_of(partnership).prefetch_related("review__delays"))
    reviews = list(queries.reviews_of(partnership))
    context = {
        "incidents": [(i, queries.next_clock(i)) for i in incidents],
        "ours": [r for r in reviews if r.is_ours],
        "others": [r for r in reviews if not r.is_ours],
        "today": dt.date.today(),
        "may_run": may(request.membership, "run_case_reviews"),
    }
    return render(request, "reviews/list.html", context)


def _incident_url(request: TenantRequest, incident: Incident) -> str:
    return f"{base(request)}incidents/{incident.pk}/"


@tenant_view(access.RUNNERS)
def incident_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    incident = queries.get_incident(request.partnership, pk) if pk else None
    form = IncidentForm(form_data(request), instance=incident, partnership=request.partnership)

    def write(data: dict) -> Incident:
        return services.record_incident(request.user, request.partnership, incident, **data)

    back = _incident_url(request, incident) if incident else base(request)
    title = f"Edit {incident}" if incident else "Record a serious incident"
    return form_page(
        request, form, write, title=title, back=back, done=lambda i: _incident_url(request, i)
    )


@tenant_view(access.READERS)
def incident_detail(request: TenantRequest, pk: int) -> HttpResponse:
    incident = queries.get_incident(request.partnership, pk)
    review = Review.objects.filter(incident=incident).first()
    context = {
        "incident": incident,
        "review": review,
        "requests": list(incident.requests.select_related("organisation", "asked_of")),
        "findings": list(incident.findings.prefetch_related("themes", "recommendations")),
        "notification_due": clocks.notification_due(incident),
        "notified_in_time": clocks.notified_in_time(incident),
        "rapid_review_due": clocks.rapid_review_due(incident),
        "rapid_review_in_time": clocks.rapid_review_in_time(incident),
        "next_stages": [Stage(s) for s in stages.TRANSITIONS[incident.stage]],
        "may_run": may(request.membership, "run_case_reviews"),
        "today": dt.date.today(),
    }
    return render(request, "reviews/incident.html", context)


def _incident_form(
    request: TenantRequest, pk: int, form_class: type, write_with: object, title: str
) -> HttpResponse:
    incident = queries.get_incident(request.partnership, pk)
    form = form_class(form_data(request), instance=incident)
    url = _incident_url(request, incident)
    return form_page(
        request,
        form,
        lambda data: write_with(request.user, incident, **data),  # type: ignore[operator]
        title=f"{title}: {incident.reference}",
        back=url,
        lede=f"{incident.child_reference}. {incident.get_kind_display()}.",
        said=lambda _: f"Saved: {title.lower()}",
    )


@tenant_view(access.RUNNERS)
def incident_notify(request: TenantRequest, pk: int) -> HttpResponse:
    return _incident_form(request, pk, NotifyForm, services.notify, "Record the notification")


@tenant_view(access.RUNNERS)
def incident_rapid_review(request: TenantRequest, pk: int) -> HttpResponse:
    return _incident_form(
        request, pk, RapidReviewForm, services.record_rapid_review, "Record the rapid review"
    )


@tenant_view(access.RUNNERS)
def incident_send(request: TenantRequest, pk: int) -> HttpResponse:
    return _incident_form(
        request, pk, SendForm, services.send_rapid_review, "Send the rapid review to the panel"
    )


@tenant_view(access.RUNNERS)
def incident_response(request: TenantRequest, pk: int) -> HttpResponse:
    return _incident_form(
        request,
        pk,
        PanelResponseForm,
        services.record_panel_response,
        "Record the panel's response",
    )


@tenant_view(access.RUNNERS)
def incident_ask(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    incident = queries.get_incident(request.partnership, pk)
    what = AgencyRequest.Kind(kind)
    form = AskForm(form_data(request), partnership=request.partnership)
    form.fields["agencies"].initial = [a.pk for a in incident.agencies.all()]

    def write(data: dict) -> list[AgencyRequest]:
        return services.ask_agencies(request.user, incident, kind=what, **data)

    return form_page(
        request,
        form,
        write,
        title=f"Ask agencies for their {what.label.lower()}: {incident.reference}",
        back=_incident_url(request, incident),
        said=lambda asked: f"Asked {len(asked)} agenc{'y' if len(asked) == 1 else 'ies'}",
    )


@require_POST
@tenant_view(access.RUNNERS)
def incident_close(request: TenantRequest, pk: int) -> HttpResponse:
    incident = queries.get_incident(request.partnership, pk)
    try:
        services.close_incident(request.user, incident)
        messages.success(request, f"Closed {incident}")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_incident_url(request, incident))


@tenant_view(access.RUNNERS)
def review_start(request: TenantRequest, pk: int) -> HttpResponse:
    incident = queries.get_incident(request.partnership, pk)
    form = StartReviewForm(form_data(request), partnership=request.partnership)

    def write(data: dict) -> Review:
        return services.start_practice_review(request.user, incident, **data)

    return form_page(
        request,
        form,
        write,
        title=f"Start the local practice review of {incident.reference}",
        back=_incident_url(request, incident),
        done=lambda review: f"{base(request)}reviews/{review.pk}/",
        said=lambda review: f"Started {review}",
    )


@tenant_view(access.REQUEST_READERS)
def request_detail(request: TenantRequest, pk: int) -> HttpResponse:
    """What is asked of an agency: read by the case review readers, written by its own."""
    asked = queries.get_request(request.partnership, pk)
    if not access.may_read_request(request.membership, asked):
        raise PermissionDenied("You can see only what is asked of your own agency.")
    writes = access.may_write_request(request.membership, asked) and services.is_open(asked)
    form = ReturnForm(form_data(request), instance=asked, initial={"text": asked.text})
    if request.method == "POST":
        if not writes:
            raise PermissionDenied("You cannot write this return.")
        saved = save_with(
            form, lambda data: services.return_request(request.membership, asked, **data)
        )
        if saved is not None:
            messages.success(request, f"Sent the {saved}")
            if may(request.membership, "read_case_reviews"):
                return redirect(_incident_url(request, asked.incident))
            return redirect("my-review-summaries", request.partnership.slug)
    context = {"asked": asked, "form": form, "writes": writes}
    return page_with_form(request, "reviews/request.html", context)


@tenant_view(EVERYONE)
def my_requests(request: TenantRequest) -> HttpResponse:
    context = {
        "requests": queries.my_requests(request.membership),
        "person": request.membership.person,
        "writes": access.agency_of(request.membership) is not None,
        "today": dt.date.today(),
    }
    return render(request, "reviews/my_requests.html", context)
