"""How every form page of case reviews behaves: show the form, call the service on a valid
post, say what was saved and go on; a refusal is shown on the form (status 400)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from assure.core.access import TenantRequest
from assure.core.forms import FORM, page_with_form, save_with


def form_page(
    request: TenantRequest,
    form: Any,
    write: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    back: str,
    done: Callable[[Any], str] | None = None,
    said: Callable[[Any], str] | None = None,
    lede: str = "",
) -> HttpResponse:
    if request.method == "POST":
        saved = save_with(form, write)
        if saved is not None:
            messages.success(request, said(saved) if said else f"Saved {saved}")
            return redirect(done(saved) if done else back)
    context = {"form": form, "title": title, "back": back, "lede": lede}
    return page_with_form(request, FORM, context)


def base(request: TenantRequest) -> str:
    return f"/p/{request.partnership.slug}/case-reviews/"
