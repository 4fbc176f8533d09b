"""What the service keeps about itself: each worker's heartbeat, and the daily jobs run."""

from __future__ import annotations

from django.db import models


class WorkerBeat(models.Model):
    """A worker process says it is alive every few seconds, from a thread of its own, so a
    worker busy with a long load still beats; one that was killed stops."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host} (pid {self.pid})"


class ScheduledRun(models.Model):
    """A daily job queued for a day: the unique pair makes it once a day, however many
    workers look at the clock."""

    job = models.CharField(max_length=100)
    day = models.DateField()
    queued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.job} on {self.day}"
