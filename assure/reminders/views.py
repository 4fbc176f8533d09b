"""What each member has to do, on screen: the partnership's overview, which leads with their
own work, and "my reminders", the list `assure remind` would e-mail them. Both read every
app's work (plans, risks, the action tracker, audits), so they live here, above those apps."""

from __future__ import annotations

from collections import Counter

from django.http import HttpResponse
from django.shortcuts import render

from assure.core.access import TenantRequest, is_manager, tenant_view
from assure.partnership import ownership
from assure.plans import queries as plan_queries
from assure.reminders import queries
from assure.reminders.models import Reminder


@tenant_view()
def overview(request: TenantRequest) -> HttpResponse:
    """The overview leads with this member's own work, counted from the same lists the work
    pages show, so every count opens on things they can do."""
    partnership, membership = request.partnership, request.membership
    plans = list(plan_queries.plans_of(partnership).prefetch_related("statuses__rag"))
    to_do = [row for row in plan_queries.my_actions(membership) if row.needs_update]
    person = membership.person
    works = ownership.does_work(membership) and person is not None
    due = queries.due_items(partnership, person=person) if works else []
    other = Counter(i.kind_label for i in due if i.kind != Reminder.Kind.PLAN_UPDATE)
    queues = plan_queries.update_queues(partnership) if is_manager(membership) else []
    context = {
        "plans": plans,
        "to_do": to_do,
        "overdue": sum(row.state == "overdue" for row in to_do),
        "sent_back": sum(row.state == "sent back" for row in to_do),
        "other_due": sorted(other.items()),
        "reads_only": not ownership.does_work(membership),
        "queues": queues,
        "to_review": sum(len(q.awaiting_review) for q in queues),
    }
    return render(request, "reminders/overview.html", context)


@tenant_view()
def my_reminders(request: TenantRequest) -> HttpResponse:
    person = request.membership.person
    works = ownership.does_work(request.membership)
    items = queries.due_items(request.partnership, person=person) if person and works else []
    context = {
        "person": person,
        "reads_only": not works,
        "items": items,
        "sent": queries.sent_to(request.partnership, person),
    }
    return render(request, "reminders/my_reminders.html", context)
