"""API tokens made, found and revoked; every making and revoking is in the record of
changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from assure.api.models import SCOPES, ApiToken
from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Partnership

PREFIX = "assure_"
NOTE_USE_EVERY = dt.timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def make_token(
    actor: Any, partnership: Partnership, name: str, scopes: list[str]
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is shown once and kept only as a hash."""
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise DomainError("Choose what the token may read.", "scopes")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        partnership=partnership,
        name=name.strip(),
        scopes=sorted(scopes),
        token_hash=_hash(secret),
        shown=secret[: len(PREFIX) + 4],
        created_by=actor,
    )
    audit.record(
        actor=actor,
        partnership=partnership,
        verb=ChangeRecord.Verb.CREATED,
        obj=token,
        summary=f"Made the API token {token.name} ({', '.join(token.scopes)})",
    )
    return token, secret


@transaction.atomic
def revoke(actor: Any, token: ApiToken) -> None:
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not revoked:
        raise DomainError("This token was revoked already.")
    audit.record(
        actor=actor,
        partnership=token.partnership,
        verb=ChangeRecord.Verb.UPDATED,
        obj=token,
        summary=f"Revoked the API token {token.name}",
    )


def token_for(secret: str) -> ApiToken | None:
    """The live token with this secret, its use noted (at most once a minute)."""
    if not secret.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("partnership")
        .filter(token_hash=_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > NOTE_USE_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
