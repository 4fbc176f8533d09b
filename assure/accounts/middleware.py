"""Two checks on every signed-in request: sign-out after a time without activity, and the
second factor for those who need one."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from assure.accounts import second_factor
from assure.accounts.links import with_next

SEEN = "assure_seen"  # session key: when this session was last used (epoch seconds)
NOTE_EVERY = 60  # seconds: the session is written again at most once a minute

Handler = Callable[[HttpRequest], HttpResponse]


def note_sign_in(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """The idle clock starts at sign-in, written with the new session."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(time.time())


class IdleSignOut:
    """Ends a session left unused for ASSURE_IDLE_MINUTES (the cookie's own age, eight
    hours, bounds a session however busy)."""

    def __init__(self, get_response: Handler):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN, now)
            if now - seen > settings.ASSURE_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.ASSURE_IDLE_MINUTES} minutes without "
                    "activity. Sign in again to go on.",
                )
                return redirect(with_next("login", request.path))
            if now - seen >= NOTE_EVERY or SEEN not in request.session:
                request.session[SEEN] = now
        return self.get_response(request)


# Pages a person may open before giving their second factor.
OPEN_BEFORE = ("/accounts/", "/oidc/", "/static/", "/healthz", "/accessibility/")


class SecondFactor:
    """Sends a signed-in person who must give a second factor (second_factor.py) to give it,
    or to set one up, before any other page."""

    def __init__(self, get_response: Handler):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(OPEN_BEFORE)
            and second_factor.owed(request)
        ):
            page = "second-factor" if second_factor.has_device(request.user) else "enrol"
            return redirect(with_next(page, request.get_full_path()))
        return self.get_response(request)
