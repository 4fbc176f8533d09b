"""The dashboard: every indicator with its latest figure, RAG, direction of change and Making
Data Count icons, grouped by plan theme and filtered by theme and by RAG."""

from __future__ import annotations

from dataclasses import dataclass

from assure.core.models import Partnership
from assure.performance import summaries, targets, units
from assure.performance.control import Control, control
from assure.performance.models import Indicator, Observation
from assure.performance.queries import IndicatorData, gather
from assure.plans.models import Priority

NO_RATING = "none"


@dataclass
class DashboardRow:
    data: IndicatorData
    latest: Observation | None
    latest_text: str
    rating: str | None
    target_text: str
    direction: str | None
    judgement: str | None
    control: Control

    @property
    def indicator(self) -> Indicator:
        return self.data.indicator


@dataclass
class DashboardGroup:
    theme: Priority | None
    rows: list[DashboardRow]


def dashboard_row(data: IndicatorData) -> DashboardRow:
    indicator = data.indicator
    present = [o for _, o in data.series() if o is not None and o.value is not None]
    latest = present[-1] if present else _latest_of_any_period(data)
    fy = latest.period.financial_year if latest else None
    band = data.band(fy) if fy is not None else None

    def show(value: object) -> str:
        return units.format_plain(value, indicator.unit)  # type: ignore[arg-type]

    move = summaries.direction(present[-2].value, present[-1].value) if len(present) > 1 else None
    return DashboardRow(
        data,
        latest,
        units.format_figure(latest.value, indicator.unit, indicator.decimals) if latest else "",
        targets.rate(latest.value, band, indicator.polarity) if latest else None,
        targets.describe(band, indicator.polarity, show) or (_note(data, fy)),
        move,
        summaries.judged(move, indicator.polarity),
        control(data),
    )


def _latest_of_any_period(data: IndicatorData) -> Observation | None:
    """For a measure with no monthly or quarterly figures: its latest year or year to date."""
    held = [o for o in data.observations.values() if o.value is not None]
    return max(held, key=lambda o: (o.period_end, o.span), default=None)


def _note(data: IndicatorData, fy: int | None) -> str:
    target = data.targets.get(fy) if fy is not None else None
    return target.note if target is not None else ""


def dashboard(partnership: Partnership, theme: str = "", rating: str = "") -> list[DashboardGroup]:
    """Rows grouped by theme (in plan order, unlinked last); `theme` is a theme's id and
    `rating` is red, amber, green or none."""
    groups: dict[int | None, DashboardGroup] = {}
    for data in gather(partnership):
        chosen = data.indicator.theme
        if theme and (chosen is None or str(chosen.pk) != theme):
            continue
        row = dashboard_row(data)
        if rating and (row.rating or NO_RATING) != rating:
            continue
        key = chosen.pk if chosen is not None else None
        groups.setdefault(key, DashboardGroup(chosen, [])).rows.append(row)
    return sorted(groups.values(), key=lambda g: _order(g.theme))


def _order(theme: Priority | None) -> tuple[int, str, int, str]:
    if theme is None:
        return (1, "", 0, "")
    return (0, theme.plan.title, theme.position, theme.code)
