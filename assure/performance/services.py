"""Every write to the performance framework: indicators, SPC settings, targets, benchmarks,
observations (a correction keeps the earlier figure) and whole-file loads.

Each function is atomic, checks the rules of the domain, raises DomainError naming the field,
and records the change (who, when, before, after).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from analytics.periods import ReportingPeriod
from assure.core import audit
from assure.core.access import may, roles_for
from assure.core.errors import DomainError
from assure.core.models import Membership, Partnership
from assure.performance import units, validation
from assure.performance.files import FileProblem, Problem, read_table
from assure.performance.models import (
    Benchmark,
    FileLoad,
    Indicator,
    Observation,
    ObservationRevision,
    Target,
)

EDITORS = roles_for("edit_figures")
MAX_RUN_LENGTH = 15


def can_edit(membership: Membership) -> bool:
    return may(membership, "edit_figures")


@transaction.atomic
def save_indicator(
    actor: Any, partnership: Partnership, indicator: Indicator | None, **fields: Any
) -> Indicator:
    theme = fields.get("theme")
    if theme is not None and theme.plan.partnership_id != partnership.pk:
        raise DomainError("Choose a theme from this partnership's plans.", field="theme")
    indicator = indicator or Indicator(partnership=partnership)
    clash = Indicator.objects.filter(partnership=partnership, reference=fields["reference"])
    if clash.exclude(pk=indicator.pk).exists():
        raise DomainError(
            f"There is already an indicator {fields['reference']}.", field="reference"
        )
    if fields.get("decimals", 0) > 4:
        raise DomainError("Show at most 4 decimal places.", field="decimals")
    return audit.save_recorded(
        actor, partnership, indicator, fields, f"indicator {fields['reference']}"
    )


@transaction.atomic
def set_spc_settings(
    actor: Any,
    indicator: Indicator,
    *,
    baseline_end: dt.date | None,
    run_length: int,
    screen_outliers: bool,
    two_sigma: bool,
) -> Indicator:
    """Lock (or unlock) the months the process limits are worked out from, and the rules."""
    if not 2 <= run_length <= MAX_RUN_LENGTH:
        raise DomainError(f"Choose a run length from 2 to {MAX_RUN_LENGTH}.", field="run_length")
    if baseline_end is not None:
        baseline_end = ReportingPeriod.month(baseline_end).end
        values = indicator.observations.filter(
            span=Observation.Span.MONTH, period_end__lte=baseline_end, value__isnull=False
        ).count()
        if values < 2:
            raise DomainError(
                "The baseline must hold at least 2 monthly figures: choose a later month.",
                field="baseline_end",
            )
    fields = {
        "spc_baseline_end": baseline_end,
        "spc_run_length": run_length,
        "spc_screen_outliers": screen_outliers,
        "spc_two_sigma": two_sigma,
    }
    what = f"SPC settings of {indicator.reference}"
    return audit.save_recorded(actor, indicator.partnership, indicator, fields, what)


@transaction.atomic
def save_target(actor: Any, indicator: Indicator, target: Target | None, **fields: Any) -> Target:
    target = target or Target(indicator=indicator)
    clash = Target.objects.filter(indicator=indicator, financial_year=fields["financial_year"])
    if clash.exclude(pk=target.pk).exists():
        raise DomainError(
            "There is already a target for this year: change that one.", "financial_year"
        )
    for name in ("minimum", "upper"):
        if fields.get(name) is not None:
            _check_figure(indicator, fields[name], name)
    if fields.get("minimum") is None and fields.get("upper") is None and not fields.get("note"):
        raise DomainError("Give the band, or a note such as TBC.", field="minimum")
    what = f"{indicator.reference} target for {fields['financial_year']}"
    return audit.save_recorded(actor, indicator.partnership, target, fields, what)


def _check_figure(indicator: Indicator, value: Decimal, field_name: str) -> None:
    try:
        units.check(indicator.unit, value, None, None)
    except units.ValueProblem as problem:
        raise DomainError(problem.message, field=field_name) from problem


@transaction.atomic
def save_benchmark(
    actor: Any, indicator: Indicator, benchmark: Benchmark | None, **fields: Any
) -> Benchmark:
    benchmark = benchmark or Benchmark(indicator=indicator)
    if fields["kind"] == Benchmark.Kind.AUTHORITY and not fields.get("label"):
        raise DomainError("Name the authority.", field="label")
    _check_figure(indicator, fields["value"], "value")
    key = {k: fields.get(k, "") for k in ("financial_year", "kind", "label")}
    if Benchmark.objects.filter(indicator=indicator, **key).exclude(pk=benchmark.pk).exists():
        raise DomainError("There is already this benchmark for this year.", field="kind")
    what = f"{indicator.reference} benchmark"
    return audit.save_recorded(actor, indicator.partnership, benchmark, fields, what)


@dataclass
class Figures:
    """One observation as entered or loaded."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = Observation.Status.PROVISIONAL
    quality_note: str = ""
    source: str = Observation.Source.PERSON
    source_detail: str = ""


