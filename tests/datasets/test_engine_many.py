"""Figures for many authorities and months at once (`Engine.run_many`, as England is
computed) are the figures each gets computed alone, one month at a time (`Engine.run_all`,
as a partnership's are); and the indicators' SQL counts what the calibration counts in
Python (`analytics/synthetic/measure.py`) in the same files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.indicators.engine import Engine
from analytics.indicators.periods import parse_month
from analytics.loads import load_many
from analytics.synthetic import generator, measure

MONTHS = [parse_month(m) for m in ("2024-03", "2024-10", "2025-03")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Rutland and the City of London, two years each; the City without its workforce."""
    out = tmp_path_factory.mktemp("generated")
    for la in ("857", "201"):
        generator.generate_authority(la, out, years=2, seed=5, end_year=2025)
    (out / "201" / "local" / "workforce.csv").unlink()
    return out


@pytest.fixture(scope="module")
def kept(generated: Path) -> dict:
    folders = {la: [generated / la] for la in ("857", "201")}
    loaded = load_many(folders, generated / "store", workers=1)
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


# The indicators that count, over a collection year or at its end, what the calibration
# counts in the files.
COUNTED = {
    "LAC-01": "cla_at31",
    "LAC-03": "cla_starts",
    "LAC-04": "cla_ceased",
    "CP-01": "cpp_at31",
    "CIN-01": "referrals",
}


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_indicators_count_what_the_calibration_counts_in_the_files(generated, kept, year):
    folder = generated / "857" / str(year)
    counted = {
        **measure.ssda903_counts(folder / "ssda903", year),
        **measure.cin_counts(folder / "cin_census.xml", year),
    }
    engine = Engine.from_snapshots([kept["857"]], "857")
    results = {r.indicator.reference: r for r in engine.run_all(parse_month(f"{year}-03"))}
    engine.close()
    for reference, name in COUNTED.items():
        result = results[reference]
        assert result.period.end == dt.date(year, 3, 31), reference
        if result.period.start != result.period.end:  # a count over the year, not at its end
            assert result.period.start == dt.date(year - 1, 4, 1), reference
        assert result.numerator == counted[name] > 0, (reference, name)
