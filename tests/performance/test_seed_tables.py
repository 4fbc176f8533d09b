"""The demo's performance tables: seed 004's themes and sub-headings as the report prints
them, with the figures computed from the demo's synthetic returns after them."""

import datetime as dt

import pytest

from assure.performance import tables

pytestmark = pytest.mark.usefixtures("demo")

MAY_2021 = dt.date(2021, 5, 31)


@pytest.mark.parametrize("theme, headings", [
    ("T1", ["Placement Stability", "Management oversight and supervision",
            "Services for children at risk of involvement in gangs, youth violence, missing, "
            "CSE, radicalisation"]),
    ("T3", ["Workforce Strategy"]),
])  # fmt: skip
def test_tables_come_by_theme_and_sub_heading(torbay, theme, headings):
    groups = tables.theme_tables(torbay)
    # then the figures computed from the demo's synthetic returns, which have no theme
    assert [g.theme.code if g.theme else None for g in groups] == ["T1", "T2", "T3", "T4", None]
    group = next(g for g in groups if g.theme and g.theme.code == theme)
    assert [t.heading for t in group.tables] == headings
    assert groups[0].tables[0].through == MAY_2021  # the latest month with figures
