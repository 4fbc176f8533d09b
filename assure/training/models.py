"""The learning and development programme: courses (and best-practice forums and learning
events), their sessions, who booked and attended each, and the evaluations attendees give.

An evaluation is answered through a link with an unguessable token, one for each attendee
and stage (before the session, after it, and the follow-up three months on). Only the
token's SHA-256 digest is kept, so a link cannot be rebuilt from the database; the answer
hangs off its link, and results are read only as aggregates (`results.py`).
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from analytics.periods import add_months
from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.plans.models import Priority

FOLLOW_UP_MONTHS = 3  # the follow-up asks whether practice changed, three months on

CONFIDENCE = {
    1: "Not at all confident",
    2: "A little confident",
    3: "Fairly confident",
    4: "Confident",
    5: "Very confident",
}


class Course(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", "Course"
        FORUM = "forum", "Best-practice forum"
        EVENT = "event", "Learning event"

    class Level(models.TextChoices):
        NONE = "", "No level"
        ONE = "1", "Level 1: introductory"
        TWO = "2", "Level 2: core multi-agency"
        THREE = "3", "Level 3: advanced and specialist"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COURSE)
    level = models.CharField(max_length=1, choices=Level.choices, blank=True, default="")
    description = models.TextField(blank=True)
    outcomes = models.TextField(
        "learning outcomes",
        help_text="One a line. Attendees rate their confidence against each, before and after.",
    )
    origin = models.CharField(
        "where it comes from",
        max_length=300,
        blank=True,
        help_text="For example, the learning briefing of a case review",
    )
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="courses", verbose_name="learning themes"
    )
    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="courses", verbose_name="plan priorities"
    )
    offered_to = models.ManyToManyField(
        Organisation, blank=True, related_name="courses_offered", verbose_name="offered to"
    )

    class Meta:
        ordering = ["partnership", "title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="course_title")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("date")
    online = models.BooleanField("held online", default=False)
    place = models.CharField(
        "place", max_length=200, help_text="The venue, or the online meeting service"
    )
    trainer = models.CharField(max_length=200)
    capacity = models.PositiveSmallIntegerField("places")

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.held_on:%-d %B %Y}"

    @property
    def follow_up_on(self) -> dt.date:
        return add_months(self.held_on, FOLLOW_UP_MONTHS)


class Attendance(models.Model):
    """One person's place on a session: named here for the programme's managers only."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        ATTENDED = "attended", "Attended"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"
        CANCELLED = "cancelled", "Cancelled"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    name = models.CharField(max_length=200)
    email = models.EmailField("e-mail address", blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="attendances", verbose_name="agency"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)

    class Meta:
        ordering = ["session", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~models.Q(email=""),
                name="one_booking_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Stage(models.TextChoices):
    BEFORE = "before", "Before the session"
    AFTER = "after", "After the session"
    FOLLOW_UP = "follow_up", "Three months on"


class EvaluationLink(models.Model):
    """The link one attendee answers one stage through. The token itself is never stored."""

    attendance = models.ForeignKey(
        Attendance, on_delete=models.CASCADE, related_name="evaluation_links"
    )
    stage = models.CharField(max_length=10, choices=Stage.choices)
    digest = models.CharField(max_length=64, unique=True)
    issued_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attendance", "stage"], name="one_link_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} evaluation"


class Evaluation(models.Model):
    """One answer, through one link: confidence per learning outcome (before and after) or
    whether practice has changed (the follow-up)."""

    link = models.OneToOneField(EvaluationLink, on_delete=models.CASCADE, related_name="answer")
    confidence = models.JSONField(default=list, blank=True)  # a rating 1-5 per outcome
    practice_changed = models.BooleanField(null=True, blank=True)
    example = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Answer to {self.link}"
