"""Access rules: who may do what in a partnership. Every tenant view goes through `tenant_view`.

A user outside the partnership gets a 404, as if the partnership did not exist; a member
whose role does not allow the action gets a 403 that says which roles may.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from assure.core.models import Membership, Partnership, Role


class TenantRequest(HttpRequest):
    """A request that `tenant_view` has checked: the partnership and the user's role in it."""

    partnership: Partnership
    membership: Membership


EVERYONE = frozenset(Role.values)
MANAGERS = frozenset({Role.ADMINISTRATOR, Role.BUSINESS_MANAGER})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


def membership_for(user: Any, slug: str) -> Membership:
    if not user.is_authenticated:
        raise Http404("No such partnership")
    membership = (
        Membership.objects.select_related("partnership", "person__organisation")
        .filter(user=user, partnership__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404("No such partnership")
    return membership


def require(membership: Membership, roles: frozenset[str]) -> None:
    if membership.role not in roles:
        raise PermissionDenied(f"Only {roles_in_words(roles)} can do this.")


def roles_in_words(roles: frozenset[str]) -> str:
    """'an administrator or a business manager'."""
    named = [Role(r).label.lower() for r in Role.values if r in roles]
    named = [f"{'an' if name[0] in 'aeiou' else 'a'} {name}" for name in named]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


def tenant_view(
    roles: frozenset[str] = EVERYONE,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Load the partnership from the URL's slug and check the user's role in it."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = membership_for(request.user, slug)
            require(membership, roles)
            request.membership = membership  # type: ignore[attr-defined]
            request.partnership = membership.partnership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def is_manager(membership: Membership) -> bool:
    return membership.role in MANAGERS


def partnerships_of(user: Any) -> list[Partnership]:
    return [m.partnership for m in user.memberships.select_related("partnership")]
