"""A load of returns or extracts: its files, its progress while it runs, its validation
report, and the snapshot it kept. The child-level rows themselves live in the analytical
store (`analytics.store`), never in this database."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assure.core.models import Partnership

ABANDONED = (
    "The worker stopped before this load finished (it was stopped or restarted). "
    "Nothing was kept. Try the load again."
)


class Load(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Loading"
        ACCEPTED = "accepted", "Loaded"
        REUSED = "reused", "Already loaded"
        REFUSED = "refused", "Refused"
        FAILED = "failed", "Failed"

    FINISHED = (Status.ACCEPTED, Status.REUSED, Status.REFUSED, Status.FAILED)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="loads")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done")
    collection_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The SSDA903 collection year, if given"
    )
    files = models.JSONField(default=list, blank=True)
    folder = models.CharField(max_length=500, blank=True, help_text="Where the uploads wait")
    snapshot_id = models.CharField("snapshot", max_length=40, blank=True)
    report = models.JSONField(default=dict, blank=True)
    fatal_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    observations = models.PositiveIntegerField("figures computed", default=0)
    error = models.TextField(blank=True)
    timings = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(
        max_length=64, blank=True, help_text="The background task doing this load"
    )
    purged_at = models.DateTimeField(
        null=True, blank=True, help_text="When its snapshot was deleted under the retention"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Load {self.pk} of {self.partnership} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def can_retry(self) -> bool:
        """A load its worker abandoned, whose files are still here, can be run again."""
        return self.status == self.Status.FAILED and self.abandoned and bool(self.folder)

    @property
    def abandoned(self) -> bool:
        return self.error == ABANDONED

    @property
    def file_names(self) -> str:
        return ", ".join(f["name"] for f in self.files)
