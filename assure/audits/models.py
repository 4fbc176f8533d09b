"""Case audit: tools (domains and a grading scale, as data), the programme (teams, auditors and
their monthly quotas, the audit day), the cases sampled under keyed pseudonyms, case audits
with their grades, agencies' returns and moderation, and the learning they find."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from assure.core.models import Partnership
from assure.partnership.models import Organisation, Person
from assure.plans.models import Action, Priority


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class Team(models.Model):
    """A practice team of children's services: cases and auditors belong to one."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="team_name")]

    def __str__(self) -> str:
        return self.name


class AuditTool(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single_agency", "Single-agency"
        MULTI = "multi_agency", "Multi-agency"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="tools")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    count_indicator = models.CharField(
        "indicator for the number of cases audited",
        max_length=20,
        blank=True,
        help_text="The performance framework's reference, for example 4.2",
    )
    is_active = models.BooleanField("in use", default=True)

    class Meta:
        ordering = ["-is_active", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="tool_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_multi_agency(self) -> bool:
        return self.kind == self.Kind.MULTI


class ScaleLevel(models.Model):
    """One grade of a tool's scale. Lower scores are better; a level that does not count
    (not applicable) is left out of every average, as 004 leaves N/A out of the denominator."""

    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="scale")
    score = models.PositiveSmallIntegerField(help_text="As recorded: 004 records N/A as 4")
    label = models.CharField(max_length=60)
    meaning = models.TextField(blank=True)
    counts = models.BooleanField("counts in averages", default=True)

    class Meta:
        ordering = ["tool", "score"]
        constraints = [models.UniqueConstraint(fields=["tool", "score"], name="scale_score")]

    def __str__(self) -> str:
        return f"{self.score} {self.label}" if self.counts else self.label


class Domain(models.Model):
    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="domains")
    number = models.CharField(max_length=10)
    title = models.TextField()
    guidance = models.TextField("what good looks like", blank=True)
    indicator = models.CharField(
        "indicator for the average score",
        max_length=20,
        blank=True,
        help_text="The performance framework's reference, for example 4.3",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["tool", "position", "number"]
        constraints = [models.UniqueConstraint(fields=["tool", "number"], name="domain_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Programme(models.Model):
    """The partnership's audit programme: the monthly audit day and the tool it uses."""

    WEEKS = [(1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (-1, "Last")]
    WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday")]

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="audit_programme"
    )
    tool = models.ForeignKey(
        AuditTool, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audit_week = models.SmallIntegerField("week of the month", choices=WEEKS, default=-1)
    audit_weekday = models.PositiveSmallIntegerField("day", choices=WEEKDAYS, default=3)
    grace_days = models.PositiveSmallIntegerField(
        "days allowed after the audit day",
        default=7,
        help_text="An audit not completed this many days after its audit day is overdue",
    )
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Audit programme of {self.partnership}"


class Auditor(models.Model):
    """Someone in the programme, with how many audits and moderations a month they owe."""

    class Kind(models.TextChoices):
        DIRECTOR = "director", "Director or assistant director"
        HEAD_OF_SERVICE = "head_of_service", "Head of service"
        PRACTICE_MANAGER = "practice_manager", "Practice manager"
        SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
        LEAD_AUDITOR = "lead_auditor", "Lead auditor"
        AGENCY = "agency", "Partner agency auditor"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="auditors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="auditor_places")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField("audits from")
    ends_on = models.DateField("audits until", null=True, blank=True)
    audits_a_month = models.PositiveSmallIntegerField(default=2)
    starter_audits_a_month = models.PositiveSmallIntegerField("audits a month while new", default=1)
    starter_months = models.PositiveSmallIntegerField(
        "months counted as new", default=0, help_text="3 for a new senior practitioner"
    )
    moderations_a_month = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["team__position", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "person"], name="one_place_a_person")
        ]

    def __str__(self) -> str:
        return str(self.person)

    def is_active_in(self, month: dt.date) -> bool:
        if first_of_month(self.starts_on) > month:
            return False
        return self.ends_on is None or self.ends_on >= month

    def audits_expected(self, month: dt.date) -> int:
        if not self.is_active_in(month):
            return 0
        start = first_of_month(self.starts_on)
        months_in = (month.year - start.year) * 12 + month.month - start.month
        if months_in < self.starter_months:
            return self.starter_audits_a_month
        return self.audits_a_month

    def moderations_expected(self, month: dt.date) -> int:
        return self.moderations_a_month if self.is_active_in(month) else 0


class CaseTheme(models.Model):
    """A theme a case can be sampled by, such as neglect or exploitation."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="case_theme_name")
        ]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """A case that can be sampled, known only by its keyed pseudonym (see pseudonyms.py)."""

    class Category(models.TextChoices):
        EARLY_HELP = "early_help", "Early help"
        ASSESSMENT = "assessment", "Single assessment"
        CHILD_IN_NEED = "child_in_need", "Child in need"
        CHILD_PROTECTION = "child_protection", "Child protection plan"
        CARED_FOR = "cared_for", "Cared for child"
        CARE_LEAVER = "care_leaver", "Care leaver"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="cases")
    pseudonym = models.CharField(max_length=20)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    category = models.CharField(max_length=20, choices=Category.choices)
    themes = models.ManyToManyField(CaseTheme, blank=True)
    is_open = models.BooleanField(default=True)
    added_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "pseudonym"], name="case_pseudonym")
        ]

    def __str__(self) -> str:
        return self.pseudonym


class LearningTheme(models.Model):
    """Learning that audits and dip samples find, linked to the plan priorities it informs."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="learning_themes"
    )
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    priorities = models.ManyToManyField(Priority, blank=True, related_name="learning_themes")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="learning_theme_name")
        ]

    def __str__(self) -> str:
        return self.name


