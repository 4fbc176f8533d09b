"""Reads of the risk register, scoped to the partnership: the register, the heat map and the
score history drawn for one risk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from assure.core.models import Partnership
from assure.partnership.models import Group
from assure.risks.models import IMPACT_LABELS, PROBABILITY_LABELS, Risk, RiskReview, band


def risks_of(partnership: Partnership) -> QuerySet[Risk]:
    return Risk.objects.filter(partnership=partnership).select_related(
        "owner_person", "owner_group", "plan", "priority", "action"
    )


def register(partnership: Partnership, *, include_closed: bool = True) -> list[Risk]:
    """Open risks first, highest score first, then by reference as the register prints them."""
    risks = risks_of(partnership).annotate(current=F("probability") * F("impact"))
    if not include_closed:
        risks = risks.filter(status=Risk.Status.OPEN)
    return list(risks.order_by("-status", "-current", "id"))


def get_risk(partnership: Partnership, pk: int) -> Risk:
    return get_object_or_404(risks_of(partnership), pk=pk)


def due_review(partnership: Partnership, by: dt.date, group: Group | None = None) -> list[Risk]:
    """Open risks whose next review falls on or before `by`, or that have no review date."""
    risks = risks_of(partnership).filter(status=Risk.Status.OPEN)
    if group is not None:
        risks = risks.filter(owner_group=group)
    return [r for r in risks.order_by("next_review", "id") if r.review_due(by)]


@dataclass
class HeatCell:
    probability: int
    impact: int
    risks: list[Risk] = field(default_factory=list)

    @property
    def score(self) -> int:
        return self.probability * self.impact

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def css_band(self) -> str:
        return self.band.replace(" ", "-")


@dataclass
class HeatMap:
    rows: list[list[HeatCell]]  # impact 5 at the top down to 1; probability 1 to 5 across
    risks: list[Risk]
    probability_labels: dict[int, str] = field(default_factory=lambda: dict(PROBABILITY_LABELS))
    impact_labels: dict[int, str] = field(default_factory=lambda: dict(IMPACT_LABELS))

    def cell(self, probability: int, impact: int) -> HeatCell:
        return self.rows[5 - impact][probability - 1]


def heat_map(partnership: Partnership) -> HeatMap:
    """Where the open risks sit on the 5 × 5 grid of probability and impact."""
    rows = [[HeatCell(p, i) for p in range(1, 6)] for i in range(5, 0, -1)]
    risks = register(partnership, include_closed=False)
    for risk in risks:
        rows[5 - risk.impact][risk.probability - 1].risks.append(risk)
    return HeatMap(rows, risks)


@dataclass
class ScorePoint:
    review: RiskReview
    x: float
    y: float


@dataclass
class ScoreChart:
    """A small line chart of score over time: points in a 0-`width` by 0-`height` box."""

    points: list[ScorePoint]
    width: int = 480
    height: int = 180
    target_y: float | None = None
    gridlines: list[tuple[int, float]] = field(default_factory=list)
    dates: list[tuple[float, str, str]] = field(default_factory=list)  # x, label, anchor

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def axis_y(self) -> float:
        return self.height - 30


def score_chart(risk: Risk, width: int = 480, height: int = 180) -> ScoreChart:
    """The score at each review, dated along the bottom, with the target as a line."""
    reviews = list(risk.reviews.select_related("reviewer", "reviewer_person"))
    left, right, top, bottom = 40, width - 40, 10, height - 30

    def y_of(score: float) -> float:
        return bottom - (score / 25) * (bottom - top)

    if not reviews:
        return ScoreChart([], width, height)
    first, last = reviews[0].reviewed_on, reviews[-1].reviewed_on
    span = (last - first).days

    def x_of(day: dt.date) -> float:
        return left + (day - first).days / span * (right - left) if span else (left + right) / 2

    points = [ScorePoint(r, x_of(r.reviewed_on), y_of(r.score)) for r in reviews]
    dates = [(points[0].x, f"{first:%-d %b %Y}", "start" if span else "middle")]
    if span:
        dates.append((points[-1].x, f"{last:%-d %b %Y}", "end"))
    target = y_of(risk.target_score) if risk.target_score else None
    grid = [(score, y_of(score)) for score in (0, 5, 10, 15, 20, 25)]
    return ScoreChart(points, width, height, target, grid, dates)
