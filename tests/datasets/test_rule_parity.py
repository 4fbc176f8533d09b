"""Rule parity, proven by mutation: Assure flags each breach planted in clean returns.

Each mutation of `analytics.validation.parity_903` / `parity_cin` breaks one rule of the
Department's validators in a copy of clean generated returns (Torbay, 2024 and 2025, seed 1:
as `benchmarks/rule_parity.py` makes docs/formats/rule-parity.md). Assure must find a problem
the clean files do not have, with the rule that says it answers the Department's, and the
rules the parity table names. Removing a rule fails its mutation here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics.synthetic.generator import generate_authority
from analytics.validation import planting
from analytics.validation.consistency import RULES

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "formats" / "rule-parity.md"
LA = "880"
DECLARED = {code: rule.code for rule in RULES for code in rule.dfe}


@pytest.fixture(scope="module")
def returns(tmp_path_factory):
    out = tmp_path_factory.mktemp("parity")
    generate_authority(LA, out, 2, 1, 2025)
    files = planting.clean(out / LA, 2025)
    work = out / "copies"
    baseline = {
        kind: planting.counts(planting.write(files, work / "clean", kind), LA, 2025)
        for kind in ("903", "cin")
    }
    return files, work, baseline


def _table_rules() -> dict[str, set[str]]:
    found = {}
    for line in (TABLE.read_text() if TABLE.exists() else "").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[2].startswith("planted"):
            found[cells[0]] = set(re.findall(r"`([^`]+)`", cells[3]))
    return found


TABLE_RULES = _table_rules()


def test_clean_returns_have_no_problem(returns):
    _, _, baseline = returns
    found = {rule for counts in baseline.values() for (_, _, _, rule) in counts}
    assert found == set()


@pytest.mark.parametrize("mutation", planting.MUTATIONS, ids=lambda m: m.rule)
def test_assure_flags_the_planted_breach(returns, mutation):
    files, work, baseline = returns
    paths = planting.plant(mutation, files, work / mutation.rule)
    flagged = planting.flagged(baseline[mutation.dataset], planting.counts(paths, LA, 2025))
    assert flagged, f"nothing flags {mutation.breach} (rule {mutation.rule})"
    if mutation.rule in DECLARED:
        assert DECLARED[mutation.rule] in flagged
    assert TABLE_RULES.get(mutation.rule, set()) <= set(flagged)


def test_the_table_lists_every_planted_breach():
    assert {m.rule for m in planting.MUTATIONS} <= set(TABLE_RULES)
