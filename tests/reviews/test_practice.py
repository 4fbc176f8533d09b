"""A practice review's own record: its terms of reference edited, milestones and delays,
and a publication that only its own step records."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.core.errors import DomainError
from assure.reviews import practice, services
from assure.reviews.models import Review

from .conftest import sent


@pytest.fixture
def review(partnership, make_incident) -> Review:
    return services.start_practice_review(
        None,
        sent(make_incident(partnership)),
        reference="LCSPR-P1",
        title="Child Q",
        reviewer="",
        lead=None,
        terms_of_reference="",
    )


def test_the_terms_of_reference_are_edited_on_the_page(signed_in_as, home, review):
    auditor = signed_in_as("auditor")
    path = f"{home}case-reviews/reviews/{review.pk}/edit/"
    form = auditor.get(path).content.decode()
    assert 'name="published_on"' not in form  # published by its own step
    response = auditor.post(
        path, {"reference": "LCSPR-P1", "title": "Child Q", "terms_of_reference": "How?"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.terms_of_reference == "How?"


def test_a_practice_review_is_published_only_by_publishing_it(review):
    with pytest.raises(DomainError) as refused:
        practice.save_review(
            None,
            review.partnership,
            review,
            reference="LCSPR-P1",
            title="Child Q",
            published_on=dt.date(2021, 6, 1),
        )
    assert refused.value.field == "published_on"
    practice.publish_review(None, review, published_on=dt.date(2021, 6, 1), report="A link")
    with pytest.raises(DomainError, match="was published on 1 June 2021"):
        practice.record_delay(
            None,
            review,
            reason="Late",
            expected_on=dt.date(2021, 9, 1),
            recorded_on=dt.date(2021, 7, 1),
        )


def test_a_delay_gives_its_reason_and_a_later_date(review):
    with pytest.raises(DomainError) as refused:
        practice.record_delay(
            None,
            review,
            reason=" ",
            expected_on=dt.date(2021, 9, 1),
            recorded_on=dt.date(2021, 7, 1),
        )
    assert refused.value.field == "reason"
    with pytest.raises(DomainError) as refused:
        practice.record_delay(
            None,
            review,
            reason="Trial",
            expected_on=dt.date(2021, 6, 1),
            recorded_on=dt.date(2021, 7, 1),
        )
    assert refused.value.field == "expected_on"


def test_a_local_practice_review_is_not_recorded_without_its_rapid_review(
    partnership, signed_in_as, home
):
    with pytest.raises(DomainError) as refused:
        practice.save_review(
            None, partnership, None, reference="LCSPR-P2", kind=Review.Kind.LCSPR, title="x"
        )
    assert refused.value.field == "kind"
    form = signed_in_as("auditor").get(f"{home}case-reviews/reviews/new/").content.decode()
    assert 'value="lcspr"' not in form
