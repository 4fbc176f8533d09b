"""Every write to the audit arrangements: tools (their scale and domains), the programme and
its audit day, teams, auditors and their quotas, and the caseload that samples are drawn from.

Each function is atomic, raises DomainError naming the form field, and records the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from assure.audits import caseload
from assure.audits.models import (
    Auditor,
    AuditTool,
    Case,
    CaseTheme,
    Domain,
    Programme,
    ScaleLevel,
    Team,
)
from assure.audits.pseudonyms import pseudonym
from assure.core import audit as changes
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Partnership
from assure.partnership.services import check_same_partnership

# 004: "Exceeds good = 1 Meets good = 2 Does not meet good = 3 Not applicable = 4", with N/A
# excluded from the denominator.
DEFAULT_SCALE = (
    (1, "Exceeds good", "Practice is better than good: an example for others.", True),
    (2, "Meets good", "Practice is what good looks like.", True),
    (3, "Does not meet good", "Practice falls short of good and needs to change.", True),
    (4, "N/A", "Does not apply to this case: left out of every average.", False),
)


def _unique(queryset: Any, obj: Any, message: str, field_name: str) -> None:
    if obj is not None and obj.pk:
        queryset = queryset.exclude(pk=obj.pk)
    if queryset.exists():
        raise DomainError(message, field=field_name)


@transaction.atomic
def save_tool(
    actor: Any, partnership: Partnership, tool: AuditTool | None, **fields: Any
) -> AuditTool:
    """A tool; a new one gets the three-point scale with N/A, which can then be edited."""
    _unique(
        AuditTool.objects.filter(partnership=partnership, name=fields["name"]),
        tool,
        "There is already a tool with this name.",
        "name",
    )
    creating = tool is None
    saved = changes.save_recorded(
        actor,
        partnership,
        tool or AuditTool(partnership=partnership),
        fields,
        f"tool {fields['name']}",
    )
    if creating:
        for score, label, meaning, counts in DEFAULT_SCALE:
            ScaleLevel.objects.create(
                tool=saved, score=score, label=label, meaning=meaning, counts=counts
            )
    return saved


@transaction.atomic
def save_scale_level(actor: Any, level: ScaleLevel, **fields: Any) -> ScaleLevel:
    """A grade's label, meaning and whether it counts; its score stays, so past audits keep
    their meaning."""
    others = level.tool.scale.exclude(pk=level.pk)
    if not fields.get("counts") and not others.filter(counts=True).exists():
        raise DomainError("At least one grade must count in averages.", field="counts")
    what = f"grade {level.score} of {level.tool}"
    return changes.save_recorded(actor, level.tool.partnership, level, fields, what)


@transaction.atomic
def save_domain(actor: Any, tool: AuditTool, domain: Domain | None, **fields: Any) -> Domain:
    _unique(
        Domain.objects.filter(tool=tool, number=fields["number"]),
        domain,
        f"{tool} already has a domain {fields['number']}.",
        "number",
    )
    if domain is None and "position" not in fields:
        fields["position"] = tool.domains.count()
    what = f"domain {fields['number']} of {tool}"
    return changes.save_recorded(actor, tool.partnership, domain or Domain(tool=tool), fields, what)


def programme_of(partnership: Partnership) -> Programme:
    """The partnership's programme; until one is saved, 003's (the last Thursday of the
    month, seven days' grace), unsaved, so reading a page never writes."""
    found = Programme.objects.filter(partnership=partnership).select_related("tool").first()
    return found or Programme(partnership=partnership)


@transaction.atomic
def save_programme(actor: Any, partnership: Partnership, **fields: Any) -> Programme:
    check_same_partnership(partnership, tool=fields.get("tool"))
    current = programme_of(partnership)
    return changes.save_recorded(actor, partnership, current, fields, "the audit programme")


@transaction.atomic
def save_team(actor: Any, partnership: Partnership, team: Team | None, **fields: Any) -> Team:
    _unique(
        Team.objects.filter(partnership=partnership, name__iexact=fields["name"]),
        team,
        "There is already a team with this name.",
        "name",
    )
    what = f"team {fields['name']}"
    return changes.save_recorded(
        actor, partnership, team or Team(partnership=partnership), fields, what
    )


@transaction.atomic
def save_auditor(
    actor: Any, partnership: Partnership, auditor: Auditor | None, **fields: Any
) -> Auditor:
    check_same_partnership(partnership, person=fields.get("person"), team=fields.get("team"))
    _unique(
        Auditor.objects.filter(partnership=partnership, person=fields["person"]),
        auditor,
        "This person is in the programme already.",
        "person",
    )
    ends_on = fields.get("ends_on")
    if ends_on and ends_on < fields["starts_on"]:
        raise DomainError("The end must not be before the start.", field="ends_on")
    what = f"auditor {fields['person']}"
    auditor = auditor or Auditor(partnership=partnership)
    return changes.save_recorded(actor, partnership, auditor, fields, what)


class CaseloadError(DomainError):
    """A caseload file that cannot load, with every problem found in it."""

    def __init__(self, problems: list[str]):
        super().__init__(problems[0], field="file")
        self.problems = problems


@dataclass
class Loaded:
    added: int = 0
    updated: int = 0
    closed: int = 0
    pseudonyms: list[str] = field(default_factory=list)


@transaction.atomic
def load_caseload(
    actor: Any, partnership: Partnership, data: bytes, name: str, *, close_others: bool = False
) -> Loaded:
    """Add or update the cases in a caseload file, pseudonymised as they are read; with
    `close_others`, cases not in the file are closed (no longer sampled)."""
    teams = {t.name.lower(): t for t in Team.objects.filter(partnership=partnership)}
    reading = caseload.read(data, name, set(teams))
    if reading.problems:
        raise CaseloadError(reading.problems)
    # In batches, a few queries however long the file: a council's whole caseload is saved
    # in seconds, so the database is not held while other people save.
    loaded = Loaded()
    known = {c.pseudonym: c for c in Case.objects.filter(partnership=partnership)}
    themes = {t.name.lower(): t for t in CaseTheme.objects.filter(partnership=partnership)}
    new: list[Case] = []
    changed: list[Case] = []
    links = []
    for row in reading.rows:
        key = pseudonym(partnership.la_code, row.identifier)
        case = known.get(key) or Case(partnership=partnership, pseudonym=key)
        case.team, case.category, case.is_open = teams.get(row.team.lower()), row.category, True
        (changed if case.pk else new).append(case)
        for theme in row.themes:
            if theme.lower() not in themes:
                themes[theme.lower()] = CaseTheme.objects.create(
                    partnership=partnership, name=theme
                )
            links.append((case, themes[theme.lower()]))
        loaded.pseudonyms.append(key)
    Case.objects.bulk_create(new, batch_size=BATCH)  # sets their keys (SQLite, PostgreSQL)
    Case.objects.bulk_update(changed, ["team", "category", "is_open"], batch_size=BATCH)
    through = Case.themes.through
    for start in range(0, len(changed), BATCH):
        through.objects.filter(case__in=changed[start : start + BATCH]).delete()
    through.objects.bulk_create(
        [through(case_id=case.pk, casetheme_id=theme.pk) for case, theme in links],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    loaded.added, loaded.updated = len(new), len(changed)
    if close_others:
        others = Case.objects.filter(partnership=partnership, is_open=True)
        loaded.closed = others.exclude(pseudonym__in=loaded.pseudonyms).update(is_open=False)
    _record_load(actor, partnership, name, loaded)
    return loaded


@transaction.atomic
def add_case(
    actor: Any,
    partnership: Partnership,
    *,
    identifier: str,
    category: str,
    team: Team | None = None,
    themes: list[str] | None = None,
) -> Case:
    """One case, by its case-management identifier (kept only as the pseudonym)."""
    check_same_partnership(partnership, team=team)
    if not identifier.strip():
        raise DomainError("Enter the case's identifier.", field="identifier")
    name = pseudonym(partnership.la_code, identifier)
    existing = Case.objects.filter(partnership=partnership, pseudonym=name).first()
    fields = {"pseudonym": name, "team": team, "category": category, "is_open": True}
    case = changes.save_recorded(
        actor, partnership, existing or Case(partnership=partnership), fields, f"case {name}"
    )
    case.themes.set([_theme(partnership, t) for t in themes or []])
    return case


def _record_load(actor: Any, partnership: Partnership, name: str, loaded: Loaded) -> None:
    """One change record for the whole file: which cases it held is in their own rows."""
    ChangeRecord.objects.create(
        partnership=partnership,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=ChangeRecord.Verb.UPDATED,
        object_type="audits.case",
        object_id=0,
        summary=f"Loaded the caseload {name}: {loaded.added} added, {loaded.updated} updated, "
        f"{loaded.closed} closed",
    )


BATCH = 1000


def _theme(partnership: Partnership, name: str) -> CaseTheme:
    found = CaseTheme.objects.filter(partnership=partnership, name__iexact=name).first()
    return found or CaseTheme.objects.create(partnership=partnership, name=name)
