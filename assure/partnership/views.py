"""The partnership's structure, and the record of changes (its home page, the overview of
each member's work, is the reminders app's: it reads every app's work)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.forms import ModelForm, edit_page, form_data, scope_choices
from assure.partnership import forms, queries, services

EDITORS: dict[str, tuple[type[ModelForm], Callable[..., Any], str]] = {
    "organisation": (forms.OrganisationForm, services.save_organisation, "an agency"),
    "person": (forms.PersonForm, services.save_person, "a person"),
    "group": (forms.GroupForm, services.save_group, "a group"),
    "funding": (forms.FundingForm, services.save_funding, "a funding contribution"),
}


@tenant_view()
def structure(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    context = {
        "organisations": queries.items_of(partnership, "organisation"),
        "people": queries.items_of(partnership, "person").select_related("organisation"),
        "groups": queries.groups_tree(partnership),
        "funding": queries.funding_by_year(partnership),
        "funding_total": queries.funding_total(partnership),
    }
    return render(request, "partnership/structure.html", context)


@tenant_view(MANAGERS)
def edit(request: TenantRequest, kind: str, pk: int | None = None) -> HttpResponse:
    if kind not in EDITORS:
        raise Http404("No such kind of record")
    form_class, save, label = EDITORS[kind]
    item = get_object_or_404(queries.items_of(request.partnership, kind), pk=pk) if pk else None
    form = scope_choices(form_class(form_data(request), instance=item), request.partnership)
    title = f"Edit {item}" if item else f"Add {label}"
    structure = reverse("structure", args=[request.partnership.slug])
    return edit_page(
        request,
        form,
        lambda data: save(request.user, request.partnership, item, **data),
        structure,
        title,
        structure,
    )


@tenant_view(MANAGERS)
def changes(request: TenantRequest) -> HttpResponse:
    changes = list(queries.recent_changes(request.partnership))
    links = queries.record_links(request.partnership, changes)
    return render(request, "partnership/changes.html", {"changes": changes, "links": links})
