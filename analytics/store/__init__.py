"""The analytical store: immutable, checksummed snapshots of loaded data, as Parquet files.

`snapshots` writes and finds them; `analytics.indicators.engine` queries them with DuckDB.
"""
