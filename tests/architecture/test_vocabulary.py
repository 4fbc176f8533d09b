"""One vocabulary (analytics/vocabulary.py) of polarities, units, spans and period types: the
SQL indicators' headers, the performance framework's fields and the figures computed from
one into the other use its words, and no module keeps a list of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from analytics.indicators.registry import indicators
from analytics.vocabulary import SPAN_OF, PeriodType, Polarity, Span, Unit
from assure.datasets.observations import ensure_indicator
from assure.performance import units
from assure.performance.models import Indicator, Observation

ROOT = Path(__file__).resolve().parents[2]
# Words only the vocabulary writes ("month", "count", "high" and the like are too common to
# look for), and the SQL's words it replaced.
DISTINCT = {"higher", "lower", "in_month", "rolling_12", "rate_per_10k", "rate_per_10000"}
# Where one of them means something else: the Department's column of published rates.
ALLOWED = {"analytics/vocabulary.py", "analytics/synthetic/calibration.py"}


def test_the_frameworks_fields_take_their_words_from_the_vocabulary():
    field = Indicator._meta.get_field
    assert field("polarity").choices == Polarity.choices
    assert field("period_type").choices == PeriodType.choices
    assert Observation._meta.get_field("span").choices == Span.choices
    assert field("unit").choices == [(u, Unit(u).label) for u in units.UNITS]
    assert set(SPAN_OF) == set(PeriodType)


def test_every_sql_indicator_is_described_in_the_vocabulary():
    for definition in indicators().values():
        assert definition.unit in Unit.values, definition.reference
        assert definition.polarity in Polarity.values, definition.reference
        assert definition.period in PeriodType.values, definition.reference


def test_a_computed_indicator_keeps_its_sql_headers_words(partnership):
    kept = 0
    for definition in indicators().values():
        indicator = ensure_indicator(None, partnership, definition)
        if definition.unit not in units.UNITS:  # WF-04's average: computed, not kept
            assert indicator is None
            continue
        assert indicator is not None, definition.reference
        words = (indicator.unit, indicator.polarity, indicator.period_type)
        assert words == (definition.unit, definition.polarity, definition.period)
        kept += 1
    assert kept == len(indicators()) - 1


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module, but not its docstrings."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]


def test_no_module_keeps_a_word_list_of_its_own():
    found = []
    for package in ("analytics", "assure"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in ALLOWED:
                continue
            for line, text in _strings(path):
                if text in DISTINCT:
                    found.append(f"{relative}:{line}: {text!r}")
    assert not found, "take the words from analytics/vocabulary.py:\n" + "\n".join(found)
