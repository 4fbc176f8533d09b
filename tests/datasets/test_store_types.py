"""A table no load held is made empty in DuckDB's words (`empty_table_sql`, so a compute
from a snapshot need not import Arrow); a table a load held has Arrow's schema
(`arrow_schema`). Both come from one list of types: the indicators meet the same columns of
the same types either way, for every table the store can hold."""

from __future__ import annotations

import duckdb

from analytics.formats.datasets import all_specs
from analytics.formats.tables import arrow_schema, empty_table_sql


def test_an_empty_table_has_the_columns_and_types_a_kept_table_has():
    connection = duckdb.connect()
    specs = all_specs()
    assert len(specs) > 20
    for name, spec in specs.items():
        connection.register("kept", arrow_schema(spec).empty_table())
        connection.execute(empty_table_sql(spec))
        kept = connection.execute("DESCRIBE kept").fetchall()
        made = connection.execute(f'DESCRIBE "{name}"').fetchall()
        assert [row[:2] for row in made] == [row[:2] for row in kept], name
        connection.unregister("kept")
