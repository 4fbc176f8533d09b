"""Schools from a list of URN and name, with problems named by row and column; the open
deadlines `assure remind` chases; and the bulk chase a reviewer sends now."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from assure.assessments import chasing, schools, services
from assure.assessments.deadlines import deadlines
from assure.assessments.models import Chase, School
from assure.core.errors import DomainError
from assure.partnership.models import Organisation
from tests.factories import signed_in

from .conftest import DUE, rate, submit

LIST = (
    b"URN,Establishment name,Lead name,Lead email\n"
    b"990901,Quayside Primary School,DSL Quayside,dsl@quayside.example\n"
    b"990902,Hilltop Academy,,\n"
)


def test_schools_are_added_from_a_list_with_their_urn_and_asked_for_returns(partnership, sent):
    outcome = schools.load_schools(None, partnership, "schools.csv", LIST, into=sent)
    assert outcome.loaded and len(outcome.added) == 2
    quayside = School.objects.get(urn="990901").organisation
    assert quayside.kind == Organisation.Kind.EDUCATION and quayside.partnership == partnership
    assert quayside.lead.email == "dsl@quayside.example"
    assert sent.returns.filter(organisation=quayside).exists()
    again = schools.load_schools(None, partnership, "schools.csv", LIST, into=sent)
    assert again.loaded and again.added == [] and len(again.known) == 2
    assert sent.returns.count() == 5


def test_a_bad_list_names_each_row_and_column_and_saves_nothing(partnership, sent):
    bad = (
        b"URN,Name,Lead email\n"
        b"990901,Quayside Primary School,dsl@quayside.example\n"
        b"12AB,Hilltop Academy,\n"
        b"990901,,not-an-address\n"
    )
    outcome = schools.load_schools(None, partnership, "schools.csv", bad, into=sent)
    assert outcome.problems == [
        "schools.csv, row 3, column URN: '12AB' is not a URN: expected 6 or 7 digits",
        "schools.csv, row 4, column URN: 990901 is also on row 2",
        "schools.csv, row 4, column name: empty: expected the school's name",
        "schools.csv, row 4, column lead email: 'not-an-address' is not an e-mail address",
    ]
    assert not School.objects.filter(urn="990901").exists()
    missing = schools.load_schools(None, partnership, "list.csv", b"Code,School\n1,A\n")
    assert missing.problems[0].startswith("list.csv: no column URN")


def test_the_upload_page_shows_the_problems(sent, auditor, url):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("schools.csv", b"URN,Name\nABC,Quayside\n", "text/csv")
    response = signed_in(auditor).post(url(f"rounds/{sent.pk}/schools/"), {"file": upload})
    assert response.status_code == 400
    assert "row 2, column URN: &#x27;ABC&#x27; is not a URN" in response.content.decode()


def test_each_return_not_submitted_is_an_open_deadline_of_its_lead(
    partnership, sent, agencies, return_of, url
):
    alpha, beta, gamma = agencies
    submit(alpha, rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Met"}))
    rate(beta, return_of(beta), {"1.1": "Met"})
    mine = [d for d in deadlines(partnership) if d.label.startswith("Submit the Tiny S11")]
    assert [(d.owner, d.person, d.due_on, d.kind) for d in mine] == [
        ("Beta Care", beta.lead, DUE, "self_assessment"),
        ("Gamma Aid", gamma.lead, DUE, "self_assessment"),
    ]
    assert mine[0].path == url(f"returns/{return_of(beta).pk}/")
    assert mine[0].state(DUE + dt.timedelta(days=1)) == "overdue"
    services.close_round(None, sent)
    assert not [d for d in deadlines(partnership) if d.label.startswith("Submit the Tiny S11")]


def test_a_reviewer_chases_every_missing_return_now_and_each_e_mail_is_kept(
    sent, agencies, return_of, auditor, url
):
    alpha, beta, gamma = agencies
    submit(alpha, rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Met"}))
    gamma.lead.email = ""
    gamma.lead.save()
    with pytest.raises(DomainError, match="Only the reviewers"):
        chasing.chase_outstanding(beta.member, sent)
    chased = chasing.chase_outstanding(auditor, sent, today=DUE)
    assert [r.organisation for r in chased.sent] == [beta.organisation]
    assert [r.organisation for r in chased.nobody] == [gamma.organisation]
    (sent_mail,) = mail.outbox
    assert sent_mail.to == [beta.lead.email]
    assert url(f"returns/{return_of(beta).pk}/") in sent_mail.body
    assert Chase.objects.get().assessment == return_of(beta)


def test_the_chase_button_is_a_post_for_reviewers(sent, agencies, auditor, board, url):
    chase = url(f"rounds/{sent.pk}/chase/")
    assert signed_in(auditor).get(chase).status_code == 405
    assert signed_in(board).post(chase).status_code == 403
    done = signed_in(auditor).post(chase, follow=True)
    assert "Chased 3 missing returns by e-mail" in done.content.decode()
    assert len(mail.outbox) == 3
