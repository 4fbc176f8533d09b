"""The demo's multi-agency case audits: thematic audits for which each agency sent a return
(one still waits for the police's, so `torbay.owner` has a return to write), brought together
with an agreed grade for each domain, and the actions they raised, tracked in the current
improvement plan. Each audit is started, its returns asked for, sent and the audit completed
through the audits' services (the returns and completions brought in as history, dated when
they happened). Called by demo/audits.py with its seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from assure.audits import services
from assure.audits.models import AuditTool, Case, CaseAudit, Domain, ScaleLevel
from assure.core.models import Partnership
from assure.partnership.models import Organisation
from assure.plans.models import Objective
from demo.loader import Keys

CURRENT_PLAN = "Children's Services Improvement Plan 2021/22"


def load_multi_agency(
    partnership: Partnership,
    tool: AuditTool,
    keys: Keys,
    cases: list[Case],
    case_themes: dict[int, set[str]],
    rng: random.Random,
) -> None:
    """Thematic multi-agency audits: three on neglect, three on exploitation, and two on
    domestic abuse of which one still waits for the police's return; then the actions the
    completed ones raised."""
    lead = keys.people["head_of_quality_assurance"]
    agencies = [keys.organisations[k] for k in ("council", "police", "health", "education")]
    levels = {level.score: level for level in tool.scale.all()}
    domains = list(tool.domains.all())
    rounds = [
        (dt.date(2020, 10, 1), "neglect", 3, 0),
        (dt.date(2021, 2, 1), "exploitation", 3, 0),
        (dt.date(2021, 5, 1), "domestic abuse", 1, 1),
    ]
    for month, theme, completed, open_ in rounds:
        with_theme = [c for c in cases if theme in case_themes[c.pk]]
        for number, case in enumerate(rng.sample(with_theme, completed + open_)):
            audit = services.start_audit(
                None, partnership, case=case, tool=tool, month=month, auditor=lead
            )
            details: dict[str, Any] = {
                "social_worker": f"Social worker, {case.team}",
                "social_worker_present": True,
            }
            finished = number < completed
            waiting = None if finished else agencies[1]
            agreed = _agency_returns(audit, agencies, domains, levels, month, waiting, rng)
            if finished:
                _agree(audit, domains, levels, agreed, month, details)
            else:
                services.save_audit(None, audit, grades={}, **details)
    _actions(partnership, keys)


def _agency_returns(
    audit: CaseAudit,
    agencies: list[Organisation],
    domains: list[Domain],
    levels: dict[int, ScaleLevel],
    month: dt.date,
    waiting: Organisation | None,
    rng: random.Random,
) -> dict[int, list[int]]:
    given: dict[int, list[int]] = {d.pk: [] for d in domains}
    due_on = month + dt.timedelta(days=20)
    asked = services.request_returns(None, audit, organisations=agencies, due_on=due_on)
    for agency_return in asked:
        if agency_return.organisation == waiting:
            continue
        submitted_on = month + dt.timedelta(days=rng.randint(10, 19))
        grades: services.Grades = {}
        for d in domains:
            score = rng.choice([2, 2, 3, 3, 1, 4])
            given[d.pk].append(score)
            grades[d.pk] = (levels[score], "From our agency's records.")
        agency = agency_return.organisation
        services.record_past_return(
            None,
            agency_return,
            grades=grades,
            submitted_on=submitted_on,
            involvement=f"{agency} has been involved with the family throughout the period "
            "audited.",
            working_well="Information was shared at the strategy discussion.",
            needs_to_change="Our agency's records do not show the plan's actions for us.",
        )
    return given


def _agree(
    audit: CaseAudit,
    domains: list[Domain],
    levels: dict[int, ScaleLevel],
    given: dict[int, list[int]],
    month: dt.date,
    details: dict[str, Any],
) -> None:
    """The grade the agencies agreed for each domain (the median of their grades, N/A left
    out), and the audit completed at the Quality Assurance Sub-Group."""
    grades: services.Grades = {}
    for d in domains:
        counted = sorted(s for s in given[d.pk] if s != 4)
        score = counted[len(counted) // 2] if counted else 4
        grades[d.pk] = (levels[score], "Agreed at the Quality Assurance Sub-Group.")
    day = month + dt.timedelta(days=24)
    services.record_past_audit(
        None,
        audit,
        grades=grades,
        completed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(16))),
        audited_on=day,
        working_well="Agencies attended the strategy discussion and shared what they knew.",
        needs_to_change="A single multi-agency plan every agency can see, escalated if it drifts.",
        child_voice="The child told the school nurse they feel safer at home now.",
        family_voice="The parent said too many professionals asked the same questions.",
        **details,
    )


def _actions(partnership: Partnership, keys: Keys) -> None:
    objective = (
        Objective.objects.filter(
            priority__plan__partnership=partnership,
            priority__plan__title=CURRENT_PLAN,
            priority__code="T4",
        )
        .order_by("position")
        .first()
    )
    audits = list(
        CaseAudit.objects.filter(
            partnership=partnership,
            status=CaseAudit.Status.COMPLETED,
            tool__kind=AuditTool.Kind.MULTI,
        )
    )
    if objective is None or not audits:
        return
    owners = [
        keys.people["head_of_quality_assurance"],
        keys.people["police_lead"],
        keys.people["designated_nurse"],
    ]
    titles = [
        "Share the learning from the multi-agency neglect audit at the next best practice forum.",
        "Record on the police system when intelligence about a child's exploitation is shared.",
        "Health visitors to attend core groups where neglect is the main concern.",
    ]
    for audit, owner, title in zip(audits, owners, titles, strict=False):
        services.raise_action(
            None,
            audit,
            objective=objective,
            title=title,
            due_date=dt.date(2021, 9, 30),
            owner_person=owner,
        )
