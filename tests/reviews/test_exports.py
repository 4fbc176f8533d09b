"""The tables the board pack can carry: open case review deadlines as at a date, and the
recommendations with their actions' latest ratings and evidence of impact."""

from __future__ import annotations

import datetime as dt

from assure.reviews.exports import clocks_table, recommendations_table

from .conftest import notify


def test_open_deadlines_say_late_in_words_and_link_to_their_page(torbay, make_incident):
    incident = notify(make_incident(torbay))  # the rapid review was due on 1 February 2021
    table = clocks_table(torbay, as_at=dt.date(2021, 2, 2))
    [row] = [r for r in table.rows if incident.reference in r[0].text]
    assert [c.text for c in row[1:3]] == ["1 Feb 2021", "Overdue"]
    assert row[2].said == "Overdue"
    assert row[0].href == f"/p/torbay/case-reviews/incidents/{incident.pk}/"


def test_recommendations_show_their_actions_ratings_and_evidence(torbay):
    table = recommendations_table(torbay)
    rows = {r[0].text: [c.text for c in r] for r in table.rows}
    met = rows["LCSPR-2021-01 Child M: cumulative neglect: R1"]
    assert met[2:] == ["LR1.1 Green", "Yes", "Met"]
    assert rows["LCSPR-2021-01 Child M: cumulative neglect: R3"][2:] == [
        "None yet",
        "Not yet",
        "Open",
    ]
