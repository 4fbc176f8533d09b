"""What the read API serves that the shared factories do not make: a case audit completed
with its grades, and a child missing once, back the next day and interviewed, each made by
the service a user's action goes through.

    audit = CompletedAuditFactory(partnership=partnership, grades=(1, 3))
    episode = interviewed(partnership, went=dt.datetime(2024, 5, 10, 10, tzinfo=dt.UTC))
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from assure.audits import arrangements
from assure.audits import services as audits
from assure.audits.models import AuditTool, Case, CaseAudit
from assure.core.models import Partnership
from assure.exploitation import services as exploitation
from assure.exploitation.models import MissingEpisode, ReturnInterview
from tests.audits.factories import ToolFactory
from tests.exploitation.factories import ChildFactory
from tests.factories import PartnershipFactory, PersonFactory, ServiceFactory


class CompletedAuditFactory(ServiceFactory):
    """An audit of a new case, started and completed with a grade (a score of the tool's
    scale) for each domain in turn (`add_case`, `start_audit`, `save_audit`)."""

    class Meta:
        model = CaseAudit

    partnership = factory.SubFactory(PartnershipFactory)
    tool = factory.SubFactory(
        ToolFactory,
        partnership=factory.SelfAttribute("..partnership"),
        domains=("Risk", "Voice of the child"),
    )
    identifier = factory.Sequence(lambda n: f"CASE-{n}")
    month = dt.date(2024, 5, 1)
    auditor = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    grades = (2, 2)

    @classmethod
    def made_by(
        cls, partnership: Partnership, tool: AuditTool, identifier: str, month: dt.date,
        auditor: Any, grades: tuple[int, ...],
    ) -> CaseAudit:  # fmt: skip
        case = arrangements.add_case(
            None, partnership, identifier=identifier, category=Case.Category.CHILD_IN_NEED
        )
        audit = audits.start_audit(
            None, partnership, case=case, tool=tool, month=month, auditor=auditor
        )
        levels = {level.score: level for level in tool.scale.all()}
        graded = {
            domain.pk: (levels[score], "Seen on the file")
            for domain, score in zip(tool.domains.order_by("position"), grades, strict=True)
        }
        return audits.save_audit(
            None, audit, grades=graded, complete=True,
            audited_on=month + dt.timedelta(days=9), social_worker_present=True,
        )  # fmt: skip


def interviewed(partnership: Partnership, went: dt.datetime) -> MissingEpisode:
    """A child missing at `went`, back a day later, and interviewed the day after that
    (`record_episode`, `record_interview`)."""
    child = ChildFactory(partnership=partnership)
    back = went + dt.timedelta(days=1)
    episode = exploitation.record_episode(None, child, None, went_missing_at=went, returned_at=back)
    exploitation.record_interview(
        None,
        episode,
        offered_on=back.date(),
        outcome=ReturnInterview.Outcome.ACCEPTED,
        held_at=back + dt.timedelta(days=1),
    )
    return episode
