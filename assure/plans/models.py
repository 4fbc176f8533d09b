"""Plans (plan → priority or theme → objective → action), quarterly updates and recommendations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from assure.core.models import Partnership, RagLevel, RagScheme
from assure.core.periods import Period
from assure.partnership.models import Group, Organisation, Person

PERIOD_HELP = "A financial-year quarter written YYYY-Qn: 2021-Q1 is April to June 2021"


class Plan(models.Model):
    class Kind(models.TextChoices):
        BUSINESS = "business", "Business plan"
        IMPROVEMENT = "improvement", "Improvement plan"
        PARTNERSHIP = "partnership", "Partnership plan"
        STRATEGY = "strategy", "Strategy"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    rag_scheme = models.ForeignKey(RagScheme, on_delete=models.PROTECT, related_name="plans")
    starts = models.DateField()
    ends = models.DateField()
    senior_responsible_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(blank=True)
    is_current = models.BooleanField("current plan of its kind", default=False)
    reporting_period = models.CharField(max_length=7, help_text=PERIOD_HELP)
    updates_due = models.DateField("updates due by", null=True, blank=True)

    class Meta:
        ordering = ["-is_current", "-starts", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="plan_ends_after_start"
            ),
            models.UniqueConstraint(fields=["partnership", "title"], name="plan_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        return Period.parse(self.reporting_period)


class PeriodRating(models.Model):
    """A rating and its narrative for one reporting period."""

    period = models.CharField(max_length=7, help_text=PERIOD_HELP)
    rag = models.ForeignKey(RagLevel, on_delete=models.PROTECT, related_name="+")
    narrative = models.TextField(blank=True)
    rag_assigned = models.BooleanField(
        default=False, help_text="The RAG was assigned from the narrative when loading a document"
    )

    class Meta:
        abstract = True


class PlanStatus(PeriodRating):
    """The plan's overall status and progress narrative for a reporting period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="statuses")

    class Meta:
        ordering = ["plan", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="plan_status_period")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.rag} in {self.period}"


class CrossCuttingTheme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cross_cutting_themes")
    code = models.CharField(max_length=10)
    title = models.TextField()

    class Meta:
        ordering = ["plan", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="cross_cutting_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Priority(models.Model):
    class Kind(models.TextChoices):
        PRIORITY = "priority", "Priority"
        THEME = "theme", "Theme"
        OBJECTIVE = "objective", "Objective"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    code = models.CharField(max_length=10)
    title = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PRIORITY)
    description = models.TextField(blank=True)
    success_criteria = models.TextField(blank=True)
    lead_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_priorities"
    )
    lead_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_priorities"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "code"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="priority_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PriorityReview(PeriodRating):
    """A theme's overview narrative and overview RAG for a reporting period."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="reviews")

    class Meta:
        ordering = ["priority", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "period"], name="priority_review_period")
        ]

    def __str__(self) -> str:
        return f"{self.priority.code}: {self.rag} in {self.period}"


class Objective(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=12)
    title = models.TextField()
    lead_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_objectives"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["priority", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Action(models.Model):
    class Recurrence(models.TextChoices):
        NONE = "none", "A due date"
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        YEARLY = "yearly", "Yearly"
        ONGOING = "ongoing", "Ongoing"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETE = "complete", "Complete"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(max_length=12)
    title = models.TextField()
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    owner_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    timescale = models.CharField("timescale as written", max_length=200, blank=True)
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    due_date = models.DateField(null=True, blank=True)
    outcome_measure = models.TextField(blank=True)
    impact_measure = models.TextField(blank=True)
    cross_cutting_themes = models.ManyToManyField(CrossCuttingTheme, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["objective", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    @property
    def plan(self) -> Plan:
        return self.objective.priority.plan

    def owners(self) -> list[str]:
        return [str(o) for o in (self.owner_person, self.owner_group, self.owner_organisation) if o]

    @property
    def timescale_text(self) -> str:
        """The timescale as a person reads it: as written, else its cycle, with the due date."""
        due = f"{self.due_date:%-d %b %Y}" if self.due_date else ""
        said = self.timescale or (
            self.get_recurrence_display() if self.recurrence != self.Recurrence.NONE else ""
        )
        if said and due:
            return f"{said}; due {due}"
        return said or due or "None given"

    @property
    def past_due(self) -> bool:
        """Open after its due date, whatever its latest rating says."""
        return (
            self.status == self.Status.OPEN
            and self.due_date is not None
            and self.due_date < dt.date.today()
        )


class TimescaleRevision(models.Model):
    """A revised due date: the earlier date is kept, as 002's plan keeps them."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="revisions")
    previous_due = models.DateField(null=True, blank=True)
    new_due = models.DateField()
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.action.code}: due {self.new_due}"


class ActionUpdate(models.Model):
    """An owner's quarterly update: one a period, editable while it awaits review. A returned
    update stays as history; the owner writes a new one, starting from its text."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Awaiting review"
        ACCEPTED = "accepted", "Accepted"
        RETURNED = "returned", "Sent back"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(max_length=7, help_text=PERIOD_HELP)
    rag = models.ForeignKey(
        RagLevel, on_delete=models.PROTECT, related_name="+", verbose_name="RAG"
    )
    progress = models.TextField()
    barriers = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text="Links or document references, one a line")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    challenge = models.TextField(blank=True)
    rag_assigned = models.BooleanField(
        default=False, help_text="The RAG was assigned from the narrative when loading a document"
    )

    class Meta:
        ordering = ["action", "-period", "-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period"],
                condition=models.Q(status__in=["submitted", "accepted"]),
                name="one_live_update_a_period",
                violation_error_message="This action already has an update for this period.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action.code} {self.period} {self.rag}"

    @property
    def period_label(self) -> str:
        return Period.parse(self.period).short_label

    def evidence_links(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class Recommendation(models.Model):
    class Source(models.TextChoices):
        OFSTED_INSPECTION = "ofsted_inspection", "Ofsted inspection"
        MONITORING_VISIT = "monitoring_visit", "Ofsted monitoring visit"
        SCRUTINY = "scrutiny", "Scrutiny board"
        CASE_REVIEW = "case_review", "Case review"
        AUDIT = "audit", "Audit"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="recommendations"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    source_title = models.CharField(max_length=300, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=20)
    text = models.TextField()
    paragraphs = models.CharField("report paragraphs", max_length=100, blank=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="recommendations")
    actions = models.ManyToManyField(Action, blank=True, related_name="recommendations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    evidence_met = models.TextField("evidence that it is met", blank=True)

    class Meta:
        ordering = ["source", "issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source", "source_title", "reference"],
                name="recommendation_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.reference}"


class Commitment(models.Model):
    """A plan's key priority area or medium-term development, as listed in 004's report."""

    class Kind(models.TextChoices):
        KEY_PRIORITY = "key_priority", "Key priority area"
        MEDIUM_TERM = "medium_term", "Medium-term development"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reference = models.CharField(max_length=10)
    description = models.TextField()
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments"
    )
    joint_owners = models.ManyToManyField(
        Person, blank=True, related_name="joint_commitments", help_text="Who owns it with the owner"
    )
    by_when = models.CharField("by when", max_length=100, blank=True)
    due_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "kind", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "reference"], name="commitment_reference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    def owners(self) -> list[str]:
        """The owner, then those who own it jointly, by name."""
        joint = [str(p) for p in self.joint_owners.all()]
        return ([str(self.owner)] if self.owner else []) + joint
