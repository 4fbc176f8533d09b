"""From finding to changed practice: a finding becomes a recommendation in the partnership's
one register (`plans.Recommendation`, source "case review"); a recommendation becomes plan
actions with owners and timescales (the plans' own services); evidence of impact (an audit,
a re-audit or dip sample, a measure) is recorded against it; and it is closed as met with
that evidence. The rule that a recommendation is met only with evidence is the register's
(`plans.services.save_recommendation`); this module gives it the evidence recorded here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from assure.core import audit
from assure.core.errors import DomainError
from assure.partnership.services import check_same_partnership
from assure.plans import services as plans
from assure.plans.models import Action, Objective, Recommendation
from assure.reviews.models import Finding, ImpactEvidence


def _title(finding: Finding) -> str:
    if finding.review is not None:
        return str(finding.review)
    return f"Rapid review of {finding.incident}"


def _fields(recommendation: Recommendation, **changed: Any) -> dict[str, Any]:
    """The register's fields as they stand, with `changed`: its service saves them all."""
    fields = {
        name: getattr(recommendation, name)
        for name in ("source", "source_title", "issued_on", "reference", "text", "paragraphs")
    }
    fields |= {
        "plan": recommendation.plan,
        "priorities": list(recommendation.priorities.all()),
        "actions": list(recommendation.actions.all()),
        "status": recommendation.status,
        "evidence_met": recommendation.evidence_met,
    }
    return fields | changed


@transaction.atomic
def recommend(
    actor: Any, finding: Finding, *, reference: str, text: str, issued_on: dt.date
) -> Recommendation:
    """A recommendation answering the finding, entered in the register."""
    partnership = (finding.review or finding.incident).partnership  # type: ignore[union-attr]
    if not text.strip():
        raise DomainError("Enter the recommendation.", field="text")
    title = _title(finding)[:300]
    clash = Recommendation.objects.filter(
        partnership=partnership,
        source=Recommendation.Source.CASE_REVIEW,
        source_title=title,
        reference=reference,
    )
    if clash.exists():
        raise DomainError(f"This review already has a recommendation {reference}.", "reference")
    recommendation = plans.save_recommendation(
        actor,
        partnership,
        None,
        source=Recommendation.Source.CASE_REVIEW,
        source_title=title,
        issued_on=issued_on,
        reference=reference,
        text=text,
    )
    finding.recommendations.add(recommendation)
    return recommendation


@transaction.atomic
def add_action(
    actor: Any, recommendation: Recommendation, *, objective: Objective, **fields: Any
) -> Action:
    """A plan action answering the recommendation: an owner and a timescale, under an
    objective of one of the partnership's plans."""
    if objective.priority.plan.partnership_id != recommendation.partnership_id:
        raise DomainError("Choose an objective of this partnership's plans.", field="objective")
    if recommendation.status == Recommendation.Status.MET:
        raise DomainError("This recommendation is met: it needs no more actions.")
    action = plans.save_action(actor, objective, None, **fields)
    plans.save_recommendation(
        actor,
        recommendation.partnership,
        recommendation,
        **_fields(
            recommendation,
            actions=[*recommendation.actions.all(), action],
            # the register names the plan that answers a recommendation: its first action's
            plan=recommendation.plan or action.plan,
        ),
    )
    return action


@transaction.atomic
def record_evidence(
    actor: Any, recommendation: Recommendation, *, recorded_on: dt.date, **fields: Any
) -> ImpactEvidence:
    """Evidence that practice changed: what it shows, and the audit, dip sample or measure."""
    partnership = recommendation.partnership
    check_same_partnership(
        partnership,
        case_audit=fields.get("case_audit"),
        dip_sample=fields.get("dip_sample"),
        indicator=fields.get("indicator"),
    )
    if not fields.get("text", "").strip():
        raise DomainError("Say what the evidence shows.", field="text")
    kind = fields.get("kind")
    needs = {
        ImpactEvidence.Kind.AUDIT: ("case_audit", "Choose the case audit."),
        ImpactEvidence.Kind.MEASURE: ("indicator", "Choose the performance measure."),
    }
    if kind in needs and not fields.get(needs[kind][0]):
        raise DomainError(needs[kind][1], field=needs[kind][0])
    if recorded_on > dt.date.today():
        raise DomainError("The date cannot be in the future.", field="recorded_on")
    evidence = ImpactEvidence(recommendation=recommendation)
    fields |= {
        "recorded_on": recorded_on,
        "recorded_by": actor if getattr(actor, "pk", None) else None,
    }
    return audit.save_recorded(
        actor, partnership, evidence, fields, f"evidence of impact for {recommendation.reference}"
    )


def evidence_text(recommendation: Recommendation) -> str:
    """The evidence recorded, a line each, as the register keeps it."""
    lines = []
    for item in ImpactEvidence.objects.filter(recommendation=recommendation):
        source = item.case_audit or item.dip_sample or item.indicator
        named = f" ({source})" if source else ""
        lines.append(f"{item.recorded_on:%-d %B %Y}, {item.get_kind_display()}{named}: {item.text}")
    return "\n".join(lines)


@transaction.atomic
def close_recommendation(actor: Any, recommendation: Recommendation) -> Recommendation:
    """Mark the recommendation met, with the evidence of impact recorded; without any, the
    register refuses."""
    return plans.save_recommendation(
        actor,
        recommendation.partnership,
        recommendation,
        **_fields(
            recommendation,
            status=Recommendation.Status.MET,
            evidence_met=evidence_text(recommendation),
        ),
    )
