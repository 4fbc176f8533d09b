"""Where case reviews found each learning theme (for the partnership-wide count), and the
annual report's section on reviews and learning, public and internal."""

from __future__ import annotations

import datetime as dt

from assure.audits import learning as audits
from assure.reports.annual.reviews import reviews_section
from assure.reviews import learning, practice, recommendations
from assure.reviews.models import Review

from .conftest import dip_sampled, notify, practice_review, rated_action, recommended, sent


def test_every_theme_a_finding_names_is_found_on_its_day_with_its_source(
    partnership, make_incident
):
    theme = audits.save_theme(None, partnership, None, name="Fathers unseen")
    review = practice.save_review(
        None,
        partnership,
        None,
        reference="NAT-T1",
        kind=Review.Kind.NATIONAL,
        title="The myth of invisible men",
        source="The national panel",
    )
    practice.add_finding(
        None,
        review=review,
        text="Fathers were not seen.",
        found_on=dt.date(2021, 9, 1),
        themes=[theme],
    )
    incident = notify(make_incident(partnership))
    practice.add_finding(
        None, incident=incident, text="Nor here.", found_on=dt.date(2021, 2, 1), themes=[theme]
    )
    found = sorted(f for f in learning.themes_found(partnership) if f[0] == theme.pk)
    assert found == [
        (theme.pk, dt.date(2021, 2, 1), f"Rapid review {incident.reference}"),
        (theme.pk, dt.date(2021, 9, 1), "National panel review NAT-T1"),
    ]


def test_the_annual_section_counts_notifications_and_suppresses_small_numbers(
    partnership, make_incident
):
    on_time = notify(make_incident(partnership), on=dt.date(2021, 1, 13))
    notify(make_incident(partnership), on=dt.date(2021, 1, 14))  # the sixth working day: late
    sent(make_incident(partnership))
    assert on_time.stage == "notified"
    internal = reviews_section(partnership, 2020, public=False)
    table = internal.tables[0]
    counts = dict(zip(table.column(""), table.column("Year"), strict=True))
    assert counts["Notified within five working days"] == "2"
    assert counts["Notified later"] == "1"
    assert counts["Notified"] == "3"
    assert counts["Rapid reviews sent to the panel"] == "1"
    public = reviews_section(partnership, 2020, public=True).tables[0]
    assert set(public.column("Year")) <= {"c", "0"}


def test_the_annual_section_lists_the_practice_reviews_of_the_year(
    partnership, make_incident, people
):
    theme = audits.save_theme(None, partnership, None, name="Recognising neglect")
    review = practice_review(make_incident(partnership), title="Child Q: neglect")
    practice.add_finding(
        None, review=review, text="Drift.", found_on=dt.date(2021, 5, 1), themes=[theme]
    )
    met = recommended(review, "R1")
    rated_action(met, "LR1.1", "green", people("owner").person)
    dip_sampled(met, "Dip sampling of neglect cases")
    recommendations.close_recommendation(None, met)
    recommended(review, "R2")
    recommended(review, "R3")
    practice.publish_review(None, review, published_on=dt.date(2021, 5, 20), report="A link")
    section = reviews_section(partnership, 2021, public=True)
    practice_reviews = next(t for t in section.tables if t.caption.startswith("Practice reviews"))
    rows = practice_reviews.column("Review")
    assert "LCSPR-R1 Child Q: neglect" in rows
    row = practice_reviews.rows[rows.index("LCSPR-R1 Child Q: neglect")]
    assert [c.text for c in row[-2:]] == ["3", "1"]
    assert "Published 20 May 2021" in row[2].text
    themes = next(t for t in section.tables if t.caption.startswith("Learning themes"))
    assert "Recognising neglect" in themes.column("Theme")
