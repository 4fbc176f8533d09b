"""Calibration counts the returns in Python (`analytics.synthetic.measure`, as a reader of the
files would), the service's indicators in SQL: on the same files they give the same numbers,
so the figures held to the published ones are the figures a partnership sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.indicators.engine import Engine
from analytics.indicators.periods import parse_month
from analytics.loads import check
from analytics.synthetic import measure
from tests.datasets.returns import cin_census, clean_903, write

# Each count of `measure` and the indicator that counts the same children.
SAME = {
    "cla_at31": "LAC-01",
    "cla_starts": "LAC-03",
    "cla_ceased": "LAC-04",
    "cpp_at31": "CP-01",
    "referrals": "CIN-01",
}


def _both(folders: dict[int, Path], la: str) -> dict[int, tuple[dict, dict]]:
    """Per year, measure's counts and the indicators' values, from the same folders."""
    validated, _, _ = check(list(folders.values()), la)
    assert validated.report.accepted, validated.report.summary()
    engine = Engine(validated.tables, la)
    found = {}
    try:
        for year, folder in folders.items():
            counted = {
                **measure.ssda903_counts(folder / "ssda903", year),
                **measure.cin_counts(folder / "cin_census.xml", year),
            }
            results = engine.run_all(parse_month(f"{year}-03"), SAME.values())
            computed = {r.indicator.reference: r.value for r in results}
            found[year] = ({k: counted[k] for k in SAME}, {k: computed[SAME[k]] for k in SAME})
    finally:
        engine.close()
    return found


def test_generated_returns_give_the_same_counts_in_python_and_sql(torbay_files):
    years = sorted(int(p.name) for p in torbay_files.iterdir() if p.name.isdigit())
    found = _both({year: torbay_files / str(year) for year in years}, "880")
    for year, (counted, computed) in found.items():
        assert counted == computed, year
    assert all(counted["cla_at31"] > 200 for counted, _ in found.values())


@pytest.mark.parametrize("short_break", ["V3", "V4"])
def test_a_short_break_and_a_move_within_care_count_the_same_in_python_and_sql(
    tmp_path, short_break
):
    folder = clean_903(tmp_path / "2024" / "ssda903")
    episodes = (folder / "episodes.csv").read_text() + (
        f"1002,01/02/2024,S,{short_break},N1,U1,PR1,,,,TQ1 1AA,TQ2 6AA,SC123458\n"
    )
    write(folder, episodes=episodes)
    write(tmp_path / "2024", **{"cin_census.xml": cin_census(["C1", "C2"])})
    counted, computed = _both({2024: tmp_path / "2024"}, "880")[2024]
    assert counted == computed
    # 1001 moved (X1) and 1003 started; 1002 left in January and is on a short break now.
    assert counted == {
        "cla_at31": 2,
        "cla_starts": 2,
        "cla_ceased": 1,
        "cpp_at31": 2,
        "referrals": 2,
    }
