"""Small self-assessment worlds built by hand: a framework of three standards in two areas
rated met / partly met / not met / not applicable, agencies each with a contributor (its
lead), a round sent to them, and helpers to rate and submit as the agency would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from assure.assessments import services
from assure.assessments.models import Area, Framework, Level, Outcome, Return, Round, Standard
from assure.core.models import Membership, Partnership, Role
from assure.partnership.models import Organisation, Person

LEVELS = [
    ("Met", Outcome.MET, "green"),
    ("Partly met", Outcome.PARTLY, "amber"),
    ("Not met", Outcome.NOT_MET, "red"),
    ("N/A", Outcome.NOT_APPLICABLE, ""),
]
DUE = dt.date(2025, 3, 31)


def make_framework(partnership: Partnership, name: str = "Tiny S11", kind: str = "section11"):
    framework = Framework.objects.create(partnership=partnership, name=name, kind=kind)
    for position, (label, outcome, colour) in enumerate(LEVELS):
        Level.objects.create(
            framework=framework, label=label, outcome=outcome, colour=colour, position=position
        )
    leadership = Area.objects.create(framework=framework, number="1", title="Leadership")
    training = Area.objects.create(framework=framework, number="2", title="Training", position=1)
    Standard.objects.create(area=leadership, number="1.1", title="A named lead", position=0)
    Standard.objects.create(area=leadership, number="1.2", title="An annual report", position=1)
    Standard.objects.create(area=training, number="2.1", title="Staff trained", position=0)
    return framework


@dataclass
class Agency:
    organisation: Organisation
    lead: Person
    member: Membership


def make_agency(partnership: Partnership, name: str) -> Agency:
    organisation = Organisation.objects.create(partnership=partnership, name=name, kind="voluntary")
    lead = Person.objects.create(
        partnership=partnership,
        name=f"Lead of {name}",
        organisation=organisation,
        email=f"lead@{name.lower().replace(' ', '')}.example",
    )
    organisation.lead = lead
    organisation.save()
    user = get_user_model().objects.create_user(f"{name.lower().replace(' ', '.')}")
    member = Membership.objects.create(
        user=user, partnership=partnership, role=Role.CONTRIBUTOR, person=lead
    )
    return Agency(organisation, lead, member)


def level(assessment: Return, label: str) -> Level:
    return Level.objects.get(framework=assessment.round.framework_id, label=label)


def rate(agency: Agency, assessment: Return, ratings: dict[str, str]) -> Return:
    """Save a draft rating each standard number as labelled, with what each rating needs."""
    entries = {}
    for rating in assessment.ratings.select_related("standard"):
        label = ratings.get(rating.standard.number)
        if label is None:
            continue
        chosen = level(assessment, label)
        entries[rating.standard_id] = services.Entry(
            level=chosen,
            evidence="Policy reviewed in 2024" if chosen.outcome != "na" else "Not our service",
            actions="Refresh it by June" if chosen.needs_action else "",
        )
    return services.save_draft(agency.member, assessment, entries)


def submit(agency: Agency, assessment: Return, on: dt.date = DUE) -> Return:
    return services.submit_return(
        agency.member,
        assessment,
        signed_off_by="Chief Executive",
        signed_off_role="Chief Executive of the agency",
        today=on,
    )


@pytest.fixture
def framework(torbay) -> Framework:
    return make_framework(torbay)


@pytest.fixture
def agencies(torbay) -> list[Agency]:
    return [make_agency(torbay, name) for name in ("Alpha Trust", "Beta Care", "Gamma Aid")]


@pytest.fixture
def sent(torbay, framework, agencies) -> Round:
    return services.open_round(
        None,
        torbay,
        organisations=[a.organisation for a in agencies],
        framework=framework,
        title="Tiny S11 2024/25",
        opens_on=dt.date(2025, 1, 6),
        due_on=DUE,
        introduction="",
    )


@pytest.fixture
def return_of(sent) -> Callable[[Agency], Return]:
    def find(agency: Agency) -> Return:
        return sent.returns.get(organisation=agency.organisation)

    return find


@pytest.fixture(autouse=True)
def _reads_the_demo(demo) -> None:
    """The tests here read the demo partnerships (not yet built from tests/factories.py)."""
