"""Where case reviews found each learning theme, for the partnership-wide count of learning
(reports/learning): every finding of a practice review, a source of learning or a rapid
review, on the day it was found, with a short label of where."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from analytics.periods import financial_year_of
from assure.core.models import Partnership
from assure.reviews.models import Finding
from assure.reviews.queries import findings_of


def source_label(finding: Finding) -> str:
    if finding.review is not None:
        return f"{finding.review.get_kind_display()} {finding.review.reference}"
    return f"Rapid review {finding.incident.reference}"  # type: ignore[union-attr]


def themes_found(partnership: Partnership) -> list[tuple[int, dt.date, str]]:
    """(theme id, the day it was found, where) for each theme of each finding."""
    return [
        (theme.pk, finding.found_on, source_label(finding))
        for finding in findings_of(partnership)
        for theme in finding.themes.all()
    ]


def theme_years(partnership: Partnership) -> dict[int, Counter[int]]:
    """Each theme's findings counted by financial year."""
    years: dict[int, Counter[int]] = {}
    for theme_id, day, _ in themes_found(partnership):
        years.setdefault(theme_id, Counter())[financial_year_of(day)] += 1
    return years
