"""Case audit pages, in three modules: casework (samples, audits, returns, moderation,
actions), arrangements (tools, the programme, cases, learning themes, dip samples) and figures
(the overview, scores, compliance and learning). Each view parses, calls a service or a
query, and renders."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from assure.core.access import TenantRequest
from assure.core.models import Role

# Who runs audits: the quality assurance lead (auditor role) and the partnership's managers.
AUDITORS = frozenset({Role.ADMINISTRATOR, Role.BUSINESS_MANAGER, Role.AUDITOR})
# Who reads the figures (scores, compliance, learning), which name no child.
READERS = AUDITORS | {Role.ANALYST, Role.BOARD_MEMBER}
# Who may send the figures to the performance framework.
PUBLISHERS = AUDITORS | {Role.ANALYST}


def form_page(
    request: TenantRequest, form: Any, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "audits/form.html", context, status=400 if form.is_bound else 200)