class Sample(models.Model):
    class Method(models.TextChoices):
        RANDOM = "random", "Random from every open case"
        STRATIFIED = "stratified", "Stratified by team (each team in proportion to its cases)"
        THEME = "theme", "Cases with a theme"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="samples")
    month = models.DateField()
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="samples")
    method = models.CharField(max_length=20, choices=Method.choices)
    theme = models.ForeignKey(CaseTheme, null=True, blank=True, on_delete=models.PROTECT)
    size = models.PositiveSmallIntegerField()
    seed = models.PositiveIntegerField(
        help_text="Drawing again with this seed gives the same cases"
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-id"]

    def __str__(self) -> str:
        return f"{self.month:%B %Y}: {self.size} cases, {self.get_method_display().lower()}"


class CaseAudit(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", "Assigned"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="case_audits"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="audits")
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="audits")
    sample = models.ForeignKey(
        Sample, null=True, blank=True, on_delete=models.SET_NULL, related_name="audits"
    )
    month = models.DateField(help_text="The programme month the audit counts for")
    auditor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_audits")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    audited_on = models.DateField(null=True, blank=True)
    social_worker = models.CharField(
        "allocated social worker", max_length=200, blank=True, help_text="By role or name"
    )
    social_worker_present = models.BooleanField(null=True, blank=True)
    working_well = models.TextField("what is working well", blank=True)
    needs_to_change = models.TextField("what needs to change", blank=True)
    child_voice = models.TextField("the child's voice", blank=True)
    family_voice = models.TextField("the family's voice", blank=True)
    learning_themes = models.ManyToManyField(LearningTheme, blank=True, related_name="audits")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month", "case__pseudonym", "id"]
        indexes = [models.Index(fields=["partnership", "month", "status"])]

    def __str__(self) -> str:
        return f"Audit of {self.case} ({self.month:%B %Y})"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class DomainGrade(models.Model):
    """The auditor's grade for one domain; in a multi-agency audit, the grade the agencies
    agreed when their returns were brought together."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="grades")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "domain__position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "domain"], name="one_grade_a_domain")
        ]

    def __str__(self) -> str:
        return f"{self.level} for domain {self.domain.number}"


class AgencyReturn(models.Model):
    """One agency's return for a multi-agency audit of a case."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="returns")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    involvement = models.TextField("the agency's involvement with the child", blank=True)
    working_well = models.TextField("what is working well", blank=True)
    needs_to_change = models.TextField("what needs to change", blank=True)

    class Meta:
        ordering = ["audit", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "organisation"], name="one_return_an_agency")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} return for {self.audit.case}"

    @property
    def overdue(self) -> bool:
        """Still asked for after its due date (a completed audit asks for no more)."""
        return (
            self.submitted_on is None
            and not self.audit.is_completed
            and self.due_on < dt.date.today()
        )


class AgencyGrade(models.Model):
    agency_return = models.ForeignKey(AgencyReturn, on_delete=models.CASCADE, related_name="grades")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency_return", "domain"], name="one_agency_grade")
        ]

    def __str__(self) -> str:
        return f"{self.level} for domain {self.domain.number}"


class Moderation(models.Model):
    """A second auditor's grades beside the first, and the grade they agreed."""

    audit = models.OneToOneField(CaseAudit, on_delete=models.CASCADE, related_name="moderation")
    moderator = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="moderations")
    month = models.DateField(help_text="The month it counts for in the moderator's quota")
    moderated_on = models.DateField(null=True, blank=True)
    comment = models.TextField("what the auditors agreed", blank=True)

    class Meta:
        ordering = ["-month", "id"]

    def __str__(self) -> str:
        return f"Moderation of {self.audit}"

    @property
    def is_completed(self) -> bool:
        return self.moderated_on is not None


class ModeratedGrade(models.Model):
    moderation = models.ForeignKey(Moderation, on_delete=models.CASCADE, related_name="grades")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        ScaleLevel, on_delete=models.PROTECT, related_name="+", verbose_name="moderator's grade"
    )
    agreed = models.ForeignKey(
        ScaleLevel, on_delete=models.PROTECT, related_name="+", verbose_name="agreed grade"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moderation", "domain"], name="one_moderated_grade")
        ]

    def __str__(self) -> str:
        return f"{self.level}, agreed {self.agreed}, for domain {self.domain.number}"


class AuditAction(models.Model):
    """An action an audit raised, tracked as an action of a plan (with its owner and updates)."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="actions")
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="case_audit")

    def __str__(self) -> str:
        return f"{self.action.code} from {self.audit}"


class DipSample(models.Model):
    """A dip sample of practice (exploitation toolkits, NRM referrals, return home interviews):
    its findings are audit learning, counted with the themes audits find."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="dip_samples"
    )
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=100, help_text="For example: child exploitation")
    carried_out_on = models.DateField()
    carried_out_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cases_sampled = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-carried_out_on", "-id"]

    def __str__(self) -> str:
        return self.title


class DipFinding(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        DEVELOPMENT = "development", "Area for development"

    dip_sample = models.ForeignKey(DipSample, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField("finding")
    theme = models.ForeignKey(
        LearningTheme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dip_findings",
        verbose_name="learning theme",
    )

    class Meta:
        ordering = ["dip_sample", "kind", "id"]

    def __str__(self) -> str:
        return self.text[:80]
