"""Case audit test data, each made by the service an auditor's action goes through
(assure/audits: arrangements, services, learning): tools and their domains, teams, auditors,
cases, audits started and graded, agencies asked for returns, dip samples and findings.

    tool = ToolFactory(partnership=partnership, domains=["Risk", "Voice of the child"])
    audit = AuditFactory(partnership=partnership, tool=tool, auditor=auditor.person)
    graded(audit, [2, 4])  # completed: 2 is "Meets good", 4 is N/A
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import factory
from django.utils import timezone

from assure.audits import arrangements, learning, services
from assure.audits.models import (
    AgencyReturn,
    Auditor,
    AuditTool,
    Case,
    CaseAudit,
    DipFinding,
    DipSample,
    Domain,
    ScaleLevel,
    Team,
)
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from tests.factories import PartnershipFactory, PersonFactory, ServiceFactory

MAY = dt.date(2021, 5, 1)


class ToolFactory(ServiceFactory):
    """A single-agency tool with the standard scale (`save_tool`); `domains` are the titles of
    its domains, numbered from 1 (`save_domain`)."""

    class Meta:
        model = AuditTool

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Audit tool {n}")
    kind = AuditTool.Kind.SINGLE
    description = ""
    count_indicator = ""
    is_active = True
    domains: Any = ("Risk",)

    @classmethod
    def made_by(cls, partnership: Partnership, domains: Sequence[str], **fields: Any) -> AuditTool:
        tool = arrangements.save_tool(None, partnership, None, **fields)
        for number, title in enumerate(domains, start=1):
            DomainFactory(tool=tool, number=str(number), title=title)
        return tool


class DomainFactory(ServiceFactory):
    """A domain of a tool, after its others (`save_domain`)."""

    class Meta:
        model = Domain

    tool = factory.SubFactory(ToolFactory, domains=())
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Domain {n}")
    guidance = ""
    indicator = ""

    @classmethod
    def made_by(cls, tool: AuditTool, **fields: Any) -> Domain:
        return arrangements.save_domain(None, tool, None, **fields)


class TeamFactory(ServiceFactory):
    """A practice team of children's services (`save_team`)."""

    class Meta:
        model = Team

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Team {n}")

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Team:
        return arrangements.save_team(None, partnership, None, **fields)


class AuditorFactory(ServiceFactory):
    """A practice manager in the programme since November 2019, owing two audits a month
    (`save_auditor`)."""

    class Meta:
        model = Auditor

    partnership = factory.SubFactory(PartnershipFactory)
    person = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))
    team = None
    kind = Auditor.Kind.PRACTICE_MANAGER
    starts_on = dt.date(2019, 11, 1)
    ends_on = None
    audits_a_month = 2
    starter_audits_a_month = 1
    starter_months = 0
    moderations_a_month = 0

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Auditor:
        return arrangements.save_auditor(None, partnership, None, **fields)


class CaseFactory(ServiceFactory):
    """An open case of a child cared for, added by its identifier (`add_case`)."""

    class Meta:
        model = Case

    partnership = factory.SubFactory(PartnershipFactory)
    identifier = factory.Sequence(lambda n: f"CM-{n}")
    category = Case.Category.CARED_FOR

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> Case:
        return arrangements.add_case(None, partnership, **fields)


class AuditFactory(ServiceFactory):
    """An audit of a case for May 2021, assigned to a person (`start_audit`)."""

    class Meta:
        model = CaseAudit

    partnership = factory.SubFactory(PartnershipFactory)
    case = factory.SubFactory(CaseFactory, partnership=factory.SelfAttribute("..partnership"))
    tool = factory.SubFactory(ToolFactory, partnership=factory.SelfAttribute("..partnership"))
    month = MAY
    auditor = factory.SubFactory(PersonFactory, partnership=factory.SelfAttribute("..partnership"))

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> CaseAudit:
        return services.start_audit(None, partnership, **fields)


def level(tool: AuditTool, score: int) -> ScaleLevel:
    """The grade of the tool's scale with the score: 1 exceeds good ... 4 N/A."""
    return tool.scale.get(score=score)


def grades(audit: CaseAudit, scores: Sequence[int]) -> services.Grades:
    """The audit's domains, in order, graded with the scores."""
    domains = audit.tool.domains.all()
    return {d.pk: (level(audit.tool, s), "") for d, s in zip(domains, scores, strict=True)}


def graded(
    audit: CaseAudit, scores: Sequence[int], audited_on: dt.date | None = None, **fields: Any
) -> CaseAudit:
    """The audit completed with each domain graded, as an auditor completes it (`save_audit`):
    dated the 27th of its month (May 2021's audit day) unless `audited_on` is given."""
    return services.save_audit(
        None,
        audit,
        grades=grades(audit, scores),
        complete=True,
        audited_on=audited_on or audit.month + dt.timedelta(days=26),
        social_worker_present=True,
        **fields,
    )


def recorded(
    audit: CaseAudit, scores: Sequence[int], audited_on: dt.date, **fields: Any
) -> CaseAudit:
    """The audit completed before Assure came, brought in as history (`record_past_audit`):
    its month's published figures are not recomputed."""
    completed = timezone.make_aware(dt.datetime.combine(audited_on, dt.time(17)))
    return services.record_past_audit(
        None,
        audit,
        grades=grades(audit, scores),
        completed_at=completed,
        audited_on=audited_on,
        social_worker_present=True,
        **fields,
    )


def ask_returns(audit: CaseAudit, *organisations: Organisation) -> list[AgencyReturn]:
    """Returns asked of the agencies for a multi-agency audit (`request_returns`)."""
    return services.request_returns(
        None, audit, organisations=list(organisations), due_on=audit.month + dt.timedelta(days=20)
    )


class DipSampleFactory(ServiceFactory):
    """A dip sample of ten toolkits on 1 July 2021 (`save_dip_sample`)."""

    class Meta:
        model = DipSample

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Dip sample {n}")
    topic = "Child exploitation"
    carried_out_on = dt.date(2021, 7, 1)
    carried_out_by = None
    cases_sampled = 10
    summary = ""

    @classmethod
    def made_by(cls, partnership: Partnership, **fields: Any) -> DipSample:
        return learning.save_dip_sample(None, partnership, None, **fields)


class FindingFactory(ServiceFactory):
    """An area for development a dip sample found (`add_finding`)."""

    class Meta:
        model = DipFinding

    dip_sample = factory.SubFactory(DipSampleFactory)
    kind = DipFinding.Kind.DEVELOPMENT
    text = "Views not recorded."
    theme = None

    @classmethod
    def made_by(cls, dip_sample: DipSample, **fields: Any) -> DipFinding:
        return learning.add_finding(None, dip_sample, **fields)
