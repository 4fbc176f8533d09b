"""Pages that belong to no one partnership: home, sign-in, accessibility, errors, health."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from assure.core import guides, signin
from assure.core.access import partnerships_of, signed_in_from
from assure.core.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "govuk-input"}
        )
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        wait = signin.seconds_to_wait(username) if username else 0
        if wait:  # refused before the password is tried: a wait is not another failure
            raise forms.ValidationError(
                f"There have been many failed attempts to sign in as this user. Wait {wait} "
                f"second{'s' if wait != 1 else ''}, then try again.",
                code="slowed",
            )
        return super().clean()


@login_required
def home(request: HttpRequest) -> HttpResponse:
    partnerships = partnerships_of(request.user, signed_in_from(request.session))
    if len(partnerships) == 1:
        return redirect("partnership", partnerships[0].slug)
    return render(request, "core/home.html", {"partnerships": partnerships})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@login_required
def guide(request: HttpRequest, name: str) -> HttpResponse:
    """A file format's guide (guides.py), for anyone signed in: it holds no one's data."""
    found = guides.render(name)
    if found is None:
        raise Http404("No such guide")
    title, body = found
    return render(request, "core/guide.html", {"title": title, "body": body})


def _error(
    request: HttpRequest, status: int, title: str, message: str, back: str = ""
) -> HttpResponse:
    context = {"title": title, "message": message, "back": back}
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        "Sorry, there is a problem with the request",
        "Check the address or go back and try again.",
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "Your role does not allow this."
    return _error(request, 403, "You cannot do this", message, back=_came_from(request))


def _came_from(request: HttpRequest) -> str:
    """The page that led here, when it is one of this service's: a way back."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "Page not found",
        "If you typed the web address, check it is correct. You can only see the "
        "partnerships you are a member of.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "title": "Sorry, there is a problem with the service",
            "message": "Nothing you entered has been half-saved. Try again later.",
        },
        status=500,
    )
