"""Every write to case audits: samples drawn and assigned, the audit and its grades, agencies'
returns, moderation, and the actions an audit raises (tracked as actions of a plan).

Each function is atomic, checks the rules, raises DomainError naming the form field, and
records the change. The arrangements (tools, the programme, auditors, the caseload) are
written by `arrangements.py`, and learning (themes, dip samples) by `learning.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from analytics.periods import month_start
from assure.audits import indicators, sampling
from assure.audits.models import (
    AgencyReturn,
    AuditAction,
    Auditor,
    AuditTool,
    Case,
    CaseAudit,
    CaseTheme,
    ModeratedGrade,
    Moderation,
    Sample,
    ScaleLevel,
)
from assure.core import audit as changes
from assure.core.errors import DomainError, DomainErrors
from assure.core.models import ChangeRecord, Partnership
from assure.partnership.models import Group, Organisation, Person
from assure.partnership.services import check_same_partnership
from assure.plans.models import Action, Objective
from assure.plans.services import save_action

Verb = ChangeRecord.Verb
# A case audited (and not cancelled) this many months before is left out of a new sample.
RECENT_MONTHS = 6
MAX_SAMPLE = 200
Grades = dict[int, tuple[ScaleLevel | None, str]]
ModerationGrades = dict[int, tuple[ScaleLevel | None, ScaleLevel | None]]


def record_values(
    actor: Any, obj: Any, partnership: Partnership, summary: str, before: dict, after: dict
) -> None:
    """A change record with before and after given, for writes a snapshot cannot show
    (the grades of an audit are rows of their own)."""
    if before == after:
        return
    ChangeRecord.objects.create(
        partnership=partnership,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=Verb.UPDATED,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        summary=summary[:300],
        before=before,
        after=after,
    )


def _owed(auditor: Auditor, month: dt.date) -> int:
    assigned = CaseAudit.objects.filter(
        partnership=auditor.partnership, auditor=auditor.person, month=month
    ).exclude(status=CaseAudit.Status.CANCELLED)
    return max(auditor.audits_expected(month) - assigned.count(), 0)


def _sample_pool(partnership: Partnership, month: dt.date) -> list[Case]:
    since = month_start(month, -RECENT_MONTHS)
    recent = CaseAudit.objects.filter(partnership=partnership, month__gte=since).exclude(
        status=CaseAudit.Status.CANCELLED
    )
    pool = Case.objects.filter(partnership=partnership, is_open=True).exclude(
        pk__in=recent.values("case")
    )
    return list(pool.select_related("team"))


def _check_sample(
    partnership: Partnership, tool: AuditTool, method: str, size: int, theme: CaseTheme | None
) -> None:
    check_same_partnership(partnership, tool=tool, theme=theme)
    if not tool.is_active:
        raise DomainError("This tool is no longer in use: choose another.", field="tool")
    if not 1 <= size <= MAX_SAMPLE:
        raise DomainError(f"Draw between 1 and {MAX_SAMPLE} cases.", field="size")
    if method == Sample.Method.THEME and theme is None:
        raise DomainError("Choose the theme to sample by.", field="theme")


@transaction.atomic
def draw_sample(
    actor: Any,
    partnership: Partnership,
    *,
    month: dt.date,
    tool: AuditTool,
    method: str,
    size: int,
    theme: CaseTheme | None = None,
    seed: int | None = None,
) -> Sample:
    """Draw the month's sample and assign each case to an auditor who owes an audit."""
    month = month_start(month)
    _check_sample(partnership, tool, method, size, theme)
    seed = seed if seed is not None else int(timezone.now().timestamp()) % 1_000_000
    with_theme = set(theme.case_set.values_list("pk", flat=True)) if theme else None
    chosen = sampling.draw(_sample_pool(partnership, month), size, method, seed, with_theme)
    if not chosen:
        raise DomainError(
            "No open case fits: every case with this theme was audited in the last "
            f"{RECENT_MONTHS} months, or there are none.",
            field="theme" if theme else "method",
        )
    pairs = _assign(partnership, month, chosen)
    sample = Sample.objects.create(
        partnership=partnership,
        month=month,
        tool=tool,
        method=method,
        theme=theme if method == Sample.Method.THEME else None,
        size=len(chosen),
        seed=seed,
        drawn_by=actor if getattr(actor, "pk", None) else None,
    )
    summary = f"Drew {sample}"
    changes.record(
        actor=actor, partnership=partnership, verb=Verb.CREATED, obj=sample, summary=summary
    )
    for case, auditor in pairs:
        _create_audit(actor, partnership, case, tool, month, auditor.person, sample)
    return sample


