"""Meeting, tracker and cabinet-response pages: parse, call a service or a query, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from assure.core import audit
from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.forms import edit_page, form_data, save_with, titled_form_page
from assure.documents.files import download
from assure.meetings import exports, queries, services
from assure.meetings.forms import (
    AgendaItemForm,
    CabinetResponseForm,
    CommentForm,
    DecisionForm,
    MeetingForm,
    MinuteForm,
    ResponseUpdateForm,
    TrackerActionForm,
)
from assure.meetings.models import AgendaItem, Minute


@tenant_view()
def meeting_list(request: TenantRequest) -> HttpResponse:
    context = {
        "groups": queries.groups_with_meetings(request.partnership),
        "today": dt.date.today(),
    }
    return render(request, "meetings/meeting_list.html", context)


@tenant_view()
def meeting_detail(request: TenantRequest, pk: int) -> HttpResponse:
    meeting = queries.get_meeting(request.partnership, pk)
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda.all(),
        "minutes": meeting.minutes.prefetch_related("decisions"),
        "decisions": meeting.decisions.select_related("minute"),
        "actions": queries.tracker_of(request.partnership).filter(meeting=meeting),
        "history": audit.history(request.partnership, meeting)[:20],
        "today": dt.date.today(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@tenant_view(MANAGERS)
def meeting_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    meeting = queries.get_meeting(request.partnership, pk) if pk else None
    group = request.GET.get("group")
    initial = {"group": group} if group and group.isdigit() else {}
    form = MeetingForm(
        form_data(request), instance=meeting, initial=initial, partnership=request.partnership
    )
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: services.save_meeting(request.user, request.partnership, meeting, **data),
        )
        if saved:
            messages.success(request, f"Saved the {saved}")
            return redirect("meeting", request.partnership.slug, saved.pk)
    back = f"/p/{request.partnership.slug}/meetings/" + (f"{pk}/" if pk else "")
    return titled_form_page(request, form, "Edit the meeting" if meeting else "Add a meeting", back)


@tenant_view(MANAGERS)
def agenda_edit(request: TenantRequest, meeting_pk: int, pk: int | None = None) -> HttpResponse:
    meeting = queries.get_meeting(request.partnership, meeting_pk)
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=pk) if pk else None
    form = AgendaItemForm(form_data(request), instance=item)
    back = f"/p/{request.partnership.slug}/meetings/{meeting.pk}/"
    return edit_page(
        request,
        form,
        lambda data: services.save_agenda_item(request.user, meeting, item, **data),
        back,
        f"{'Edit' if item else 'Add'} an agenda item: {meeting}",
        back,
    )


@tenant_view(MANAGERS)
def minute_edit(request: TenantRequest, meeting_pk: int, pk: int | None = None) -> HttpResponse:
    meeting = queries.get_meeting(request.partnership, meeting_pk)
    minute = get_object_or_404(Minute, meeting=meeting, pk=pk) if pk else None
    form = MinuteForm(form_data(request), instance=minute)
    back = f"/p/{request.partnership.slug}/meetings/{meeting.pk}/"
    return edit_page(
        request,
        form,
        lambda data: services.save_minute(request.user, meeting, minute, **data),
        back,
        f"{'Edit a' if minute else 'Add a'} minute: {meeting}",
        back,
    )


@tenant_view(MANAGERS)
def decision_new(request: TenantRequest, meeting_pk: int) -> HttpResponse:
    meeting = queries.get_meeting(request.partnership, meeting_pk)
    form = DecisionForm(form_data(request), meeting=meeting)
    back = f"/p/{request.partnership.slug}/meetings/{meeting.pk}/"
    return edit_page(
        request,
        form,
        lambda data: services.record_decision(request.user, meeting, **data),
        back,
        f"Record a decision: {meeting}",
        back,
    )


@tenant_view()
def tracker(request: TenantRequest) -> HttpResponse:
    group = _group_param(request)
    today = dt.date.today()
    actions = list(queries.tracker_of(request.partnership, group))
    context = {
        "group": group,
        "groups": queries.groups_with_meetings(request.partnership),
        "open": [a for a in actions if a.is_open],
        "done": [a for a in actions if not a.is_open],
        "overdue": [a for a in actions if a.is_overdue(today)],
        "today": today,
    }
    return render(request, "meetings/tracker.html", context)


def _group_param(request: TenantRequest) -> Any:
    group = request.GET.get("group", "")
    return queries.get_group(request.partnership, int(group)) if group.isdigit() else None


@tenant_view()
def tracker_export(request: TenantRequest, kind: str) -> HttpResponse:
    group = _group_param(request)
    table = exports.tracker_table(request.partnership, group)
    name = f"action-tracker-{request.partnership.slug}" + (f"-{group.pk}" if group else "")
    return download(table, kind, name)


@tenant_view()
def tracker_action(request: TenantRequest, pk: int) -> HttpResponse:
    action = queries.get_tracker_action(request.partnership, pk)
    context = {
        "action": action,
        "can_update": services.can_update_action(request.membership, action),
        "history": audit.history(request.partnership, action, *action.comments.all())[:20],
        "today": dt.date.today(),
    }
    return render(request, "meetings/tracker_action.html", context)


@tenant_view(MANAGERS)
def tracker_action_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    action = queries.get_tracker_action(request.partnership, pk) if pk else None
    meeting = request.GET.get("meeting")
    initial = {"meeting": meeting} if meeting and meeting.isdigit() else {}
    form = TrackerActionForm(
        form_data(request), instance=action, initial=initial, partnership=request.partnership
    )
    if request.method == "POST":
        saved = save_with(
            form,
            lambda data: services.save_tracker_action(
                request.user, request.partnership, action, **data
            ),
        )
        if saved:
            messages.success(request, f"Saved the {saved}")
            return redirect("tracker-action", request.partnership.slug, saved.pk)
    back = f"/p/{request.partnership.slug}/tracker/" + (f"{pk}/" if pk else "")
    title = "Edit the tracker action" if action else "Add an action to the tracker"
    return titled_form_page(request, form, title, back)


@tenant_view()
def tracker_comment(request: TenantRequest, pk: int) -> HttpResponse:
    action = queries.get_tracker_action(request.partnership, pk)
    if not services.can_update_action(request.membership, action):
        raise PermissionDenied("You can update only the tracker actions you own.")
    form = CommentForm(form_data(request), initial={"status": action.status})
    back = f"/p/{request.partnership.slug}/tracker/{action.pk}/"
    return edit_page(
        request,
        form,
        lambda data: services.comment_on_action(request.membership, action, **data),
        back,
        f"Update the {action}",
        back,
    )


@tenant_view()
def before_meeting(request: TenantRequest, pk: int) -> HttpResponse:
    group = queries.get_group(request.partnership, pk)
    context = {"before": queries.before_the_meeting(group), "today": dt.date.today()}
    return render(request, "meetings/before.html", context)


@tenant_view()
def responses(request: TenantRequest) -> HttpResponse:
    context = {"responses": queries.cabinet_responses(request.partnership)}
    return render(request, "meetings/responses.html", context)


@tenant_view()
def responses_export(request: TenantRequest, kind: str) -> HttpResponse:
    table = exports.responses_table(request.partnership)
    return download(table, kind, f"cabinet-responses-{request.partnership.slug}")


@tenant_view(MANAGERS)
def response_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    response = queries.get_cabinet_response(request.partnership, pk) if pk else None
    form = CabinetResponseForm(
        form_data(request), initial=_response_initial(response), partnership=request.partnership
    )

    def write(data: dict) -> Any:
        recommendation = {
            "reference": data["reference"],
            "source_title": data["source_title"],
            "issued_on": data["issued_on"],
            "text": data["recommendation"],
        }
        return services.save_cabinet_response(
            request.user,
            request.partnership,
            response,
            recommendation=recommendation,
            group=data["group"],
            text=data["response"],
            responded_on=data["responded_on"],
        )

    back = f"/p/{request.partnership.slug}/cabinet-responses/"
    title = "Edit the cabinet response" if response else "Add a recommendation and response"
    return edit_page(request, form, write, back, title, back)


def _response_initial(response: Any) -> dict[str, Any]:
    if response is None:
        return {}
    recommendation = response.recommendation
    return {
        "reference": recommendation.reference,
        "source_title": recommendation.source_title,
        "issued_on": recommendation.issued_on,
        "recommendation": recommendation.text,
        "group": response.group_id,
        "response": response.response,
        "responded_on": response.responded_on,
    }


@tenant_view(MANAGERS)
def response_update(request: TenantRequest, pk: int) -> HttpResponse:
    response = queries.get_cabinet_response(request.partnership, pk)
    form = ResponseUpdateForm(form_data(request))
    back = f"/p/{request.partnership.slug}/cabinet-responses/"
    return edit_page(
        request,
        form,
        lambda data: services.add_response_update(request.user, response, **data),
        back,
        f"Add an update on recommendation {response.recommendation.reference}",
        back,
    )
