"""Rule parity, proven by mutation: Assure flags each breach planted in clean returns.

Each mutation of `analytics.validation.parity_903` / `parity_cin` breaks one rule of the
Department's validators in a copy of clean generated returns (`planting.LA` and `SEED`, 2024
and 2025: as `benchmarks/rule_parity.py` makes docs/formats/rule-parity.md). Assure must find
a problem the clean files do not have, with the rule that says it answers the Department's,
and the rules the parity table names. Removing a rule fails its mutation here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics.validation import planting
from analytics.validation.consistency import RULES
from tests.returns import generated

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "formats" / "rule-parity.md"
LA = planting.LA
DECLARED = {code: rule.code for rule in RULES for code in rule.dfe}


@pytest.fixture(scope="module")
def returns(tmp_path_factory):
    files = planting.clean(generated(tmp_path_factory, LA, 2, planting.SEED, 2025), 2025)
    work = tmp_path_factory.mktemp("parity") / "copies"
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


# Mutations checked together, a chunk at a time (`planting.counts_many`): the rules' fixed
# cost, most of a small authority's checking, is paid once a chunk, not once a mutation.
CHUNK = 32


@pytest.fixture(scope="module")
def checked(returns):
    """Assure's counts for the copy of each mutation (by its place in `MUTATIONS`), worked out
    with the rest of its chunk when first asked for."""
    files, work, _ = returns
    found: dict[int, planting.Counts] = {}

    def counts(index: int) -> planting.Counts:
        if index not in found:
            start = index - index % CHUNK
            chunk = planting.MUTATIONS[start : start + CHUNK]
            copies = [planting.plant(m, files, work / m.rule) for m in chunk]
            found.update(enumerate(planting.counts_many(copies, LA, 2025), start))
        return found[index]

    return counts


@pytest.mark.parametrize(
    "index", range(len(planting.MUTATIONS)), ids=[m.rule for m in planting.MUTATIONS]
)
def test_assure_flags_the_planted_breach(returns, checked, index):
    mutation = planting.MUTATIONS[index]
    _, _, baseline = returns
    flagged = planting.flagged(baseline[mutation.dataset], checked(index))
    assert flagged, f"nothing flags {mutation.breach} (rule {mutation.rule})"
    if mutation.rule in DECLARED:
        assert DECLARED[mutation.rule] in flagged
    assert TABLE_RULES.get(mutation.rule, set()) <= set(flagged)


def test_copies_checked_together_get_the_counts_each_gets_alone(returns, checked):
    files, work, _ = returns
    for index in (0, 1, len(planting.MUTATIONS) - 1):  # SSDA903 and the census
        mutation = planting.MUTATIONS[index]
        alone = planting.counts(planting.plant(mutation, files, work / "alone"), LA, 2025)
        assert checked(index) == alone, mutation.rule


def test_the_table_lists_every_planted_breach():
    assert {m.rule for m in planting.MUTATIONS} <= set(TABLE_RULES)
