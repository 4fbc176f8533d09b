"""The reviewers' pages: querying and agreeing a rating, findings, reopening, challenge events
and their actions; the organisation's answer page; frameworks installed, copied and edited."""

from __future__ import annotations

import pytest
from django.test import Client

from assure.assessments.deadlines import deadlines
from assure.assessments.models import Framework, Query
from assure.meetings.models import TrackerAction
from assure.partnership.models import Group

from .conftest import rate, submit

pytestmark = pytest.mark.django_db

ALL_MET = {"1.1": "Met", "1.2": "Met", "2.1": "Met"}


def signed_in(agency) -> Client:
    client = Client()
    client.force_login(agency.member.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def submitted(agencies, return_of):
    alpha = agencies[0]
    return submit(alpha, rate(alpha, return_of(alpha), ALL_MET))


def url(tail: str) -> str:
    return f"/p/torbay/self-assessments/{tail}"


def test_a_reviewer_queries_a_rating_and_the_organisation_answers(submitted, agencies, client_as):
    rating = submitted.ratings.get(standard__number="1.2")
    page = client_as("auditor").get(url(f"returns/{submitted.pk}/")).content.decode()
    assert "Agree the rating" in page and "Query the rating" in page
    assert client_as("board").get(url(f"ratings/{rating.pk}/query/")).status_code == 403
    empty = client_as("auditor").post(url(f"ratings/{rating.pk}/query/"), {"question": ""})
    assert empty.status_code == 400
    assert "Enter your question for the organisation." in empty.content.decode()
    sent = client_as("auditor").post(
        url(f"ratings/{rating.pk}/query/"), {"question": "Which meeting saw the report?"}
    )
    assert sent.status_code == 302
    query = Query.objects.get(rating=rating)
    assert client_as("auditor").get(url(f"queries/{query.pk}/answer/")).status_code == 403
    assert signed_in(agencies[1]).get(url(f"queries/{query.pk}/answer/")).status_code == 403
    own = signed_in(agencies[0])
    assert "Answer the query" in own.get(url(f"returns/{submitted.pk}/")).content.decode()
    own.post(url(f"queries/{query.pk}/answer/"), {"answer": "The board on 3 June"})
    query.refresh_from_db()
    assert query.answer == "The board on 3 June"


def test_a_reviewer_agrees_a_different_rating_with_a_reason(submitted, client_as):
    rating = submitted.ratings.get(standard__number="2.1")
    not_met = submitted.round.framework.levels.get(label="Not met")
    refused = client_as("auditor").post(
        url(f"ratings/{rating.pk}/moderate/"), {"level": not_met.pk, "note": ""}
    )
    assert refused.status_code == 400
    assert "Say why the agreed rating differs" in refused.content.decode()
    client_as("auditor").post(
        url(f"ratings/{rating.pk}/moderate/"), {"level": not_met.pk, "note": "No figures"}
    )
    page = client_as("board").get(url(f"returns/{submitted.pk}/")).content.decode()
    assert "differs from the self rating" in page and "No figures" in page


def test_a_reviewer_reopens_a_return_with_a_reason_shown_in_its_changes(
    submitted, agencies, client_as
):
    assert signed_in(agencies[0]).get(url(f"returns/{submitted.pk}/reopen/")).status_code == 403
    client_as("auditor").post(url(f"returns/{submitted.pk}/reopen/"), {"reason": "Wrong year"})
    page = signed_in(agencies[0]).get(url(f"returns/{submitted.pk}/")).content.decode()
    assert "Continue the return" in page and "Wrong year" in page


def test_a_challenge_event_is_recorded_and_its_actions_tracked(
    torbay, sent, submitted, agencies, client_as
):
    group = Group.objects.filter(partnership=torbay).first()
    made = client_as("auditor").post(
        url(f"rounds/{sent.pk}/events/new/"),
        {
            "group": group.pk,
            "held_on": "2025-05-14",
            "organisations": [agencies[0].organisation.pk],
            "attendees": "Chair",
            "outcomes": "Figures to follow",
        },
    )
    assert made.status_code == 302
    added = client_as("auditor").post(
        made.url, {"text": "Send figures", "owner": agencies[0].lead.pk, "due_date": "2025-06-30"}
    )
    assert added.status_code == 302
    assert TrackerAction.objects.get(text="Send figures").owner == agencies[0].lead
    page = client_as("board").get(made.url).content.decode()
    assert "Send figures" in page and "Add an agreed action" not in page
    assert signed_in(agencies[0]).get(made.url).status_code == 403


def test_reviewers_install_copy_and_edit_frameworks(torbay, framework, sent, client_as):
    installed = client_as("auditor").post(
        url("frameworks/new/"), {"kind": "section175", "name": "Schools 2025"}
    )
    assert installed.status_code == 302
    assert Framework.objects.get(partnership=torbay, name="Schools 2025").kind == "section175"
    page = client_as("board").get(url(f"frameworks/{framework.pk}/")).content.decode()
    assert "A named lead" in page and "Copy for the next round" not in page
    copied = client_as("auditor").post(url(f"frameworks/{framework.pk}/copy/"), {"name": "Next"})
    copy = Framework.objects.get(partnership=torbay, name="Next")
    area = copy.areas.get(number="1")
    added = client_as("auditor").post(
        url(f"frameworks/{copy.pk}/standards/new/"),
        {"area": area.pk, "number": "1.3", "title": "Plans include safeguarding"},
    )
    assert copied.status_code == 302 and added.status_code == 302
    assert copy.standards().filter(number="1.3").exists()
    sent_one = client_as("auditor").post(
        url(f"frameworks/{framework.pk}/standards/new/"),
        {"area": framework.areas.first().pk, "number": "1.3", "title": "Too late"},
    )
    assert sent_one.status_code == 400 and "kept as sent" in sent_one.content.decode()
    outsider = client_as("outsider").get(f"/p/stockton/self-assessments/frameworks/{copy.pk}/")
    assert outsider.status_code == 404


def test_a_copy_is_renamed_and_a_standard_removed_from_it_but_not_from_a_sent_one(
    torbay, framework, sent, client_as
):
    client_as("auditor").post(url(f"frameworks/{framework.pk}/copy/"), {"name": "Copy"})
    copy = Framework.objects.get(partnership=torbay, name="Copy")
    renamed = client_as("auditor").post(
        url(f"frameworks/{copy.pk}/edit/"), {"name": "Tiny S11 2025/26", "description": "Next"}
    )
    assert renamed.status_code == 302
    copy.refresh_from_db()
    assert copy.name == "Tiny S11 2025/26"
    gone = copy.standards().get(number="1.2")
    client_as("auditor").post(url(f"frameworks/{copy.pk}/standards/{gone.pk}/remove/"))
    assert [s.number for s in copy.standards()] == ["1.1", "2.1"]
    kept = framework.standards().get(number="1.2")
    refused = client_as("auditor").post(
        url(f"frameworks/{framework.pk}/standards/{kept.pk}/remove/"), follow=True
    )
    assert "kept as sent" in refused.content.decode()
    assert framework.standards().filter(number="1.2").exists()
    chased = client_as("auditor").get(url(f"rounds/{sent.pk}/")).content.decode()
    assert "Last chased" in chased and "Never" in chased


def test_a_reviewer_names_who_leads_a_return_and_is_chased(sent, agencies, return_of, client_as):
    alpha, beta = agencies[0], agencies[1]
    assessment = return_of(alpha)
    changed = client_as("auditor").post(
        url(f"returns/{assessment.pk}/lead/"), {"lead": beta.lead.pk}
    )
    assert changed.status_code == 302
    (mine,) = [d for d in deadlines(sent.partnership) if d.object_id == assessment.pk]
    assert mine.person == beta.lead
    assert signed_in(alpha).get(url(f"returns/{assessment.pk}/lead/")).status_code == 403
