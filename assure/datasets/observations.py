"""Computed figures: the registry's indicators run over the partnership's latest snapshots and
written into the performance framework through its services, with their provenance (the
snapshot and the definition's version) kept on each observation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from analytics.indicators.engine import Engine, Result
from analytics.indicators.registry import Indicator as Definition
from analytics.indicators.registry import indicators
from analytics.periods import last_months
from analytics.store import snapshots
from analytics.vocabulary import Unit
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.performance import services as performance
from assure.performance import units
from assure.performance.models import Indicator, Observation

# The latest day each dataset's data reaches, to know which months to compute.
LATEST_DAY = {
    "ssda903": "SELECT max(make_date(CAST(collection_year AS INTEGER), 3, 31)) "
    "FROM ssda903_episodes",
    "cin": "SELECT max(make_date(CAST(collection_year AS INTEGER), 3, 31)) FROM cin_referrals",
    "missing": "SELECT max(CAST(missing_start AS DATE)) FROM missing_episodes",
    "exploitation": "SELECT max(greatest(toolkit_date, coalesce(review_date, toolkit_date))) "
    "FROM exploitation_toolkits",
    "workforce": "SELECT max(month) FROM workforce",
    "annex_a": "SELECT max(date_of_contact) FROM annex_a_list_1",
}


def data_dir() -> Path:
    return Path(getattr(settings, "ASSURE_DATA_DIR", settings.VAR_DIR))


def engine_for(partnership: Partnership) -> Engine:
    """DuckDB over the partnership's latest snapshot of each dataset, scoped to its authority."""
    latest = snapshots.latest_by_dataset(data_dir(), partnership.la_code)
    chosen = sorted({s.id: s for s in latest.values()}.values(), key=lambda s: s.id)
    return Engine.from_snapshots(chosen, partnership.la_code)


def months_to_compute(engine: Engine, count: int | None = None) -> list[dt.date]:
    """The last month ends (12 unless DATASETS_MONTHS_COMPUTED says) up to the latest month
    any loaded dataset reaches."""
    configured: int = getattr(settings, "DATASETS_MONTHS_COMPUTED", 12)
    months = count or configured
    latest = []
    for dataset in engine.datasets:
        day = engine.connection.execute(LATEST_DAY[dataset]).fetchone()
        if day and day[0]:
            latest.append(day[0] if isinstance(day[0], dt.date) else day[0].date())
    if not latest:
        return []
    through = min(max(latest), dt.date.today())
    return last_months(through, months)


def ensure_indicator(actor: Any, partnership: Partnership, definition: Definition):
    """The performance framework's indicator for a registry definition, made if missing."""
    if definition.unit not in units.UNITS:
        return None  # a unit the framework keeps no figures in (an average): computed only
    existing = Indicator.objects.filter(partnership=partnership, reference=definition.reference)
    indicator = existing.first()
    fields = {
        "reference": definition.reference,
        "title": definition.title[:300],
        "unit": definition.unit,
        "polarity": definition.polarity,
        "period_type": definition.period,
        "definition": definition.definition,
        "source": Indicator.Source.COMPUTED,
    }
    if indicator is not None and all(getattr(indicator, k) == v for k, v in fields.items()):
        return indicator
    if indicator is not None and indicator.source != Indicator.Source.COMPUTED:
        return None  # a figure the partnership keeps by hand under this reference
    return performance.save_indicator(actor, partnership, indicator, **fields)


def _decimal(number: Any) -> Decimal | None:
    return None if number is None else Decimal(str(round(float(number), 4)))


def _figures(result: Result) -> performance.Figures:
    counted = result.indicator.unit == Unit.COUNT
    return performance.Figures(
        value=_decimal(result.value),
        numerator=None if counted else _decimal(result.numerator),
        denominator=None if counted else _decimal(result.denominator),
        source=Observation.Source.COMPUTATION,
        source_detail=(
            f"Computed from snapshot {result.snapshot}, {result.indicator.reference} "
            f"definition v{result.indicator.version}"
        ),
    )


def record(actor: Any, indicator: Indicator, result: Result) -> bool:
    period = result.period.reporting_period
    try:
        _, changed = performance.record_observation(
            actor,
            indicator,
            period,
            _figures(result),
            reason=f"Recomputed from snapshot {result.snapshot}",
        )
    except DomainError:
        return False  # a period not yet begun, or a figure its unit refuses: left alone
    return changed


def compute(actor: Any, partnership: Partnership, months: list[dt.date] | None = None) -> int:
    """Compute every indicator for the months given (default: the last 12 with data) and
    record the figures. Returns how many observations changed."""
    engine = engine_for(partnership)
    try:
        months = months if months is not None else months_to_compute(engine)
        definitions = [d for d in indicators().values() if d.dataset in engine.datasets]
        made = {d.reference: ensure_indicator(actor, partnership, d) for d in definitions}
        changed = 0
        # Every month at once, one query an indicator: a quarter of the time month by month.
        results = engine.run_many(months, [d.reference for d in definitions], [engine.la])
        for month in months:
            for result in results[(engine.la, month)]:
                target = made.get(result.indicator.reference)
                if target is not None and result.value is not None:
                    changed += record(actor, target, result)
        return changed
    finally:
        engine.close()
