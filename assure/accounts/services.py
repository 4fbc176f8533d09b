"""Writes of access: invitations sent, withdrawn and accepted, roles changed, members
suspended and restored, identities linked. Every one is in the partnership's record of
changes."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assure.accounts.models import Identity, Invitation, token_hash
from assure.core import audit
from assure.core.access import (
    MANAGERS,
    SignedInFrom,
    accepts_sign_in,
    active_membership,
    may,
    may_give,
    roles_for,
    roles_in_words,
    why_not_change,
)
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership, Partnership, Role
from assure.documents import links
from assure.partnership.models import Person
from assure.partnership.services import add_member, check_same_partnership


def invite(
    actor: Any, partnership: Partnership, email: str, role: str, person: Person | None = None
) -> tuple[Invitation, str]:
    """An invitation and the token of its link (kept only as a hash), e-mailed once saved."""
    check_same_partnership(partnership, person=person)
    inviter = active_membership(actor, partnership)
    if inviter is None or not may(inviter, "manage"):
        raise DomainError(f"Only {roles_in_words(MANAGERS)} can invite people.")
    if not may_give(inviter, role):
        raise DomainError(
            "Only an administrator can invite someone to be an administrator.", "role"
        )
    email = email.strip()
    waiting = Invitation.objects.filter(
        partnership=partnership,
        email__iexact=email,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if waiting.exists():
        raise DomainError(
            f"{email} already has an invitation waiting. Withdraw it to send another.", "email"
        )
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            partnership=partnership,
            email=email,
            role=role,
            person=person,
            token_hash=token_hash(token),
            invited_by=actor,
            expires_at=timezone.now() + dt.timedelta(days=settings.ASSURE_INVITATION_DAYS),
        )
        audit.record(
            actor=actor,
            partnership=partnership,
            verb=ChangeRecord.Verb.CREATED,
            obj=invitation,
            summary=f"Invited {email} to be {Role(role).label.lower()}",
        )
        transaction.on_commit(lambda: _send(invitation, token))
    return invitation, token


def invitation_link(token: str) -> str:
    return links.configured() + reverse("invitation", args=[token])


def _send(invitation: Invitation, token: str) -> None:
    partnership = invitation.partnership
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else ""
    body = (
        f"{inviter or 'The business manager'} has invited you to {partnership.name} in Assure "
        f"as {invitation.get_role_display().lower()}.\n\n"
        f"Accept the invitation by {invitation.expires_at:%-d %B %Y}:\n"
        f"{invitation_link(token)}\n\n"
        "You will sign in with your organisation's account, or make an Assure account.\n"
    )
    send_mail(
        f"Your invitation to {partnership.name} in Assure",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("partnership", "person", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def opened_invitation(pk: object) -> Invitation | None:
    """The invitation whose link was opened in this browser (the session keeps its id, never
    its token); `accept` checks it can still be used."""
    if not isinstance(pk, int):
        return None
    return Invitation.objects.select_related("partnership", "person").filter(pk=pk).first()


def withdraw(actor: Any, invitation: Invitation) -> None:
    withdrawn = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
    if not withdrawn:
        raise DomainError("This invitation has already been accepted or withdrawn.")
    audit.record(
        actor=actor,
        partnership=invitation.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=invitation,
        summary=f"Withdrew the invitation of {invitation.email}",
    )


@transaction.atomic
def accept(invitation: Invitation, user: Any, signed_in: SignedInFrom = None) -> Membership:
    """The invitation used once: the user becomes a member with its role. A second use, or a
    use after it expired or was withdrawn, is refused, even when two arrive at once. So is,
    with the invitation left unused, an account of an organisation (`signed_in`: its issuer
    and tenant) the partnership does not accept, and someone who is a member already: an
    invitation never changes a role (that is `change_role`, with its checks)."""
    partnership = invitation.partnership
    if not accepts_sign_in(partnership, signed_in):
        raise DomainError(
            f"{partnership} does not accept accounts from your organisation. Ask its business "
            "manager which account to use."
        )
    get_user_model().objects.select_for_update().get(pk=user.pk)  # one accept a person at once
    member = Membership.objects.filter(user=user, partnership=partnership).first()
    if member is not None:
        suspended = ", with your access suspended" if member.suspended_at else ""
        raise DomainError(
            f"You are already a member of {partnership} as {member.get_role_display().lower()}"
            f"{suspended}: ask an administrator to change your role. The invitation has not "
            "been used."
        )
    used = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if not used:
        raise DomainError(
            "This invitation can no longer be used: it has been accepted, withdrawn or has "
            "expired. Ask the business manager for a new one."
        )
    return add_member(user, invitation.partnership, user, invitation.role, invitation.person)


@transaction.atomic
def accept_with_new_account(invitation: Invitation, username: str, password: str, name: str) -> Any:
    """A local account made from an invitation (where the deployment allows them)."""
    if not settings.ASSURE_LOCAL_ACCOUNTS:
        raise DomainError("This Assure accepts only accounts of your organisation.")
    users = get_user_model()
    if users.objects.filter(username__iexact=username).exists():
        raise DomainError("That user name is taken: choose another.", "username")
    first, _, last = name.strip().partition(" ")
    user = users(username=username, email=invitation.email, first_name=first, last_name=last)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), "password1") from error
    user.set_password(password)
    user.save()
    accept(invitation, user)
    return user


def new_user_for_identity(claims: dict[str, Any]) -> Any:
    """An account for a person who signs in with their organisation (no password here)."""
    users = get_user_model()
    email = str(claims.get("email") or claims.get("preferred_username") or "")
    base = (email or str(claims["sub"]))[:140]
    username, n = base, 1
    while users.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    user = users(
        username=username,
        email=email if "@" in email else "",
        first_name=str(claims.get("given_name", ""))[:150],
        last_name=str(claims.get("family_name", ""))[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def link_identity(user: Any, issuer: str, subject: str, tenant: str, email: str) -> Identity:
    return Identity.objects.create(
        user=user,
        issuer=issuer,
        subject=subject,
        tenant=tenant,
        email=email[:254],
        last_used_at=timezone.now(),
    )


def _keeps_a_manager(membership: Membership, role: str | None, suspended: bool) -> None:
    """Refuse a change that would leave the partnership with no one to manage its access."""
    managers = roles_for("manage")
    if not may(membership, "manage") or (role in managers and not suspended):
        return
    others = Membership.objects.filter(
        partnership=membership.partnership, role__in=managers, suspended_at__isnull=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise DomainError(
            "This is the partnership's last administrator or business manager: give another "
            "member that role first."
        )


def _may_change(actor: Any, membership: Membership, role: str | None = None) -> None:
    """Refuse a change of someone's role or access the rule book does not allow the actor."""
    reason = why_not_change(active_membership(actor, membership.partnership), membership, role)
    if reason:
        raise DomainError(reason, "role" if role is not None else None)


