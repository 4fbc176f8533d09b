"""The programme's calendar and quotas (003), compliance counted by auditor, team and month,
and overdue audits chased by `assure remind`."""

import datetime as dt
from decimal import Decimal as D

import pytest

from analytics.periods import month_starts
from assure.audits import compliance, programme
from assure.audits.arrangements import programme_of, save_auditor
from assure.audits.models import Auditor
from assure.core.errors import DomainError
from assure.reminders.queries import due_items
from tests.factories import PersonFactory

from .factories import AuditFactory, AuditorFactory, TeamFactory, recorded

pytestmark = pytest.mark.django_db
MAY = dt.date(2021, 5, 1)


def test_the_audit_day_is_the_last_thursday(partnership):
    plan = programme_of(partnership)  # 003's, until the partnership saves its own
    # 003: "the first audits will be completed on 28th Jan 16", the last Thursday.
    assert programme.audit_day(plan, dt.date(2016, 1, 1)) == dt.date(2016, 1, 28)
    assert programme.audit_day(plan, MAY) == dt.date(2021, 5, 27)
    assert programme.due_on(plan, MAY) == dt.date(2021, 6, 3)
    assert programme.next_audit_day(plan, dt.date(2021, 5, 28)) == dt.date(2021, 6, 24)


def test_a_new_senior_practitioner_audits_one_a_month_for_three_months_then_two(partnership):
    person = PersonFactory(partnership=partnership, name="New senior practitioner")
    auditor = save_auditor(
        None,
        partnership,
        None,
        person=person,
        team=None,
        kind="senior_practitioner",
        starts_on=dt.date(2021, 1, 18),
        ends_on=None,
        audits_a_month=2,
        starter_audits_a_month=1,
        starter_months=3,
        moderations_a_month=0,
    )
    months = month_starts(dt.date(2020, 12, 1), dt.date(2021, 5, 1))
    assert [auditor.audits_expected(m) for m in months] == [0, 1, 1, 1, 2, 2]


def test_blank_quotas_take_the_standard_for_the_role(signed_in_as, home, partnership):
    person = PersonFactory(
        partnership=partnership, name="Head of Service, Early Help", email="hos@test.example"
    )
    response = signed_in_as("auditor").post(
        f"{home}audits/programme/auditors/new/",
        {"person": person.pk, "kind": "head_of_service", "starts_on": "2021-04-01"},
    )
    assert response.status_code == 302
    auditor = Auditor.objects.get(person=person)
    assert (auditor.audits_a_month, auditor.moderations_a_month) == (2, 2)


def test_an_auditor_cannot_end_before_they_start(partnership):
    person = PersonFactory(partnership=partnership, name="Practice manager")
    with pytest.raises(DomainError) as error:
        save_auditor(
            None,
            partnership,
            None,
            person=person,
            team=None,
            kind="practice_manager",
            starts_on=dt.date(2021, 4, 1),
            ends_on=dt.date(2021, 3, 1),
            audits_a_month=2,
            starter_audits_a_month=1,
            starter_months=0,
            moderations_a_month=0,
        )
    assert error.value.field == "ends_on"
    assert not Auditor.objects.filter(person=person).exists()


def test_compliance_counts_expected_against_completed_by_auditor_team_and_month(
    partnership, small_tool
):
    team = TeamFactory(partnership=partnership, name="Compliance test team")
    people = [PersonFactory(partnership=partnership, name=f"Auditor {n}") for n in (1, 2)]
    for person in people:
        AuditorFactory(
            partnership=partnership, person=person, team=team, starts_on=dt.date(2021, 4, 1)
        )
    done = [
        (people[0], MAY, dt.date(2021, 5, 27)),
        (people[0], MAY, dt.date(2021, 5, 27)),
        (people[0], MAY, dt.date(2021, 5, 27)),
        (people[1], MAY, dt.date(2021, 6, 30)),
    ]
    for person, month, on in done:
        audit = AuditFactory(partnership=partnership, tool=small_tool, month=month, auditor=person)
        recorded(audit, [2, 2, 4], on)
    table = compliance.table(partnership, [dt.date(2021, 4, 1), MAY])
    rows = {r.label: r for r in table.auditors}
    first, second = rows["Auditor 1"], rows["Auditor 2"]
    assert [(c.expected, c.completed) for c in first.cells] == [(2, 0), (2, 3)]
    assert (second.cells[1].completed, second.cells[1].on_time) == (1, 0)  # done after the 3 June
    # Auditor 1's third audit does not make up for Auditor 2's gap: 3 of 4 expected met.
    team_row = next(r for r in table.teams if r.label == "Compliance test team")
    assert (team_row.cells[1].expected, team_row.cells[1].completed, team_row.cells[1].met) == (
        4,
        4,
        3,
    )
    assert team_row.total.compliance == D(38)  # 3 met of 8 expected over two months


def test_overdue_audits_are_chased_by_assure_remind(partnership, small_tool, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = PersonFactory(partnership=partnership, name="Late auditor", email="late@test.example")
    audit = AuditFactory(partnership=partnership, tool=small_tool, month=MAY, auditor=person)
    assert audit not in [o.audit for o in compliance.overdue(partnership, dt.date(2021, 6, 3))]
    assert audit in [o.audit for o in compliance.overdue(partnership, dt.date(2021, 6, 4))]
    items = due_items(partnership, dt.date(2021, 6, 4))
    mine = [i for i in items if i.person == person]
    assert len(mine) == 1 and mine[0].state == "overdue" and mine[0].due_on == dt.date(2021, 6, 3)
    assert f"/audits/case-audits/{audit.pk}/" in mine[0].path
