"""The risk and issue register: risks scored probability × impact, and each review of them.

A risk's probability and impact change only through a review, so the score's history is
the list of its reviews, the first being the assessment made when it was raised.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from assure.core.models import Partnership
from assure.partnership.models import Group, Person
from assure.plans.models import Action, Plan, Priority

SCALE = [
    MinValueValidator(1, "Use a number from 1 to 5."),
    MaxValueValidator(5, "Use a number from 1 to 5."),
]
PROBABILITY_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


def band(score: int) -> str:
    """The heat map's band for a score: 1-3 low, 4-6 medium, 8-12 high, 15-25 very high."""
    if score >= 15:
        return "very high"
    if score >= 8:
        return "high"
    if score >= 4:
        return "medium"
    return "low"


class Risk(models.Model):
    class Kind(models.TextChoices):
        RISK = "risk", "Risk"
        ISSUE = "issue", "Issue"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    reference = models.CharField(max_length=20)
    kind = models.CharField("risk or issue", max_length=5, choices=Kind.choices, default=Kind.RISK)
    description = models.TextField(help_text='Written "If ..., then ..."')
    mitigation = models.TextField("mitigation or resolution", blank=True)
    raised_on = models.DateField("date raised")
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.RESTRICT, related_name="risks"
    )
    owner_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )
    probability = models.PositiveSmallIntegerField(validators=SCALE)
    impact = models.PositiveSmallIntegerField(validators=SCALE)
    target_score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "Use a score from 1 to 25."),
            MaxValueValidator(25, "Use a score from 1 to 25."),
        ],
    )
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    next_review = models.DateField("next review", null=True, blank=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
        verbose_name="priority or theme",
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )

    class Meta:
        ordering = ["partnership", "status", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="risk_reference"),
            models.CheckConstraint(
                condition=models.Q(probability__gte=1, probability__lte=5),
                name="risk_probability_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=5), name="risk_impact_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def score(self) -> int:
        return self.probability * self.impact

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def owners(self) -> list[str]:
        return [str(o) for o in (self.owner_person, self.owner_group) if o]

    def review_due(self, by: dt.date) -> bool:
        return self.is_open and (self.next_review is None or self.next_review <= by)


class RiskReview(models.Model):
    """A dated assessment of a risk: the probability and impact then, and why."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    probability = models.PositiveSmallIntegerField(validators=SCALE)
    impact = models.PositiveSmallIntegerField(validators=SCALE)
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.risk} on {self.reviewed_on}: {self.score}"

    @property
    def score(self) -> int:
        return self.probability * self.impact
