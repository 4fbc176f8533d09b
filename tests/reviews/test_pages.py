"""The pages of a case review at each stage, a recommendation's page, and the learning
briefings in Word and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from assure.reviews import practice, recommendations, services
from assure.reviews.models import Incident, Review
from tests.factories import LearningThemeFactory

from .conftest import dip_sampled, notify, practice_review, rated_action, recommended, sent


@pytest.fixture
def auditor(signed_in_as):
    return signed_in_as("auditor")


@pytest.fixture
def incidents(partnership, make_incident) -> list[Incident]:
    """An incident at every stage: recorded, notified, under and past a practice review, and
    closed with none."""
    published = practice_review(make_incident(partnership))
    practice.publish_review(None, published, published_on=dt.date(2021, 6, 1), report="A link")
    closed = sent(make_incident(partnership, child_reference="Child R"), decision="no_lcspr")
    services.close_incident(None, closed)
    practice_review(make_incident(partnership, child_reference="Child S"), reference="LCSPR-R2")
    notify(make_incident(partnership, child_reference="Child T"))
    make_incident(partnership, child_reference="Child U")
    practice.save_review(
        None,
        partnership,
        None,
        reference="NAT-T1",
        kind=Review.Kind.NATIONAL,
        title="The myth of invisible men",
        source="The national panel",
    )
    return list(Incident.objects.filter(partnership=partnership))


@pytest.fixture
def review(partnership, make_incident) -> Review:
    """A practice review, titled Child Q: neglect, with a finding."""
    made = practice_review(make_incident(partnership))
    recommended(made, "R1", text="No one put it together.")
    return made


def test_the_list_shows_every_incident_and_its_next_deadline(home, auditor, incidents):
    page = auditor.get(f"{home}case-reviews/").content.decode()
    for incident in incidents:
        assert incident.reference in page
    assert "Notification due" in page
    assert "Rapid review due at the national panel" in page


def test_each_stage_has_its_page(partnership, home, auditor, incidents):
    stages = {i.stage for i in incidents}
    assert stages == {"recorded", "notified", "practice_review", "published", "closed"}
    for incident in incidents:
        page = auditor.get(f"{home}case-reviews/incidents/{incident.pk}/")
        assert page.status_code == 200
        assert incident.child_reference in page.content.decode()
    for review in Review.objects.filter(partnership=partnership):
        assert auditor.get(f"{home}case-reviews/reviews/{review.pk}/").status_code == 200
    assert auditor.get(f"{home}case-reviews/themes/").status_code == 200


def test_a_recommendation_shows_its_actions_ratings_and_evidence(
    home, auditor, recommendation, people
):
    rated_action(recommendation, "LR1.1", "green", people("owner").person)
    dip_sampled(recommendation, "Dip sampling of child exploitation cases")
    recommendations.close_recommendation(None, recommendation)
    page = auditor.get(f"{home}case-reviews/recommendations/{recommendation.pk}/")
    text = page.content.decode()
    assert "LR1.1" in text and "Green" in text
    assert "Dip sampling of child exploitation cases" in text
    assert "Met" in text


def test_closing_without_evidence_says_why_on_the_page(home, auditor, recommendation):
    response = auditor.post(
        f"{home}case-reviews/recommendations/{recommendation.pk}/close/", follow=True
    )
    assert "only with evidence" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == "open"


def test_the_learning_briefing_is_a_word_document_and_a_pdf(home, auditor, review):
    word = auditor.get(f"{home}case-reviews/reviews/{review.pk}/briefing.docx")
    assert word.status_code == 200
    document = Document(io.BytesIO(word.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Learning briefing: Child Q: neglect" in text
    assert "No one put it together" in text
    pdf = auditor.get(f"{home}case-reviews/reviews/{review.pk}/briefing.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_theme_has_a_briefing_and_another_partnerships_theme_is_not_found(
    partnership, home, auditor
):
    theme = LearningThemeFactory(partnership=partnership, name="Recognising neglect")
    word = auditor.get(f"{home}case-reviews/themes/{theme.pk}/briefing.docx")
    assert word.status_code == 200
    theirs = LearningThemeFactory(name="Another partnership's own theme")
    assert auditor.get(f"{home}case-reviews/themes/{theirs.pk}/briefing.docx").status_code == 404


def test_a_reference_with_a_quote_or_a_line_break_still_downloads(home, auditor, review):
    Review.objects.filter(pk=review.pk).update(reference='LCSPR "M"\r\n2021')
    word = auditor.get(f"{home}case-reviews/reviews/{review.pk}/briefing.docx")
    assert word.status_code == 200
    assert "\n" not in word["Content-Disposition"]
    assert word["Content-Disposition"].startswith("attachment")
