"""Where case reviews found each learning theme (for the partnership-wide count), and the
annual report's section on reviews and learning, public and internal."""

from __future__ import annotations

import datetime as dt

from assure.audits import learning as audits
from assure.reports.annual.reviews import reviews_section
from assure.reviews import learning, practice
from assure.reviews.models import Review

from .conftest import notify, sent


def test_every_theme_a_finding_names_is_found_on_its_day_with_its_source(torbay, make_incident):
    theme = audits.save_theme(None, torbay, None, name="Fathers unseen")
    review = practice.save_review(
        None,
        torbay,
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
    incident = notify(make_incident(torbay))
    practice.add_finding(
        None, incident=incident, text="Nor here.", found_on=dt.date(2021, 2, 1), themes=[theme]
    )
    found = sorted(f for f in learning.themes_found(torbay) if f[0] == theme.pk)
    assert found == [
        (theme.pk, dt.date(2021, 2, 1), f"Rapid review {incident.reference}"),
        (theme.pk, dt.date(2021, 9, 1), "National panel review NAT-T1"),
    ]


def test_the_annual_section_counts_notifications_and_suppresses_small_numbers(
    stockton, make_incident
):
    on_time = notify(make_incident(stockton), on=dt.date(2021, 1, 13))
    notify(make_incident(stockton), on=dt.date(2021, 1, 14))  # the sixth working day: late
    sent(make_incident(stockton))
    assert on_time.stage == "notified"
    internal = reviews_section(stockton, 2020, public=False)
    table = internal.tables[0]
    counts = dict(zip(table.column(""), table.column("Year"), strict=True))
    assert counts["Notified within five working days"] == "2"
    assert counts["Notified later"] == "1"
    assert counts["Notified"] == "3"
    assert counts["Rapid reviews sent to the panel"] == "1"
    public = reviews_section(stockton, 2020, public=True).tables[0]
    assert set(public.column("Year")) <= {"c", "0"}


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
