"""Tokens for the read API: made by an administrator for one partnership and some scopes,
kept only as a hash, revoked rather than deleted (so their use stays explained)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from assure.core.models import Partnership

# What a token may read: scope -> the words the token page uses.
SCOPES = {
    "plans": "plans, actions, quarterly updates and recommendations",
    "risks": "the risk register and its reviews",
    "meetings": "tracker actions",
    "performance": "indicators with figures, targets, benchmarks and SPC",
    "audits": "case audit summaries (no child is named)",
    "exploitation": "missing and exploitation summaries (counts, never children)",
}


class ApiToken(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=100, help_text='What it is for, e.g. "Power BI: board"')
    scopes = models.JSONField(default=list)
    token_hash = models.CharField(max_length=64, unique=True)
    shown = models.CharField(max_length=16, help_text="The token's first characters")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"API token {self.name}"

    def scope_words(self) -> list[str]:
        return [SCOPES[s] for s in self.scopes if s in SCOPES]
