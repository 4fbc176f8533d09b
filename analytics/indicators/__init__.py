"""Indicators computed by SQL over the analytical store.

Each indicator is one SQL file in `sql/` with a metadata header (`registry`); the `engine`
runs it in DuckDB with named parameters ($period_start, $period_end, $la) over the
snapshot's tables, the canonical views in `views/` and the reference tables (`reference`).
"""