@transaction.atomic
def record_observation(
    actor: Any,
    indicator: Indicator,
    period: ReportingPeriod,
    figures: Figures,
    *,
    reason: str = "",
    load: FileLoad | None = None,
    today: dt.date | None = None,
) -> tuple[Observation, bool]:
    """Save the figure for a period; a correction keeps the earlier one. (observation, changed)."""
    if not period.has_begun_by(today or timezone.localdate()):
        raise DomainError(f"{period.label} has not begun yet.", field="period")
    fields = _checked_fields(indicator, figures)
    existing = (
        Observation.objects.select_for_update()
        .filter(indicator=indicator, span=period.span, period_end=period.end)
        .first()
    )
    if existing is not None and _same(existing, fields):
        return existing, False
    what = f"figure for {indicator.reference}, {period.label}"
    if existing is not None:
        _keep_revision(actor, existing, reason)
        what += f" (correction: {reason.strip()})"
    observation = existing or Observation(
        indicator=indicator, span=period.span, period_end=period.end
    )
    fields |= {"load": load, "entered_by": _user(actor), "entered_at": timezone.now()}
    audit.save_recorded(actor, indicator.partnership, observation, fields, what)
    return observation, True


def _checked_fields(indicator: Indicator, figures: Figures) -> dict[str, Any]:
    """The observation's fields, with the value checked against its unit (or worked out)."""
    try:
        value = units.check(indicator.unit, figures.value, figures.numerator, figures.denominator)
    except units.ValueProblem as problem:
        raise DomainError(problem.message, field=problem.field) from problem
    if value is None and not figures.quality_note.strip():
        raise DomainError("Give a figure, or a note saying why there is none.", field="value")
    return {
        "value": value,
        "numerator": figures.numerator,
        "denominator": figures.denominator,
        "status": figures.status,
        "quality_note": figures.quality_note,
        "source": figures.source,
        "source_detail": figures.source_detail,
    }


FIGURE_FIELDS = ("value", "numerator", "denominator", "status", "quality_note")


def _same(observation: Observation, fields: dict[str, Any]) -> bool:
    """The same figures again (from wherever they came) are not a correction."""
    return all(getattr(observation, name) == fields[name] for name in FIGURE_FIELDS)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _keep_revision(actor: Any, observation: Observation, reason: str) -> None:
    if not reason.strip():
        raise DomainError("Say why the figure is being corrected.", field="reason")
    ObservationRevision.objects.create(
        observation=observation,
        **{
            name: getattr(observation, name)
            for name in (
                "value",
                "numerator",
                "denominator",
                "status",
                "quality_note",
                "source",
                "source_detail",
                "entered_by",
                "entered_at",
            )
        },
        replaced_by=_user(actor),
        reason=reason,
    )


