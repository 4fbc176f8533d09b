"""An auditor grades and completes an audit through the web; agencies send their returns for
a multi-agency audit; an action the audit raises becomes a tracked action of a plan."""

import datetime as dt
import re

import pytest

from assure.audits.models import AuditTool, CaseAudit, DomainGrade
from assure.core.models import ChangeRecord
from assure.plans.models import Action
from tests.factories import ObjectiveFactory, PersonFactory, signed_in

from .factories import AuditFactory, AuditorFactory, CaseFactory, ToolFactory, ask_returns, level

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(people):
    return people("auditor")


@pytest.fixture
def audit(partnership, small_tool, auditor):
    """An audit of a new case for June 2021, assigned to the partnership's auditor."""
    return AuditFactory(
        partnership=partnership, tool=small_tool, month=dt.date(2021, 6, 1), auditor=auditor.person
    )


@pytest.fixture
def multi_agency(partnership, auditor, police, health):
    """A multi-agency audit of six domains, the police and health asked for their returns."""
    tool = ToolFactory(
        partnership=partnership, kind=AuditTool.Kind.MULTI, domains=[f"D{n}" for n in range(6)]
    )
    audit = AuditFactory(partnership=partnership, tool=tool, auditor=auditor.person)
    ask_returns(audit, police, health)
    return audit


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
    signed_in_as, home, audit, small_tool
):
    url = f"{home}audits/case-audits/{audit.pk}/edit/"
    response = signed_in_as("auditor").post(url, audit_form(audit, [2, 3], complete="yes"))
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "There is a problem" in page and "Grade domain 3 (choose N/A if it does not apply)" in page
    )
    third = list(small_tool.domains.all())[2]
    assert f'href="#id_grade_{third.pk}_0"' in page
    audit.refresh_from_db()
    assert audit.status == "assigned" and not DomainGrade.objects.filter(audit=audit).exists()


def test_a_draft_is_saved_then_completed(signed_in_as, home, audit, auditor):
    client = signed_in_as("auditor")
    url = f"{home}audits/case-audits/{audit.pk}/edit/"
    assert client.post(url, audit_form(audit, [2], save="yes")).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "assigned" and audit.grades.count() == 1
    assert client.post(url, audit_form(audit, [2, 3, 4], complete="yes")).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "completed" and audit.social_worker_present is True
    page = client.get(f"{home}audits/case-audits/{audit.pk}/").content.decode()
    assert "Wants to stay at school." in page and "Does not meet good" in page
    change = ChangeRecord.objects.filter(
        object_type="audits.caseaudit", object_id=audit.pk, summary__startswith="Graded"
    ).first()
    assert change.after["Domain 3"] == "N/A" and change.actor == auditor.user


def test_the_date_of_an_audit_cannot_be_in_the_future(signed_in_as, home, audit):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    url = f"{home}audits/case-audits/{audit.pk}/edit/"
    response = signed_in_as("auditor").post(
        url, audit_form(audit, [2, 2, 2], audited_on=future, complete="yes")
    )
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    audit.refresh_from_db()
    assert audit.status == "assigned" and audit.audited_on is None


def test_agencies_send_returns_which_are_brought_together(signed_in_as, home, multi_agency, owner):
    audit = multi_agency
    police = audit.returns.get(organisation__kind="police")
    assert police.submitted_on is None
    # The police lead (an action owner) sees the return asked of the police, and writes it.
    client = signed_in(owner)
    assert "Write the return" in client.get(f"{home}audits/my-returns/").content.decode()
    data = {
        "involvement": "Two missing reports and a strategy discussion.",
        "working_well": "",
        "needs_to_change": "",
    }
    for domain in audit.tool.domains.all():
        data[f"grade_{domain.pk}"] = level(audit.tool, 3).pk
    assert client.post(f"{home}audits/returns/{police.pk}/", data).status_code == 302
    police.refresh_from_db()
    assert police.submitted_on is not None and police.submitted_by == owner.user
    page = signed_in_as("auditor").get(f"{home}audits/case-audits/{audit.pk}/edit/")
    html = page.content.decode()
    assert "The agencies' grades for this domain" in html and "Devon and Cornwall Police" in html


def test_an_agency_cannot_write_another_agencys_return(home, multi_agency, owner):
    health = multi_agency.returns.get(organisation__kind="health")
    response = signed_in(owner).get(f"{home}audits/returns/{health.pk}/")
    assert response.status_code == 403


def test_an_audit_cannot_complete_while_a_return_is_outstanding(signed_in_as, home, multi_agency):
    audit = multi_agency
    url = f"{home}audits/case-audits/{audit.pk}/edit/"
    response = signed_in_as("auditor").post(url, audit_form(audit, [2] * 6, complete="yes"))
    assert response.status_code == 400 and "Wait for every agency" in response.content.decode()
    audit.refresh_from_db()
    assert audit.status == "assigned"


