"""What changed between two highlight reports: an issued version and the next month's.

`compare(was, now)` is pure: it reads two report models and touches no database, so an
issued version (rebuilt from its JSON) compares with another issued version or with the
live report alike. It finds, by reference: the overall status, theme ratings, each action's
quarterly RAG, new and revised monthly figures and changes of an indicator's latest RAG,
risks new, closed and rescored, and commitments added, removed or reworded. Every change
says which way it went in words, so a page need not rely on colour.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assure.reports.highlight.model import CommitmentRow, HighlightReport, Rating, RiskRow

# Higher is better: a move from red to amber is an improvement.
RANK = {"red": 0, "amber": 1, "green": 2, "bright-green": 3}
MOVEMENTS = {
    "better": ("↑", "Better"),
    "worse": ("↓", "Worse"),
    "changed": ("↔", "Changed"),
    "new": ("+", "New"),
    "gone": ("−", "No longer shown"),
}
COMMITMENT_FIELDS = (("description", "Description"), ("owner", "Owner"), ("by_when", "By when"))


@dataclass
class Change:
    subject: str  # what changed: "Overall status", "A2.1 Strengthen ...", "PI 12 ..."
    detail: str  # which part of it: "Q1 2021/22", "May 2021", "Score"
    was: str
    now: str
    movement: str  # a key of MOVEMENTS
    was_colour: str | None = None
    now_colour: str | None = None
    href: str = ""

    @property
    def arrow(self) -> str:
        return MOVEMENTS[self.movement][0]

    @property
    def movement_label(self) -> str:
        return MOVEMENTS[self.movement][1]


@dataclass
class ReportChanges:
    was_label: str
    now_label: str
    status: list[Change] = field(default_factory=list)
    themes: list[Change] = field(default_factory=list)
    actions: list[Change] = field(default_factory=list)
    performance: list[Change] = field(default_factory=list)
    risks: list[Change] = field(default_factory=list)
    commitments: list[Change] = field(default_factory=list)

    @property
    def sections(self) -> list[tuple[str, list[Change]]]:
        return [
            ("Overall status", self.status),
            ("Theme ratings", self.themes),
            ("Key actions: quarterly RAG", self.actions),
            ("Performance", self.performance),
            ("Issue and risk register", self.risks),
            ("Key priorities and medium-term developments", self.commitments),
        ]

    @property
    def count(self) -> int:
        return sum(len(changes) for _, changes in self.sections)


def compare(
    was: HighlightReport, now: HighlightReport, was_label: str = "", now_label: str = ""
) -> ReportChanges:
    """Every change from `was` to `now`, section by section."""
    changes = ReportChanges(was_label or was.month_label, now_label or now.month_label)
    rated = _rating_change("Overall status", "", was.status, now.status)
    changes.status = [rated] if rated else []
    changes.themes = list(_theme_changes(was, now))
    changes.actions = list(_action_changes(was, now))
    changes.performance = list(_performance_changes(was, now))
    changes.risks = list(_risk_changes(was.risks, now.risks))
    changes.commitments = list(_commitment_changes(was, now))
    return changes


def movement(was: str | None, now: str | None) -> str:
    """better, worse or changed between two RAG colours (None when there is no rating)."""
    if was is None:
        return "new"
    if now is None:
        return "gone"
    before, after = RANK.get(was), RANK.get(now)
    if before is None or after is None or before == after:
        return "changed"
    return "better" if after > before else "worse"


def _rating_change(
    subject: str, detail: str, was: Rating | None, now: Rating | None, href: str = ""
) -> Change | None:
    if (was.label if was else None) == (now.label if now else None):
        return None
    return Change(
        subject,
        detail,
        was.label if was else "No rating",
        now.label if now else "No rating",
        movement(was.colour if was else None, now.colour if now else None),
        was.colour if was else None,
        now.colour if now else None,
        href or (now.href if now else "") or (was.href if was else ""),
    )


def _theme_changes(was: HighlightReport, now: HighlightReport) -> Iterator[Change]:
    before = {t.code: t for t in was.themes}
    for theme in now.themes:
        old = before.get(theme.code)
        subject = f"{theme.code} {theme.title}"
        change = _rating_change(subject, "Overview", old.rating if old else None, theme.rating)
        if change:
            yield change


def _action_changes(was: HighlightReport, now: HighlightReport) -> Iterator[Change]:
    before = {a.code: (was.quarter_labels, a) for t in was.themes for a in t.actions}
    for theme in now.themes:
        for action in theme.actions:
            labels, old = before.get(action.code, ([], None))
            old_ratings = dict(zip(labels, old.quarters, strict=False)) if old else {}
            for label, rating in zip(now.quarter_labels, action.quarters, strict=False):
                subject = f"{action.code} {action.title}"
                change = _rating_change(subject, label, old_ratings.get(label), rating, action.href)
                if change:
                    yield change


@dataclass
class _Figure:
    label: str
    value: Decimal | None
    text: str
    rating: str | None

    @property
    def shown(self) -> str:
        """The figure with its rating in words, so the colour is not the only sign of it."""
        return f"{self.text} ({self.rating.capitalize()})" if self.rating else self.text


def _indicator_rows(report: HighlightReport) -> dict[str, tuple[str, dict[Any, _Figure]]]:
    """Each indicator's title and its monthly figures keyed by the month's last day."""
    rows = {}
    for theme in report.themes:
        for table in theme.tables:
            periods = table.previous_months + table.current_months
            for row in table.rows:
                cells = row.previous_months + row.current_months
                months = {
                    p.end: _Figure(p.label, c.value, c.text, c.rating)
                    for p, c in zip(periods, cells, strict=False)
                    if c.value is not None
                }
                rows[row.indicator.reference] = (row.indicator.title, months)
    return rows


def _performance_changes(was: HighlightReport, now: HighlightReport) -> Iterator[Change]:
    before = _indicator_rows(was)
    for reference, (title, months) in _indicator_rows(now).items():
        subject = f"{reference} {title}"
        old_months = before.get(reference, ("", {}))[1]
        for end, figure in sorted(months.items()):
            old = old_months.get(end)
            if old is None:
                yield Change(
                    subject, figure.label, "No figure", figure.shown, "new", None, figure.rating
                )
            elif old.value != figure.value:
                yield Change(
                    subject,
                    f"{figure.label} (revised)",
                    old.shown,
                    figure.shown,
                    movement(old.rating, figure.rating)
                    if old.rating and figure.rating
                    else "changed",
                    old.rating,
                    figure.rating,
                )
        latest = _latest_rag_change(subject, old_months, months)
        if latest:
            yield latest


def _latest_rag_change(
    subject: str, was: dict[object, _Figure], now: dict[object, _Figure]
) -> Change | None:
    """The RAG of the newest figure, when it differs from the newest figure's before."""
    if not was or not now:
        return None
    old, new = was[max(was)], now[max(now)]  # type: ignore[type-var]
    if old.rating == new.rating:
        return None
    return Change(
        subject,
        "Latest RAG",
        f"{(old.rating or 'not rated').capitalize()} ({old.label}: {old.text})",
        f"{(new.rating or 'not rated').capitalize()} ({new.label}: {new.text})",
        movement(old.rating, new.rating) if old.rating and new.rating else "changed",
        old.rating,
        new.rating,
    )


