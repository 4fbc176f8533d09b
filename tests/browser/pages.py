"""The pages each persona visits in the sweep (test_pages.py): every one is checked with axe,
at 320 pixels wide and at 200% zoom, and screenshotted if marked.

When you add a page to Assure, add a line here for each persona who can open it. A page is
a URL name under /p/<slug>/ (reversed with the partnership's slug), a path from the root,
or a function that finds the path in the demo data (ids differ from one load to the next).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from assure.core.models import Membership, Partnership
from assure.meetings.models import Meeting
from assure.partnership.models import Group, Person
from assure.plans import services
from assure.plans.models import Action, ActionUpdate, Objective, Plan, Recommendation

BUSINESS_PLAN = "Torbay Safeguarding Children Partnership Business Plan 2021-2024"
IMPROVEMENT_PLAN = "Children's Services Improvement Plan 2021/22"
POLICE_ACTION = "2.1"  # the Exploitation Group's 100 day plan, owned by the police lead

Finder = Callable[[Partnership], str]


@dataclass(frozen=True)
class Screen:
    name: str  # also the screenshot's file name
    url: str | Finder
    screenshot: bool = False

    def path(self, partnership: Partnership) -> str:
        if callable(self.url):
            return self.url(partnership)
        if self.url.startswith("/"):
            return self.url
        return reverse(self.url, args=[partnership.slug])


def plan(title: str, view: str = "plan") -> Finder:
    def find(partnership: Partnership) -> str:
        found = Plan.objects.get(partnership=partnership, title=title)
        return reverse(view, args=[partnership.slug, found.pk])

    return find


def action(code: str, view: str = "action", plan_title: str = BUSINESS_PLAN) -> Finder:
    def find(partnership: Partnership) -> str:
        found = Action.objects.get(
            objective__priority__plan__partnership=partnership,
            objective__priority__plan__title=plan_title,
            code=code,
        )
        return reverse(view, args=[partnership.slug, found.pk])

    return find


def first_of(model: type, view: str, *args: str, scope: str = "partnership") -> Finder:
    """The first record of a kind in the partnership (`scope` is the path to it)."""

    def find(partnership: Partnership) -> str:
        found = model.objects.filter(**{scope: partnership}).order_by("pk").first()
        return reverse(view, args=[partnership.slug, *args, found.pk])

    return find


def review_of_police_update(partnership: Partnership) -> str:
    """The review form needs an update awaiting review: the police lead sends one in."""
    owner = Membership.objects.get(partnership=partnership, user__username="torbay.owner")
    found = Action.objects.get(
        objective__priority__plan__partnership=partnership,
        objective__priority__plan__title=BUSINESS_PLAN,
        code=POLICE_ACTION,
    )
    update = ActionUpdate.objects.filter(action=found, status="submitted").first()
    if update is None:
        rag = found.plan.rag_scheme.levels.get(code="amber")
        update = services.submit_update(
            owner, found, period=found.plan.reporting_period, rag=rag, progress="Plan agreed."
        )
    return reverse("update-review", args=[partnership.slug, update.pk])


SIGNED_OUT = [
    Screen("sign-in", "/accounts/login/", screenshot=True),
    Screen("accessibility-statement", "/accessibility/"),
]

EVERY_MEMBER = [
    Screen("overview", "partnership", screenshot=True),
    Screen("plans", "plans"),
    Screen("business-plan", plan(BUSINESS_PLAN), screenshot=True),
    Screen("improvement-plan", plan(IMPROVEMENT_PLAN)),
    Screen("action", action(POLICE_ACTION), screenshot=True),
    Screen("my-actions", "my-actions", screenshot=True),
    Screen("recommendations", "recommendations"),
    Screen("partnership-structure", "structure"),
    Screen("accessibility-statement", "/accessibility/"),
    Screen("your-sign-in", "/accounts/security/"),
    Screen("set-up-second-factor", "/accounts/two-factor/set-up/", screenshot=True),
]

MANAGERS_ONLY = [
    Screen("updates", "updates", screenshot=True),
    Screen("record-of-changes", "changes"),
    Screen("members", "members", screenshot=True),
    Screen("import-plan-table", plan(BUSINESS_PLAN, "plan-import")),
    Screen("import-tables", "tables-import"),
    Screen("invite", "invite"),
    Screen("member", first_of(Membership, "member")),
    Screen("add-plan", "plan-new"),
    Screen("edit-plan", plan(BUSINESS_PLAN, "plan-edit")),
    Screen("rate-plan", plan(BUSINESS_PLAN, "plan-status")),
    Screen("add-priority", plan(BUSINESS_PLAN, "priority-new")),
    Screen("add-action", first_of(Objective, "action-new", scope="priority__plan__partnership")),
    Screen("edit-action", action(POLICE_ACTION, "action-edit")),
    Screen("update-form", action(POLICE_ACTION, "update-new"), screenshot=True),
    Screen("review-form", review_of_police_update, screenshot=True),
    Screen("add-recommendation", "recommendation-new"),
    Screen("edit-recommendation", first_of(Recommendation, "recommendation-edit")),
    Screen("add-group", lambda p: reverse("structure-new", args=[p.slug, "group"])),
    Screen("edit-group", first_of(Group, "structure-edit", "group")),
    Screen("edit-person", first_of(Person, "structure-edit", "person")),
]


def reports(view: str, query: str) -> Finder:
    return lambda partnership: reverse(view, args=[partnership.slug]) + query


# The reports of a month the demo holds figures for (seed 004 reports on May 2021).
REPORTS = [
    Screen("highlight-report", reports("report-highlight", "?month=2021-05"), screenshot=True),
    Screen("exception-report", reports("report-exception", "?month=2021-05"), screenshot=True),
    Screen("annual-report", reports("report-annual", "?year=2021-22&version=public")),
    Screen("issued-reports", "report-issued-list"),
    Screen("board-pack", first_of(Meeting, "report-board-pack")),
]

# An action owner reads the other pages just as a board member does: only those that differ
# for them are swept again (each page costs the suite about a second).
OWNERS_OWN = [
    Screen("overview", "partnership", screenshot=True),
    Screen("my-actions", "my-actions", screenshot=True),
    Screen("action", action(POLICE_ACTION), screenshot=True),
    Screen("own-update-form", action(POLICE_ACTION, "update-new")),
]

# A board member reads what a manager reads, without the buttons to change it.
BOARDS_OWN = [
    Screen("overview", "partnership"),
    Screen("business-plan", plan(BUSINESS_PLAN)),
    Screen("action", action(POLICE_ACTION)),
    Screen("highlight-report", reports("report-highlight", "?month=2021-05")),
]

# Whose sweep visits which pages. The keys are personas of tests/conftest.py (None: signed out),
# or "persona:part" for a part of a persona's sweep.
PAGES: dict[str | None, list[Screen]] = {
    None: SIGNED_OUT,
    "manager": EVERY_MEMBER + MANAGERS_ONLY,
    "owner": OWNERS_OWN,
    "board": BOARDS_OWN,
    "administrator": [Screen("api-tokens", "api-tokens", screenshot=True)],
}


# Performance (assure/performance): every member reads; managers (and analysts) edit.
def indicator(reference: str, view: str = "indicator") -> Finder:
    from assure.performance.models import Indicator

    def find(partnership: Partnership) -> str:
        found = Indicator.objects.get(partnership=partnership, reference=reference)
        return reverse(view, args=[partnership.slug, found.pk])

    return find


PERFORMANCE = [
    Screen("performance", "performance", screenshot=True),
    Screen("performance-tables", "performance-tables", screenshot=True),
    Screen("indicator", indicator("2.21"), screenshot=True),
]
PERFORMANCE_EDITORS = [
    Screen("add-indicator", "indicator-new"),
    Screen("process-limits", indicator("2.21", "indicator-spc")),
    Screen("add-figure", indicator("2.21", "observation-new")),
    Screen("load-figures", "observations-load"),
]
for _persona in ("manager", "owner", "board"):
    PAGES[_persona] = [*PAGES[_persona], *PERFORMANCE]
PAGES["manager"] = [*PAGES["manager"], *PERFORMANCE_EDITORS]


# Case audit (assure/audits) and exploitation (assure/exploitation): managers and auditors run
# audits; the board reads the figures; the police lead writes the police's return; the
# exploitation lead (torbay.exploitation) sees the children behind the figures.
def case_audit(view: str = "case-audit", **lookup: str) -> Finder:
    from assure.audits.models import CaseAudit

    def find(partnership: Partnership) -> str:
        found = CaseAudit.objects.filter(partnership=partnership, **lookup).order_by("pk").first()
        return reverse(view, args=[partnership.slug, found.pk])

    return find


def police_return(partnership: Partnership) -> str:
    from assure.audits.models import AgencyReturn

    found = AgencyReturn.objects.get(
        audit__partnership=partnership, organisation__kind="police", submitted_on__isnull=True
    )
    return reverse("audit-return", args=[partnership.slug, found.pk])


def a_child(view: str = "exploitation-child") -> Finder:
    from assure.exploitation.models import Child

    def find(partnership: Partnership) -> str:
        found = Child.objects.filter(partnership=partnership, toolkits__isnull=False).first()
        return reverse(view, args=[partnership.slug, found.pk])

    return find


AUDIT_FIGURES = [
    Screen("audits", "audits", screenshot=True),
    Screen("audit-scores", "audit-scores", screenshot=True),
    Screen("audit-compliance", "audit-compliance", screenshot=True),
    Screen("audit-learning", "audit-learning"),
    Screen("audit-tools", "audit-tools"),
    Screen("exploitation", "exploitation", screenshot=True),
]
AUDIT_WORK = [
    Screen("case-audits", "case-audits"),
    Screen("case-audit", case_audit(moderation__moderated_on__isnull=False), screenshot=True),
    Screen("multi-agency-audit", case_audit(tool__kind="multi_agency", status="completed")),
    Screen(
        "grade-audit",
        case_audit("case-audit-edit", tool__kind="multi_agency", status="assigned"),
        screenshot=True,
    ),
    Screen("moderate-audit", case_audit("moderation-edit", moderation__moderated_on__isnull=False)),
    Screen("raise-audit-action", case_audit("audit-action-new", status="completed")),
    Screen("audit-programme", "audit-programme"),
    Screen("draw-sample", "audit-sample-new"),
    Screen("audit-cases", "audit-cases"),
    Screen("load-caseload", "audit-caseload"),
    Screen("exploitation-leads", "exploitation-leads"),
]
EXPLOITATION_LEAD = [
    Screen("toolkit-register", "exploitation-register", screenshot=True),
    Screen("most-missing", "most-missing", screenshot=True),
    Screen("exploitation-child", a_child(), screenshot=True),
    Screen("toolkit-review", a_child("toolkit-new")),
]
# The manager's sweep is the longest: it is split in two (a key is "persona:part"), so that two
# test workers can share it.
PAGES["manager:reports-and-audits"] = [*REPORTS, *AUDIT_FIGURES, *AUDIT_WORK]
PAGES["board"] = [*PAGES["board"], *AUDIT_FIGURES]
PAGES["owner"] = [
    *PAGES["owner"],
    Screen("my-returns", "my-returns"),
    Screen("police-return", police_return),
]
PAGES["torbay.exploitation"] = [Screen("lead-figures", "exploitation"), *EXPLOITATION_LEAD]
