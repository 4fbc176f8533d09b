"""Calibration tries placement mixes on the periods of care open in the last year alone, then
builds every period once with the mix it kept (`stability.calibrate`). That is only right if
a period is placed the same whichever others are placed with it: each draws from streams of
its own (`placements.build`, decision 0044)."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.synthetic import stability, world


@pytest.fixture(scope="module")
def torbay():
    return world.simulate("880", 2025, 2, seed=3)


def test_the_last_years_periods_give_the_measures_every_period_gives(torbay):
    area, year = stability.area_of(torbay), torbay.years[-1]
    whole, _ = stability.placed(torbay, area)
    in_year = np.flatnonzero(torbay.periods["end"] >= np.datetime64(f"{year - 1}-04-01"))
    part, _ = stability.placed(torbay, area, in_year)
    assert len(part) < len(whole)
    assert stability.measures(part, torbay.children, year) == stability.measures(
        whole, torbay.children, year
    )
    on = np.datetime64(f"{year}-03-31")
    for episodes in (part, whole):
        assert len(episodes) and ((episodes["decom"] <= on) & (episodes["dec"] > on)).any()
    open_part = part["place"][(part["decom"] <= on) & (part["dec"] > on)]
    open_whole = whole["place"][(whole["decom"] <= on) & (whole["dec"] > on)]
    assert sorted(open_part) == sorted(open_whole)


def test_a_period_is_placed_the_same_whichever_others_are_placed_with_it(torbay):
    area = stability.area_of(torbay)
    whole, whole_adoption = stability.placed(torbay, area)
    some = np.arange(1, len(torbay.periods), 3)  # every third period
    part, part_adoption = stability.placed(torbay, area, some)
    kept = np.isin(whole["period"], some)
    assert 0 < len(part) < len(whole)
    for name in whole:
        assert np.array_equal(part[name], whole[name][kept]), name
    adopted = ~np.isnat(whole_adoption["placed"])
    assert adopted[some].any()
    for name in whole_adoption:
        assert np.array_equal(part_adoption[name][some], whole_adoption[name][some], equal_nan=True)
        others = np.setdiff1d(np.arange(len(torbay.periods)), some)
        assert np.isnat(part_adoption[name][others]).all(), name
