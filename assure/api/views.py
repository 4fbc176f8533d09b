"""The partnership's API tokens: made, shown once, revoked (administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assure.api import services
from assure.api.forms import TokenForm
from assure.api.models import ApiToken
from assure.core.access import TenantRequest, roles_for, tenant_view
from assure.core.errors import DomainError
from assure.core.forms import form_data, page_with_form, save_with

ADMINISTRATORS = roles_for("manage_api_tokens")


@tenant_view(ADMINISTRATORS)
def tokens(request: TenantRequest) -> HttpResponse:
    form = TokenForm(form_data(request))
    if request.method == "POST":
        made = save_with(
            form,
            lambda data: services.make_token(
                request.user, request.partnership, data["name"], data["scopes"]
            ),
        )
        if made is not None:
            token, secret = made
            base = request.build_absolute_uri(reverse("api-v1:api-root"))
            context = {"token": token, "secret": secret, "base": base}
            return render(request, "api/token_made.html", context)
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(partnership=request.partnership).select_related(
            "created_by"
        ),
        "openapi": reverse("api-v1:openapi-json"),
    }
    return page_with_form(request, "api/tokens.html", context)


@tenant_view(ADMINISTRATORS)
@require_POST
def revoke(request: TenantRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, partnership=request.partnership, pk=pk)
    try:
        services.revoke(request.user, token)
        messages.success(request, f"Revoked the token {token.name}: it no longer reads anything")
    except DomainError as refused:
        messages.info(request, refused.message)
    return redirect("api-tokens", request.partnership.slug)
