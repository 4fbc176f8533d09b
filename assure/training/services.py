"""Every write to the programme: courses, sessions, bookings and attendance.

Each function is atomic, refuses input that breaks a rule with a DomainError naming the
field, and records the change (who, when, before, after). Evaluations are written in
`evaluations.py`, a file of bookings in `imports.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.partnership.services import check_same_partnership
from assure.training.models import Attendance, Course, Session


def _check_course_links(partnership: Partnership, fields: dict[str, Any]) -> None:
    check_same_partnership(
        partnership,
        themes=list(fields.get("themes", [])),
        offered_to=list(fields.get("offered_to", [])),
    )
    if any(p.plan.partnership_id != partnership.pk for p in fields.get("priorities", [])):
        raise DomainError("Choose priorities of this partnership's plans.", field="priorities")


@transaction.atomic
def save_course(
    actor: Any, partnership: Partnership, course: Course | None, **fields: Any
) -> Course:
    """Add or change a course, forum or learning event of the programme."""
    title = str(fields.get("title", "")).strip()
    if not title:
        raise DomainError("Enter the title.", field="title")
    outcomes = [line for line in str(fields.get("outcomes", "")).splitlines() if line.strip()]
    if not outcomes:
        raise DomainError("Give at least one learning outcome, one a line.", field="outcomes")
    if len(outcomes) > 8:
        raise DomainError(
            "Give at most 8 learning outcomes: attendees rate their confidence in each.",
            field="outcomes",
        )
    _check_course_links(partnership, fields)
    clash = Course.objects.filter(partnership=partnership, title__iexact=title)
    if course is not None:
        clash = clash.exclude(pk=course.pk)
    if clash.exists():
        raise DomainError("The programme already has a course with this title.", field="title")
    if course is not None and _answered(course) and _outcomes_changed(course, outcomes):
        raise DomainError(
            "Attendees have rated their confidence against these outcomes: keep their number "
            "and order (add a new course for different ones).",
            field="outcomes",
        )
    fields |= {"title": title, "outcomes": "\n".join(line.strip() for line in outcomes)}
    course = course or Course(partnership=partnership)
    return audit.save_recorded(actor, partnership, course, fields, f"course {title}")


def _answered(course: Course) -> bool:
    return Session.objects.filter(
        course=course, attendances__evaluation_links__answered_on__isnull=False
    ).exists()


def _outcomes_changed(course: Course, outcomes: list[str]) -> bool:
    return len(course.outcome_list) != len(outcomes)


@transaction.atomic
def save_session(actor: Any, course: Course, session: Session | None, **fields: Any) -> Session:
    """Add or change a session of a course: its date, place, trainer and places."""
    capacity = fields.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        raise DomainError("Give the number of places, 1 or more.", field="capacity")
    if session is not None:
        booked = session.attendances.exclude(status=Attendance.Status.CANCELLED).count()
        if capacity < booked:
            raise DomainError(
                f"{booked} places are booked: the session cannot have fewer places.",
                field="capacity",
            )
    session = session or Session(course=course)
    what = f"session of {course.title} on {fields.get('held_on')}"
    return audit.save_recorded(actor, course.partnership, session, fields, what)


def places_left(session: Session) -> int:
    taken = session.attendances.exclude(status=Attendance.Status.CANCELLED).count()
    return session.capacity - taken


HAPPENED = {Attendance.Status.ATTENDED, Attendance.Status.DID_NOT_ATTEND}


def check_attendee(
    session: Session, attendance: Attendance | None, fields: dict[str, Any], today: dt.date
) -> None:
    """The rules of a booking, whether typed in or read from a file."""
    check_same_partnership(session.course.partnership, organisation=fields.get("organisation"))
    if not fields.get("organisation"):
        raise DomainError("Select the attendee's agency.", field="organisation")
    if not str(fields.get("name", "")).strip():
        raise DomainError("Enter the attendee's name.", field="name")
    if fields.get("status") in HAPPENED and session.held_on > today:
        raise DomainError(
            f"The session is on {session.held_on:%-d %B %Y}: record who attended on the day "
            "or after.",
            field="status",
        )
    email = str(fields.get("email", "")).strip().lower()
    clash = session.attendances.filter(email=email) if email else Attendance.objects.none()
    if attendance is not None:
        clash = clash.exclude(pk=attendance.pk)
    if clash.exists():
        raise DomainError("Someone with this e-mail address is already booked.", field="email")
    cancelled = Attendance.Status.CANCELLED
    if (attendance is None or attendance.status == cancelled) and fields.get("status") != cancelled:
        if places_left(session) < 1:
            raise DomainError(
                f"The session is full: all {session.capacity} places are taken.", field="name"
            )


@transaction.atomic
def save_attendee(
    actor: Any,
    session: Session,
    attendance: Attendance | None,
    today: dt.date | None = None,
    **fields: Any,
) -> Attendance:
    """Book someone on a session, or change their booking (attended, did not attend...)."""
    fields.setdefault("status", attendance.status if attendance else Attendance.Status.BOOKED)
    check_attendee(session, attendance, fields, today or timezone.localdate())
    fields["email"] = str(fields.get("email", "")).strip().lower()
    fields["name"] = str(fields["name"]).strip()
    attendance = attendance or Attendance(session=session)
    what = f"booking on {session}"
    return audit.save_recorded(actor, session.course.partnership, attendance, fields, what)


@transaction.atomic
def set_status(
    actor: Any, attendance: Attendance, status: str, today: dt.date | None = None
) -> Attendance:
    """Record whether someone attended, did not attend, or cancelled."""
    if status not in Attendance.Status.values:
        raise DomainError("Choose booked, attended, did not attend or cancelled.", field="status")
    fields = {
        "name": attendance.name,
        "email": attendance.email,
        "organisation": attendance.organisation,
        "status": status,
    }
    return save_attendee(actor, attendance.session, attendance, today, **fields)
