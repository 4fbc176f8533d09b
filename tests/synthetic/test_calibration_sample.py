"""Generated authorities of every size count, in their files, what the Department published.

A sample of authorities, one collection year each: Torbay (small unitary), Kent (the largest
county, with most of its starts unaccompanied asylum-seeking children), Camden (London),
Birmingham (the largest city) and Rutland (the smallest). Their SSDA903 files and CIN census
are written and counted as a reader would (`analytics/synthetic/measure.py`), and each stock
and flow must be within 10% of the published figure, or, for a figure under 400, within twice
its square root (chance alone moves a count that size more: 10% of 38 plans is under four;
`calibration.allowed`).
"""

from __future__ import annotations

import pytest

from analytics.synthetic import measure

SAMPLE = ["880", "886", "202", "330", "857"]


@pytest.mark.parametrize("code", SAMPLE)
def test_counts_in_the_files_are_near_the_published_figures(code):
    rows = list(measure.authority_rows(code, years=1, seed=7, end_year=2025))
    assert {r.measure for r in rows} == set(measure.MEASURES)
    misses = [
        f"{r.measure}: generated {r.generated}, published {r.published:.0f}"
        for r in rows
        if not r.near
    ]
    assert not misses, f"{rows[0].name} {rows[0].year}: " + "; ".join(misses)


def test_a_row_outside_ten_percent_is_reported():
    row = measure.Row("886", "Kent", 2025, "cla_at31", 4568, 1896, False)
    assert not row.within and not row.near
    assert round(row.ratio, 1) == 2.4
    text = measure.summary([row])
    assert "cla_at31" in text and "886 2025 2.41" in text
