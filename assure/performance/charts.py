"""The indicator chart, drawn as an inline SVG: figures, mean, process limits, target bands,
benchmarks and special-cause points (docs/decisions/0006-performance-charts-inline-svg.md).

This module works out the geometry in plain numbers; `performance/chart_svg.html` draws it.
Colour is never the only signal: special-cause points also differ in shape, every line is
labelled in words, and the page puts the same numbers in a table beside the chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from analytics.periods import financial_year_label
from analytics.vocabulary import Polarity, Unit
from assure.performance import units
from assure.performance.control import BLUE, GREY, ORANGE, PURPLE, Control
from assure.performance.models import Benchmark
from assure.performance.queries import IndicatorData

WIDTH, HEIGHT = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 50, 180, 16, 44
LABEL_GAP = 13
SHAPES: dict[str, list[tuple[float, float]]] = {  # corners around a point, by kind
    "improvement": [(-5, -5), (5, -5), (5, 5), (-5, 5)],
    "concern": [(0, -6.5), (6.5, 0), (0, 6.5), (-6.5, 0)],
    "neutral": [(0, -6.5), (6.5, 5), (-6.5, 5)],
}
Position = Callable[[int], float]  # the x of the n-th period
KIND_COLOURS = {"common": GREY, "improvement": BLUE, "concern": ORANGE, "neutral": PURPLE}


@dataclass
class Point:
    x: float
    y: float
    kind: str
    colour: str
    title: str

    @property
    def polygon(self) -> str:
        """A square (improvement), diamond (concern) or triangle (no direction); common
        cause points are small circles and have no polygon."""
        x, y = self.x, self.y
        corners = SHAPES.get(self.kind, [])
        return " ".join(f"{round(x + dx, 2)},{round(y + dy, 2)}" for dx, dy in corners)


@dataclass
class Line:
    y: float
    label: str
    colour: str
    dash: str
    label_y: float = 0.0


@dataclass
class Band:
    x: float
    y: float
    width: float
    height: float


@dataclass
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: float = WIDTH - RIGHT
    top: int = TOP
    bottom: float = HEIGHT - BOTTOM
    segments: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 times a power of ten) covering low to high."""
    span = high - low or abs(high) or 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


class _Scale:
    def __init__(self, low: float, high: float, top: float, bottom: float):
        self.low, self.high, self.top, self.bottom = low, high, top, bottom

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.bottom - share * (self.bottom - self.top), 2)

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


def _point_kind(flags: list[tuple[str, str]], polarity: str) -> str:
    if not flags:
        return "common"
    if polarity not in (Polarity.HIGHER, Polarity.LOWER):
        return "neutral"
    better = "high" if polarity == Polarity.HIGHER else "low"
    return "improvement" if flags[0][1] == better else "concern"


def _lines(data: IndicatorData, control: Control) -> list[tuple[float, str, str, str]]:
    """(value, label, colour, dash) of every horizontal line."""
    indicator = data.indicator

    def show(value: float | Decimal) -> str:
        return units.format_value(value, indicator.unit, indicator.decimals)

    def figure(value: Decimal, extra: int) -> str:
        return units.format_figure(value, indicator.unit, indicator.decimals, extra)

    lines = []
    result = control.result
    if result is not None:
        lines.append((result.mean, f"Mean {show(result.mean)}", "#0b0c0c", ""))
        lines.append((result.upper_limit, f"Upper limit {show(result.upper_limit)}", GREY, "6 4"))
        lines.append((result.lower_limit, f"Lower limit {show(result.lower_limit)}", GREY, "6 4"))
    last_fy = control.series[-1][0].financial_year if control.series else None
    for benchmark in data.latest_benchmarks(last_fy):
        lines.append(
            (
                float(benchmark.value),
                f"{_short_name(benchmark)} {figure(benchmark.value, 2)}",
                PURPLE,
                "2 3",
            )
        )
    return lines


def _short_name(benchmark: Benchmark) -> str:
    """A benchmark's name short enough to label a line: 'Neighbours to 2021'."""
    if benchmark.kind == Benchmark.Kind.NEIGHBOURS:
        return f"Neighbours {benchmark.label}".strip()
    if benchmark.kind == Benchmark.Kind.ENGLAND:
        return "England"
    return benchmark.label or benchmark.get_kind_display()


def _domain(data: IndicatorData, control: Control, lines: list[float]) -> tuple[float, float]:
    numbers = [float(o.value) for _, o in control.series if o is not None and o.value is not None]
    numbers += lines
    for target in data.targets.values():
        numbers += [float(e) for e in (target.minimum, target.upper) if e is not None]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.05 or 1.0
    low, high = low - pad, high + pad
    if data.indicator.unit == Unit.PERCENT:
        low, high = max(low, 0.0), min(high, 100.0)
    elif low < 0 <= min(numbers[: len(numbers) - len(lines)] or [0]):
        low = 0.0
    return low, high


