"""The risk register as a committee pack table, in the columns of 004's highlight report."""

from __future__ import annotations

import datetime as dt

from assure.core.models import Partnership
from assure.packs.tables import Column, PackTable
from assure.risks import queries

COLUMNS = [
    Column("Ref", 1.2),
    Column("Issue / Risk", 1.6),
    Column("Description", 6.5),
    Column("Mitigation / Resolution", 6.5),
    Column("Date Raised", 2.2),
    Column("Owner", 3.0),
    Column("Probability", 1.8, numeric=True),
    Column("Impact", 1.5, numeric=True),
    Column("Risk Score", 1.5, numeric=True),
    Column("Target Score", 1.5, numeric=True),
    Column("Status", 1.5),
    Column("Next Review", 2.2),
]
SCORE_COLUMN = 8


def register_table(partnership: Partnership, today: dt.date | None = None) -> PackTable:
    today = today or dt.date.today()
    risks = queries.register(partnership)
    table = PackTable(
        title=f"Issue and risk register: {partnership.name}",
        subtitle=f"Scored probability × impact (1-5 each). Produced {today:%-d %B %Y}.",
        columns=COLUMNS,
    )
    for risk in risks:
        table.rows.append(
            [
                risk.reference,
                risk.get_kind_display(),
                risk.description,
                risk.mitigation,
                f"{risk.raised_on:%B %Y}",
                ", ".join(risk.owners()),
                risk.probability,
                risk.impact,
                risk.score,
                risk.target_score,
                risk.get_status_display(),
                f"{risk.next_review:%-d %b %Y}" if risk.next_review else "",
            ]
        )
        table.shades.append({SCORE_COLUMN: risk.band.replace(" ", "-")})
    return table