def _assign(
    partnership: Partnership, month: dt.date, chosen: list[Case]
) -> list[tuple[Case, Auditor]]:
    """Each case with an auditor who owes an audit that month; refused if there are too few."""
    auditors = Auditor.objects.filter(partnership=partnership).select_related("person")
    slots = [sampling.Slot(a, _owed(a, month)) for a in auditors]
    owed = sum(slot.owed for slot in slots)
    pairs = sampling.assign(chosen, slots)
    if any(auditor is None for _, auditor in pairs):
        raise DomainError(
            f"The auditors owe {owed} more audit{'s' if owed != 1 else ''} in {month:%B %Y}: "
            "draw no more than that, or add auditors to the programme.",
            field="size",
        )
    return [(case, auditor) for case, auditor in pairs if auditor is not None]


def _create_audit(
    actor: Any,
    partnership: Partnership,
    case: Case,
    tool: AuditTool,
    month: dt.date,
    auditor: Person,
    sample: Sample | None = None,
) -> CaseAudit:
    fields = {"case": case, "tool": tool, "month": month, "auditor": auditor, "team": case.team}
    return changes.save_recorded(
        actor,
        partnership,
        CaseAudit(partnership=partnership, sample=sample),
        fields,
        f"audit of case {case} for {month:%B %Y}, by {auditor}",
    )


@transaction.atomic
def start_audit(
    actor: Any,
    partnership: Partnership,
    *,
    case: Case,
    tool: AuditTool,
    month: dt.date,
    auditor: Person,
) -> CaseAudit:
    """An audit outside a sample: a thematic or multi-agency audit of a chosen case."""
    check_same_partnership(partnership, case=case, tool=tool, auditor=auditor)
    return _create_audit(actor, partnership, case, tool, month_start(month), auditor)


def _check_grades(tool: AuditTool, grades: Grades) -> None:
    domains = list(tool.domains.all())
    for domain in domains:
        level, _ = grades.get(domain.pk, (None, ""))
        if level is not None and level.tool_id != tool.pk:
            raise DomainError("Choose a grade of this tool's scale.", field=f"grade_{domain.pk}")
    unknown = set(grades) - {d.pk for d in domains}
    if unknown:
        raise DomainError("Grade only the domains of this tool.")


def _missing_grades(tool: AuditTool, grades: Grades, name: str = "grade") -> list[DomainError]:
    """A problem for each domain left ungraded, at its field."""
    return [
        DomainError(
            f"Grade domain {domain.number} (choose N/A if it does not apply).",
            field=f"{name}_{domain.pk}",
        )
        for domain in tool.domains.all()
        if grades.get(domain.pk, (None, ""))[0] is None
    ]


def _labels(rows: Any) -> dict[str, str]:
    return {f"Domain {g.domain.number}": g.level.label for g in rows}


