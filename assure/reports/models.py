"""Issued reports: a report as the board saw it on the day, kept unchanged.

An `IssuedReport` says which report (kind, plan, month), which version, and who issued it
when. Its `IssuedDocument`s hold what was issued: the report model as JSON, from which every
format is rendered again, and the PDF as it was sent, the document of record (see
docs/decisions/0012-issued-reports-keep-json-and-pdf.md). Neither is ever changed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.plans.models import Plan


class IssuedReport(models.Model):
    class Kind(models.TextChoices):
        HIGHLIGHT = "highlight", "Highlight report"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="issued_reports"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.HIGHLIGHT)
    # RESTRICT: a plan with issued reports cannot be deleted on its own, only with its
    # partnership, so the record of what the board saw is never orphaned.
    plan = models.ForeignKey(Plan, on_delete=models.RESTRICT, related_name="issued_reports")
    month = models.DateField(help_text="The last day of the reporting month")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300, help_text="The plan's title when issued")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_by_name = models.CharField(max_length=200)
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "-version", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "plan", "month", "version"],
                name="reports_issued_one_number_per_version",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.title}: {self.get_kind_display().lower()}, {self.month_label} v{self.version}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise DomainError("An issued report cannot be changed: issue a new version.")
        super().save(*args, **kwargs)

    @property
    def month_label(self) -> str:
        return f"{self.month:%B %Y}"

    @property
    def issued_label(self) -> str:
        when = timezone.localtime(self.issued_at)
        on = f"{when.day} {when:%B %Y} at {when:%H:%M}"
        return f"Issued on {on} by {self.issued_by_name} (version {self.version})"


class IssuedDocument(models.Model):
    """One thing kept of an issued report, gzip-compressed, with the SHA-256 of its bytes."""

    class Kind(models.TextChoices):
        MODEL = "json", "Report data (JSON)"
        PDF = "pdf", "PDF as issued"

    issued = models.ForeignKey(IssuedReport, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64, help_text="Of the uncompressed bytes")
    size = models.PositiveIntegerField(help_text="Uncompressed, in bytes")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issued", "kind"], name="reports_issued_one_of_each")
        ]

    def __str__(self) -> str:
        return f"{self.issued}: {self.get_kind_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise DomainError("An issued document cannot be changed.")
        super().save(*args, **kwargs)
