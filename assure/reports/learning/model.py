"""Learning across the partnership: each learning theme, how often it was found year by year
in each kind of source (case audits, dip samples, case reviews, self-assessments), whether
it keeps coming back, the plan priorities it informs, and whether training teaches it.

Seed 001 reads cross-cutting themes as "an indication of system problems": a theme that is
found in more than one year, or by more than one kind of source, comes back
(`ThemeRow.comes_back`).
Each source says where its themes were found (its `themes_found`); this is the one place
they are counted together.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from analytics.periods import financial_year_label, financial_year_of
from assure.assessments import learning as self_assessments
from assure.audits import learning as audits
from assure.audits.models import LearningTheme
from assure.core.models import Partnership
from assure.documents.model import Cell, Table
from assure.reviews import learning as case_reviews
from assure.training import learning as training

Found = list[tuple[int, dt.date, str]]  # (theme, day, where)
SOURCES: dict[str, Callable[[Partnership], Found]] = {
    "Case audits and dip samples": audits.themes_found,
    "Case reviews and other sources": case_reviews.themes_found,
    "Self-assessments": self_assessments.themes_found,
}
TAUGHT: list[Callable[[Partnership], Found]] = [training.themes_found]


@dataclass
class ThemeRow:
    theme: str
    priorities: list[str]
    by_year: list[int]
    by_source: dict[str, int]
    taught: int  # training sessions that taught it, in the years shown
    last_found: dt.date | None

    @property
    def total(self) -> int:
        return sum(self.by_year)

    @property
    def comes_back(self) -> bool:
        """Found in more than one year, or by more than one kind of source."""
        years = sum(1 for n in self.by_year if n)
        sources = sum(1 for n in self.by_source.values() if n)
        return years > 1 or sources > 1


@dataclass
class LearningReport:
    partnership: str
    slug: str
    years: list[int]
    sources: list[str]
    rows: list[ThemeRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.partnership}: learning themes"

    @property
    def year_labels(self) -> list[str]:
        return [financial_year_label(fy) for fy in self.years]

    @property
    def coming_back(self) -> list[ThemeRow]:
        return [row for row in self.rows if row.comes_back]

    @property
    def not_taught(self) -> list[ThemeRow]:
        return [row for row in self.coming_back if not row.taught]

    def table(self) -> Table:
        header = ["Learning theme", *self.year_labels, *self.sources, "Taught", "Comes back"]
        header.append("Plan priorities")
        rows = [
            [
                Cell(row.theme),
                *(Cell(str(n), value=n, numeric=True) for n in row.by_year),
                *(
                    Cell(str(row.by_source[s]), value=row.by_source[s], numeric=True)
                    for s in self.sources
                ),
                Cell(str(row.taught), value=row.taught, numeric=True),
                Cell("Yes" if row.comes_back else "No"),
                Cell("; ".join(row.priorities) or "None linked"),
            ]
            for row in self.rows
        ]
        notes = [
            "Counts of the times each theme was found in the financial year: a completed case "
            "audit, a dip-sample finding, a case review's finding, a self-assessment's finding. "
            "A theme comes back when it is found in more than one year or by more than one kind "
            "of source. Taught: the training sessions held on it in the years shown."
        ]
        return Table(
            self.title, header, rows, row_header=0, empty="No learning themes yet.", notes=notes
        )


def learning_report(partnership: Partnership) -> LearningReport:
    """Every learning theme of the partnership, counted by financial year and by source."""
    found = {kind: source(partnership) for kind, source in SOURCES.items()}
    taught = [item for source in TAUGHT for item in source(partnership)]
    days = [day for items in found.values() for _, day, _ in items]
    years = (
        list(range(financial_year_of(min(days)), financial_year_of(max(days)) + 1)) if days else []
    )
    by_year: Counter[tuple[int, int]] = Counter()
    by_source: Counter[tuple[int, str]] = Counter()
    last: dict[int, dt.date] = {}
    for kind, items in found.items():
        for theme_id, day, _ in items:
            by_year[(theme_id, financial_year_of(day))] += 1
            by_source[(theme_id, kind)] += 1
            last[theme_id] = max(day, last.get(theme_id, day))
    lessons: defaultdict[int, int] = defaultdict(int)
    for theme_id, day, _ in taught:
        if years and years[0] <= financial_year_of(day) <= years[-1]:
            lessons[theme_id] += 1
    themes = LearningTheme.objects.filter(partnership=partnership).prefetch_related("priorities")
    rows = [
        ThemeRow(
            theme.name,
            [f"{p.code} {p.title}" for p in theme.priorities.all()],
            [by_year[(theme.pk, fy)] for fy in years],
            {kind: by_source[(theme.pk, kind)] for kind in found},
            lessons[theme.pk],
            last.get(theme.pk),
        )
        for theme in themes
    ]
    rows.sort(key=lambda r: (not r.comes_back, -r.total, r.theme))
    return LearningReport(partnership.name, partnership.slug, years, list(found), rows)
