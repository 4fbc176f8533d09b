"""Statistical process control of one indicator: its monthly (or quarterly) series run through
`analytics.spc` with the settings the analyst chose, and the icons the pages show.

The engine is not changed here. This module picks the series (gaps kept in position, so a
locked baseline counts months, not figures), the baseline (the months up to the analyst's
lock), and the target the assurance icon tests: the threshold of the latest year's band.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from analytics.periods import ReportingPeriod
from analytics.spc import SpcResult, analyse
from analytics.vocabulary import Polarity
from assure.performance import targets
from assure.performance.models import Observation
from assure.performance.queries import IndicatorData

BLUE, ORANGE, GREY, PURPLE = "#1d70b8", "#b35000", "#505a5f", "#4c2c92"


@dataclass(frozen=True)
class Icon:
    key: str
    label: str
    colour: str
    glyph: str  # flat, high, low, or a letter


@dataclass
class Control:
    series: list[tuple[ReportingPeriod, Observation | None]]
    result: SpcResult | None
    problem: str
    target: Decimal | None
    baseline_points: int | None

    @property
    def variation(self) -> Icon | None:
        if self.result is None:
            return None
        return variation_icon(self.result.variation, self.result.polarity)

    @property
    def assurance(self) -> Icon | None:
        if self.result is None or self.result.assurance is None:
            return None
        return ASSURANCE[self.result.assurance]


ASSURANCE = {
    "consistently_pass": Icon(
        "consistently_pass", "Assurance: will consistently meet the target", BLUE, "P"
    ),
    "consistently_fail": Icon(
        "consistently_fail", "Assurance: will consistently miss the target", ORANGE, "F"
    ),
    "hit_and_miss": Icon(
        "hit_and_miss", "Assurance: will sometimes meet and sometimes miss the target", GREY, "?"
    ),
}


def variation_icon(key: str, polarity: str) -> Icon:
    """The variation icon of the latest point, read with the polarity."""
    if key == "common_cause":
        return Icon(key, "Common cause variation: no significant change", GREY, "flat")
    if key.startswith("neutral_"):
        side = key.removeprefix("neutral_")
        return Icon(key, f"Special cause variation: unusually {side}", PURPLE, side)
    better_is_high = polarity == Polarity.HIGHER
    side = "high" if (key == "improvement") == better_is_high else "low"
    word = "improving" if key == "improvement" else "concerning"
    return Icon(
        key,
        f"Special cause variation: {word} ({side})",
        BLUE if word == "improving" else ORANGE,
        side,
    )


def control(data: IndicatorData) -> Control:
    """The SPC reading of an indicator's series, or the reason there is none."""
    series = data.series()
    values = [float(o.value) if o is not None and o.value is not None else None for _, o in series]
    indicator = data.indicator
    baseline = None
    if indicator.spc_baseline_end is not None:
        baseline = sum(1 for period, _ in series if period.end <= indicator.spc_baseline_end)
    target = None
    if series:
        band = data.band(series[-1][0].financial_year)
        target = targets.assurance_target(band, indicator.polarity)
    reading = Control(series, None, "", target, baseline)
    if sum(value is not None for value in values) < 2:
        reading.problem = "At least 2 figures are needed to draw process limits."
        return reading
    try:
        reading.result = analyse(
            values,
            polarity=indicator.polarity,
            target=float(target) if target is not None else None,
            baseline=baseline,
            run_length=indicator.spc_run_length,
            screen_outliers=indicator.spc_screen_outliers,
            two_sigma=indicator.spc_two_sigma,
        )
    except ValueError as error:
        reading.problem = f"No process limits: {error}."
    return reading


RULES = {
    "outside_limits": "outside the process limits",
    "shift": "a run on one side of the mean",
    "trend": "a run rising or falling",
    "two_of_three": "two of three near a limit",
    "two_sigma": "beyond two sigma",
}


def describe_flags(flags: list[tuple[str, str]]) -> str:
    """'Outside the process limits (high); a run on one side of the mean (high)'."""
    return "; ".join(
        f"{RULES.get(rule, rule)} ({direction})" for rule, direction in flags
    ).capitalize()
