"""The tables the board pack can carry: open case review deadlines as at a date, and the
recommendations with their actions' latest ratings and evidence of impact."""

from __future__ import annotations

import datetime as dt

from assure.reviews import recommendations
from assure.reviews.exports import clocks_table, recommendations_table

from .conftest import dip_sampled, notify, practice_review, rated_action, recommended


def test_open_deadlines_say_late_in_words_and_link_to_their_page(partnership, make_incident):
    incident = notify(make_incident(partnership))  # the rapid review was due on 1 February 2021
    table = clocks_table(partnership, as_at=dt.date(2021, 2, 2))
    [row] = [r for r in table.rows if incident.reference in r[0].text]
    assert [c.text for c in row[1:3]] == ["1 Feb 2021", "Overdue"]
    assert row[2].said == "Overdue"
    assert row[0].href == f"/p/{partnership.slug}/case-reviews/incidents/{incident.pk}/"


def test_recommendations_show_their_actions_ratings_and_evidence(
    partnership, make_incident, people
):
    review = practice_review(make_incident(partnership), title="Child Q: neglect")
    met = recommended(review, "R1")
    rated_action(met, "LR1.1", "green", people("owner").person)
    dip_sampled(met, "Dip sampling of neglect cases")
    recommendations.close_recommendation(None, met)
    recommended(review, "R3", text="Supervision missed the drift.")
    table = recommendations_table(partnership)
    rows = {r[0].text: [c.text for c in r] for r in table.rows}
    assert rows["LCSPR-R1 Child Q: neglect: R1"][2:] == ["LR1.1 Green", "Yes", "Met"]
    assert rows["LCSPR-R1 Child Q: neglect: R3"][2:] == ["None yet", "Not yet", "Open"]
