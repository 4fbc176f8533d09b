"""Statistical process control (SPC) in the NHS England "Making Data Count" style.

This module owns the arithmetic of an XmR (individuals) chart and how it is read: the process
limits, the special-cause rules, and the variation and assurance icons. It is pure Python with no
Django imports; views, reports and the ``assure spc`` command all call :func:`analyse`.

Lines (mMR is the mean moving range of the baseline; sigma is estimated as 2.66 / 3 * mMR,
i.e. mMR / 1.128):

* process limits: mean +/- 2.66 * mMR (three sigma);
* two-thirds lines: mean +/- (2/3) * (2.66 * mMR) = mean +/- 1.7733 * mMR;
* one-sigma lines: mean +/- (2.66 / 3) * mMR = mean +/- 0.8867 * mMR.

Special-cause rules, each reported per point with the direction ``high`` or ``low``:

* ``outside_limits``: strictly above the upper or below the lower process limit;
* ``shift``: ``run_length`` or more consecutive points strictly on one side of the mean (a point
  exactly on the mean breaks the run); every point of the run is flagged;
* ``trend``: ``run_length`` or more consecutive points each strictly above (or below) the one
  before (equal neighbours break it); every point of the run is flagged, direction ``high`` for
  rising and ``low`` for falling;
* ``two_of_three``: in any three consecutive points, two or three strictly beyond the two-thirds
  line on the same side; only the points beyond the line are flagged (a point beyond the process
  limit counts as beyond the two-thirds line);
* ``two_sigma`` (only with ``two_sigma=True``): a single point strictly beyond mean +/- 2 sigma
  = mean +/- 2 * (2.66 / 3) * mMR. That line is numerically the two-thirds line, so the setting
  turns "two of three beyond it" into "any one point beyond it".

Missing values (None) are ignored, as Making Data Count does: they keep their position in the
output with no moving range and no flags, and the points either side of a gap are treated as
neighbours for moving ranges, runs, trends and two-of-three. A locked baseline counts positions
(the first N items, missing or not); limits are "trial" when it holds fewer than 12 values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from analytics.vocabulary import Polarity

LIMIT_FACTOR = 2.66  # 3 / d2, with d2 = 1.128 for moving ranges of two points
SIGMA_FACTOR = LIMIT_FACTOR / 3
TWO_THIRDS_FACTOR = 2 / 3 * LIMIT_FACTOR
TWO_SIGMA_FACTOR = TWO_THIRDS_FACTOR  # 2 * (2.66 / 3) is the same multiple of mMR
OUTLIER_FACTOR = 3.267  # D4: upper limit of the moving-range chart
MIN_BASELINE_VALUES = 12
HIGH, LOW = "high", "low"
_LINES = (  # SpcResult field, multiple of mMR, side of the mean
    ("upper_limit", LIMIT_FACTOR, HIGH),
    ("lower_limit", LIMIT_FACTOR, LOW),
    ("upper_two_thirds", TWO_THIRDS_FACTOR, HIGH),
    ("lower_two_thirds", TWO_THIRDS_FACTOR, LOW),
    ("upper_one_sigma", SIGMA_FACTOR, HIGH),
    ("lower_one_sigma", SIGMA_FACTOR, LOW),
)


class Flag(NamedTuple):
    """One special cause on one point: the rule's name and ``high`` or ``low``."""

    rule: str
    direction: str


@dataclass(frozen=True)
class SpcPoint:
    """One item of the input series; ``index`` is its 0-based position."""

    index: int
    value: float | None
    moving_range: float | None
    in_baseline: bool
    flags: list[Flag]

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "value": self.value,
            "moving_range": self.moving_range,
            "in_baseline": self.in_baseline,
            "flags": [{"rule": f.rule, "direction": f.direction} for f in self.flags],
        }


