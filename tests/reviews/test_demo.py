"""The demo holds Torbay's case reviews at every stage, loaded through the services; Stockton
has none."""

from __future__ import annotations

from assure.reviews.deadlines import deadlines
from assure.reviews.models import Incident, Review


def test_the_demo_has_an_incident_at_every_stage_but_one(torbay, stockton):
    stages = set(Incident.objects.filter(partnership=torbay).values_list("stage", flat=True))
    assert stages == {"recorded", "notified", "practice_review", "published", "closed"}
    kinds = set(Review.objects.filter(partnership=torbay).values_list("kind", flat=True))
    assert kinds == {"lcspr", "scr", "national", "other_partnership", "complaint"}
    assert not Incident.objects.filter(partnership=stockton).exists()


def test_the_police_summary_is_late_and_its_writer_reminded(torbay, membership):
    import datetime as dt

    police = membership("owner").person
    late = [
        d for d in deadlines(torbay) if d.person == police and d.state(dt.date.today()) == "overdue"
    ]
    assert late and "Summary of involvement from Devon and Cornwall Police" in late[0].label
