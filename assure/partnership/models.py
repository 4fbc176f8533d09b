"""The partnership's structure: organisations (agencies), people, groups and partner funding."""

from __future__ import annotations

from django.db import models

from assure.core.models import Partnership


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        PROBATION = "probation", "Probation"
        VOLUNTARY = "voluntary", "Voluntary sector"
        YOUTH_TRUST = "youth_trust", "Youth trust"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    lead = models.ForeignKey(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_organisations",
        help_text="Writes the updates of the actions this agency owns, and is reminded of them",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organisation_name")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who owns work: named by role in the demo, by name in a real partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "Executive"
        BOARD = "board", "Board"
        SUBGROUP = "subgroup", "Sub-group"
        PANEL = "panel", "Panel"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"
        FORUM = "forum", "Forum"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reporting_groups"
    )
    cycle = models.CharField("meeting cycle", max_length=100, blank=True)
    cycle_weeks = models.PositiveSmallIntegerField("meets every (weeks)", null=True, blank=True)
    chair = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="chaired_groups"
    )
    purpose = models.TextField(blank=True)
    members = models.ManyToManyField(Person, blank=True, related_name="groups")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="group_name")]

    def __str__(self) -> str:
        return self.name


class FundingContribution(models.Model):
    """A partner's contribution for one financial year (the year it starts)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="funding")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contributions"
    )
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2017 = 2017/18"
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["financial_year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "financial_year"], name="one_contribution_a_year"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: £{self.amount:,.2f} in {self.financial_year}"
