"""Tenancy (the partnership), roles in a partnership and the exploitation lead's access to
children's records, RAG schemes, and the change record."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Partnership(models.Model):
    """The tenant: a safeguarding children partnership and its local authority."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    la_code = models.CharField("local authority code", max_length=3)
    la_name = models.CharField("local authority", max_length=100)
    description = models.TextField(blank=True)
    sign_in_tenants = models.TextField(
        "accounts accepted from",
        blank=True,
        help_text="The identity provider's tenant ids (or issuers) whose accounts may sign in "
        "to this partnership, one a line. Leave empty to accept any account of the provider "
        "this Assure is registered with; each still needs an invitation.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def accepts(self, issuer: str, tenant: str) -> bool:
        """Whether an account from this issuer and tenant may sign in to this partnership."""
        accepted = {line.strip() for line in self.sign_in_tenants.splitlines() if line.strip()}
        return not accepted or bool({issuer, tenant} & accepted)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    BUSINESS_MANAGER = "business_manager", "Business manager"
    CONTRIBUTOR = "contributor", "Action owner"
    ANALYST = "analyst", "Performance analyst"
    AUDITOR = "auditor", "Auditor"
    BOARD_MEMBER = "board_member", "Board member"


class Membership(models.Model):
    """A user's role in one partnership, and the person record they act as there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        "partnership.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships_as_person",
    )
    suspended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_per_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.partnership}"

    @property
    def is_exploitation_lead(self) -> bool:
        """Whether this member holds the exploitation lead's access to children's records."""
        return ExploitationLead.objects.filter(membership=self).exists()


class ExploitationLead(models.Model):
    """The capability to see and record children's records: exploitation and missing, the
    children a load names, dip samples. Roles say what a member does across the partnership;
    this says who needs to see these children (docs/decisions/0011). It is beneath every app
    that asks; the exploitation app grants and withdraws it."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="exploitation_lead"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300)

    class Meta:
        db_table = "exploitation_exploitationlead"  # the exploitation app's, which made it

    def __str__(self) -> str:
        return f"Exploitation lead: {self.membership.user}"


class RagScheme(models.Model):
    """A rating scheme, as data: 004's three levels or 002's four (with Bright Green)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="schemes")
    key = models.SlugField()
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "key"], name="scheme_key_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RagLevel(models.Model):
    """One rating of a scheme. `severity` orders them: 0 is best (complete or on track)."""

    scheme = models.ForeignKey(RagScheme, on_delete=models.CASCADE, related_name="levels")
    code = models.SlugField()
    label = models.CharField(max_length=40)
    colour = models.CharField(max_length=20, help_text="red, amber, green or bright-green")
    severity = models.PositiveSmallIntegerField()
    overall_meaning = models.TextField(blank=True)
    action_meaning = models.TextField(blank=True)
    means_complete = models.BooleanField(default=False)

    class Meta:
        ordering = ["scheme", "severity"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="level_code_per_scheme")
        ]

    def __str__(self) -> str:
        return self.label


class ChangeRecord(models.Model):
    """Who changed what, when, with the values before and after. Written by services only."""

    class Verb(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        DELETED = "deleted", "Deleted"
        REVIEWED = "reviewed", "Reviewed"
        VIEWED = "viewed", "Viewed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    verb = models.CharField(max_length=10, choices=Verb.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    summary = models.CharField(max_length=300)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["partnership", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.summary}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if _blank(self.before.get(key)) != _blank(self.after.get(key))
        ]


def _blank(value: object) -> object:
    """Nothing, however it was kept: None, "", [] and {} are one (not a change)."""
    return None if value in (None, "", [], {}) else value
