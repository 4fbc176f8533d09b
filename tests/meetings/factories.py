"""Meetings, tracker rows, cabinet responses and the plan actions a group owns, each made by
the service a manager's action goes through (assure/meetings and assure/plans services).

    meeting = MeetingFactory(partnership=partnership, held_on=dt.date(2021, 7, 27))
    row = TrackerActionFactory(partnership=partnership, meeting=meeting, owner=owner.person)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from assure.core.models import Partnership
from assure.meetings import services
from assure.meetings.models import CabinetResponse, Meeting, TrackerAction
from assure.plans.models import Action, Plan
from tests import factories
from tests.factories import GroupFactory, PartnershipFactory, PersonFactory, ServiceFactory

TODAY = dt.date.today()


class MeetingFactory(ServiceFactory):
    """A meeting of a group of the partnership (`save_meeting`)."""

    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    group = factory.SubFactory(GroupFactory, partnership=factory.SelfAttribute("..partnership"))
    held_on = factory.Sequence(lambda n: dt.date(2021, 1, 4) + dt.timedelta(days=n))

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Meeting:
        return services.save_meeting(None, partnership, None, **fields)


class TrackerActionFactory(ServiceFactory):
    """A row of a group's action tracker, from one of its meetings (`save_tracker_action`)."""

    class Meta:
        model = TrackerAction

    partnership = factory.SubFactory(PartnershipFactory)
    meeting = factory.SubFactory(MeetingFactory, partnership=factory.SelfAttribute("..partnership"))
    minute_number = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Report on the toolkit, part {n}")
    owner = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    due_date = factory.LazyAttribute(lambda o: o.meeting.held_on + dt.timedelta(days=30))
    status = TrackerAction.Status.OPEN

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> TrackerAction:
        return services.save_tracker_action(None, partnership, None, **fields)


class CabinetResponseFactory(ServiceFactory):
    """A scrutiny recommendation with the cabinet's response (`save_cabinet_response`)."""

    class Meta:
        model = CabinetResponse

    partnership = factory.SubFactory(PartnershipFactory)
    reference = factory.Sequence(lambda n: str(n + 1))
    source_title = "Review of Early Help"
    issued_on = dt.date(2021, 3, 1)
    recommendation = "Expand the hubs."
    group = factory.SubFactory(GroupFactory, partnership=factory.SelfAttribute("..partnership"))
    text = "Agreed."
    responded_on = dt.date(2021, 4, 1)

    @classmethod
    def made_by(
        cls, partnership: Partnership, reference: str, source_title: str, issued_on: dt.date,
        recommendation: str, **fields: Any,
    ) -> CabinetResponse:  # fmt: skip
        said = {
            "reference": reference, "source_title": source_title,
            "issued_on": issued_on, "text": recommendation,
        }  # fmt: skip
        return services.save_cabinet_response(
            None, partnership, None, recommendation=said, **fields
        )


class PlanFactory(factories.PlanFactory):
    """A plan running today, its updates due in a week."""

    starts = TODAY - dt.timedelta(days=200)
    ends = TODAY + dt.timedelta(days=200)
    reporting_period = "2025-Q1"
    updates_due = TODAY + dt.timedelta(days=7)


def plan_action(plan: Plan, **fields: Any) -> Action:
    """An action of `plan`, under a priority and an objective of its own; give it an owner:
    owner_person, owner_group or owner_organisation."""
    return factories.ActionFactory(objective__priority__plan=plan, owner_person=None, **fields)
