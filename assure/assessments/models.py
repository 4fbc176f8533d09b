"""Safeguarding self-assessments (Section 11 of the Children Act 2004, section 175 of the
Education Act 2002 and section 157 for independent schools): frameworks of standards with
their rating scale as data, rounds sent to organisations, each organisation's return with a
self rating and (after scrutiny) a moderated rating per standard, the reviewers' queries and
the organisation's answers, challenge events and the schools' URNs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.meetings.models import Meeting, TrackerAction
from assure.partnership.models import Organisation, Person


class Outcome(models.TextChoices):
    """What a rating means for the summary, whatever the scale calls it."""

    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "na", "Not applicable"


class Framework(models.Model):
    class Kind(models.TextChoices):
        SECTION_11 = "section11", "Section 11"
        SECTION_175 = "section175", "Section 175/157"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assessment_frameworks"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text="Section 11 for agencies, section 175/157 for schools and colleges",
    )
    description = models.TextField(blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="assessment_framework")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_use(self) -> bool:
        """A framework a round has been sent with is kept as sent: edit a copy."""
        return self.rounds.exists()

    def standards(self) -> models.QuerySet[Standard]:
        return Standard.objects.filter(area__framework=self).select_related("area")


class Level(models.Model):
    """A point of a framework's rating scale: its words, colour and what it counts as."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    label = models.CharField(max_length=60)
    meaning = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    colour = models.CharField(max_length=20, blank=True, help_text="green, amber, red or none")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def needs_action(self) -> bool:
        return self.outcome in (Outcome.PARTLY, Outcome.NOT_MET)


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Standard(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="standards")
    number = models.CharField(max_length=10, help_text="Compared across rounds, e.g. 1.2")
    title = models.TextField("standard")
    guidance = models.TextField(blank=True)
    evidence_expected = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area__position", "area_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:60]}"


class Round(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assessment_rounds"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200, help_text='For example "Section 11 2025/26"')
    opens_on = models.DateField("sent on")
    due_on = models.DateField("returns due")
    introduction = models.TextField(blank=True, help_text="What the organisations are asked")
    closed_on = models.DateField(
        "closed on", null=True, blank=True, help_text="Returns still missing are chased no more"
    )

    class Meta:
        ordering = ["-due_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="assessment_round")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class School(models.Model):
    """A school or college, kept as an organisation of kind education, with its URN."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="school"
    )
    urn = models.CharField("URN", max_length=8)

    class Meta:
        ordering = ["urn"]

    def __str__(self) -> str:
        return f"{self.urn} {self.organisation}"


class Return(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="returns")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Completes the return and is reminded of it",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_by = models.CharField("signed off by", max_length=200, blank=True)
    signed_off_role = models.CharField("their role", max_length=200, blank=True)
    summary = models.TextField("the organisation's summary", blank=True)
    scrutiny_note = models.TextField("reviewers' findings", blank=True)
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="+", verbose_name="learning themes found"
    )

    class Meta:
        ordering = ["round", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_return_a_round")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def on_time(self) -> bool:
        return self.submitted_on is not None and self.submitted_on <= self.round.due_on

    def overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_submitted and self.round.due_on < (today or dt.date.today())


class Rating(models.Model):
    """An organisation's rating of one standard, its evidence and actions, and the rating the
    reviewers agreed after scrutiny (both kept)."""

    assessment = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence = models.TextField(blank=True)
    evidence_links = models.TextField("evidence links", blank=True)
    actions = models.TextField("actions planned", blank=True)
    action_due = models.DateField("actions due by", null=True, blank=True)
    moderated_level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "standard__area__position", "standard__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "standard"], name="one_rating_a_standard")
        ]

    def __str__(self) -> str:
        return f"{self.standard.number} for {self.assessment.organisation}"

    @property
    def agreed(self) -> Level | None:
        """The rating that counts: the moderated one where the reviewers agreed one."""
        return self.moderated_level or self.level

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


class Query(models.Model):
    """A reviewer's question about a rating, and the organisation's answer."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="queries")
    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_on = models.DateField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["rating", "asked_on", "id"]
        verbose_name_plural = "queries"

    def __str__(self) -> str:
        return f"Query on {self.rating}"

    @property
    def is_open(self) -> bool:
        return not self.answer


class ChallengeEvent(models.Model):
    """A meeting at which the reviewers challenged organisations on their returns; its
    agreed actions are rows of the meeting's action tracker."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    organisations = models.ManyToManyField(Organisation, related_name="+")
    attendees = models.TextField(help_text="Who attended, by role; one a line")
    outcomes = models.TextField()
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="+", verbose_name="learning themes found"
    )
    actions = models.ManyToManyField(TrackerAction, blank=True, related_name="+")

    class Meta:
        ordering = ["round", "meeting__held_on", "id"]

    def __str__(self) -> str:
        return f"Challenge event on {self.meeting.held_on:%-d %B %Y}"


class Chase(models.Model):
    """An e-mail chasing a return, sent now by a reviewer (the weekly reminders aside)."""

    assessment = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="chases")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Chased {self.email} for {self.assessment}"
