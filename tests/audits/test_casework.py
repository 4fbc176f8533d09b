"""An auditor grades and completes an audit through the web; agencies send their returns for
a multi-agency audit; an action the audit raises becomes a tracked action of a plan."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from assure.audits.models import AgencyReturn, CaseAudit, DomainGrade
from assure.core.models import ChangeRecord
from assure.partnership.models import Person
from assure.plans.models import Action, Objective

from .conftest import level, torbay_case

pytestmark = pytest.mark.django_db


def new_audit(torbay, tool, month=dt.date(2021, 6, 1)):
    auditor = Person.objects.get(partnership=torbay, name="Head of Quality Assurance")
    return CaseAudit.objects.create(
        partnership=torbay, case=torbay_case(torbay), tool=tool, month=month, auditor=auditor
    )


def audit_form(audit, grades, **extra):
    data = {
        "auditor": audit.auditor_id,
        "audited_on": "2021-06-24",
        "social_worker": "Social worker, CLA Team",
        "social_worker_present": "yes",
        "working_well": "Visits are purposeful.",
        "needs_to_change": "A contingency plan.",
        "child_voice": "Wants to stay at school.",
        "family_voice": "Feels listened to.",
    }
    for domain, score in zip(audit.tool.domains.all(), grades, strict=False):
        if score:
            data[f"grade_{domain.pk}"] = level(audit.tool, score).pk
            data[f"evidence_{domain.pk}"] = f"Evidence for {domain.number}"
    return {**data, **extra}


def test_completing_needs_every_domain_graded_and_saves_nothing_half_done(
    client_as, torbay, small_tool
):
    audit = new_audit(torbay, small_tool)
    url = reverse("case-audit-edit", args=["torbay", audit.pk])
    response = client_as("auditor").post(url, audit_form(audit, [2, 3], complete="yes"))
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "There is a problem" in page and "Grade domain 3 (choose N/A if it does not apply)" in page
    )
    third = list(small_tool.domains.all())[2]
    assert f'href="#id_grade_{third.pk}_0"' in page
    audit.refresh_from_db()
    assert audit.status == "assigned" and not DomainGrade.objects.filter(audit=audit).exists()


def test_a_draft_is_saved_then_completed(client_as, torbay, small_tool):
    audit = new_audit(torbay, small_tool)
    client = client_as("auditor")
    url = reverse("case-audit-edit", args=["torbay", audit.pk])
    assert client.post(url, audit_form(audit, [2], save="yes")).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "assigned" and audit.grades.count() == 1
    assert client.post(url, audit_form(audit, [2, 3, 4], complete="yes")).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "completed" and audit.social_worker_present is True
    page = client.get(reverse("case-audit", args=["torbay", audit.pk])).content.decode()
    assert "Wants to stay at school." in page and "Does not meet good" in page
    change = ChangeRecord.objects.filter(
        object_type="audits.caseaudit", object_id=audit.pk, summary__startswith="Graded"
    ).first()
    assert change.after["Domain 3"] == "N/A" and change.actor.username == "torbay.auditor"


def test_the_date_of_an_audit_cannot_be_in_the_future(client_as, torbay, small_tool):
    audit = new_audit(torbay, small_tool)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    url = reverse("case-audit-edit", args=["torbay", audit.pk])
    response = client_as("auditor").post(
        url, audit_form(audit, [2, 2, 2], audited_on=future, complete="yes")
    )
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_agencies_send_returns_which_are_brought_together(client_as, torbay):
    audit = CaseAudit.objects.get(partnership=torbay, tool__kind="multi_agency", status="assigned")
    police = AgencyReturn.objects.get(audit=audit, organisation__kind="police")
    assert police.submitted_on is None
    # The police lead (an action owner) sees the return asked of the police, and writes it.
    owner = client_as("owner")
    assert "Write the return" in owner.get(reverse("my-returns", args=["torbay"])).content.decode()
    data = {
        "involvement": "Two missing reports and a strategy discussion.",
        "working_well": "",
        "needs_to_change": "",
    }
    for domain in audit.tool.domains.all():
        data[f"grade_{domain.pk}"] = level(audit.tool, 3).pk
    assert owner.post(reverse("audit-return", args=["torbay", police.pk]), data).status_code == 302
    police.refresh_from_db()
    assert police.submitted_on is not None and police.submitted_by.username == "torbay.owner"
    page = (
        client_as("auditor")
        .get(reverse("case-audit-edit", args=["torbay", audit.pk]))
        .content.decode()
    )
    assert "The agencies' grades for this domain" in page and "Devon and Cornwall Police" in page


def test_an_agency_cannot_write_another_agencys_return(client_as, torbay):
    audit = CaseAudit.objects.get(partnership=torbay, tool__kind="multi_agency", status="assigned")
    health = AgencyReturn.objects.get(audit=audit, organisation__kind="health")
    response = client_as("owner").get(reverse("audit-return", args=["torbay", health.pk]))
    assert response.status_code == 403


def test_an_audit_cannot_complete_while_a_return_is_outstanding(client_as, torbay):
    audit = CaseAudit.objects.get(partnership=torbay, tool__kind="multi_agency", status="assigned")
    url = reverse("case-audit-edit", args=["torbay", audit.pk])
    response = client_as("auditor").post(url, audit_form(audit, [2] * 6, complete="yes"))
    assert response.status_code == 400 and "Wait for every agency" in response.content.decode()


def test_an_action_raised_by_an_audit_is_tracked_in_the_plan(client_as, torbay, small_tool):
    audit = new_audit(torbay, small_tool)
    objective = Objective.objects.filter(
        priority__plan__partnership=torbay, priority__plan__is_current=True
    ).first()
    owner = Person.objects.get(partnership=torbay, name="Detective Inspector")
    response = client_as("auditor").post(
        reverse("audit-action-new", args=["torbay", audit.pk]),
        {
            "objective": objective.pk,
            "title": "Record police intelligence on the file",
            "owner_person": owner.pk,
            "due_date": "2026-12-31",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(case_audit__audit=audit)
    assert (action.objective, action.owner_person, action.code) == (
        objective,
        owner,
        f"CA{audit.pk}.1",
    )
    # The police lead now owns it: it is on their list, to update each quarter.
    assert (
        "Record police intelligence"
        in client_as("owner").get(reverse("my-actions", args=["torbay"])).content.decode()
    )


def test_an_action_needs_an_owner(client_as, torbay, small_tool):
    audit = new_audit(torbay, small_tool)
    objective = Objective.objects.filter(priority__plan__partnership=torbay).first()
    response = client_as("auditor").post(
        reverse("audit-action-new", args=["torbay", audit.pk]),
        {"objective": objective.pk, "title": "Something", "due_date": "2026-12-31"},
    )
    assert response.status_code == 400 and "Give the action an owner" in response.content.decode()
    assert not Action.objects.filter(case_audit__audit=audit).exists()


def test_viewing_an_audit_is_recorded_against_the_case(client_as, torbay, small_tool):
    audit = new_audit(torbay, small_tool)
    client_as("manager").get(reverse("case-audit", args=["torbay", audit.pk]))
    viewed = ChangeRecord.objects.get(
        object_type="audits.case", object_id=audit.case_id, verb="viewed"
    )
    assert viewed.actor.username == "torbay.manager"


def test_completing_lists_every_missing_item_at_once(client_as, torbay, small_tool):
    audit = new_audit(torbay, small_tool)
    url = reverse("case-audit-edit", args=["torbay", audit.pk])
    data = audit_form(audit, [2], complete="yes", audited_on="", social_worker_present="")
    page = client_as("auditor").post(url, data).content.decode()
    start = page.index("There is a problem")
    summary = page[start : page.index("</ul>", start)]
    assert "Enter the date of the audit." in summary
    assert "Say whether the social worker was present." in summary
    assert "Grade domain 2 (choose" in summary and "Grade domain 3 (choose" in summary


def test_an_audit_is_started_from_the_case_management_identifier_by_a_programme_auditor(
    client_as, torbay, small_tool
):
    case = torbay_case(torbay, "CM-20417", "child_in_need")
    client = client_as("auditor")
    url = reverse("case-audit-new", args=["torbay"])
    page = client.get(url).content.decode()
    assert re.search(r'<input type="text" name="case"', page)  # typed, not a long list
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', page)}
    auditors = Person.objects.filter(partnership=torbay, auditor_places__isnull=False)
    people = set(auditors.values_list("pk", flat=True))
    others = Person.objects.filter(partnership=torbay).exclude(pk__in=people)
    assert people <= offered and not offered & set(others.values_list("pk", flat=True))
    auditor = auditors.first()
    data = {"case": " cm-20417 ", "tool": small_tool.pk, "month": "2021-06", "auditor": auditor.pk}
    assert client.post(url, data).status_code == 302
    assert CaseAudit.objects.filter(case=case, tool=small_tool, auditor=auditor).exists()
    wrong = client.post(url, {**data, "case": "CM-99999"})
    assert wrong.status_code == 400 and "No open case has this identifier" in wrong.content.decode()
