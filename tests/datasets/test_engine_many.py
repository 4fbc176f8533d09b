"""Figures for many authorities and months at once (`Engine.run_many`, as England is
computed) are the figures each gets computed alone, one month at a time (`Engine.run_all`,
as a partnership's are)."""

from __future__ import annotations

import pytest

from analytics.indicators.engine import Engine
from analytics.indicators.periods import parse_month
from analytics.loads import load_many
from analytics.synthetic import generator

MONTHS = [parse_month(m) for m in ("2024-03", "2024-10", "2025-03")]


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> dict:
    """Rutland and the City of London, two years each; the City without its workforce."""
    out = tmp_path_factory.mktemp("generated")
    for la in ("857", "201"):
        generator.generate_authority(la, out, years=2, seed=5, end_year=2025)
    (out / "201" / "local" / "workforce.csv").unlink()
    loaded = load_many({la: [out / la] for la in ("857", "201")}, out / "store", workers=1)
    assert all(r.accepted for r in loaded.values())
    return {la: r.snapshot for la, r in loaded.items()}


def figures(results) -> list[dict]:
    return [r.as_dict() for r in results]


def test_each_authority_and_month_gets_the_figures_it_gets_alone(kept):
    together = Engine.over_authorities({la: [s] for la, s in kept.items()})
    many = together.run_many(MONTHS)
    together.close()
    for la, snapshot in kept.items():
        alone = Engine.from_snapshots([snapshot], la)
        for month in MONTHS:
            assert figures(many[(la, month)]) == figures(alone.run_all(month)), (la, month)
        alone.close()
    rutland, city = many[("857", MONTHS[-1])], many[("201", MONTHS[-1])]
    assert sum(r.computed for r in rutland) == len(rutland) > 30
    assert [r.indicator.reference for r in city if not r.computed] == [
        "WF-01",
        "WF-02",
        "WF-03",
        "WF-04",
    ]
    looked_after = [
        [r.value for r in rs if r.indicator.reference == "LAC-01"] for rs in (rutland, city)
    ]
    assert looked_after[0] != looked_after[1] and all(v[0] > 0 for v in looked_after)