@transaction.atomic
def change_role(actor: Any, membership: Membership, role: str) -> Membership:
    _may_change(actor, membership, role)
    _keeps_a_manager(membership, role, suspended=False)
    return add_member(actor, membership.partnership, membership.user, role, membership.person)


@transaction.atomic
def suspend(actor: Any, membership: Membership) -> None:
    _may_change(actor, membership)
    _keeps_a_manager(membership, None, suspended=True)
    Membership.objects.filter(pk=membership.pk).update(suspended_at=timezone.now())
    membership.refresh_from_db()
    audit.record(
        actor=actor,
        partnership=membership.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=membership,
        summary=f"Suspended the access of {membership.user.get_username()}",
    )


@transaction.atomic
def restore(actor: Any, membership: Membership) -> None:
    _may_change(actor, membership)
    Membership.objects.filter(pk=membership.pk).update(suspended_at=None)
    membership.refresh_from_db()
    audit.record(
        actor=actor,
        partnership=membership.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=membership,
        summary=f"Restored the access of {membership.user.get_username()}",
    )


def set_sign_in_tenants(actor: Any, partnership: Partnership, tenants: str) -> None:
    lines = "\n".join(line.strip() for line in tenants.splitlines() if line.strip())
    audit.save_recorded(
        actor, partnership, partnership, {"sign_in_tenants": lines}, "the accounts it accepts"
    )
