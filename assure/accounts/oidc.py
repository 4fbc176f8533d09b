"""Sign-in with OpenID Connect (mozilla-django-oidc, decision 0031): the authorisation code
flow with PKCE, state and nonce, from the library; here, what Assure adds to it.

- The ID token is checked whole: signature (the provider's published keys), issuer (with
  Entra ID's "{tenantid}" filled from the token), audience (this Assure's client id), expiry,
  and the nonce of this sign-in. Its claims are the person's; no second call is made.
- A person is found by the provider's stable id for them (Entra ID's `oid`, else `sub`)
  under that issuer, never by e-mail; their roles are kept in Assure.
- An unknown account gets in only with an invitation opened in the same browser (the
  session keeps the invitation's id, never its token); the partnership must accept the
  account's tenant (`Partnership.accepts`).
- The session keeps the issuer and tenant of the sign-in: each request to a partnership is
  refused, as if to a non-member, where the partnership does not accept them
  (core/access.py's `membership_for`); a known account needs one partnership that does.
- Every refusal says why, on a page of its own (`Callback`); nothing is half-saved.
"""

from __future__ import annotations

from typing import Any, NoReturn

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from assure.accounts import services
from assure.accounts.models import Identity
from assure.core.access import SIGNED_IN_FROM, SIGNED_IN_WITH
from assure.core.errors import DomainError

LEEWAY = 60  # seconds of clock difference allowed between the provider and Assure
INVITATION = "assure_invitation_id"  # session key: the id of an invitation being accepted


def enabled() -> bool:
    return bool(settings.ASSURE_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


class Refused(SuspiciousOperation):
    """A sign-in refused, with the reason the person is shown."""


def expected_issuer(claims: dict[str, Any]) -> str:
    return settings.ASSURE_OIDC_ISSUER.replace("{tenantid}", str(claims.get("tid", "")))


class SignInWithOIDC(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any):
        if enabled():
            super().__init__(*args, **kwargs)
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if not enabled() or request is None or "nonce" not in kwargs:
            return None  # a password sign-in: for the other backends
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException:
            self.refuse("Your organisation's sign-in service did not answer Assure. Try again.")

    def refuse(self, reason: str) -> NoReturn:
        self.request.assure_refusal = reason
        raise Refused(reason)

    def retrieve_matching_jwk(self, token: str) -> jwt.PyJWK:
        """The provider's published key the token names (by `kid`; a provider that names
        none must publish one key for the token's algorithm)."""
        published = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        published.raise_for_status()
        header = jwt.get_unverified_header(token)
        keys = [
            key
            for key in published.json().get("keys", [])
            if key.get("use", "sig") == "sig"
            and key.get("alg", header.get("alg")) == header.get("alg")
            and ("kid" not in header or key.get("kid") == header["kid"])
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("No one key of the provider's matches the token.")
        return jwt.PyJWK(keys[0])

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        try:
            key = self.retrieve_matching_jwk(token)
            claims = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                leeway=LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError:
            self.refuse("Your organisation's sign-in had expired before it reached Assure.")
        except jwt.InvalidAudienceError:
            self.refuse("Your organisation's sign-in was issued for another service.")
        except (jwt.PyJWTError, SuspiciousOperation):
            self.refuse("Your organisation's sign-in could not be verified.")
        if claims["iss"] != expected_issuer(claims):
            self.refuse(f"The sign-in came from {claims['iss']}, which this Assure does not use.")
        if claims.get("nonce") != kwargs.get("nonce"):
            self.refuse("The sign-in did not answer the request this browser made.")
        return dict(claims)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> Any:
        issuer, tenant = payload["iss"], str(payload.get("tid", ""))
        subject = str(payload.get("oid") or payload["sub"])
        self.request.assure_signed_in_from = [issuer, tenant]  # kept by login_success
        identity = Identity.objects.select_related("user").filter(issuer=issuer, subject=subject)
        found = identity.first()
        if found is not None:
            return self._known(found, tenant)
        return self._invited(payload, issuer, subject, tenant)

    def _known(self, identity: Identity, tenant: str) -> Any:
        memberships = identity.user.memberships.filter(suspended_at__isnull=True)
        partnerships = [m.partnership for m in memberships.select_related("partnership")]
        if not identity.user.is_active or not partnerships:
            self.refuse("Your access to Assure is suspended. Ask your business manager.")
        if not any(p.accepts(identity.issuer, tenant) for p in partnerships):
            self.refuse("Your partnership does not accept accounts from this organisation.")
        Identity.objects.filter(pk=identity.pk).update(last_used_at=timezone.now())
        return identity.user

    def _invited(self, claims: dict, issuer: str, subject: str, tenant: str) -> Any:
        invitation = services.opened_invitation(self.request.session.get(INVITATION))
        if invitation is None:
            self.refuse(
                "This account is not known to Assure. Ask your partnership's business manager "
                "for an invitation, and open it in this browser."
            )
        try:
            with transaction.atomic():
                user = services.new_user_for_identity(claims)
                services.link_identity(user, issuer, subject, tenant, str(claims.get("email", "")))
                services.accept(invitation, user, (issuer, tenant))
        except DomainError as refused:
            self.refuse(refused.message)
        self.request.session.pop(INVITATION, None)
        return user

    def get_user(self, user_id: Any) -> Any:
        user = self.UserModel.objects.filter(pk=user_id, is_active=True).first()
        return user


class Start(OIDCAuthenticationRequestView):
    """Off to the provider; only when this Assure is registered with one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return refusal(request, "This Assure is not set up to sign in with an organisation.")
        return super().get(request)


UNKNOWN_STATE = "This sign-in was not started in this browser, or has been used already."


class Callback(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except SuspiciousOperation as refused:  # a state not asked for here, or used twice
            reason = getattr(request, "assure_refusal", None) or UNKNOWN_STATE
            return refusal(request, reason, str(refused))

    def login_failure(self) -> HttpResponse:
        reason = getattr(self.request, "assure_refusal", None)
        if self.request.GET.get("error"):
            reason = "Your organisation did not sign you in."
        elif reason is None and "oidc_states" not in self.request.session:
            reason = UNKNOWN_STATE
        return refusal(self.request, reason or "The sign-in was not completed.")

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[SIGNED_IN_WITH] = "oidc"
        # no issuer and tenant (never so: get_or_create_user sets them) is from no tenant
        signed_in_from = getattr(self.request, "assure_signed_in_from", ["", ""])
        self.request.session[SIGNED_IN_FROM] = signed_in_from
        return response


def forget_organisation_sign_in(request: HttpRequest) -> None:
    """After a password sign-in: the session's earlier sign-in through a provider no longer
    stands (for the tenants a partnership accepts, or for the second factor)."""
    request.session.pop(SIGNED_IN_WITH, None)
    request.session.pop(SIGNED_IN_FROM, None)


def refusal(
    request: HttpRequest, reason: str, detail: str = "", title: str = "You could not be signed in"
) -> HttpResponse:
    context = {
        "reason": reason,
        "title": title,
        "local": settings.ASSURE_LOCAL_ACCOUNTS,
        "oidc": enabled(),
    }
    return render(request, "accounts/refused.html", context, status=403)