def _write_grades(
    actor: Any, obj: Any, partnership: Partnership, rows: Any, grades: Grades
) -> None:
    """Replace the grades of an audit or a return, recording the grades before and after."""
    held = {row.domain_id: row for row in rows.select_related("domain", "level")}
    before = _labels(held.values())
    ungraded = [domain for domain, (level, _) in grades.items() if level is None]
    changed: list[Any] = []
    added: list[Any] = []
    for domain_id, (level, evidence) in grades.items():
        if level is None:
            continue
        row = held.get(domain_id) or rows.model(
            **{rows.field.name: rows.instance}, domain_id=domain_id
        )
        if row.pk and (row.level_id, row.evidence) == (level.pk, evidence):
            continue
        row.level, row.evidence = level, evidence
        (changed if row.pk else added).append(row)
    rows.filter(domain_id__in=ungraded).delete()
    rows.bulk_update(changed, ["level", "evidence"])
    rows.bulk_create(added)
    after = _labels(rows.select_related("domain", "level"))
    record_values(actor, obj, partnership, f"Graded {obj}", before, after)


def _check_completion(audit: CaseAudit, grades: Grades, fields: dict[str, Any]) -> None:
    """Everything a completed audit needs, every missing item said at once."""
    problems = []
    if not fields.get("audited_on"):
        problems.append(DomainError("Enter the date of the audit.", field="audited_on"))
    if fields.get("social_worker_present") is None:
        problems.append(
            DomainError("Say whether the social worker was present.", field="social_worker_present")
        )
    problems += _missing_grades(audit.tool, grades)
    if audit.tool.is_multi_agency and audit.returns.filter(submitted_on__isnull=True).exists():
        problems.append(DomainError("Wait for every agency's return before completing the audit."))
    DomainErrors.raise_any(problems)


@transaction.atomic
def save_audit(
    actor: Any, audit: CaseAudit, *, grades: Grades, complete: bool = False, **fields: Any
) -> CaseAudit:
    """Save the audit's findings and grades; `complete` also checks that nothing is missing."""
    partnership = audit.partnership
    today = timezone.localdate()
    if audit.status == CaseAudit.Status.CANCELLED:
        raise DomainError("This audit was cancelled.")
    check_same_partnership(
        partnership,
        auditor=fields.get("auditor"),
        learning_themes=list(fields.get("learning_themes", [])),
    )
    if fields.get("audited_on") and fields["audited_on"] > today:
        raise DomainError("The date of the audit cannot be in the future.", field="audited_on")
    _check_grades(audit.tool, grades)
    if complete:
        _check_completion(audit, grades, fields)
        fields |= {
            "status": CaseAudit.Status.COMPLETED,
            "completed_at": audit.completed_at or timezone.now(),
        }
    changes.save_recorded(actor, partnership, audit, fields, f"audit of case {audit.case}")
    _write_grades(actor, audit, partnership, audit.grades, grades)
    if audit.is_completed:
        indicators.publish(actor, partnership, [audit.month])
    return audit


@transaction.atomic
def record_past_audit(
    actor: Any, audit: CaseAudit, *, grades: Grades, completed_at: dt.datetime, **fields: Any
) -> CaseAudit:
    """An audit completed before the programme came to Assure (brought in as history): checked
    as an audit completed here is, and completed when it was. The month's figures are the
    framework's own, brought in with it, so they are not recomputed from the audit
    (`save_audit` does that for an audit completed here)."""
    if audit.status != CaseAudit.Status.ASSIGNED:
        raise DomainError(f"This audit is {audit.get_status_display().lower()} already.")
    check_same_partnership(
        audit.partnership,
        auditor=fields.get("auditor"),
        learning_themes=list(fields.get("learning_themes", [])),
    )
    if completed_at > timezone.now():
        raise DomainError("An audit cannot be completed in the future.", field="completed_at")
    audited_on = fields.get("audited_on")
    if audited_on and audited_on > timezone.localtime(completed_at).date():
        raise DomainError("The audit cannot be completed before its date.", field="audited_on")
    _check_grades(audit.tool, grades)
    _check_completion(audit, grades, fields)
    fields |= {"status": CaseAudit.Status.COMPLETED, "completed_at": completed_at}
    what = f"past audit of case {audit.case}"
    changes.save_recorded(actor, audit.partnership, audit, fields, what)
    _write_grades(actor, audit, audit.partnership, audit.grades, grades)
    return audit


