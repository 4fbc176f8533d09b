"""The local extracts: missing episodes, exploitation toolkits and workforce figures.

Their CSV templates are documented in docs/formats/local_extracts.md (the synthetic
generator writes the same shapes). Headers are matched loosely, so `Child ID`, `child_id`
and `CHILD_ID` are one column.
"""

from __future__ import annotations

from analytics.formats.tables import (
    CODE,
    DATE,
    DATETIME,
    FLAG,
    INTEGER,
    MONTH,
    NUMBER,
    TEXT,
    Column,
    TableSpec,
)

SEX = frozenset({"M", "F", "U"})
SEX_ALIASES = {"MALE": "M", "FEMALE": "F", "UNKNOWN": "U", "1": "M", "2": "F"}


def _child() -> tuple[Column, ...]:
    return (
        Column("child_id", TEXT, True),
        Column("sex", CODE, True, codes=SEX, aliases=SEX_ALIASES),
        Column("dob", DATE, True),
    )


SPECS = {
    "missing_episodes": TableSpec(
        "missing_episodes",
        "missing",
        "Missing episodes with return home interviews",
        (
            *_child(),
            Column("looked_after", FLAG, True),
            Column("missing_start", DATETIME, True),
            Column("missing_end", DATETIME),
            Column("rhi_offered", FLAG),
            Column("rhi_accepted", FLAG),
            Column("rhi_date", DATETIME),
            Column("team", TEXT),
        ),
        key=("child_id", "missing_start"),
    ),
    "exploitation_toolkits": TableSpec(
        "exploitation_toolkits",
        "exploitation",
        "Exploitation toolkits",
        (
            *_child(),
            Column("toolkit_date", DATE, True),
            Column(
                "risk_level",
                CODE,
                True,
                codes=frozenset({"LOW", "MEDIUM", "HIGH"}),
                aliases={"L": "LOW", "M": "MEDIUM", "H": "HIGH", "MODERATE": "MEDIUM"},
            ),
            Column(
                "exploitation_type",
                CODE,
                True,
                codes=frozenset({"CSE", "CCE", "BOTH"}),
                aliases={"CSE/CCE": "BOTH", "CSE AND CCE": "BOTH"},
            ),
            Column("team", TEXT, True),
            Column("review_date", DATE),
            Column("closed_date", DATE),
        ),
        key=("child_id", "toolkit_date"),
    ),
    "workforce": TableSpec(
        "workforce",
        "workforce",
        "Workforce",
        (
            Column("month", MONTH, True),
            Column("team", TEXT, True),
            Column("establishment_fte", NUMBER, True, minimum=0),
            Column("filled_fte", NUMBER, True, minimum=0),
            Column("agency_fte", NUMBER, True, minimum=0),
            Column("leavers_fte", NUMBER, True, minimum=0),
            Column("cases", INTEGER, True, minimum=0),
        ),
        key=("month", "team"),
    ),
}
