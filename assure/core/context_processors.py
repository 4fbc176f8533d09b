"""Puts the partnership being viewed, and the user's role in it, into every template."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from assure.core.access import is_manager, permissions_of


def tenancy(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    return {
        "partnership": getattr(request, "partnership", None),
        "membership": membership,
        "can_manage": membership is not None and is_manager(membership),
        "may": permissions_of(membership) if membership is not None else frozenset(),
    }
