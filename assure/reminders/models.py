"""The record of every reminder sent: one row per item per owner per e-mail."""

from __future__ import annotations

from django.db import models

from assure.core.models import Partnership
from assure.partnership.models import Person


class Reminder(models.Model):
    class Kind(models.TextChoices):
        PLAN_UPDATE = "plan_update", "Plan update"
        TRACKER_ACTION = "tracker_action", "Tracker action"
        RISK_REVIEW = "risk_review", "Risk review"
        CASE_AUDIT = "case_audit", "Case audit"
        INCIDENT = "incident", "Serious incident"  # its notification, its rapid review
        REVIEW_SUMMARY = "review_summary", "Agency's summary for a review"
        PRACTICE_REVIEW = "practice_review", "Practice review publication"
        SELF_ASSESSMENT = "self_assessment", "Self-assessment return"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    email = models.EmailField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=300)
    state = models.CharField(max_length=20)
    due_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["partnership", "kind", "object_id", "person"])]

    def __str__(self) -> str:
        return f"{self.sent_on}: {self.get_kind_display()} {self.label} to {self.email}"
