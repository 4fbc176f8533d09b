"""Access rules: who may do what in a partnership. Every tenant view goes through `tenant_view`.

The rule book (`RULES`) names each permission and the roles that hold it; every app takes its
role sets from here, the templates ask `may`, and the README's table of roles is generated
from it (a test keeps them in step). Rules about one object beyond the role (whose action it
is, which agency's return) live in each app's `access.py` or `partnership/ownership.py`.

A user outside the partnership gets a 404, as if the partnership did not exist; a member
whose role does not allow the action gets a 403 that says which roles may.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Permission:
    roles: frozenset[str]
    allows: str  # as the README's table of roles says it


_ALL = frozenset(Role.values)
_MANAGERS = frozenset({Role.ADMINISTRATOR, Role.BUSINESS_MANAGER})
_AUDITORS = _MANAGERS | {Role.AUDITOR}

RULES: dict[str, Permission] = {
    "read": Permission(
        _ALL, "read the plans, recommendations, risks, meetings, performance and reports"
    ),
    "manage": Permission(
        _MANAGERS,
        "edit plans, the structure, recommendations, risks and meetings, review updates, "
        "issue reports and read the record of changes",
    ),
    "work": Permission(
        _ALL - {Role.BOARD_MEMBER},
        "do the work they own: updates, risk reviews and tracker comments (below)",
    ),
    "edit_figures": Permission(
        _MANAGERS | {Role.ANALYST},
        "add indicators, targets, benchmarks and figures, and load files of figures",
    ),
    "load_returns": Permission(
        frozenset({Role.ANALYST}),
        "load statutory returns and local extracts, and read their rows pseudonymously",
    ),
    "run_audits": Permission(_AUDITORS, "run case audits: the programme, samples, moderation"),
    "read_audit_figures": Permission(
        _AUDITORS | {Role.ANALYST, Role.BOARD_MEMBER},
        "read audit scores, compliance and learning, which name no child",
    ),
    "publish_audit_figures": Permission(
        _AUDITORS | {Role.ANALYST}, "send audit figures to the performance framework"
    ),
    "write_agency_returns": Permission(
        frozenset({Role.CONTRIBUTOR}),
        "write their agency's returns: multi-agency audits, case review summaries and "
        "safeguarding self-assessments",
    ),
    "read_exploitation_figures": Permission(
        _ALL - {Role.CONTRIBUTOR}, "read the exploitation and missing figures"
    ),
    "lead_exploitation": Permission(
        _MANAGERS | {Role.ANALYST, Role.AUDITOR},
        "be granted the exploitation lead's access to children's records",
    ),
    "run_case_reviews": Permission(
        _AUDITORS,
        "record serious incidents and run rapid reviews, practice reviews, their "
        "recommendations and learning briefings",
    ),
    "read_case_reviews": Permission(
        _ALL - {Role.CONTRIBUTOR},
        "read case reviews and their clocks (a child is a pseudonymous reference, never named)",
    ),
    "run_self_assessments": Permission(
        _AUDITORS,
        "run Section 11 and section 175/157 self-assessments: frameworks, rounds, scrutiny "
        "and challenge",
    ),
    "run_training": Permission(
        _MANAGERS, "run the training programme: courses, sessions, attendance and evaluations"
    ),
    "read_internal_annual": Permission(
        _MANAGERS | {Role.ANALYST}, "read the internal annual report, small numbers shown"
    ),
    "grant_administrator": Permission(
        frozenset({Role.ADMINISTRATOR}),
        "make someone an administrator, or change the role of, suspend or restore an "
        "administrator (no one changes their own role or suspends themself)",
    ),
    "manage_api_tokens": Permission(
        frozenset({Role.ADMINISTRATOR}),
        "make and revoke the tokens Power BI and Excel read the API with",
    ),
    "second_factor": Permission(
        _AUDITORS | {Role.ANALYST},
        "must sign in with a second factor, when with a password (they manage access or can "
        "reach children's records)",
    ),
}


def roles_for(name: str) -> frozenset[str]:
    return RULES[name].roles


def may(membership: Membership, name: str) -> bool:
    return membership.role in RULES[name].roles


def permissions_of(membership: Membership) -> frozenset[str]:
    """The names of every permission this member holds (for templates: `"manage" in may`)."""
    return frozenset(name for name, rule in RULES.items() if membership.role in rule.roles)


def role_table() -> str:
    """The README's table of roles, from the rule book: a permission a row, a role a column."""
    roles = list(Role)
    lines = [
        "| may | " + " | ".join(role.label.lower() for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for rule in RULES.values():
        marks = " | ".join("yes" if role in rule.roles else "" for role in roles)
        lines.append(f"| {rule.allows} | {marks} |")
    return "\n".join(lines)


EVERYONE = roles_for("read")
MANAGERS = roles_for("manage")


# Session keys of a sign-in through an organisation's account (accounts/oidc.py writes them).
SIGNED_IN_WITH = "assure_signed_in_with"  # "oidc" after a provider's sign-in
SIGNED_IN_FROM = "assure_signed_in_from"  # [issuer, tenant] of that sign-in

SignedInFrom = tuple[str, str] | None  # an organisation's issuer and tenant; None: a password


def signed_in_from(session: Any) -> SignedInFrom:
    """The issuer and tenant of the organisation's account this session signed in with, or
    None after a password. A provider's sign-in that kept neither (a session begun before
    they were kept) is from no tenant: only a partnership that lists none accepts it."""
    if session.get(SIGNED_IN_WITH) != "oidc":
        return None
    kept = session.get(SIGNED_IN_FROM)
    if not (isinstance(kept, list | tuple) and len(kept) == 2):
        return ("", "")
    return (str(kept[0]), str(kept[1]))


def accepts_sign_in(partnership: Partnership, signed_in: SignedInFrom) -> bool:
    """Whether this partnership may be opened in a session signed in this way: a password
    sign-in always; an organisation's account only where the partnership accepts its tenant."""
    return signed_in is None or partnership.accepts(*signed_in)


def membership_for(request: HttpRequest, slug: str) -> Membership:
    """The signed-in user's membership of the partnership `slug`. A partnership that does not
    accept the organisation this session signed in with is refused as if not a member."""
    user = request.user
    if not user.is_authenticated:
        raise Http404("No such partnership")
    membership = (
        Membership.objects.select_related("partnership", "person__organisation")
        .filter(user=user, partnership__slug=slug)
        .first()
    )
    if membership is None or not accepts_sign_in(
        membership.partnership, signed_in_from(request.session)
    ):
        raise Http404("No such partnership")
    if membership.suspended_at is not None:
        raise PermissionDenied(
            f"Your access to {membership.partnership} is suspended. Ask its business manager."
        )
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
            membership = membership_for(request, slug)
            require(membership, roles)
            request.membership = membership  # type: ignore[attr-defined]
            request.partnership = membership.partnership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def is_manager(membership: Membership) -> bool:
    return membership.role in MANAGERS


def partnerships_of(user: Any, signed_in: SignedInFrom) -> list[Partnership]:
    """The partnerships the user may open, signed in this way (`signed_in_from`)."""
    memberships = user.memberships.filter(suspended_at__isnull=True).select_related("partnership")
    return [m.partnership for m in memberships if accepts_sign_in(m.partnership, signed_in)]


def active_membership(user: Any, partnership: Partnership) -> Membership | None:
    """The user's membership of the partnership, unless they have none or it is suspended."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    found = Membership.objects.filter(user=user, partnership=partnership)
    return found.filter(suspended_at__isnull=True).first()


def may_give(actor: Membership | None, role: str) -> bool:
    """Whether `actor` may give `role` to someone or take it away: the administrator's role
    only by those who hold it ("grant_administrator"), so no one raises anyone above their own."""
    guarded = roles_for("grant_administrator")
    return role not in guarded or (actor is not None and may(actor, "grant_administrator"))


def roles_given_by(actor: Membership | None) -> list[str]:
    """The roles `actor` may invite someone to, or change a member's role to."""
    return [role for role in Role.values if may_give(actor, role)]


ONLY_ADMINISTRATORS = (
    "Only an administrator can make someone an administrator, or change the role of, "
    "suspend or restore an administrator."
)


def why_not_change(actor: Membership | None, member: Membership, role: str | None = None) -> str:
    """Why `actor` may not change `member`'s role (to `role`), suspend or restore them; ""
    when they may."""
    if actor is None or not may(actor, "manage"):
        return f"Only {roles_in_words(MANAGERS)} can change a member's role or access."
    if actor.user_id == member.user_id:
        return (
            "You cannot change your own role or suspend your own access. Ask another "
            "administrator or business manager."
        )
    if not may_give(actor, member.role) or (role is not None and not may_give(actor, role)):
        return ONLY_ADMINISTRATORS
    return ""


def needs_second_factor(user: Any) -> bool:
    """Whether any of the user's roles must sign in with a second factor (rule book)."""
    roles = roles_for("second_factor")
    return user.memberships.filter(suspended_at__isnull=True, role__in=roles).exists()
