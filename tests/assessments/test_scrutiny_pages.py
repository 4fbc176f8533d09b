"""The reviewers' pages: querying and agreeing a rating, findings, reopening, challenge events
and their actions; the organisation's answer page; frameworks installed, copied and edited."""

from __future__ import annotations

import pytest

from assure.assessments.deadlines import deadlines
from assure.assessments.models import Framework, Query
from assure.meetings.models import TrackerAction
from tests.factories import GroupFactory, signed_in

from .conftest import rate, submit

ALL_MET = {"1.1": "Met", "1.2": "Met", "2.1": "Met"}


@pytest.fixture
def submitted(agencies, return_of):
    alpha = agencies[0]
    return submit(alpha, rate(alpha, return_of(alpha), ALL_MET))


def test_a_reviewer_queries_a_rating_and_the_organisation_answers(
    submitted, agencies, auditor, board, url
):
    rating = submitted.ratings.get(standard__number="1.2")
    page = signed_in(auditor).get(url(f"returns/{submitted.pk}/")).content.decode()
    assert "Agree the rating" in page and "Query the rating" in page
    assert signed_in(board).get(url(f"ratings/{rating.pk}/query/")).status_code == 403
    empty = signed_in(auditor).post(url(f"ratings/{rating.pk}/query/"), {"question": ""})
    assert empty.status_code == 400
    assert "Enter your question for the organisation." in empty.content.decode()
    sent = signed_in(auditor).post(
        url(f"ratings/{rating.pk}/query/"), {"question": "Which meeting saw the report?"}
    )
    assert sent.status_code == 302
    query = Query.objects.get(rating=rating)
    assert signed_in(auditor).get(url(f"queries/{query.pk}/answer/")).status_code == 403
    assert signed_in(agencies[1].member).get(url(f"queries/{query.pk}/answer/")).status_code == 403
    own = signed_in(agencies[0].member)
    assert "Answer the query" in own.get(url(f"returns/{submitted.pk}/")).content.decode()
    own.post(url(f"queries/{query.pk}/answer/"), {"answer": "The board on 3 June"})
    query.refresh_from_db()
    assert query.answer == "The board on 3 June"


def test_a_reviewer_agrees_a_different_rating_with_a_reason(submitted, auditor, board, url):
    rating = submitted.ratings.get(standard__number="2.1")
    not_met = submitted.round.framework.levels.get(label="Not met")
    refused = signed_in(auditor).post(
        url(f"ratings/{rating.pk}/moderate/"), {"level": not_met.pk, "note": ""}
    )
    assert refused.status_code == 400
    assert "Say why the agreed rating differs" in refused.content.decode()
    signed_in(auditor).post(
        url(f"ratings/{rating.pk}/moderate/"), {"level": not_met.pk, "note": "No figures"}
    )
    page = signed_in(board).get(url(f"returns/{submitted.pk}/")).content.decode()
    assert "differs from the self rating" in page and "No figures" in page


def test_a_reviewer_reopens_a_return_with_a_reason_shown_in_its_changes(
    submitted, agencies, auditor, url
):
    assert (
        signed_in(agencies[0].member).get(url(f"returns/{submitted.pk}/reopen/")).status_code == 403
    )
    signed_in(auditor).post(url(f"returns/{submitted.pk}/reopen/"), {"reason": "Wrong year"})
    page = signed_in(agencies[0].member).get(url(f"returns/{submitted.pk}/")).content.decode()
    assert "Continue the return" in page and "Wrong year" in page


