"""The second factor (django-otp, decision 0031): a time-based one-time password from an
authenticator app, and ten single-use recovery codes.

Who owes one: after a password sign-in, anyone whose role the rule book names
(`second_factor`: they manage access or can reach children's records) when the deployment
requires it (ASSURE_SECOND_FACTOR, "required" by default), and anyone who has set one up.
A sign-in through the organisation's identity provider has had its own (the provider's
policy), so it owes none here. Wrong codes slow down as django-otp throttles them.
"""

from __future__ import annotations

import base64
import math
from typing import Any

import segno
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from assure.core.access import SIGNED_IN_WITH, needs_second_factor

RECOVERY_CODES = 10


def owed(request: HttpRequest) -> bool:
    user: Any = request.user
    if user.is_verified() or request.session.get(SIGNED_IN_WITH) == "oidc":
        return False
    if settings.ASSURE_SECOND_FACTOR == "required" and needs_second_factor(user):
        return True
    return has_device(user)


def has_device(user: Any) -> bool:
    """An authenticator set up (recovery codes come with one, never alone)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def new_device(user: Any) -> TOTPDevice:
    """An authenticator to set up: unconfirmed until a code from it is given."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def pending_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="")


def confirm(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Set up the authenticator if `code` is one of its codes: the recovery codes, else None."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_recovery_codes(device.user)


def new_recovery_codes(user: Any) -> list[str]:
    """Ten new single-use codes; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def seconds_to_wait(*devices: Any) -> int:
    """How long after wrong codes the next may be tried (django-otp doubles the wait after
    each wrong one): 0 when it may be now."""
    waits = [0]
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
    return max(waits)


def devices_of(user: Any) -> list[Any]:
    return [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]


def check(request: HttpRequest, code: str) -> bool:
    """A code from the authenticator, or one recovery code (used up), signs the session in."""
    device = match_token(request.user, code.replace(" ", "").strip())
    if device is None:
        return False
    otp_login(request, device)
    return True
