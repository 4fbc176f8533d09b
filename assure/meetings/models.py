"""Meetings of a group (agenda, minutes, decisions), the group's action tracker with dated
comments, and the cabinet's responses to a scrutiny board's recommendations with updates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from assure.core.models import Partnership
from assure.partnership.models import Group, Person
from assure.plans.models import Recommendation


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    group = models.ForeignKey(Group, on_delete=models.RESTRICT, related_name="meetings")
    held_on = models.DateField("date")
    starts_at = models.TimeField("start time", null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    present = models.TextField(
        blank=True, help_text="Who attended, by role; one a line, apologies too"
    )
    notes = models.TextField(blank=True, help_text="Anything members should know beforehand")

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "held_on"],
                name="one_meeting_a_day",
                violation_error_message="This group already has a meeting on that day.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} on {self.held_on:%-d %B %Y}"

    def is_past(self, today: dt.date | None = None) -> bool:
        return self.held_on < (today or dt.date.today())


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    presenter = models.CharField(max_length=200, blank=True, help_text="A role title")
    papers = models.CharField(
        max_length=300, blank=True, help_text="Pages of the pack, or a link to the papers"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Minute(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    number = models.CharField("minute number", max_length=10)
    title = models.CharField(max_length=300)
    text = models.TextField("minute")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="minute_number")]

    def __str__(self) -> str:
        return f"Minute {self.number} {self.title}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    minute = models.ForeignKey(
        Minute, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    text = models.TextField("decision")

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class TrackerAction(models.Model):
    """A row of a group's action tracker: what a meeting asked for, of whom, by when."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETE = "complete", "Complete"
        CLOSED = "closed", "Closed without action"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="tracker_actions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.RESTRICT, related_name="actions")
    minute_number = models.CharField("minute number", max_length=10, blank=True)
    text = models.TextField("action")
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.RESTRICT, related_name="tracker_actions"
    )
    due_date = models.DateField("due", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["meeting__held_on", "id"]

    def __str__(self) -> str:
        where = f" minute {self.minute_number}" if self.minute_number else ""
        return f"Action from {self.meeting.held_on:%-d %b %Y}{where}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return (
            self.is_open
            and self.due_date is not None
            and self.due_date < (today or dt.date.today())
        )


class TrackerComment(models.Model):
    action = models.ForeignKey(TrackerAction, on_delete=models.CASCADE, related_name="comments")
    written_on = models.DateField()
    text = models.TextField("comment")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "written_on", "id"]

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"


class CabinetResponse(models.Model):
    """The cabinet's response to a scrutiny board's recommendation (a plans.Recommendation)."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="cabinet_response"
    )
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cabinet_responses",
        help_text="The board that made the recommendation",
    )
    response = models.TextField("cabinet response", blank=True)
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["recommendation__issued_on", "recommendation__id"]

    def __str__(self) -> str:
        return f"Cabinet response to {self.recommendation}"


class ResponseUpdate(models.Model):
    response = models.ForeignKey(CabinetResponse, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField()
    text = models.TextField("update")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response", "written_on", "id"]

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"
