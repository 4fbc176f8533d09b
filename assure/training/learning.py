"""The learning themes the programme teaches: each session held, with someone attending, of
a course tagged with a theme. The partnership's learning report counts them beside the
themes that reviews and audits find."""

from __future__ import annotations

import datetime as dt

from assure.core.models import Partnership
from assure.training.models import Attendance, Course


def themes_found(partnership: Partnership) -> list[tuple[int, dt.date, str]]:
    """(theme, the session's day, "Course <title>") for each session that taught a theme."""
    taught = (
        Course.themes.through.objects.filter(
            course__partnership=partnership,
            course__sessions__attendances__status=Attendance.Status.ATTENDED,
        )
        .values_list(
            "learningtheme_id", "course__sessions", "course__sessions__held_on", "course__title"
        )
        .distinct()
    )
    return [(theme, day, f"Course {title}") for theme, _, day, title in taught]
