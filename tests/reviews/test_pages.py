"""The pages of a review as the demo holds them, and the learning briefings in Word and PDF."""

from __future__ import annotations

import io

import pytest
from docx import Document

from assure.audits import learning
from assure.audits.models import LearningTheme
from assure.reviews.models import Incident, Review


@pytest.fixture
def auditor(client_as):
    return client_as("auditor")


def test_the_list_shows_every_incident_and_its_next_deadline(torbay, auditor):
    page = auditor.get("/p/torbay/case-reviews/").content.decode()
    for incident in Incident.objects.filter(partnership=torbay):
        assert incident.reference in page
    assert "Notification due" in page
    assert "Rapid review due at the national panel" in page


def test_each_stage_has_its_page(torbay, auditor):
    for incident in Incident.objects.filter(partnership=torbay):
        page = auditor.get(f"/p/torbay/case-reviews/incidents/{incident.pk}/")
        assert page.status_code == 200
        assert incident.child_reference in page.content.decode()
    for review in Review.objects.filter(partnership=torbay):
        assert auditor.get(f"/p/torbay/case-reviews/reviews/{review.pk}/").status_code == 200
    assert auditor.get("/p/torbay/case-reviews/themes/").status_code == 200


def test_a_recommendation_shows_its_actions_ratings_and_evidence(torbay, auditor):
    review = Review.objects.get(partnership=torbay, reference="LCSPR-2021-01")
    recommendation = review.findings.first().recommendations.get(reference="R1")
    page = auditor.get(f"/p/torbay/case-reviews/recommendations/{recommendation.pk}/")
    text = page.content.decode()
    assert "LR1.1" in text and "Green" in text
    assert "Dip sampling of child exploitation cases" in text
    assert "Met" in text


def test_closing_without_evidence_says_why_on_the_page(torbay, auditor):
    review = Review.objects.get(partnership=torbay, reference="LCSPR-2021-01")
    recommendation = review.findings.last().recommendations.get(reference="R3")
    response = auditor.post(
        f"/p/torbay/case-reviews/recommendations/{recommendation.pk}/close/", follow=True
    )
    assert "only with evidence" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == "open"


def test_the_learning_briefing_is_a_word_document_and_a_pdf(torbay, auditor):
    review = Review.objects.get(partnership=torbay, reference="LCSPR-2021-01")
    word = auditor.get(f"/p/torbay/case-reviews/reviews/{review.pk}/briefing.docx")
    assert word.status_code == 200
    document = Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Learning briefing: Child M: cumulative neglect" in text
    assert "No one put it together" in text or "put it together" in text
    pdf = auditor.get(f"/p/torbay/case-reviews/reviews/{review.pk}/briefing.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_theme_has_a_briefing_and_another_partnerships_theme_is_not_found(
    torbay, stockton, auditor
):
    theme = LearningTheme.objects.get(
        partnership=torbay, name="Recognising and responding to neglect"
    )
    word = auditor.get(f"/p/torbay/case-reviews/themes/{theme.pk}/briefing.docx")
    assert word.status_code == 200
    theirs = learning.save_theme(None, stockton, None, name="Stockton's own theme")
    assert (
        auditor.get(f"/p/torbay/case-reviews/themes/{theirs.pk}/briefing.docx").status_code == 404
    )


def test_a_reference_with_a_quote_or_a_line_break_still_downloads(torbay, auditor):
    review = Review.objects.get(partnership=torbay, reference="LCSPR-2021-01")
    Review.objects.filter(pk=review.pk).update(reference='LCSPR "M"\r\n2021')
    word = auditor.get(f"/p/torbay/case-reviews/reviews/{review.pk}/briefing.docx")
    assert word.status_code == 200
    assert "\n" not in word["Content-Disposition"]
    assert word["Content-Disposition"].startswith("attachment")