def _spread_labels(lines: list[Line], top: float, bottom: float) -> None:
    """Move line labels apart so they do not overlap, keeping their order."""
    ordered = sorted(lines, key=lambda line: line.y)
    previous = top - LABEL_GAP
    for line in ordered:
        line.label_y = max(line.y + 4, previous + LABEL_GAP)
        previous = line.label_y
    overflow = previous - (bottom + 4)
    if overflow > 0:
        for line in ordered:
            line.label_y -= overflow


def build_chart(data: IndicatorData, control: Control) -> Chart | None:
    """The chart of an indicator's series, or None when it has no figures to draw."""
    present = [
        (i, o) for i, (_, o) in enumerate(control.series) if o is not None and o.value is not None
    ]
    if not present:
        return None
    raw_lines = _lines(data, control)
    chart = Chart(title=f"{data.indicator.reference} {data.indicator.title}", description="")
    scale = _Scale(*_domain(data, control, [v for v, *_ in raw_lines]), chart.top, chart.bottom)
    step = (chart.right - chart.left) / len(control.series)

    def x(index: int) -> float:
        return round(chart.left + (index + 0.5) * step, 2)

    _draw_bands(chart, data, control, scale, x, step)
    _draw_points(chart, data, control, scale, x)
    chart.lines = [
        Line(scale.y(value), label, colour, dash)
        for value, label, colour, dash in raw_lines
        if scale.holds(value)
    ]
    _spread_labels(chart.lines, chart.top, chart.bottom)
    ticks = nice_ticks(scale.low, scale.high)
    chart.y_ticks = [
        Tick(scale.y(t), units.format_plain(t, data.indicator.unit))
        for t in ticks
        if scale.holds(t)
    ]
    every = max(1, math.ceil(len(control.series) / 6))
    chart.x_ticks = [
        Tick(x(i), period.label) for i, (period, _) in enumerate(control.series) if i % every == 0
    ]
    chart.description = describe(data, control, len(present))
    return chart


def _draw_points(
    chart: Chart, data: IndicatorData, control: Control, scale: _Scale, x: Position
) -> None:
    indicator = data.indicator
    flags_at = (
        {p.index: [(f.rule, f.direction) for f in p.flags] for p in control.result.points}
        if control.result
        else {}
    )
    segment: list[str] = []
    for index, (period, observation) in enumerate(control.series):
        if observation is None or observation.value is None:
            if len(segment) > 1:
                chart.segments.append(" ".join(segment))
            segment = []
            continue
        y = scale.y(float(observation.value))
        segment.append(f"{x(index)},{y}")
        kind = _point_kind(flags_at.get(index, []), indicator.polarity)
        value = units.format_figure(observation.value, indicator.unit, indicator.decimals)
        chart.points.append(
            Point(x(index), y, kind, KIND_COLOURS[kind], f"{period.label}: {value}")
        )
    if len(segment) > 1:
        chart.segments.append(" ".join(segment))


def _draw_bands(
    chart: Chart, data: IndicatorData, control: Control, scale: _Scale, x: Position, step: float
) -> None:
    years: dict[int, list[int]] = {}
    for index, (period, _) in enumerate(control.series):
        years.setdefault(period.financial_year, []).append(index)
    for fy, indexes in years.items():
        band = data.band(fy)
        threshold, stretch = band.edges(data.indicator.polarity) if band else (None, None)
        if threshold is None:
            continue
        ends = [float(e) for e in (threshold, stretch) if e is not None]
        top = scale.y(min(max(ends), scale.high))
        bottom = scale.y(max(min(ends), scale.low))
        left = x(indexes[0]) - step / 2
        chart.bands.append(Band(left, top, step * len(indexes), max(bottom - top, 2.0)))


def describe(data: IndicatorData, control: Control, count: int) -> str:
    """The chart in words, for the SVG's description."""
    indicator = data.indicator
    first, last = control.series[0][0], control.series[-1][0]
    text = f"{count} figures from {first.label} to {last.label}."
    result = control.result
    if result is not None:
        show = lambda v: units.format_value(v, indicator.unit, indicator.decimals)  # noqa: E731
        text += (
            f" Mean {show(result.mean)}; process limits {show(result.lower_limit)} to "
            f"{show(result.upper_limit)}{' (trial limits)' if result.trial_limits else ''}."
        )
        if control.variation:
            text += f" {control.variation.label}."
        if control.assurance:
            text += f" {control.assurance.label}."
    band = data.band(last.financial_year)
    threshold, stretch = band.edges(indicator.polarity) if band else (None, None)
    if threshold is not None:
        text += f" The shaded band is the target for {financial_year_label(last.financial_year)}."
    return text
