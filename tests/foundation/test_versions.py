"""Two people edit the same thing: the second to save, having read it before the first saved,
is told who changed it, when, and what, and nothing of theirs overwrites it; saving again,
knowing, keeps theirs. A risk and a plan, as the register and the plan pages edit them."""

from __future__ import annotations

from django.urls import reverse

from assure.core.models import ChangeRecord
from tests.factories import PlanFactory, RiskFactory
from tests.forms import form_values


def test_a_stale_risk_edit_is_refused_naming_who_changed_it_and_what(partnership, signed_in_as):
    risk = RiskFactory(partnership=partnership, mitigation="Member seminar planned")
    url = reverse("risk-edit", args=[partnership.slug, risk.pk])
    manager, administrator = signed_in_as("manager"), signed_in_as("administrator")
    mine = form_values(manager.get(url).content.decode())
    theirs = form_values(administrator.get(url).content.decode())
    assert mine["read_at_version"] and mine["read_at_version"] == theirs["read_at_version"]

    before = risk.mitigation
    theirs["mitigation"] = "Member seminar held in March"
    assert administrator.post(url, theirs).status_code == 302
    # the change record keeps the value before the edit (as stored, not as the form set it)
    change = ChangeRecord.objects.filter(object_type="risks.risk", object_id=risk.pk).first()
    field = "mitigation or resolution"
    assert (change.before[field], change.after[field]) == (
        before,
        "Member seminar held in March",
    )

    mine["mitigation"] = "Training for members booked"
    refused = manager.post(url, mine)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "This was changed by" in page and "since you opened it" in page
    assert "Member seminar held in March" in page  # theirs, in the message
    assert "Training for members booked" in page  # mine, still in the form
    risk.refresh_from_db()
    assert risk.mitigation == "Member seminar held in March"

    again = form_values(page)  # the form now carries the version it was refused at
    assert manager.post(url, again).status_code == 302
    risk.refresh_from_db()
    assert risk.mitigation == "Training for members booked"


def test_an_edit_of_something_unchanged_since_it_was_opened_saves(partnership, signed_in_as):
    plan = PlanFactory(partnership=partnership)
    url = reverse("plan-edit", args=[partnership.slug, plan.pk])
    manager = signed_in_as("manager")
    values = form_values(manager.get(url).content.decode())
    values["title"] = f"{plan.title} (revised)"
    assert manager.post(url, values).status_code == 302
    plan.refresh_from_db()
    assert plan.title.endswith("(revised)")
    # and once more from the old page, now stale: refused
    values["title"] = f"{plan.title} (again)"
    assert manager.post(url, values).status_code == 400
