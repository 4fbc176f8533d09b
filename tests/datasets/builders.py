"""Tiny hand-made input tables for indicator and store tests (MetricFlow style).

`table("ssda903_episodes", [{"CHILD": "A", "DECOM": "2023-04-01", ...}])` builds a typed
table with the store's schema: columns not given are blank, dates are written ISO.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from analytics.formats.files import all_specs
from analytics.formats.tables import arrow_schema
from analytics.indicators.engine import Engine, Result
from analytics.indicators.periods import for_month
from analytics.indicators.registry import indicators

LA = "880"


def _value(kind: pa.DataType, value: Any) -> Any:
    if isinstance(value, str) and pa.types.is_date(kind):
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and pa.types.is_timestamp(kind):
        return dt.datetime.fromisoformat(value)
    return value


def table(name: str, rows: list[dict[str, Any]], la: str = LA, year: int = 2024) -> pa.Table:
    schema = arrow_schema(all_specs()[name])
    defaults = {"la": la, "collection_year": year, "source_file": "test.csv"}
    columns = {}
    for field in schema:
        values = [row.get(field.name, defaults.get(field.name)) for row in rows]
        if field.name == "source_row":
            values = [row.get("source_row", i + 2) for i, row in enumerate(rows)]
        columns[field.name] = pa.array([_value(field.type, v) for v in values], field.type)
    return pa.table(columns, schema=schema)


def episode(child: str, start: str, end: str | None = None, **fields: Any) -> dict[str, Any]:
    """An SSDA903 episode: a new period of care with a foster placement unless told."""
    return {
        "CHILD": child,
        "DECOM": start,
        "DEC": end,
        "RNE": "S",
        "LS": "C2",
        "CIN": "N1",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "REC": "X1" if end else None,
        **fields,
    }


def social_worker(start: str, end: str | None, reason: str = "MANAGE") -> dict[str, Any]:
    """An SSDA903 social worker episode of child A."""
    return {
        "CHILD": "A",
        "DOB": "2012-05-01",
        "SW_ID": "SW1",
        "SW_DECOM": start,
        "SW_DEC": end,
        "SW_REASON": reason,
    }


def compute(reference: str, month: str, la: str = LA, **tables: pa.Table) -> Result:
    engine = Engine(tables, la)
    indicator = indicators()[reference]
    try:
        return engine.run(indicator, for_month(indicator.period, dt.date.fromisoformat(month)))
    finally:
        engine.close()
