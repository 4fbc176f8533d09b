"""Signing in (a password, an organisation's account, a second factor), invitations, and the
partnership's members and their access."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from assure.accounts import forms, oidc, second_factor, services
from assure.accounts.links import with_next
from assure.accounts.models import Invitation
from assure.core.access import (
    MANAGERS,
    TenantRequest,
    needs_second_factor,
    roles_given_by,
    signed_in_from,
    tenant_view,
    why_not_change,
)
from assure.core.errors import DomainError
from assure.core.forms import FORM, form_data, page_with_form, save_with
from assure.core.models import Membership
from assure.core.views import SignInForm

LOCAL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def next_page(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default


class SignIn(LoginView):
    """The sign-in page: the organisation's button when this Assure has a provider, the
    password form where local accounts are allowed."""

    authentication_form = SignInForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            oidc=oidc.enabled(),
            oidc_name=settings.ASSURE_OIDC_NAME,
            local=settings.ASSURE_LOCAL_ACCOUNTS,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.ASSURE_LOCAL_ACCOUNTS:
            return oidc.refusal(request, "This Assure signs people in with their organisation.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        oidc.forget_organisation_sign_in(self.request)
        return response


def too_soon(wait: int) -> str:
    return (
        f"That is too soon after a wrong code. Wait {wait} second{'s' if wait != 1 else ''}, "
        "then enter the code your app shows then."
    )


@login_required
def give_code(request: HttpRequest) -> HttpResponse:
    """The second factor after a password: a code from the app, or a recovery code."""
    if not second_factor.has_device(request.user):
        return redirect(with_next("enrol", next_page(request)))
    form = forms.CodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        wait = second_factor.seconds_to_wait(*second_factor.devices_of(request.user))
        if wait:
            form.add_error("code", too_soon(wait))
        elif second_factor.check(request, form.cleaned_data["code"]):
            return redirect(next_page(request))
        else:
            form.add_error(
                "code",
                "That code is not right, or was used already. Enter the 6-digit code your app "
                "shows now, or one of your recovery codes.",
            )
    context = {"form": form, "next": next_page(request)}
    return page_with_form(request, "accounts/code.html", context)


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the key), then give a code from
    it; the recovery codes are shown once."""
    if second_factor.has_device(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(with_next("second-factor", next_page(request)))
    device = second_factor.pending_device(request.user)
    if device is None or request.method == "GET":
        device = second_factor.new_device(request.user)
    form = forms.CodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        wait = second_factor.seconds_to_wait(device)
        codes = None if wait else second_factor.confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            shown = {"codes": codes, "next": next_page(request)}
            return render(request, "accounts/recovery_codes.html", shown)
        form.add_error(
            "code",
            too_soon(wait) if wait else "That code is not right. Enter the code the app shows now.",
        )
    context = {
        "form": form,
        "qr": second_factor.qr_svg(device),
        "secret": second_factor.secret_text(device),
        "next": next_page(request),
        "needed": needs_second_factor(request.user),
    }
    return page_with_form(request, "accounts/enrol.html", context)


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The person's own sign-in: their second factor and the organisation accounts linked."""
    context = {
        "has_device": second_factor.has_device(request.user),
        "identities": request.user.identities.all(),  # type: ignore[union-attr]
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(with_next("second-factor", reverse("security")))
    codes = second_factor.new_recovery_codes(request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("security")}
    )


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's link: accept it by signing in with the organisation's account, with a
    new Assure account, or as the person already signed in."""
    found = services.find_invitation(token)
    if found is None or found.state != "waiting":
        reason = (
            "This invitation link is not known."
            if found is None
            else f"This invitation has been {found.state}. Ask the business manager for a new one."
        )
        return oidc.refusal(request, reason)
    request.session[oidc.INVITATION] = found.pk  # for a sign-in with the organisation's account
    form = forms.NewAccountForm(request.POST if request.POST.get("create") else None)
    if request.method == "POST":
        if request.user.is_authenticated and request.POST.get("accept"):
            try:
                services.accept(found, request.user, signed_in_from(request.session))
            except DomainError as refused:
                title = "You could not accept this invitation"
                return oidc.refusal(request, refused.message, title=title)
            request.session.pop(oidc.INVITATION, None)
            return redirect("partnership", found.partnership.slug)
        user = save_with(
            form,
            lambda data: services.accept_with_new_account(
                found, data["username"], data["password1"], data["name"]
            ),
        )
        if user is not None:
            login(request, user, backend=LOCAL_BACKEND)
            oidc.forget_organisation_sign_in(request)
            request.session.pop(oidc.INVITATION, None)
            return redirect("partnership", found.partnership.slug)
    context = {
        "invitation": found,
        "form": form,
        "oidc": oidc.enabled(),
        "oidc_name": settings.ASSURE_OIDC_NAME,
        "local": settings.ASSURE_LOCAL_ACCOUNTS,
        "next": reverse("partnership", args=[found.partnership.slug]),
    }
    return render(request, "accounts/invitation.html", context, status=400 if form.errors else 200)


@tenant_view(MANAGERS)
def members(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    memberships = (
        Membership.objects.filter(partnership=partnership)
        .select_related("user", "person")
        .prefetch_related("user__identities")
        .order_by("user__last_name", "user__username")
    )
    context = {
        "memberships": memberships,
        "invitations": Invitation.objects.filter(partnership=partnership).select_related(
            "invited_by", "person"
        )[:100],
        "tenants_form": forms.TenantsForm(initial={"sign_in_tenants": partnership.sign_in_tenants}),
        "oidc": oidc.enabled(),
    }
    return render(request, "accounts/members.html", context)


@tenant_view(MANAGERS)
def invite(request: TenantRequest) -> HttpResponse:
    form = forms.InviteForm(
        form_data(request),
        partnership=request.partnership,
        roles=roles_given_by(request.membership),
    )
    if request.method == "POST":
        sent = save_with(
            form,
            lambda data: services.invite(
                request.user, request.partnership, data["email"], data["role"], data["person"]
            ),
        )
        if sent is not None:
            messages.success(request, f"Invitation sent to {sent[0].email}")
            return redirect("members", request.partnership.slug)
    back = reverse("members", args=[request.partnership.slug])
    context = {"form": form, "title": "Invite someone", "back": back}
    return page_with_form(request, FORM, context)


ACCESS_ACTIONS = {
    "suspend": (services.suspend, "Suspended"),
    "restore": (services.restore, "Restored"),
}


@tenant_view(MANAGERS)
def member(request: TenantRequest, pk: int) -> HttpResponse:
    """One member's role, and suspending or restoring their access (offered only where the
    rule book lets this manager change them: `why_not_change`)."""
    found = get_object_or_404(
        Membership.objects.select_related("user", "partnership"),
        partnership=request.partnership,
        pk=pk,
    )
    action = request.POST.get("action", "role")
    data = form_data(request) if action == "role" else None
    form = forms.RoleForm(
        data, initial={"role": found.role}, roles=roles_given_by(request.membership)
    )
    problem = ""
    if request.method == "POST" and action in ACCESS_ACTIONS:
        write, done = ACCESS_ACTIONS[action]
        try:
            write(request.user, found)
        except DomainError as refused:
            problem = refused.message
        else:
            messages.success(request, f"{done} the access of {found.user}")
            return redirect("members", request.partnership.slug)
    elif request.method == "POST":
        changed = save_with(
            form, lambda data: services.change_role(request.user, found, data["role"])
        )
        if changed is not None:
            messages.success(request, f"Changed the role of {found.user}")
            return redirect("members", request.partnership.slug)
    refusal = why_not_change(request.membership, found)
    context = {"found": found, "form": form, "problem": problem, "refusal": refusal}
    status = 400 if form.errors or problem else 200
    return render(request, "accounts/member.html", context, status=status)


@tenant_view(MANAGERS)
@require_POST
def withdraw(request: TenantRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Invitation, partnership=request.partnership, pk=pk)
    try:
        services.withdraw(request.user, found)
        messages.success(request, f"Withdrew the invitation of {found.email}")
    except DomainError as refused:
        messages.info(request, refused.message)
    return redirect("members", request.partnership.slug)


@tenant_view(MANAGERS)
@require_POST
def tenants(request: TenantRequest) -> HttpResponse:
    form = forms.TenantsForm(request.POST)
    if save_with(
        form,
        lambda data: services.set_sign_in_tenants(
            request.user, request.partnership, data["sign_in_tenants"]
        ),
    ):
        messages.success(request, "Saved the accounts accepted")
    return redirect("members", request.partnership.slug)
