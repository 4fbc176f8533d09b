"""A partnership whose people owe what the demo's owe, around today: the Director of
Children's Services owns six risks whose reviews fall from three days ago to a month ahead,
two tracker actions past due and a plan action whose update is due in two weeks; a police
officer owns nothing yet. Every item is made through its service (tests/factories.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from assure.core.models import Membership, Partnership
from assure.meetings.models import TrackerAction
from assure.partnership.models import Person
from tests.factories import ActionFactory, PersonFactory, PlanFactory, RiskFactory
from tests.meetings.factories import TrackerActionFactory

TODAY = dt.date.today()
# Reviews: risk 5 three days ago, 1 in 5 days, 10 in 10, 4 in 12; 9 in 20, 2 in 30.
RISK_REVIEWS = {"5": -3, "1": 5, "10": 10, "4": 12, "9": 20, "2": 30}


@dataclass(frozen=True)
class Owners:
    dcs: Person
    police: Membership
    tracker: list[TrackerAction]


def address(partnership: Partnership, mailbox: str) -> str:
    return f"{mailbox}@{partnership.slug}.example"


@pytest.fixture
def owners(partnership, member) -> Owners:
    dcs = PersonFactory(
        partnership=partnership,
        name="Director of Children's Services",
        job_title="Director of Children's Services",
        email=address(partnership, "dcs"),
    )
    for reference, days in RISK_REVIEWS.items():
        RiskFactory(
            partnership=partnership,
            reference=reference,
            owner_person=dcs,
            next_review=TODAY + dt.timedelta(days=days),
        )
    tracker = [
        TrackerActionFactory(
            partnership=partnership, owner=dcs, due_date=TODAY - dt.timedelta(days=d)
        )
        for d in (10, 20)
    ]
    plan = PlanFactory(partnership=partnership, updates_due=TODAY + dt.timedelta(days=14))
    ActionFactory(objective__priority__plan=plan, owner_person=dcs)
    police = PersonFactory(
        partnership=partnership,
        name="Detective Inspector",
        email=address(partnership, "police_lead"),
    )
    return Owners(dcs, member("owner", person=police), tracker)
