"""The datasets the store keeps, the tables of each, and which dataset a table belongs to.

Importing this imports no reader: a compute from a snapshot needs the tables' specs (to
make the tables a load did not keep, empty) but not the XML, CSV and workbook readers
(decision 0039). Each dataset's specs are read when first asked for.
"""

from __future__ import annotations

from analytics.formats.tables import TableSpec

DATASETS = ("ssda903", "cin", "annex_a", "missing", "exploitation", "workforce")
LOCAL_TABLES = {"missing_episodes": "missing", "exploitation_toolkits": "exploitation"}


def dataset_of(table: str) -> str:
    """The dataset a store table belongs to, from its name."""
    for prefix in ("ssda903", "cin", "annex_a"):
        if table.startswith(prefix + "_"):
            return prefix
    return LOCAL_TABLES.get(table, table)


def specs_of(dataset: str) -> dict[str, TableSpec]:
    """The tables of one dataset, by store name (SSDA903 and CIN in their latest year)."""
    if dataset == "ssda903":
        from analytics.formats import ssda903_schema

        latest = ssda903_schema.specs(ssda903_schema.latest_year())
        return {spec.name: spec for spec in latest.values()}
    if dataset == "cin":
        from analytics.formats import cin_census_schema

        return {spec.name: spec for spec in cin_census_schema.specs(9999).values()}
    if dataset == "annex_a":
        from analytics.formats import annex_a_schema

        return {spec.name: spec for spec, _ in annex_a_schema.lists().values()}
    from analytics.formats import local_extracts

    return {s.name: s for s in local_extracts.SPECS.values() if s.dataset == dataset}


def all_specs() -> dict[str, TableSpec]:
    """Every table the store can hold, by store name."""
    return {name: spec for dataset in DATASETS for name, spec in specs_of(dataset).items()}
