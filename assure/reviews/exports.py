"""Case reviews as tables of the one table model, for the board pack (and any download): the
open clocks as at a date, late ones red and said in words, and the recommendations of case
reviews with their actions' latest ratings and whether there is evidence of impact."""

from __future__ import annotations

import datetime as dt

from assure.core.models import Partnership
from assure.documents.model import Cell, Table, line
from assure.plans.queries import latest_updates
from assure.reviews import deadlines, queries
from assure.reviews.models import ImpactEvidence


def clocks_table(partnership: Partnership, as_at: dt.date) -> Table:
    rows = []
    for deadline in deadlines.deadlines(partnership):
        late = deadline.state(as_at) == "overdue"
        state = Cell("Overdue", colour="red", said="Overdue") if late else Cell("Due")
        cells = [Cell(deadline.label), Cell(f"{deadline.due_on:%-d %b %Y}"), state]
        rows.append(line([*cells, Cell(deadline.owner)], deadline.path))
    return Table(
        f"Case reviews: open deadlines as at {as_at:%-d %B %Y}",
        ["What is owed", "Due", "State", "Whose"],
        rows,
        empty="No case review deadline is open.",
    )


def recommendations_table(partnership: Partnership) -> Table:
    recommendations = list(queries.recommendations_of(partnership).prefetch_related("actions"))
    actions = [a for r in recommendations for a in r.actions.all()]
    latest = latest_updates(actions)
    evidenced = set(
        ImpactEvidence.objects.filter(recommendation__in=recommendations).values_list(
            "recommendation_id", flat=True
        )
    )
    rows = []
    for recommendation in recommendations:
        rated = [
            f"{a.code} {latest[a.pk].rag.label if a.pk in latest else 'no update'}"
            for a in recommendation.actions.all()
        ]
        cells = [
            Cell(f"{recommendation.source_title}: {recommendation.reference}"),
            Cell(recommendation.text),
            Cell("; ".join(rated) or "None yet"),
            Cell("Yes" if recommendation.pk in evidenced else "Not yet"),
            Cell(recommendation.get_status_display()),
        ]
        path = f"/p/{partnership.slug}/case-reviews/recommendations/{recommendation.pk}/"
        rows.append(line(cells, path))
    return Table(
        "Case review recommendations",
        [
            "Recommendation",
            "What it asks",
            "Actions (latest rating)",
            "Evidence of impact",
            "Status",
        ],
        rows,
        empty="No case review has made a recommendation yet.",
    )
