"""The demo's year of Torbay training: plausible figures, every stage answered, one
follow-up falling due for the reminders, and nothing for Stockton."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assure.audits.learning import themes_found as themes_found_in_audits
from assure.training import queries
from assure.training.follow_ups import send_follow_ups
from assure.training.models import Course

pytestmark = pytest.mark.usefixtures("demo")

YEAR = (dt.date(2020, 4, 1), dt.date(2021, 3, 31))


def test_a_year_of_courses_with_plausible_figures(torbay):
    rows = queries.course_rows(torbay, *YEAR)
    assert len(rows) >= 8
    kinds = {row.course.kind for row in rows}
    assert kinds == {"course", "forum", "event"}
    assert sum(row.course.kind == "forum" for row in rows) == 3  # three forums a year (seed 001)
    for row in rows:
        counts, answers = row.counts, row.answers
        assert counts.attended > 10, row.course
        assert counts.dna_rate is not None and counts.dna_rate < Decimal(25)
        assert answers.shown and answers.change is not None
        assert Decimal("0.3") < answers.change < Decimal("1.5"), row.course
        assert answers.changed_share is not None
        assert Decimal(30) <= answers.changed_share <= Decimal(95), row.course


def test_about_one_in_ten_booked_did_not_attend(torbay):
    from assure.training.results import attendances_of, counts_of

    year = counts_of(attendances_of(torbay, *YEAR))
    assert year.dna_rate is not None and Decimal(5) <= year.dna_rate <= Decimal(15)
    assert 250 <= year.attended <= 500


def test_every_agency_that_trains_shows_its_uptake(torbay):
    agencies = {row.organisation.name: row for row in queries.uptake(torbay, *YEAR)}
    council = agencies["Torbay Council"]
    assert council.courses_attended == council.offered == 9
    assert agencies["Devon and Cornwall Police"].counts.attended > 5


def test_the_follow_up_of_a_session_three_months_ago_falls_due_now(torbay):
    due = send_follow_ups(dt.date.today(), dry_run=True, slugs=["torbay"])
    assert [d.session.split(",")[0] for d in due] == [
        "Child exploitation and the exploitation pathway"
    ]


def test_the_demo_teaches_themes_that_audits_find(torbay):
    found = {theme for theme, _, _ in themes_found_in_audits(torbay)}
    taught = [r for r in queries.themes_taught(torbay, *YEAR) if r.taught]
    assert len([r for r in taught if r.theme.pk in found]) >= 3


def test_stockton_has_no_training(stockton):
    assert not Course.objects.filter(partnership=stockton).exists()
