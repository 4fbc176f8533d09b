"""The risk register as a committee pack table, in the columns of 004's highlight report."""

from __future__ import annotations

import datetime as dt

from assure.core.models import Partnership
from assure.documents.model import Cell, Table, figure
from assure.risks import queries

COLUMNS = {
    "Ref": 1.2,
    "Issue / Risk": 1.6,
    "Description": 6.5,
    "Mitigation / Resolution": 6.5,
    "Date Raised": 2.2,
    "Owner": 3.0,
    "Probability": 1.8,
    "Impact": 1.5,
    "Risk Score": 1.5,
    "Target Score": 1.5,
    "Status": 1.5,
    "Next Review": 2.2,
}


def register_table(partnership: Partnership, today: dt.date | None = None) -> Table:
    today = today or dt.date.today()
    table = Table(
        f"Issue and risk register: {partnership.name}",
        list(COLUMNS),
        [],
        notes=[f"Scored probability × impact (1-5 each). Produced {today:%-d %B %Y}."],
        widths_cm=list(COLUMNS.values()),
    )
    for risk in queries.register(partnership):
        score = figure(risk.score)
        score.colour = risk.band.replace(" ", "-")  # its band's colour, as the heat map
        score.said = f" ({risk.band})"
        table.rows.append(
            [
                Cell(risk.reference),
                Cell(risk.get_kind_display()),
                Cell(risk.description),
                Cell(risk.mitigation),
                Cell(f"{risk.raised_on:%B %Y}"),
                Cell(", ".join(risk.owners())),
                figure(risk.probability),
                figure(risk.impact),
                score,
                figure(risk.target_score),
                Cell(risk.get_status_display()),
                Cell(f"{risk.next_review:%-d %b %Y}" if risk.next_review else ""),
            ]
        )
    return table