@dataclass(frozen=True)
class SpcResult:
    """Limits, per-point flags and icons of one XmR chart (see the module docstring)."""

    mean: float
    upper_limit: float
    lower_limit: float
    upper_two_thirds: float
    lower_two_thirds: float
    upper_one_sigma: float
    lower_one_sigma: float
    mean_moving_range: float
    trial_limits: bool
    baseline_values: int
    screened_out: list[int]
    points: list[SpcPoint]
    variation: str
    assurance: str | None
    polarity: str
    target: float | None
    run_length: int
    two_sigma: bool
    screen_outliers: bool

    def as_dict(self) -> dict[str, Any]:
        """Plain dicts, lists and numbers, ready for ``json.dumps``."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["screened_out"] = list(self.screened_out)
        data["points"] = [point.as_dict() for point in self.points]
        return data


@dataclass(frozen=True)
class _Limits:
    mean: float
    mmr: float

    def line(self, factor: float, side: str) -> float:
        offset = factor * self.mmr
        return self.mean + offset if side == HIGH else self.mean - offset

    def beyond(self, value: float, factor: float) -> str | None:
        """HIGH or LOW when ``value`` lies strictly outside mean +/- factor * mMR."""
        if value > self.line(factor, HIGH):
            return HIGH
        if value < self.line(factor, LOW):
            return LOW
        return None


def analyse(
    values: Sequence[float | None],
    *,
    polarity: str = Polarity.NONE,
    target: float | None = None,
    baseline: int | None = None,
    run_length: int = 7,
    screen_outliers: bool = False,
    two_sigma: bool = False,
) -> SpcResult:
    """Analyse ``values`` (None = missing) as an XmR chart; see the module docstring.

    ``polarity``: "higher" or "lower" is better, or "none". ``baseline``: limits from the first N
    items only. ``screen_outliers``: drop moving ranges above 3.267 * mMR, then recompute mMR.
    ``two_sigma``: add the single-point two-sigma rule. ValueError for bad values or settings.
    """
    series = _clean(values)
    _check_settings(polarity, target, baseline, run_length)
    moving_ranges = _moving_ranges(series)
    end = len(series) if baseline is None else min(baseline, len(series))
    mean, mmr, screened, count = _baseline_stats(series[:end], moving_ranges[:end], screen_outliers)
    limits = _Limits(mean, mmr)
    flags = _flags_by_point(series, limits, run_length, two_sigma)
    points = [SpcPoint(i, v, moving_ranges[i], i < end, flags[i]) for i, v in enumerate(series)]
    return SpcResult(
        mean=mean,
        **{name: limits.line(factor, side) for name, factor, side in _LINES},
        mean_moving_range=mmr,
        trial_limits=count < MIN_BASELINE_VALUES,
        baseline_values=count,
        screened_out=screened,
        points=points,
        variation=_variation(series, flags, mean, polarity),
        assurance=_assurance(limits, target, polarity),
        polarity=polarity,
        target=target,
        run_length=run_length,
        two_sigma=two_sigma,
        screen_outliers=screen_outliers,
    )


def _clean(values: Sequence[Any]) -> list[float | None]:
    """Floats and Nones; ValueError for text, booleans, NaN and infinities."""
    cleaned: list[float | None] = []
    for position, value in enumerate(values):
        if value is None:
            cleaned.append(None)
            continue
        if isinstance(value, str | bytes | bool):
            raise ValueError(f"value at position {position} is not a number: {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError) as error:
            raise ValueError(f"value at position {position} is not a number: {value!r}") from error
        if not math.isfinite(number):
            raise ValueError(f"value at position {position} is not finite: {value!r}")
        cleaned.append(number)
    return cleaned


def _check_settings(
    polarity: str, target: float | None, baseline: int | None, run_length: int
) -> None:
    if polarity not in Polarity.values:
        raise ValueError(f"polarity must be one of {', '.join(Polarity.values)}, not {polarity!r}")
    if target is not None and not math.isfinite(target):
        raise ValueError("target must be a finite number")
    if baseline is not None and baseline < 2:
        raise ValueError("baseline must be at least 2 points")
    if run_length < 2:
        raise ValueError("run_length must be at least 2")


def _moving_ranges(series: Sequence[float | None]) -> list[float | None]:
    """|x - previous present x| per position; None for missing values and the first value."""
    ranges: list[float | None] = []
    previous: float | None = None
    for value in series:
        if value is None:
            ranges.append(None)
            continue
        ranges.append(None if previous is None else abs(value - previous))
        previous = value
    return ranges


def _baseline_stats(
    series: Sequence[float | None], moving_ranges: Sequence[float | None], screen: bool
) -> tuple[float, float, list[int], int]:
    """Mean, mean moving range, positions screened out, and number of values in the baseline."""
    present = [value for value in series if value is not None]
    if len(present) < 2:
        raise ValueError("at least 2 values are needed (in the baseline, if one is set)")
    mean = math.fsum(present) / len(present)
    ranges = [(i, mr) for i, mr in enumerate(moving_ranges) if mr is not None]
    mmr = math.fsum(mr for _, mr in ranges) / len(ranges)
    screened: list[int] = []
    if screen:
        ceiling = OUTLIER_FACTOR * mmr
        screened = [i for i, mr in ranges if mr > ceiling]
        kept = [mr for _, mr in ranges if mr <= ceiling]
        mmr = math.fsum(kept) / len(kept)
    return mean, mmr, screened, len(present)


def _flags_by_point(
    series: Sequence[float | None], limits: _Limits, run_length: int, two_sigma: bool
) -> list[list[Flag]]:
    """Flags per position, in rule order; missing values get none."""
    positions = [i for i, value in enumerate(series) if value is not None]
    xs = [value for value in series if value is not None]
    flags: list[list[Flag]] = [[] for _ in series]
    for rule, hits in _rule_hits(xs, limits, run_length, two_sigma).items():
        for k, direction in hits:
            flag = Flag(rule, direction)
            if flag not in flags[positions[k]]:
                flags[positions[k]].append(flag)
    return flags


def _rule_hits(
    xs: Sequence[float], limits: _Limits, run_length: int, two_sigma: bool
) -> dict[str, list[tuple[int, str]]]:
    """(index into xs, direction) pairs for each rule, over the present values only."""
    hits = {
        "outside_limits": _beyond_hits(xs, limits, LIMIT_FACTOR),
        "shift": _shift_hits(xs, limits.mean, run_length),
        "trend": _trend_hits(xs, run_length),
        "two_of_three": _two_of_three_hits(xs, limits),
    }
    if two_sigma:
        hits["two_sigma"] = _beyond_hits(xs, limits, TWO_SIGMA_FACTOR)
    return hits


def _side(value: float, reference: float) -> str | None:
    if value > reference:
        return HIGH
    if value < reference:
        return LOW
    return None


def _runs(labels: Sequence[str | None]) -> list[tuple[int, int, str]]:
    """Maximal runs of equal, non-None labels as (start, stop, label), stop exclusive."""
    runs: list[tuple[int, int, str]] = []
    start = 0
    for k in range(1, len(labels) + 1):
        if k == len(labels) or labels[k] != labels[start]:
            label = labels[start]
            if label is not None:
                runs.append((start, k, label))
            start = k
    return runs


def _beyond_hits(xs: Sequence[float], limits: _Limits, factor: float) -> list[tuple[int, str]]:
    sides = [limits.beyond(x, factor) for x in xs]
    return [(k, side) for k, side in enumerate(sides) if side is not None]


def _shift_hits(xs: Sequence[float], mean: float, run_length: int) -> list[tuple[int, str]]:
    hits: list[tuple[int, str]] = []
    for start, stop, side in _runs([_side(x, mean) for x in xs]):
        if stop - start >= run_length:
            hits.extend((k, side) for k in range(start, stop))
    return hits


def _trend_hits(xs: Sequence[float], run_length: int) -> list[tuple[int, str]]:
    # Step j compares xs[j + 1] with xs[j]; steps start..stop-1 cover points start..stop.
    steps = [_side(after, before) for before, after in zip(xs, xs[1:], strict=False)]
    hits: list[tuple[int, str]] = []
    for start, stop, side in _runs(steps):
        if stop - start + 1 >= run_length:
            hits.extend((k, side) for k in range(start, stop + 1))
    return hits


def _two_of_three_hits(xs: Sequence[float], limits: _Limits) -> list[tuple[int, str]]:
    sides = [limits.beyond(x, TWO_THIRDS_FACTOR) for x in xs]
    hits: list[tuple[int, str]] = []
    for start in range(len(xs) - 2):
        for side in (HIGH, LOW):
            beyond = [k for k in range(start, start + 3) if sides[k] == side]
            if len(beyond) >= 2:
                hits.extend((k, side) for k in beyond)
    return hits


def _variation(
    series: Sequence[float | None], flags: Sequence[list[Flag]], mean: float, polarity: str
) -> str:
    """Icon from the latest present value; conflicting directions go by its side of the mean."""
    last = max(i for i, value in enumerate(series) if value is not None)
    directions = {flag.direction for flag in flags[last]}
    if not directions:
        return "common_cause"
    value = series[last]
    assert value is not None  # last is a present position
    direction = directions.pop() if len(directions) == 1 else (HIGH if value > mean else LOW)
    if polarity == Polarity.NONE:
        return f"neutral_{direction}"
    better = HIGH if polarity == Polarity.HIGHER else LOW
    return "improvement" if direction == better else "concern"


def _assurance(limits: _Limits, target: float | None, polarity: str) -> str | None:
    """Where the target sits against the process limits, read with the polarity."""
    if target is None or polarity == Polarity.NONE:
        return None
    higher_is_better = polarity == Polarity.HIGHER
    if target > limits.line(LIMIT_FACTOR, HIGH):
        return "consistently_fail" if higher_is_better else "consistently_pass"
    if target < limits.line(LIMIT_FACTOR, LOW):
        return "consistently_pass" if higher_is_better else "consistently_fail"
    return "hit_and_miss"
