"""Case reviews and learning: serious incident notifications (Children Act 2004 s16C) with
their rapid reviews, the agencies' summaries and chronologies asked for them, local child
safeguarding practice reviews (and legacy serious case reviews), other sources of learning
(national panel reviews, other partnerships' reviews, inspections, complaints), the findings
they make (tagged to the partnership's learning themes), and the evidence of impact that
closes the recommendations findings become.

A child is a pseudonymous reference ("Child T"), never a name (`references.py`). Which stage
an incident may move to from which is `stages.py`; the clocks are `clocks.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assure.audits.models import CaseAudit, DipSample, LearningTheme
from assure.core.models import Partnership
from assure.partnership.models import Organisation, Person
from assure.performance.models import Indicator
from assure.plans.models import Recommendation

CHILD_HELP = (
    "A pseudonym only, never the child's name: for example Child T, Baby R or Young person K"
)


class Incident(models.Model):
    """A serious incident notification and the rapid review that follows it."""

    class Kind(models.TextChoices):
        DEATH = "death", "A child has died"
        HARM = "harm", "A child has been seriously harmed"

    class Stage(models.TextChoices):
        RECORDED = "recorded", "To notify"
        NOTIFIED = "notified", "Rapid review under way"
        REPORTED = "reported", "Rapid review sent to the national panel"
        PRACTICE_REVIEW = "practice_review", "Local practice review under way"
        PUBLISHED = "published", "Practice review published"
        CLOSED = "closed", "Closed"

    class Decision(models.TextChoices):
        UNDECIDED = "", "Not yet decided"
        LCSPR = "lcspr", "A local child safeguarding practice review"
        NO_LCSPR = "no_lcspr", "No local child safeguarding practice review"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=20, help_text="For example SI-2021-03")
    child_reference = models.CharField(
        "child's reference (pseudonymous)", max_length=40, help_text=CHILD_HELP
    )
    kind = models.CharField("what happened", max_length=10, choices=Kind.choices)
    looked_after = models.BooleanField("the child was looked after", default=False)
    summary = models.TextField(
        "what happened, in brief", blank=True, help_text="No names: refer to people by role"
    )
    incident_on = models.DateField("date of the incident")
    aware_on = models.DateField(
        "date the local authority became aware",
        help_text="The five working days to notify run from the day after this",
    )
    agencies = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name="agencies involved"
    )
    lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="review lead",
        help_text="Runs the review and is reminded of its clocks",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECORDED)
    # the notification
    notified_panel_on = models.DateField("notified to the national panel", null=True, blank=True)
    notified_ofsted_on = models.DateField("notified to Ofsted", null=True, blank=True)
    notified_secretary_of_state_on = models.DateField(
        "notified to the Secretary of State", null=True, blank=True
    )
    # the rapid review
    meeting_on = models.DateField("rapid review meeting", null=True, blank=True)
    immediate_actions = models.TextField("immediate actions", blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    decision_reason = models.TextField("reason for the decision", blank=True)
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    council_signed_on = models.DateField("signed off by the council", null=True, blank=True)
    police_signed_on = models.DateField("signed off by the police", null=True, blank=True)
    health_signed_on = models.DateField("signed off by health", null=True, blank=True)
    sent_to_panel_on = models.DateField(
        "rapid review sent to the national panel", null=True, blank=True
    )
    panel_response = models.TextField("the national panel's response", blank=True)
    panel_responded_on = models.DateField("date of the panel's response", null=True, blank=True)

    class Meta:
        ordering = ["-aware_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="incident_reference")
        ]

    def __str__(self) -> str:
        return f"Serious incident {self.reference}"

    @property
    def needs_secretary_of_state(self) -> bool:
        """A looked-after child's death is notified to the Secretary of State, whatever the
        cause."""
        return self.looked_after and self.kind == self.Kind.DEATH

    @property
    def signed_off(self) -> bool:
        return all((self.council_signed_on, self.police_signed_on, self.health_signed_on))


class AgencyRequest(models.Model):
    """A summary (for a rapid review) or a chronology (for a practice review) asked of an
    agency: its lead returns it through Assure by its due date."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", "Summary of involvement"
        CHRONOLOGY = "chronology", "Chronology"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="requests")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SUMMARY)
    asked_of = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField()
    text = models.TextField(blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["incident", "kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "organisation", "kind"], name="one_request_an_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.organisation} for {self.incident.reference}"


class Review(models.Model):
    """A review the partnership learns from: its own local child safeguarding practice review
    (or a legacy serious case review), or another's (a national panel review, another
    partnership's review, an inspection, a complaint)."""

    class Kind(models.TextChoices):
        LCSPR = "lcspr", "Local child safeguarding practice review"
        SCR = "scr", "Serious case review"
        NATIONAL = "national", "National panel review"
        OTHER_PARTNERSHIP = "other_partnership", "Another partnership's review"
        INSPECTION = "inspection", "Inspection"
        COMPLAINT = "complaint", "Complaint"

    OURS = (Kind.LCSPR, Kind.SCR)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=20)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    incident = models.OneToOneField(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="review"
    )
    source = models.CharField(
        "published by", max_length=200, blank=True, help_text="For a review that is not ours"
    )
    summary = models.TextField(blank=True)
    terms_of_reference = models.TextField("terms of reference", blank=True)
    reviewer = models.CharField(
        "reviewer",
        max_length=200,
        blank=True,
        help_text="By role: for example Independent reviewer",
    )
    lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="review lead",
    )
    decided_on = models.DateField("date of the decision to review", null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    report = models.TextField("final report", blank=True, help_text="A link or a reference")

    class Meta:
        ordering = ["-decided_on", "-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="review_reference")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_ours(self) -> bool:
        return self.kind in self.OURS


class Milestone(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Delay(models.Model):
    """Publication put back: the reason, and the date now expected."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="delays")
    recorded_on = models.DateField()
    expected_on = models.DateField("publication now expected")
    reason = models.TextField()

    class Meta:
        ordering = ["review", "recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.review.reference}: expected {self.expected_on}"


class Finding(models.Model):
    """What a review (or a rapid review) found, tagged to learning themes; recommendations
    answer it."""

    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    incident = models.ForeignKey(
        Incident,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        help_text="Learning of a rapid review",
    )
    text = models.TextField("finding")
    found_on = models.DateField()
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="review_findings", verbose_name="learning themes"
    )
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="review_findings"
    )

    class Meta:
        ordering = ["found_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review__isnull=True) ^ models.Q(incident__isnull=True),
                name="finding_of_one_review",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ImpactEvidence(models.Model):
    """Evidence that a recommendation changed practice: an audit, a re-audit, a measure."""

    class Kind(models.TextChoices):
        AUDIT = "audit", "A case audit"
        REAUDIT = "reaudit", "A re-audit or dip sample"
        MEASURE = "measure", "A performance measure"
        OTHER = "other", "Other evidence"

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="impact_evidence"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField("what it shows")
    case_audit = models.ForeignKey(
        CaseAudit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dip_sample = models.ForeignKey(
        DipSample, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["recommendation", "recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
