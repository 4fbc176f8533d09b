"""Case audit pages, in three modules: casework (samples, audits, returns, moderation,
actions), arrangements (tools, the programme, cases, learning themes, dip samples) and figures
(the overview, scores, compliance and learning). Each view parses, calls a service or a
query, and renders."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from assure.audits.access import AUDITORS, PUBLISHERS, READERS
from assure.core.access import TenantRequest
from assure.core.forms import page_with_form

__all__ = ["AUDITORS", "PUBLISHERS", "READERS", "form_page"]


def form_page(
    request: TenantRequest, form: Any, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, **extra}
    return page_with_form(request, "audits/form.html", context)
