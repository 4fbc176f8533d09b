"""Training pages: parse the request, call a service or a query, render. Nothing else.

The programme and its aggregate results are read by every member; running it (courses,
sessions, bookings, links, figures) needs `run_training`, and only those who run it see
attendees' names. The evaluation form is opened from a link without signing in."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from analytics.periods import last_months
from assure.core.access import TenantRequest, may, roles_for, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data, page_with_form, save_with, titled_form_page
from assure.core.models import Partnership
from assure.documents.files import download
from assure.training import evaluations, imports, indicators, queries, services
from assure.training.forms import (
    AttendeeForm,
    CourseForm,
    EvaluationForm,
    ImportForm,
    SessionForm,
)
from assure.training.models import Course, Session, Stage

RUN = roles_for("run_training")


@tenant_view()
def programme(request: TenantRequest) -> HttpResponse:
    partnership, today = request.partnership, timezone.localdate()
    first, last = queries.year_to(today)
    context = {
        "upcoming": queries.sessions_of(partnership).filter(held_on__gte=today)[:12],
        "rows": queries.course_rows(partnership, first, last),
        "courses": queries.courses_of(partnership),
        "themes": queries.themes_taught(partnership, dt.date.min, today),
        "first": first,
        "last": last,
        "can_run": may(request.membership, "run_training"),
    }
    return render(request, "training/programme.html", context)


@tenant_view()
def course_detail(request: TenantRequest, pk: int) -> HttpResponse:
    course = queries.get_course(request.partnership, pk)
    sessions = queries.sessions_of(request.partnership).filter(course=course)
    context = {
        "course": course,
        "sessions": sessions,
        "answers": queries.course_answers(course),
        "can_run": may(request.membership, "run_training"),
    }
    return render(request, "training/course_detail.html", context)


@tenant_view(RUN)
def course_edit(request: TenantRequest, pk: int | None = None) -> HttpResponse:
    course = queries.get_course(request.partnership, pk) if pk else None
    form = CourseForm(form_data(request), instance=course, partnership=request.partnership)
    if request.method == "POST":

        def write(data: dict) -> Course:
            return services.save_course(request.user, request.partnership, course, **data)

        saved = save_with(form, write)
        if saved:
            messages.success(request, f"Saved {saved}")
            return redirect("training-course", request.partnership.slug, saved.pk)
    back = f"/p/{request.partnership.slug}/training/" + (f"courses/{pk}/" if pk else "")
    return titled_form_page(request, form, f"Edit {course}" if course else "Add a course", back)


@tenant_view(RUN)
def session_edit(
    request: TenantRequest, course_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    session = queries.get_session(request.partnership, pk) if pk else None
    course = session.course if session else queries.get_course(request.partnership, course_pk or 0)
    form = SessionForm(form_data(request), instance=session)
    if request.method == "POST":

        def write(data: dict) -> Session:
            return services.save_session(request.user, course, session, **data)

        saved = save_with(form, write)
        if saved:
            messages.success(request, f"Saved the session of {saved}")
            return redirect("training-session", request.partnership.slug, saved.pk)
    slug = request.partnership.slug
    back = (
        f"/p/{slug}/training/sessions/{pk}/" if pk else f"/p/{slug}/training/courses/{course.pk}/"
    )
    title = f"Edit the session of {session}" if session else f"Add a session of {course}"
    return titled_form_page(request, form, title, back)


@tenant_view()
def session_detail(request: TenantRequest, pk: int) -> HttpResponse:
    session = queries.get_session(request.partnership, pk)
    can_run = may(request.membership, "run_training")
    context = {
        "session": session,
        "answers": queries.session_answers(session),
        "counts": queries.session_counts(session),
        "links": queries.links_by_stage(session),
        "attendances": session.attendances.select_related("organisation") if can_run else [],
        "can_run": can_run,
        "stages": queries.sendable_stages(session, timezone.localdate()),
    }
    return render(request, "training/session_detail.html", context)


@tenant_view(RUN)
def attendee_edit(request: TenantRequest, session_pk: int, pk: int | None = None) -> HttpResponse:
    session = queries.get_session(request.partnership, session_pk)
    attendance = queries.get_attendance(request.partnership, pk) if pk else None
    if attendance is not None and attendance.session_id != session.pk:
        raise Http404("No such booking on this session")
    form = AttendeeForm(form_data(request), instance=attendance, partnership=request.partnership)
    if request.method == "POST":

        def write(data: dict) -> object:
            return services.save_attendee(request.user, session, attendance, **data)

        if save_with(form, write):
            messages.success(request, f"Saved the booking of {form.cleaned_data['name']}")
            return redirect("training-session", request.partnership.slug, session.pk)
    back = f"/p/{request.partnership.slug}/training/sessions/{session.pk}/"
    title = f"Change the booking of {attendance.name}" if attendance else "Book someone"
    return titled_form_page(request, form, title, back)


@tenant_view(RUN)
def attendance_import(request: TenantRequest, pk: int) -> HttpResponse:
    session = queries.get_session(request.partnership, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = imports.load_attendance(
            request.user, session, upload.name, upload.read(), timezone.localdate()
        )
        if outcome.loaded:
            messages.success(
                request,
                f"Loaded {upload.name}: {outcome.added} booked, {outcome.changed} changed",
            )
            return redirect("training-session", request.partnership.slug, session.pk)
    context = {"form": form, "session": session, "outcome": outcome}
    status = 400 if request.method == "POST" else 200
    return render(request, "training/import.html", context, status=status)


@require_POST
@tenant_view(RUN)
def send_links(request: TenantRequest, pk: int, stage: str) -> HttpResponse:
    session = queries.get_session(request.partnership, pk)
    if stage not in (Stage.BEFORE, Stage.AFTER):
        raise Http404("The follow-up is sent by the reminders, three months on")
    try:
        sending = evaluations.send_links(request.user, session, stage, timezone.localdate())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        label = Stage(stage).label.lower()
        messages.success(request, f"Sent {len(sending.sent)} evaluation links ({label})")
        if sending.refused:
            refused = "; ".join(sending.refused[:5])
            messages.error(request, f"The mail server refused {len(sending.refused)}: {refused}")
    return redirect("training-session", request.partnership.slug, session.pk)


@tenant_view()
def uptake(request: TenantRequest) -> HttpResponse:
    first, last = queries.year_to(timezone.localdate())
    context = {
        "agencies": queries.uptake(request.partnership, first, last),
        "first": first,
        "last": last,
    }
    return render(request, "training/uptake.html", context)


@tenant_view()
def board_table(request: TenantRequest, kind: str) -> HttpResponse:
    table = queries.board_pack_table(request.partnership, timezone.localdate())
    return download(table, kind, f"training-{request.partnership.slug}")


@require_POST
@tenant_view(RUN)
def publish(request: TenantRequest) -> HttpResponse:
    today = timezone.localdate()
    done = indicators.publish(request.user, request.partnership, last_months(today, 12), today)
    messages.success(
        request,
        f"Sent the training figures of the last twelve months to the performance framework: "
        f"{done.written} written, {done.unchanged} unchanged",
    )
    return redirect("training", request.partnership.slug)


@never_cache
def evaluate(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """An attendee's evaluation, opened from their link: no sign-in, one answer."""
    partnership = get_object_or_404(Partnership, slug=slug)
    link = evaluations.find_link(partnership, token)
    if link is None:
        return render(request, "training/evaluate_unknown.html", status=404)
    session = link.attendance.session
    context = {"session": session, "stage": Stage(link.stage), "host": partnership.name}
    if link.answered_on is not None:
        status = 409 if request.method == "POST" else 200
        return render(request, "training/evaluate_done.html", context, status=status)
    form = EvaluationForm(form_data(request), link=link)
    today = timezone.localdate()
    if request.method == "POST":
        saved = save_with(form, lambda data: evaluations.answer(link, today, **form.answer(data)))
        if saved:
            return render(request, "training/evaluate_done.html", context | {"thanks": True})
        link.refresh_from_db()
        if link.answered_on is not None:  # answered in another tab a moment before
            return render(request, "training/evaluate_done.html", context, status=409)
    try:
        evaluations.check_open(session, link.stage, today)
    except DomainError as closed:
        context["closed"] = closed.message
    context["form"] = form
    return page_with_form(request, "training/evaluate.html", context)
