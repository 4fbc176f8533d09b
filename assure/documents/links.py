"""The address a document's links start with. Links in documents are site paths
("/p/torbay/risks/5/"); a file read away from the site needs them whole.

`ASSURE_BASE_URL`, when it is set, is the address people use and always wins. When it is
not, a document made through the web takes the address the person asked it from (the host
Django has checked against ALLOWED_HOSTS), so a file downloaded from
https://assure.example.gov.uk does not link to 127.0.0.1:8000; one made on the command
line, with no request, falls back to the setting's default. E-mails (invitations,
reminders) keep to the setting: their links must not follow a request's Host header."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_ASKED_FROM: ContextVar[str | None] = ContextVar("asked_from", default=None)


def configured() -> str:
    """The address of the setting: what e-mails link to."""
    return str(settings.ASSURE_BASE_URL).rstrip("/")


def base_url() -> str:
    """The address a document's links start with."""
    if settings.DOCUMENT_LINKS_FROM_REQUEST and (asked := _ASKED_FROM.get()):
        return asked
    return configured()


class AskedFrom:
    """Middleware: keep the address of the request for the documents it makes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _ASKED_FROM.set(request.build_absolute_uri("/").rstrip("/"))
        try:
            return self.get_response(request)
        finally:
            _ASKED_FROM.reset(token)