def test_an_action_raised_by_an_audit_is_tracked_in_the_plan(
    signed_in_as, home, partnership, audit, owner
):
    objective = ObjectiveFactory(priority__plan__partnership=partnership)
    response = signed_in_as("auditor").post(
        f"{home}audits/case-audits/{audit.pk}/actions/new/",
        {
            "objective": objective.pk,
            "title": "Record police intelligence on the file",
            "owner_person": owner.person.pk,
            "due_date": "2026-12-31",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(case_audit__audit=audit)
    assert (action.objective, action.owner_person, action.code) == (
        objective,
        owner.person,
        f"CA{audit.pk}.1",
    )
    # The police lead now owns it: it is on their list, to update each quarter.
    mine = signed_in(owner).get(f"{home}my-actions/").content.decode()
    assert "Record police intelligence" in mine


def test_an_action_needs_an_owner(signed_in_as, home, partnership, audit):
    objective = ObjectiveFactory(priority__plan__partnership=partnership)
    response = signed_in_as("auditor").post(
        f"{home}audits/case-audits/{audit.pk}/actions/new/",
        {"objective": objective.pk, "title": "Something", "due_date": "2026-12-31"},
    )
    assert response.status_code == 400 and "Give the action an owner" in response.content.decode()
    assert not Action.objects.filter(case_audit__audit=audit).exists()


def test_viewing_an_audit_is_recorded_against_the_case(signed_in_as, home, people, audit):
    signed_in_as("manager").get(f"{home}audits/case-audits/{audit.pk}/")
    viewed = ChangeRecord.objects.get(
        object_type="audits.case", object_id=audit.case_id, verb="viewed"
    )
    assert viewed.actor == people("manager").user


def test_completing_lists_every_missing_item_at_once(signed_in_as, home, audit):
    url = f"{home}audits/case-audits/{audit.pk}/edit/"
    data = audit_form(audit, [2], complete="yes", audited_on="", social_worker_present="")
    page = signed_in_as("auditor").post(url, data).content.decode()
    start = page.index("There is a problem")
    summary = page[start : page.index("</ul>", start)]
    assert "Enter the date of the audit." in summary
    assert "Say whether the social worker was present." in summary
    assert "Grade domain 2 (choose" in summary and "Grade domain 3 (choose" in summary


def test_an_audit_is_started_from_the_case_management_identifier_by_a_programme_auditor(
    signed_in_as, home, partnership, small_tool
):
    case = CaseFactory(partnership=partnership, identifier="CM-20417", category="child_in_need")
    programme = [AuditorFactory(partnership=partnership).person for _ in range(2)]
    PersonFactory(partnership=partnership)  # someone of the partnership, not an auditor
    client = signed_in_as("auditor")  # the auditor's person is not in the programme either
    url = f"{home}audits/case-audits/new/"
    page = client.get(url).content.decode()
    assert re.search(r'<input type="text" name="case"', page)  # typed, not a long list
    chooser = re.search(r'<select name="auditor".*?</select>', page, re.S).group()
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', chooser)}
    assert offered == {p.pk for p in programme}  # not the others, nor the signed-in auditor
    data = {
        "case": " cm-20417 ",
        "tool": small_tool.pk,
        "month": "2021-06",
        "auditor": programme[0].pk,
    }
    assert client.post(url, data).status_code == 302
    assert CaseAudit.objects.filter(case=case, tool=small_tool, auditor=programme[0]).exists()
    wrong = client.post(url, {**data, "case": "CM-99999"})
    assert wrong.status_code == 400 and "No open case has this identifier" in wrong.content.decode()


def test_a_draft_graded_again_keeps_new_evidence_and_drops_a_grade_taken_away(
    signed_in_as, home, audit
):
    client = signed_in_as("auditor")
    url = f"{home}audits/case-audits/{audit.pk}/edit/"
    assert client.post(url, audit_form(audit, [2, 3], save="yes")).status_code == 302
    first, second = audit.tool.domains.all()[:2]
    level_before = audit.grades.get(domain=first).level
    evidence = {f"evidence_{first.pk}": "Seen again in June."}
    assert client.post(url, audit_form(audit, [2], save="yes", **evidence)).status_code == 302
    kept = list(audit.grades.all())
    assert [(g.domain, g.level, g.evidence) for g in kept] == [
        (first, level_before, "Seen again in June.")
    ]
    change = ChangeRecord.objects.filter(
        object_type="audits.caseaudit", object_id=audit.pk, summary__startswith="Graded"
    ).first()
    assert f"Domain {second.number}" in change.before
    assert f"Domain {second.number}" not in change.after
