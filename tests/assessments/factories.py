"""Self-assessment test data, made by the services a reviewer's or an agency's action goes
through (assure/assessments): a tiny framework, an agency with its lead, a round sent to
agencies (learning themes for findings to tag come from tests/factories.py).

    framework = FrameworkFactory(partnership=partnership)
    alpha = make_agency(partnership, "Alpha Trust")
    sent = RoundFactory(partnership=partnership, framework=framework,
                        organisations=[alpha.organisation])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import factory

from assure.assessments import frameworks, services
from assure.assessments.models import Framework, Level, Outcome, Round
from assure.core.models import Membership, Partnership, Role
from assure.partnership import services as structure
from assure.partnership.models import Organisation, Person
from tests.factories import (
    MemberFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    ServiceFactory,
)

LEVELS = [
    ("Met", Outcome.MET, "green"),
    ("Partly met", Outcome.PARTLY, "amber"),
    ("Not met", Outcome.NOT_MET, "red"),
    ("N/A", Outcome.NOT_APPLICABLE, ""),
]
AREAS = {
    ("1", "Leadership"): [("1.1", "A named lead"), ("1.2", "An annual report")],
    ("2", "Training"): [("2.1", "Staff trained")],
}
DUE = dt.date(2025, 3, 31)


class FrameworkFactory(ServiceFactory):
    """A framework of three standards in two areas, rated met / partly met / not met / N/A.

    Its areas and standards are added by the framework services; the framework and its scale
    are not: Assure has no service for a framework of a partnership's own scale (only
    `install_framework` of a shipped one), so they are saved as the model's rows."""

    class Meta:
        model = Framework

    partnership = factory.SubFactory(PartnershipFactory)
    name = "Tiny S11"
    kind = Framework.Kind.SECTION_11

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Framework:
        framework = Framework.objects.create(partnership=partnership, **fields)
        for position, (label, outcome, colour) in enumerate(LEVELS):
            Level.objects.create(
                framework=framework, label=label, outcome=outcome, colour=colour, position=position
            )
        for (number, title), standards in AREAS.items():
            area = frameworks.save_area(None, framework, None, number=number, title=title)
            for code, words in standards:
                frameworks.save_standard(None, framework, None, area=area, number=code, title=words)
        return framework


class RoundFactory(ServiceFactory):
    """A round of the framework sent to organisations, a return asked of each (`open_round`)."""

    class Meta:
        model = Round

    partnership = factory.SubFactory(PartnershipFactory)
    framework = factory.SubFactory(
        FrameworkFactory, partnership=factory.SelfAttribute("..partnership")
    )
    organisations: Any = factory.LazyFunction(list)
    title = "Tiny S11 2024/25"
    opens_on = dt.date(2025, 1, 6)
    due_on = DUE
    introduction = ""

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Round:
        return services.open_round(None, partnership, **fields)


@dataclass
class Agency:
    organisation: Organisation
    lead: Person
    member: Membership


def make_agency(partnership: Partnership, name: str) -> Agency:
    """A voluntary organisation whose named lead is a contributor of the partnership."""
    organisation = OrganisationFactory(partnership=partnership, name=name, kind="voluntary")
    lead = PersonFactory(
        partnership=partnership,
        name=f"Lead of {name}",
        organisation=organisation,
        email=f"lead@{name.lower().replace(' ', '')}.example",
    )
    structure.save_organisation(
        None, partnership, organisation, name=name, kind=organisation.kind, lead=lead
    )
    member = MemberFactory(partnership=partnership, role=Role.CONTRIBUTOR, person=lead)
    return Agency(organisation, lead, member)