@dataclass
class LoadOutcome:
    file: str
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    changed: int = 0
    load: FileLoad | None = None

    @property
    def loaded(self) -> bool:
        return self.load is not None


def _indicators_by_reference(partnership: Partnership) -> dict[str, Indicator]:
    return {i.reference: i for i in Indicator.objects.filter(partnership=partnership)}


def _file_load(
    actor: Any, partnership: Partnership, kind: str, name: str, content: bytes, rows: int
) -> FileLoad:
    return FileLoad.objects.create(
        partnership=partnership,
        kind=kind,
        file_name=name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=rows,
        changed=0,
        loaded_by=_user(actor),
    )


class _Refused(Exception):
    """A row failed while saving: roll the whole file back."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def load_observations(
    actor: Any, partnership: Partnership, name: str, content: bytes, today: dt.date | None = None
) -> LoadOutcome:
    """Load every row of a CSV or Excel file, or none: any bad row changes nothing."""
    outcome = LoadOutcome(name)
    try:
        table = read_table(name, content)
    except FileProblem as error:
        outcome.problems.append(error.problem)
        return outcome
    today = today or timezone.localdate()
    checked = validation.check_observations(table, _indicators_by_reference(partnership), today)
    outcome.problems, outcome.rows = checked.problems, len(checked.rows)
    if checked.problems:
        return outcome
    try:
        outcome.load, outcome.changed = _save_observations(
            actor, partnership, name, content, checked.rows, today
        )
    except _Refused as refused:
        outcome.problems.append(refused.problem)
    return outcome


@transaction.atomic
def _save_observations(
    actor: Any,
    partnership: Partnership,
    name: str,
    content: bytes,
    rows: list[validation.ObservationRow],
    today: dt.date,
) -> tuple[FileLoad, int]:
    load = _file_load(actor, partnership, FileLoad.Kind.OBSERVATIONS, name, content, len(rows))
    changed = 0
    for row in rows:
        figures = Figures(
            row.value,
            row.numerator,
            row.denominator,
            row.status,
            row.note,
            Observation.Source.FILE,
            f"{name}, row {row.row}",
        )
        reason = f"Loaded from {name}"
        try:
            _, did = record_observation(
                actor, row.indicator, row.period, figures, reason=reason, load=load, today=today
            )
        except DomainError as error:
            raise _Refused(Problem(name, row.row, error.field or "", error.message)) from error
        changed += did
    load.changed = changed
    load.save(update_fields=["changed"])
    return load, changed


def load_benchmarks(actor: Any, partnership: Partnership, name: str, content: bytes) -> LoadOutcome:
    """Load every benchmark of a CSV or Excel file, or none; a row for a benchmark already
    held replaces its figure."""
    outcome = LoadOutcome(name)
    try:
        table = read_table(name, content)
    except FileProblem as error:
        outcome.problems.append(error.problem)
        return outcome
    checked = validation.check_benchmarks(table, _indicators_by_reference(partnership))
    outcome.problems, outcome.rows = checked.problems, len(checked.rows)
    if not checked.problems:
        outcome.load, outcome.changed = _save_benchmarks(
            actor, partnership, name, content, checked.rows
        )
    return outcome


@transaction.atomic
def _save_benchmarks(
    actor: Any,
    partnership: Partnership,
    name: str,
    content: bytes,
    rows: list[validation.BenchmarkRow],
) -> tuple[FileLoad, int]:
    load = _file_load(actor, partnership, FileLoad.Kind.BENCHMARKS, name, content, len(rows))
    changed = 0
    for row in rows:
        key = {"financial_year": row.financial_year, "kind": row.kind, "label": row.label}
        existing = Benchmark.objects.filter(indicator=row.indicator, **key).first()
        fields = key | {"value": row.value, "source": row.source or name, "note": row.note}
        if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
            continue
        save_benchmark(actor, row.indicator, existing, **fields)
        changed += 1
    load.changed = changed
    load.save(update_fields=["changed"])
    return load, changed