def _score(risk: RiskRow) -> str:
    return f"{risk.score} ({risk.band})" if risk.band else str(risk.score)


def _risk_changes(was: list[RiskRow], now: list[RiskRow]) -> Iterator[Change]:
    before = {r.reference: r for r in was}
    current = {r.reference: r for r in now}
    for risk in now:
        old = before.get(risk.reference)
        subject = f"{risk.reference} {risk.description}"
        if old is None:
            yield Change(
                subject, "Score", "Not on the register", _score(risk), "new", href=risk.href
            )
        elif old.score != risk.score:
            # For a risk, a lower score is the better one.
            went = "better" if risk.score < old.score else "worse"
            yield Change(subject, "Score", _score(old), _score(risk), went, href=risk.href)
    for risk in was:
        if risk.reference not in current:
            subject = f"{risk.reference} {risk.description}"
            gone = "Closed or no longer linked to this plan"
            yield Change(subject, "Score", _score(risk), gone, "gone", href=risk.href)


def _commitment_changes(was: HighlightReport, now: HighlightReport) -> Iterator[Change]:
    for kind, old_rows, new_rows in (
        ("Key priority", was.key_priorities, now.key_priorities),
        ("Medium-term development", was.medium_term, now.medium_term),
    ):
        yield from _rows_changed(kind, old_rows, new_rows)


def _rows_changed(
    kind: str, was: list[CommitmentRow], now: list[CommitmentRow]
) -> Iterator[Change]:
    before = {c.reference: c for c in was}
    current = {c.reference: c for c in now}
    for row in now:
        old = before.get(row.reference)
        subject = f"{kind} {row.reference}"
        if old is None:
            yield Change(subject, "Description", "Not listed", row.description, "new")
            continue
        for name, label in COMMITMENT_FIELDS:
            if getattr(old, name) != getattr(row, name):
                yield Change(subject, label, getattr(old, name), getattr(row, name), "changed")
    for row in was:
        if row.reference not in current:
            yield Change(
                f"{kind} {row.reference}", "Description", row.description, "Removed", "gone"
            )