def test_a_challenge_event_is_recorded_and_its_actions_tracked(
    partnership, sent, submitted, agencies, auditor, board, url
):
    group = GroupFactory(partnership=partnership)
    made = signed_in(auditor).post(
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
    added = signed_in(auditor).post(
        made.url, {"text": "Send figures", "owner": agencies[0].lead.pk, "due_date": "2025-06-30"}
    )
    assert added.status_code == 302
    assert TrackerAction.objects.get(text="Send figures").owner == agencies[0].lead
    page = signed_in(board).get(made.url).content.decode()
    assert "Send figures" in page and "Add an agreed action" not in page
    assert signed_in(agencies[0].member).get(made.url).status_code == 403
    # The round page names the event to everyone, and links it only for those it opens to.
    round_page = url(f"rounds/{sent.pk}/")
    theirs = signed_in(agencies[0].member).get(round_page).content.decode()
    assert "shared with the partnership's reviewers" in theirs and made.url not in theirs
    assert made.url in signed_in(board).get(round_page).content.decode()


def test_reviewers_install_copy_and_edit_frameworks(
    partnership, framework, sent, auditor, board, outsider, url
):
    installed = signed_in(auditor).post(
        url("frameworks/new/"), {"kind": "section175", "name": "Schools 2025"}
    )
    assert installed.status_code == 302
    assert Framework.objects.get(partnership=partnership, name="Schools 2025").kind == "section175"
    page = signed_in(board).get(url(f"frameworks/{framework.pk}/")).content.decode()
    assert "A named lead" in page and "Copy for the next round" not in page
    copied = signed_in(auditor).post(url(f"frameworks/{framework.pk}/copy/"), {"name": "Next"})
    copy = Framework.objects.get(partnership=partnership, name="Next")
    area = copy.areas.get(number="1")
    added = signed_in(auditor).post(
        url(f"frameworks/{copy.pk}/standards/new/"),
        {"area": area.pk, "number": "1.3", "title": "Plans include safeguarding"},
    )
    assert copied.status_code == 302 and added.status_code == 302
    assert copy.standards().filter(number="1.3").exists()
    sent_one = signed_in(auditor).post(
        url(f"frameworks/{framework.pk}/standards/new/"),
        {"area": framework.areas.first().pk, "number": "1.3", "title": "Too late"},
    )
    assert sent_one.status_code == 400 and "kept as sent" in sent_one.content.decode()
    theirs = f"/p/{outsider.partnership.slug}/self-assessments/frameworks/{copy.pk}/"
    assert signed_in(outsider).get(theirs).status_code == 404


def test_a_copy_is_renamed_and_a_standard_removed_from_it_but_not_from_a_sent_one(
    partnership, framework, sent, auditor, url
):
    signed_in(auditor).post(url(f"frameworks/{framework.pk}/copy/"), {"name": "Copy"})
    copy = Framework.objects.get(partnership=partnership, name="Copy")
    renamed = signed_in(auditor).post(
        url(f"frameworks/{copy.pk}/edit/"), {"name": "Tiny S11 2025/26", "description": "Next"}
    )
    assert renamed.status_code == 302
    copy.refresh_from_db()
    assert copy.name == "Tiny S11 2025/26"
    gone = copy.standards().get(number="1.2")
    signed_in(auditor).post(url(f"frameworks/{copy.pk}/standards/{gone.pk}/remove/"))
    assert [s.number for s in copy.standards()] == ["1.1", "2.1"]
    kept = framework.standards().get(number="1.2")
    refused = signed_in(auditor).post(
        url(f"frameworks/{framework.pk}/standards/{kept.pk}/remove/"), follow=True
    )
    assert "kept as sent" in refused.content.decode()
    assert framework.standards().filter(number="1.2").exists()
    chased = signed_in(auditor).get(url(f"rounds/{sent.pk}/")).content.decode()
    assert "Last chased" in chased and "Never" in chased


def test_a_reviewer_names_who_leads_a_return_and_is_chased(sent, agencies, return_of, auditor, url):
    alpha, beta = agencies[0], agencies[1]
    assessment = return_of(alpha)
    changed = signed_in(auditor).post(url(f"returns/{assessment.pk}/lead/"), {"lead": beta.lead.pk})
    assert changed.status_code == 302
    (mine,) = [d for d in deadlines(sent.partnership) if d.object_id == assessment.pk]
    assert mine.person == beta.lead
    assert signed_in(alpha.member).get(url(f"returns/{assessment.pk}/lead/")).status_code == 403
