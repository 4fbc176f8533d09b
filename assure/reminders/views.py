"""The owner's "my reminders" page: the list `assure remind` would e-mail them, and what it has."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from assure.core.access import TenantRequest, tenant_view
from assure.partnership import ownership
from assure.reminders import queries


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
