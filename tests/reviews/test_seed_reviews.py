"""What the demo holds of Torbay's case reviews, loaded through the services: an incident at
every stage, the late police summary, Child M's recommendations in the board pack's table and
on their page, and the annual report's practice reviews of 2021; Stockton has none."""

from __future__ import annotations

import datetime as dt

import pytest

from assure.reports.annual.reviews import reviews_section
from assure.reviews.deadlines import deadlines
from assure.reviews.exports import recommendations_table
from assure.reviews.models import Incident, Review

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_has_an_incident_at_every_stage_but_one(torbay, stockton):
    stages = set(Incident.objects.filter(partnership=torbay).values_list("stage", flat=True))
    assert stages == {"recorded", "notified", "practice_review", "published", "closed"}
    kinds = set(Review.objects.filter(partnership=torbay).values_list("kind", flat=True))
    assert kinds == {"lcspr", "scr", "national", "other_partnership", "complaint"}
    assert not Incident.objects.filter(partnership=stockton).exists()


def test_the_police_summary_is_late_and_its_writer_reminded(torbay, membership):
    police = membership("owner").person
    late = [
        d for d in deadlines(torbay) if d.person == police and d.state(dt.date.today()) == "overdue"
    ]
    assert late and "Summary of involvement from Devon and Cornwall Police" in late[0].label


def test_child_ms_recommendations_show_their_actions_ratings_and_evidence(torbay):
    table = recommendations_table(torbay)
    rows = {r[0].text: [c.text for c in r] for r in table.rows}
    met = rows["LCSPR-2021-01 Child M: cumulative neglect: R1"]
    assert met[2:] == ["LR1.1 Green", "Yes", "Met"]
    assert rows["LCSPR-2021-01 Child M: cumulative neglect: R3"][2:] == [
        "None yet",
        "Not yet",
        "Open",
    ]


def test_child_ms_recommendation_page_shows_its_action_rating_and_evidence(torbay, client_as):
    review = Review.objects.get(partnership=torbay, reference="LCSPR-2021-01")
    recommendation = review.findings.first().recommendations.get(reference="R1")
    page = client_as("auditor").get(f"/p/torbay/case-reviews/recommendations/{recommendation.pk}/")
    text = page.content.decode()
    assert "LR1.1" in text and "Green" in text
    assert "Dip sampling of child exploitation cases" in text
    assert "Met" in text


def test_the_annual_section_lists_the_practice_reviews_of_the_year(torbay):
    section = reviews_section(torbay, 2021, public=True)
    practice_reviews = next(t for t in section.tables if t.caption.startswith("Practice reviews"))
    rows = practice_reviews.column("Review")
    assert "LCSPR-2021-01 Child M: cumulative neglect" in rows
    row = practice_reviews.rows[rows.index("LCSPR-2021-01 Child M: cumulative neglect")]
    assert [c.text for c in row[-2:]] == ["3", "1"]
    assert "Published 20 May 2021" in row[2].text
    themes = next(t for t in section.tables if t.caption.startswith("Learning themes"))
    assert "Recognising and responding to neglect" in themes.column("Theme")