@transaction.atomic
def cancel_audit(actor: Any, audit: CaseAudit) -> CaseAudit:
    if audit.is_completed:
        raise DomainError("A completed audit cannot be cancelled.")
    status = CaseAudit.Status.CANCELLED
    return changes.save_recorded(
        actor, audit.partnership, audit, {"status": status}, f"audit of case {audit.case}"
    )


@transaction.atomic
def request_returns(
    actor: Any, audit: CaseAudit, *, organisations: list[Organisation], due_on: dt.date
) -> list[AgencyReturn]:
    """Ask each agency for its return on the case: the agencies' findings are brought together
    on the audit."""
    if not audit.tool.is_multi_agency:
        raise DomainError("Only a multi-agency audit collects agencies' returns.")
    check_same_partnership(audit.partnership, organisations=organisations)
    if not organisations:
        raise DomainError("Choose at least one agency.", field="organisations")
    made = []
    for organisation in organisations:
        agency_return, created = AgencyReturn.objects.get_or_create(
            audit=audit, organisation=organisation, defaults={"due_on": due_on}
        )
        if created:
            changes.record(
                actor=actor,
                partnership=audit.partnership,
                verb=Verb.CREATED,
                obj=agency_return,
                summary=f"Asked {organisation} for a return on case {audit.case}",
            )
            made.append(agency_return)
    return made


@transaction.atomic
def submit_return(
    actor: Any, agency_return: AgencyReturn, *, grades: Grades, **fields: Any
) -> AgencyReturn:
    audit = agency_return.audit
    _check_return(audit, grades, fields)
    fields |= {"submitted_on": timezone.localdate(), "submitted_by": actor}
    changes.save_recorded(actor, audit.partnership, agency_return, fields, str(agency_return))
    _write_grades(actor, agency_return, audit.partnership, agency_return.grades, grades)
    return agency_return


def _check_return(audit: CaseAudit, grades: Grades, fields: dict[str, Any]) -> None:
    """A return changes until its audit is complete, and is sent with the agency's involvement
    and every domain graded, every missing item said at once."""
    if audit.is_completed:
        raise DomainError("The audit is complete: its returns can no longer change.")
    _check_grades(audit.tool, grades)
    problems = []
    if not fields.get("involvement", "").strip():
        told = "Describe your agency's involvement with the child."
        problems.append(DomainError(told, field="involvement"))
    DomainErrors.raise_any(problems + _missing_grades(audit.tool, grades))


@transaction.atomic
def record_past_return(
    actor: Any,
    agency_return: AgencyReturn,
    *,
    grades: Grades,
    submitted_on: dt.date,
    **fields: Any,
) -> AgencyReturn:
    """A return an agency sent before the audit came to Assure (brought in as history): checked
    as a return sent here is, and dated when it was sent."""
    audit = agency_return.audit
    if submitted_on > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field="submitted_on")
    _check_return(audit, grades, fields)
    fields |= {"submitted_on": submitted_on}
    what = f"past {agency_return}"
    changes.save_recorded(actor, audit.partnership, agency_return, fields, what)
    _write_grades(actor, agency_return, audit.partnership, agency_return.grades, grades)
    return agency_return


@transaction.atomic
def assign_moderation(
    actor: Any, audit: CaseAudit, *, moderator: Person, month: dt.date
) -> Moderation:
    check_same_partnership(audit.partnership, moderator=moderator)
    if not audit.is_completed:
        raise DomainError("Moderate an audit once it is complete.")
    if moderator.pk == audit.auditor_id:
        raise DomainError("A second auditor moderates: choose someone else.", field="moderator")
    existing = Moderation.objects.filter(audit=audit).first()
    if existing and existing.is_completed:
        raise DomainError("This audit has been moderated already.")
    fields = {"moderator": moderator, "month": month_start(month)}
    return changes.save_recorded(
        actor,
        audit.partnership,
        existing or Moderation(audit=audit),
        fields,
        f"moderation of {audit}",
    )


