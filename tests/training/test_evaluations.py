"""Evaluation links: unguessable, kept only as a digest, opened without signing in, answered
once (a second submit gets a clear page, never an error)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from assure.core.errors import DomainError
from assure.training import evaluations
from assure.training.models import Evaluation, EvaluationLink, Stage
from tests.factories import PartnershipFactory

ON_THE_DAY = dt.date(2024, 3, 12)


def issue(session, stage=Stage.AFTER, today=ON_THE_DAY):
    return evaluations.issue_links(None, session, stage, today)


def test_a_link_per_attendee_who_came_kept_only_as_a_digest(session, attended):
    issued = issue(session)
    assert sorted(i.attendance.name for i in issued) == [
        "Police constable C",
        "Social worker A",
        "Social worker B",
    ]
    tokens = [i.token for i in issued]
    assert len(set(tokens)) == 3 and all(len(t) >= 40 for t in tokens)
    stored = set(
        EvaluationLink.objects.filter(attendance__session=session).values_list("digest", flat=True)
    )
    assert not stored & set(tokens)
    assert stored == {evaluations.digest_of(t) for t in tokens}
    assert issue(session) == []  # one link per attendee and stage


def test_one_answer_per_token(session, attended):
    link = issue(session)[0].link
    evaluations.answer(link, ON_THE_DAY, confidence=[3, 4])
    with pytest.raises(evaluations.AlreadyAnswered):
        evaluations.answer(link, ON_THE_DAY, confidence=[5, 5])
    assert Evaluation.objects.get(link=link).confidence == [3, 4]


def test_each_stage_opens_and_closes_on_its_day(session, attended):
    with pytest.raises(DomainError, match="open on 12 March 2024"):
        issue(session, Stage.AFTER, ON_THE_DAY - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="the questions before it are closed"):
        issue(session, Stage.BEFORE, ON_THE_DAY + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="open on 12 June 2024"):
        issue(session, Stage.FOLLOW_UP, dt.date(2024, 6, 11))


def test_a_rating_out_of_the_scale_is_refused(session, attended):
    link = issue(session)[0].link
    with pytest.raises(DomainError) as refused:
        evaluations.answer(link, ON_THE_DAY, confidence=[3, 9])
    assert refused.value.field == "outcome_1"
    assert not Evaluation.objects.filter(link=link).exists()


def url(session, token):
    return f"/p/{session.course.partnership.slug}/evaluate/{token}/"


def test_the_form_opens_without_signing_in_and_takes_one_answer(session, attended, settings):
    token = issue(session)[0].token
    visitor = Client()
    page = visitor.get(url(session, token))
    assert page.status_code == 200
    assert "Spot neglect" in page.content.decode()
    empty = visitor.post(url(session, token), {})
    assert empty.status_code == 400
    assert "Choose how confident you are: Spot neglect" in empty.content.decode()
    mine = Evaluation.objects.filter(link__attendance__session=session)
    assert not mine.exists()  # nothing half-saved
    sent = visitor.post(url(session, token), {"outcome_0": "4", "outcome_1": "5"})
    assert sent.status_code == 200 and "Thank you" in sent.content.decode()
    again = visitor.post(url(session, token), {"outcome_0": "1", "outcome_1": "1"})
    assert again.status_code == 409
    assert "You have already answered" in again.content.decode()
    assert [e.confidence for e in mine] == [[4, 5]]


def test_an_unknown_or_other_partnerships_token_is_not_recognised(session, attended):
    token = issue(session)[0].token
    visitor = Client()
    assert visitor.get(url(session, token[:-2] + "xx")).status_code == 404
    other = visitor.get(f"/p/{PartnershipFactory().slug}/evaluate/{token}/")
    assert other.status_code == 404
    assert "not recognised" in other.content.decode()


def test_the_follow_up_asks_for_an_example_when_practice_changed(session, attended):
    token = issue(session, Stage.FOLLOW_UP, dt.date(2024, 6, 12))[0].token
    visitor = Client()
    with_no_example = visitor.post(url(session, token), {"practice_changed": "yes"})
    # the form is answered on the real today, long after the follow-up opened
    assert with_no_example.status_code == 400
    assert "Give an example of how your practice has changed." in with_no_example.content.decode()
    done = visitor.post(
        url(session, token), {"practice_changed": "yes", "example": "I record the child's words."}
    )
    assert done.status_code == 200
    assert Evaluation.objects.get(link__attendance__session=session).practice_changed is True


def test_a_before_link_opened_after_the_session_says_it_is_closed(session, attended):
    token = issue(session, Stage.BEFORE)[0].token
    visitor = Client()
    page = visitor.get(url(session, token)).content.decode()
    assert "the questions before it are closed" in page
    assert "Send my answers" not in page
    late = visitor.post(url(session, token), {"outcome_0": "3", "outcome_1": "3"})
    assert late.status_code == 400
    assert not Evaluation.objects.filter(link__attendance__session=session).exists()
