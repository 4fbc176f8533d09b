"""Runs the Department for Education's rule validators on one year of generated returns.

This file runs INSIDE .venv-dfe (see scripts/dfe-validators), with the validators' own old
pandas and numpy, never in the main environment; benchmarks/dfe_validators.py calls it and
reads the JSON it prints: for each return, the time taken and the count of issues per rule,
split into errors and queries (the CIN rules whose code ends in Q, which ask for a check
rather than a fix).

    .venv-dfe/bin/python benchmarks/dfe_runner.py 903 DIR/2025/ssda903 2025 E06000027 [PREV]
    .venv-dfe/bin/python benchmarks/dfe_runner.py cin DIR/2025/cin_census.xml 2025
    .venv-dfe/bin/python benchmarks/dfe_runner.py convert-check DIR/2025/cin_census.xml
"""

import contextlib
import io
import json
import logging
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

logging.disable(logging.CRITICAL)
warnings.filterwarnings("ignore")


def run_903(folder: str, year: str, la: str, previous: str = "") -> dict:
    from lac_validator import lac_validator
    from lac_validator.report import Report
    from lac_validator.rules.ruleset_utils import get_year_ruleset

    files = [_upload(p, "This year") for p in sorted(Path(folder).glob("*.csv"))]
    if previous:
        files += [_upload(p, "Prev year") for p in sorted(Path(previous).glob("*.csv"))]
    registry = get_year_ruleset(year)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        validator = lac_validator.LacValidator(
            metadata={"collectionYear": year, "localAuthority": la}, files=files, registry=registry
        )
        report = Report(validator.ds_results, registry)
        try:
            issues = lac_validator.create_issue_df(report.report, report.error_report)
        except ValueError as error:  # pandas' concat of no issues: no rule fired
            if "No objects to concatenate" not in str(error):
                raise
            issues = None
    seconds = time.perf_counter() - started
    counts: Counter = Counter()
    if issues is not None:
        rows = issues.drop_duplicates(["child_id", "tables_affected", "row_id", "rule_code"])
        counts = Counter(rows["rule_code"].astype(str))
    return {"seconds": seconds, "errors": dict(counts), "queries": {}, "failed": validator.fails}


def _upload(path: Path, description: str) -> dict:
    return {"name": path.name, "description": description, "file_content": path.read_bytes()}


CHILDREN_AT_ONCE = 200


def convert_cin(root: ET.Element) -> dict:
    """The CIN validator's own conversion of the census to its tables, fed the children 200
    at a time. It concatenates each child onto tables that grow as it goes, which takes time
    as the square of the children (Kent's census was not converted after 900 s); each
    child's IDs start afresh, so the batches' tables concatenated once are the same tables
    (checked equal on whole censuses: `python benchmarks/dfe_runner.py convert-check FILE`)."""
    import pandas as pd
    from cin_validator import cin_validator

    children = root.find("Children")
    if children is None:
        return cin_validator.convert_data(root)
    every = list(children)
    parts = []
    for start in range(0, max(len(every), 1), CHILDREN_AT_ONCE):
        children[:] = every[start : start + CHILDREN_AT_ONCE]
        parts.append(cin_validator.convert_data(root))
    children[:] = every
    tables = {
        name: pd.concat([part[name] for part in parts], ignore_index=True) for name in parts[0]
    }
    tables["Header"] = parts[0]["Header"]
    return tables


def check_conversion(path: str) -> dict:
    """Whether the batched conversion gives the validator's own tables, cell for cell."""
    from cin_validator import cin_validator

    root = ET.parse(path).getroot()  # noqa: S314 (our own file)
    started = time.perf_counter()
    batched = convert_cin(root)
    fast = time.perf_counter() - started
    whole = cin_validator.convert_data(root)
    slow = time.perf_counter() - started - fast
    differ = [
        name
        for name, table in whole.items()
        if not (table.equals(batched[name]) and list(table.dtypes) == list(batched[name].dtypes))
    ]
    rows = {name: len(table) for name, table in whole.items()}
    return {"batched": fast, "whole": slow, "rows": rows, "differ": differ}


def run_cin(path: str, year: str) -> dict:
    import importlib

    from cin_validator import cin_validator

    module = importlib.import_module(f"cin_validator.rules.cin{int(year) - 1}_{year[2:]}")
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        raw = convert_cin(ET.parse(path).getroot())  # noqa: S314 (our own file)
        data = cin_validator.process_data(raw)
        validator = cin_validator.CinValidator(data, module.registry)
    seconds = time.perf_counter() - started
    issues = validator.full_issue_df.drop_duplicates(["child_id", "rule_code", "row_id"])
    codes = list(issues["rule_code"].astype(str)) + list(
        validator.multichild_issues["rule_code"].astype(str)
    )
    counts = Counter(codes)
    errors = {k: v for k, v in counts.items() if not k.endswith("Q")}
    queries = {k: v for k, v in counts.items() if k.endswith("Q")}
    return {"seconds": seconds, "errors": errors, "queries": queries, "failed": []}


if __name__ == "__main__":
    kind, *rest = sys.argv[1:]
    runs = {"903": run_903, "cin": run_cin, "convert-check": check_conversion}
    result = runs[kind](*rest)
    print(json.dumps(result))
