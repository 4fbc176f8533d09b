"""Learning: the themes audits and dip samples find (linked to the plan priorities they
inform), dip samples with their findings, and how often each theme was found over time."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from analytics.periods import month_start
from assure.audits.models import CaseAudit, DipFinding, DipSample, LearningTheme
from assure.core import audit as changes
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.core.periods import Period
from assure.partnership.services import check_same_partnership


@transaction.atomic
def save_theme(
    actor: Any, partnership: Partnership, theme: LearningTheme | None, **fields: Any
) -> LearningTheme:
    priorities = list(fields.get("priorities", []))
    if any(p.plan.partnership_id != partnership.pk for p in priorities):
        raise DomainError("Choose priorities of this partnership's plans.", field="priorities")
    clash = LearningTheme.objects.filter(partnership=partnership, name__iexact=fields["name"])
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise DomainError("There is already a learning theme with this name.", field="name")
    theme = theme or LearningTheme(partnership=partnership)
    return changes.save_recorded(
        actor, partnership, theme, fields, f"learning theme {fields['name']}"
    )


@transaction.atomic
def save_dip_sample(
    actor: Any, partnership: Partnership, dip: DipSample | None, **fields: Any
) -> DipSample:
    check_same_partnership(partnership, carried_out_by=fields.get("carried_out_by"))
    if fields["carried_out_on"] > dt.date.today():
        raise DomainError("The date cannot be in the future.", field="carried_out_on")
    dip = dip or DipSample(partnership=partnership)
    return changes.save_recorded(actor, partnership, dip, fields, f"dip sample {fields['title']}")


@transaction.atomic
def add_finding(actor: Any, dip: DipSample, **fields: Any) -> DipFinding:
    check_same_partnership(dip.partnership, theme=fields.get("theme"))
    if not fields.get("text", "").strip():
        raise DomainError("Enter the finding.", field="text")
    finding = DipFinding(dip_sample=dip)
    return changes.save_recorded(actor, dip.partnership, finding, fields, f"finding of {dip}")


@dataclass
class ThemeCounts:
    """How often a theme was found, quarter by quarter, in audits and in dip samples."""

    theme: LearningTheme
    by_quarter: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_quarter.values())


def themes_found(partnership: Partnership) -> list[tuple[int, dt.date, str]]:
    """Each time a learning theme was found: (theme, the day, where), from completed case
    audits (on their month's first day) and dip-sample findings (on the dip's day)."""
    found: list[tuple[int, dt.date, str]] = []
    in_audits = CaseAudit.learning_themes.through.objects.filter(
        caseaudit__partnership=partnership, caseaudit__status=CaseAudit.Status.COMPLETED
    ).values_list("learningtheme_id", "caseaudit__month")
    found += [(theme_id, month, "Case audit") for theme_id, month in in_audits]
    findings = DipFinding.objects.filter(
        dip_sample__partnership=partnership, theme__isnull=False
    ).values_list("theme_id", "dip_sample__carried_out_on")
    found += [(theme_id, day, "Dip sample") for theme_id, day in findings if theme_id]
    return found


def theme_counts(partnership: Partnership, quarters: list[Period]) -> list[ThemeCounts]:
    """Each learning theme with the number of completed audits and dip-sample findings that
    found it in each quarter, most found first."""
    counts: Counter[tuple[int, str]] = Counter(
        (theme_id, Period.containing(month_start(day)).code)
        for theme_id, day, _ in themes_found(partnership)
    )
    rows = [
        ThemeCounts(theme, {q.code: counts[(theme.pk, q.code)] for q in quarters})
        for theme in LearningTheme.objects.filter(partnership=partnership).prefetch_related(
            "priorities__plan"
        )
    ]
    return sorted(rows, key=lambda r: (-r.total, r.theme.name))
