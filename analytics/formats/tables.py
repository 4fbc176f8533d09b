"""What every reader hands to validation: a table of text cells, and the spec it should meet.

Readers only find tables and cut them into text cells (with the row each came from);
`analytics.validation` turns the text into dates, codes and numbers against the spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

TEXT, CODE, DATE, DATETIME, INTEGER, NUMBER, POSTCODE, FLAG, MONTH = (
    "text",
    "code",
    "date",
    "datetime",
    "integer",
    "number",
    "postcode",
    "flag",
    "month",
)
DMY = "%d/%m/%Y"
ISO = "%Y-%m-%d"


@dataclass(frozen=True)
class Column:
    """One column of a table: its name in the store, kind, and the values it accepts.

    `aliases` maps the spellings authorities use (upper-cased) to the code kept;
    `strict` says whether an unknown code refuses the load or is only a warning.
    """

    name: str
    kind: str = TEXT
    required: bool = False
    codes: frozenset[str] | None = None
    date_format: str = DMY
    minimum: float | None = None
    maximum: float | None = None
    aliases: dict[str, str] | None = None
    strict: bool = True
    header: str = ""

    @property
    def label(self) -> str:
        return self.header or self.name


@dataclass(frozen=True)
class TableSpec:
    """A table of one dataset: the store's table name, its columns and its key."""

    name: str
    dataset: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass
class RawTable:
    """Text cells read from one file for one table, before any checking.

    `cells` maps column name to an Arrow string array (null for an empty cell); a column
    the file lacks is simply absent. `rows` holds the row number each line came from, as a
    person opening the file would count (the header is row 1).
    """

    spec: TableSpec
    file: str
    cells: dict[str, pa.Array]
    rows: pa.Array
    collection_year: int | None = None
    extra_columns: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return len(self.rows)


def text_array(values: list[Any]) -> pa.Array:
    """An Arrow string array from Python values: blanks become null, numbers lose '.0'."""
    return pa.array([as_text(v) for v in values], type=pa.string())


def as_text(value: Any) -> str | None:
    """A cell as text: blank is None, a whole float loses its '.0', spaces are trimmed."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


ARROW_TYPES = {
    DATE: pa.date32(),
    MONTH: pa.date32(),
    DATETIME: pa.timestamp("s"),
    INTEGER: pa.int64(),
    NUMBER: pa.float64(),
    FLAG: pa.bool_(),
}
STORE_COLUMNS = (
    ("source_row", pa.int64()),
    ("la", pa.string()),
    ("collection_year", pa.int16()),
    ("source_file", pa.string()),
)


def arrow_schema(spec: TableSpec) -> pa.Schema:
    """The schema a validated table of `spec` has in the store."""
    fields = [pa.field(c.name, ARROW_TYPES.get(c.kind, pa.string())) for c in spec.columns]
    return pa.schema(fields + [pa.field(name, kind) for name, kind in STORE_COLUMNS])