@transaction.atomic
def save_moderation(
    actor: Any,
    moderation: Moderation,
    *,
    grades: ModerationGrades,
    comment: str,
    moderated_on: dt.date,
) -> Moderation:
    """The moderator's grade and the agreed grade of every domain."""
    audit = moderation.audit
    _check_moderation(audit, grades, moderated_on)
    _write_moderation(actor, moderation, grades, comment, moderated_on, "moderation")
    indicators.publish(actor, audit.partnership, [audit.month])
    return moderation


@transaction.atomic
def record_past_moderation(
    actor: Any,
    moderation: Moderation,
    *,
    grades: ModerationGrades,
    comment: str,
    moderated_on: dt.date,
) -> Moderation:
    """A moderation made before the programme came to Assure (brought in as history), checked
    as one made here is. The month's figures are the framework's own, brought in with it, so
    they are not recomputed from it (`save_moderation` does that for one made here)."""
    _check_moderation(moderation.audit, grades, moderated_on)
    _write_moderation(actor, moderation, grades, comment, moderated_on, "past moderation")
    return moderation


def _check_moderation(audit: CaseAudit, grades: ModerationGrades, moderated_on: dt.date) -> None:
    """Both grades of every domain, from the tool's scale, and a date that has come."""
    problems = []
    for slot in (0, 1):
        name = "grade" if slot == 0 else "agreed"
        picked: Grades = {d: (pair[slot], "") for d, pair in grades.items()}
        try:
            _check_grades(audit.tool, picked)
        except DomainError as error:
            raise DomainError(
                error.message, field=(error.field or "").replace("grade", name)
            ) from error
        problems += _missing_grades(audit.tool, picked, name)
    if moderated_on > timezone.localdate():
        problems.append(DomainError("The date cannot be in the future.", field="moderated_on"))
    DomainErrors.raise_any(problems)


def _write_moderation(
    actor: Any,
    moderation: Moderation,
    grades: ModerationGrades,
    comment: str,
    moderated_on: dt.date,
    what: str,
) -> None:
    audit = moderation.audit
    fields = {"comment": comment, "moderated_on": moderated_on}
    changes.save_recorded(actor, audit.partnership, moderation, fields, f"{what} of {audit}")
    for domain_id, (level, agreed) in grades.items():
        assert level is not None and agreed is not None  # noqa: S101 (every domain is graded above)
        ModeratedGrade.objects.update_or_create(
            moderation=moderation, domain_id=domain_id, defaults={"level": level, "agreed": agreed}
        )


def _next_code(audit: CaseAudit, objective: Objective) -> str:
    taken = set(
        Action.objects.filter(objective__priority__plan=objective.priority.plan).values_list(
            "code", flat=True
        )
    )
    number = 1
    while f"CA{audit.pk}.{number}" in taken:
        number += 1
    return f"CA{audit.pk}.{number}"


@transaction.atomic
def raise_action(
    actor: Any,
    audit: CaseAudit,
    *,
    objective: Objective,
    title: str,
    due_date: dt.date,
    owner_person: Person | None = None,
    owner_group: Group | None = None,
    owner_organisation: Organisation | None = None,
) -> Action:
    """An action the audit found, made an action of the plan the auditor chose, so its owner
    is asked for quarterly updates and it is chased like any other."""
    if objective.priority.plan.partnership_id != audit.partnership_id:
        raise DomainError("Choose an objective of this partnership's plans.", field="objective")
    action = save_action(
        actor,
        objective,
        None,
        code=_next_code(audit, objective),
        title=title,
        owner_person=owner_person,
        owner_group=owner_group,
        owner_organisation=owner_organisation,
        due_date=due_date,
        timescale=f"By {due_date:%-d %B %Y}",
        outcome_measure=f"Raised by the case audit of {audit.case} ({audit.month:%B %Y})",
    )
    AuditAction.objects.create(audit=audit, action=action)
    return action
