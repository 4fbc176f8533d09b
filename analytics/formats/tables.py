"""What every reader hands to validation: a table of text cells, and the spec it should meet.

Readers only find tables and cut them into text cells (with the row each came from);
`analytics.validation` turns the text into dates, codes and numbers against the spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pyarrow is imported where tables are made: not for a compute (0039)
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
    import pyarrow as pa

    return pa.array([as_text(v) for v in values], type=pa.string())


def as_text(value: Any) -> str | None:
    """A cell as text: blank is None, a whole float loses its '.0', spaces are trimmed."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


# The type a column of each kind is kept as, in DuckDB's words (anything else is VARCHAR),
# and the columns the store adds to every table: Arrow's types follow from these.
STORE_TYPES = {
    DATE: "DATE",
    MONTH: "DATE",
    DATETIME: "TIMESTAMP_S",
    INTEGER: "BIGINT",
    NUMBER: "DOUBLE",
    FLAG: "BOOLEAN",
}
STORE_COLUMNS = (
    ("source_row", "BIGINT"),
    ("la", "VARCHAR"),
    ("collection_year", "SMALLINT"),
    ("source_file", "VARCHAR"),
)


def store_columns(spec: TableSpec) -> list[tuple[str, str]]:
    """Each column a validated table of `spec` has in the store, with its DuckDB type."""
    own = [(c.name, STORE_TYPES.get(c.kind, "VARCHAR")) for c in spec.columns]
    return own + list(STORE_COLUMNS)


def arrow_type(kind: str) -> pa.DataType:
    """The Arrow type a column of `kind` is kept as (as `STORE_TYPES` says)."""
    return _arrow(STORE_TYPES.get(kind, "VARCHAR"))


def _arrow(sql_type: str) -> pa.DataType:
    import pyarrow as pa

    return {
        "DATE": pa.date32(),
        "TIMESTAMP_S": pa.timestamp("s"),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "SMALLINT": pa.int16(),
        "VARCHAR": pa.string(),
    }[sql_type]


def arrow_schema(spec: TableSpec) -> pa.Schema:
    """The schema a validated table of `spec` has in the store."""
    import pyarrow as pa

    return pa.schema([pa.field(name, _arrow(kind)) for name, kind in store_columns(spec)])


def empty_table_sql(spec: TableSpec) -> str:
    """DuckDB's statement making an empty temporary table of `spec` as the store keeps it:
    for a table no load held, without importing Arrow."""
    columns = ", ".join(
        '"{}" {}'.format(name.replace('"', '""'), kind) for name, kind in store_columns(spec)
    )
    return f'CREATE OR REPLACE TEMP TABLE "{spec.name}" ({columns})'
