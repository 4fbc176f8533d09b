"""Scrutiny and challenge: queries answered by the organisation, moderated ratings kept beside
the self ratings, findings tagged with learning themes, and challenge events whose agreed
actions are rows of the action tracker."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.assessments import learning, results, scrutiny
from assure.core.errors import DomainError
from assure.meetings.models import TrackerAction
from tests.factories import GroupFactory, LearningThemeFactory, OrganisationFactory

from .conftest import level, rate, submit

ALL_MET = {"1.1": "Met", "1.2": "Met", "2.1": "Met"}


@pytest.fixture
def submitted(agencies, return_of):
    alpha = agencies[0]
    return submit(alpha, rate(alpha, return_of(alpha), ALL_MET))


def test_moderated_and_self_ratings_are_both_kept_and_the_agreed_one_counts(submitted, auditor):
    rating = submitted.ratings.get(standard__number="2.1")
    with pytest.raises(DomainError, match="Say why the agreed rating differs"):
        scrutiny.moderate_rating(auditor, rating, level=level(submitted, "Partly met"), note="")

    scrutiny.moderate_rating(
        auditor, rating, level=level(submitted, "Partly met"), note="Only 60% trained"
    )

    rating.refresh_from_db()
    assert rating.level.label == "Met" and rating.moderated_level.label == "Partly met"
    assert [r.standard.number for r in results.differences(submitted)] == ["2.1"]
    row = {r.standard.number: r for r in results.summary(submitted.round).rows}["2.1"]
    assert row.counts["partly"] == 1 and row.counts["met"] == 0
    report = results.organisation_table(submitted)
    assert report.column("Self rating")[2] == "Met"
    assert report.column("Agreed rating")[2] == "Partly met: Only 60% trained"


def test_scrutiny_waits_for_submission_and_is_the_reviewers(agencies, return_of, auditor, board):
    alpha = agencies[0]
    draft = rate(alpha, return_of(alpha), {"1.1": "Met"})
    rating = draft.ratings.get(standard__number="1.1")
    with pytest.raises(DomainError, match="once the organisation has submitted"):
        scrutiny.query_rating(auditor, rating, "Who is the lead?")
    submit(alpha, rate(alpha, draft, ALL_MET))
    with pytest.raises(DomainError, match="Only the reviewers"):
        scrutiny.query_rating(alpha.member, rating, "Who is the lead?")
    with pytest.raises(DomainError, match="Only the reviewers"):
        scrutiny.moderate_rating(board, rating, level=None, note="")


def test_a_query_is_answered_by_the_organisation_asked_only(submitted, agencies, auditor):
    rating = submitted.ratings.get(standard__number="1.2")
    query = scrutiny.query_rating(auditor, rating, "When did the board last see it?")
    assert query.is_open
    with pytest.raises(DomainError, match="Only the organisation asked"):
        scrutiny.answer_query(agencies[1].member, query, "In May")
    scrutiny.answer_query(agencies[0].member, query, "At its May meeting")
    query.refresh_from_db()
    assert query.answer == "At its May meeting" and not query.is_open
    rating.refresh_from_db()
    assert rating.level.label == "Met"  # answering does not change the submitted rating


def test_challenge_event_actions_are_rows_of_the_groups_tracker(
    partnership, sent, submitted, agencies, auditor
):
    group = GroupFactory(partnership=partnership)
    theme = LearningThemeFactory(partnership=partnership)
    event = scrutiny.record_challenge_event(
        auditor,
        sent,
        group=group,
        held_on=dt.date(2025, 5, 14),
        attendees="Chair\nAlpha Trust's lead",
        outcomes="Alpha Trust to evidence training figures.",
        organisations=[agencies[0].organisation],
        themes=[theme],
    )
    action = scrutiny.agree_action(
        auditor,
        event,
        text="Send the training figures to the sub-group",
        owner=agencies[0].lead,
        due_date=dt.date(2025, 7, 31),
    )
    tracked = TrackerAction.objects.get(pk=action.pk)
    assert tracked.meeting.group == group and tracked.meeting.held_on == dt.date(2025, 5, 14)
    assert tracked.owner == agencies[0].lead and tracked.is_open
    assert list(event.actions.all()) == [tracked]
    found = learning.themes_found(partnership)
    assert (theme.pk, dt.date(2025, 5, 14), "Tiny S11 2024/25 challenge event") in found


def test_a_challenge_event_names_organisations_asked_in_the_round(partnership, sent, auditor):
    stranger = OrganisationFactory(partnership=partnership)  # not asked for a return
    with pytest.raises(DomainError, match="asked for a return in this round"):
        scrutiny.record_challenge_event(
            auditor,
            sent,
            group=GroupFactory(partnership=partnership),
            held_on=dt.date(2025, 5, 14),
            attendees="Chair",
            outcomes="Noted",
            organisations=[stranger],
        )
    with pytest.raises(DomainError, match="Choose one from this partnership"):
        scrutiny.record_challenge_event(
            auditor,
            sent,
            group=GroupFactory(),  # of a partnership of its own
            held_on=dt.date(2025, 5, 14),
            attendees="Chair",
            outcomes="Noted",
            organisations=[],
        )


def test_findings_tag_learning_themes_dated_the_day_the_return_came(
    partnership, submitted, auditor
):
    theme = LearningThemeFactory(partnership=partnership)
    scrutiny.record_findings(auditor, submitted, note="Training below target", themes=[theme])
    assert (theme.pk, submitted.submitted_on, "Tiny S11 2024/25 return: Alpha Trust") in (
        learning.themes_found(partnership)
    )
