"""Annex A's lists hold codes that differ only in case ('a) White' and 'a) white'): a cell
written either way is kept as one code, the same in every process. It depended on the order
a set held them in, which Python draws afresh for each process, so two loads of the same
file could keep 'a) White' in one snapshot and 'a) white' in the next."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROGRAM = """
import json
import pyarrow as pa
from analytics.formats.annex_a_schema import lists
from analytics.formats.tables import RawTable
from analytics.problems import Report
from analytics.validation import values

spec = lists()[1][0]
cells = {"child_id": pa.array(["C1", "C2", "C3"]),
         "ethnicity": pa.array(["a) White", "a) white", "A) WHITE"])}
table = values.convert(RawTable(spec, "annex_a.xlsx", cells, pa.array([2, 3, 4])), Report())
print(json.dumps(table["ethnicity"].to_pylist()))
"""


def test_a_code_written_in_any_case_is_kept_the_same_in_every_process():
    kept = set()
    for seed in range(6):
        done = subprocess.run(  # noqa: S603 (this interpreter, our own program)
            [sys.executable, "-c", PROGRAM],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            cwd=Path(__file__).resolve().parents[2],
        )
        found = json.loads(done.stdout.strip().splitlines()[-1])
        assert len(set(found)) == 1, found
        kept.add(found[0])
    assert kept == {"a) White"}
