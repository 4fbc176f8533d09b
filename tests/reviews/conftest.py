"""Small factories for case reviews: an incident recorded, notified, rapid-reviewed and sent,
built through the services with the dates a test names (not leaning on the demo's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.reviews import services
from assure.reviews.models import Incident

AWARE = dt.date(2021, 1, 6)  # a Wednesday
NOTIFIED = dt.date(2021, 1, 11)


def partners(partnership: Partnership) -> list[Organisation]:
    kinds = ["council", "police", "health"]
    return [Organisation.objects.filter(partnership=partnership, kind=k).first() for k in kinds]  # type: ignore[misc]


@pytest.fixture
def make_incident(db) -> Callable[..., Incident]:
    count = iter(range(1, 100))

    def make(partnership: Partnership, **fields: Any) -> Incident:
        values = {
            "reference": f"SI-TEST-{next(count):02d}",
            "child_reference": "Child Q",
            "kind": Incident.Kind.HARM,
            "incident_on": AWARE - dt.timedelta(days=1),
            "aware_on": AWARE,
            "agencies": partners(partnership),
        }
        return services.record_incident(None, partnership, None, **(values | fields))

    return make


def notify(incident: Incident, on: dt.date = NOTIFIED) -> Incident:
    return services.notify(None, incident, panel_on=on, ofsted_on=on)


def rapid_review(incident: Incident, decision: str = Incident.Decision.LCSPR) -> Incident:
    on = incident.notified_panel_on + dt.timedelta(days=7)  # type: ignore[operator]
    return services.record_rapid_review(
        None,
        incident,
        meeting_on=on,
        immediate_actions="A strategy discussion for the siblings.",
        decision=decision,
        decision_reason="The case may show learning for every agency.",
        decided_on=on,
        council_signed_on=on,
        police_signed_on=on,
        health_signed_on=on,
    )


def sent(incident: Incident, decision: str = Incident.Decision.LCSPR) -> Incident:
    rapid_review(notify(incident), decision)
    return services.send_rapid_review(
        None,
        incident,
        sent_on=incident.decided_on + dt.timedelta(days=2),  # type: ignore[operator]
    )


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
