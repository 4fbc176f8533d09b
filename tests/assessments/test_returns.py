"""An organisation completes its return: drafts, the rules of submission, the lock on a
submitted return and the recorded reopening, and who sees and writes which return."""

from __future__ import annotations

import pytest

from assure.assessments import services
from assure.assessments.models import Return
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord

from .conftest import rate, submit


def test_a_draft_may_leave_standards_unrated_but_a_submission_may_not(agencies, return_of):
    alpha = agencies[0]
    assessment = rate(alpha, return_of(alpha), {"1.1": "Met"})
    assert assessment.status == Return.Status.DRAFT

    with pytest.raises(DomainError) as refused:
        submit(alpha, assessment)

    messages = [p.message for p in refused.value.problems]
    assert messages == ["Rate standard 1.2.", "Rate standard 2.1."]
    assessment.refresh_from_db()
    assert assessment.status == Return.Status.DRAFT and assessment.submitted_on is None


def test_a_standard_short_of_met_needs_an_action_and_not_applicable_a_reason(agencies, return_of):
    alpha = agencies[0]
    assessment = return_of(alpha)
    levels = {r.standard.number: r for r in assessment.ratings.select_related("standard")}
    partly = assessment.round.framework.levels.get(label="Partly met")
    na = assessment.round.framework.levels.get(label="N/A")
    met = assessment.round.framework.levels.get(label="Met")
    services.save_draft(
        alpha.member,
        assessment,
        {
            levels["1.1"].standard_id: services.Entry(level=partly),
            levels["1.2"].standard_id: services.Entry(level=na),
            levels["2.1"].standard_id: services.Entry(level=met),
        },
    )
    with pytest.raises(DomainError) as refused:
        submit(alpha, assessment)
    assert [p.message for p in refused.value.problems] == [
        "Say what you will do about standard 1.1.",
        "Say why standard 1.2 does not apply.",
    ]


def test_submission_names_the_senior_officer_who_signed_it_off(agencies, return_of):
    alpha = agencies[0]
    assessment = rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Met"})
    with pytest.raises(DomainError) as refused:
        services.submit_return(alpha.member, assessment, signed_off_by=" ", signed_off_role="")
    assert "Enter the senior officer who signed it off." in [
        p.message for p in refused.value.problems
    ]
    submitted = submit(alpha, assessment)
    assert submitted.is_submitted and submitted.signed_off_by == "Chief Executive"
    assert submitted.on_time


def test_a_submitted_return_is_locked_until_a_reviewer_reopens_it_with_a_reason(
    agencies, return_of, auditor
):
    alpha = agencies[0]
    assessment = submit(
        alpha, rate(alpha, return_of(alpha), {"1.1": "Met", "1.2": "Met", "2.1": "Met"})
    )
    with pytest.raises(DomainError, match="submitted, so it is locked"):
        rate(alpha, assessment, {"1.1": "Not met"})
    with pytest.raises(DomainError, match="Only the reviewers"):
        services.reopen_return(alpha.member, assessment, "I want to change 1.1")
    with pytest.raises(DomainError, match="Say why"):
        services.reopen_return(auditor, assessment, "  ")

    services.reopen_return(auditor, assessment, "The police asked to correct 1.1")

    record = ChangeRecord.objects.filter(object_type="assessments.return", object_id=assessment.pk)
    assert (
        record.filter(summary__contains="Reopened")
        .get()
        .summary.endswith("The police asked to correct 1.1")
    )
    rate(alpha, assessment, {"1.1": "Not met"})
    assert assessment.ratings.get(standard__number="1.1").level.label == "Not met"


def test_an_organisation_writes_only_its_own_return(agencies, return_of, auditor):
    alpha, beta = agencies[0], agencies[1]
    with pytest.raises(DomainError, match="Only Beta Care's own contributors"):
        rate(alpha, return_of(beta), {"1.1": "Met"})
    with pytest.raises(DomainError, match="Only Beta Care's own contributors"):
        services.save_draft(auditor, return_of(beta), {})  # reviewers moderate
    assert return_of(beta).status == Return.Status.NOT_STARTED


def test_bad_evidence_links_are_refused_at_their_field_and_nothing_is_saved(agencies, return_of):
    alpha = agencies[0]
    assessment = return_of(alpha)
    rating = assessment.ratings.get(standard__number="1.2")
    met = assessment.round.framework.levels.get(label="Met")
    with pytest.raises(DomainError) as refused:
        services.save_draft(
            alpha.member,
            assessment,
            {rating.standard_id: services.Entry(level=met, evidence_links="our policy folder")},
        )
    assert refused.value.field == f"links_{rating.standard_id}"
    assert "is not a web address" in refused.value.message
    rating.refresh_from_db()
    assert rating.level is None


def test_a_draft_saved_from_a_stale_page_does_not_undo_a_submission(agencies, return_of):
    """Two tabs: one submits, the other (loaded before) saves a draft after it."""
    alpha = agencies[0]
    ratings = {"1.1": "Met", "1.2": "Met", "2.1": "Met"}
    stale = rate(alpha, return_of(alpha), ratings)
    fresh = Return.objects.get(pk=stale.pk)
    submit(alpha, fresh)
    with pytest.raises(DomainError, match="submitted, so it is locked"):
        rate(alpha, stale, {"1.1": "Not met"})
    assert Return.objects.get(pk=stale.pk).is_submitted


def test_a_closed_rounds_returns_can_no_longer_be_written(agencies, return_of, sent, auditor):
    alpha = agencies[0]
    assessment = rate(alpha, return_of(alpha), {"1.1": "Met"})
    services.close_round(auditor.user, sent)
    with pytest.raises(DomainError, match="is closed"):
        rate(alpha, assessment, {"1.2": "Met"})
    with pytest.raises(DomainError, match="is closed"):
        submit(alpha, assessment)
