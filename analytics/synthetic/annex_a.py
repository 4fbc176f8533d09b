"""Ofsted Annex A lists 1 to 11 from the simulated world, as the workbook an authority hands
inspectors: one sheet per list, with the headings of the Annex A specification
(`analytics/formats/specs/annex_a/Annex_A_schema.yml`, from ../shared/reference/formats/).

The children are those of the CIN census and SSDA903 returns, as they stood on the
inspection date (by default 31 March of the last collection year): anything the world says
happens after that day has not happened yet. Lists of events (1, 3, 4, 5) hold those in the
months before the date; lists of cases (6, 7, 8, 10) those open at any time in those months;
list 9 the care leavers aged 18 to 20 on the day.

What the world does not simulate is left out, and the sheet or column says so by being
empty:
- list 1 holds only the contacts that became referrals (a contact on the day of the
  referral): contacts that went no further are not simulated;
- list 2 (early help) and list 11 (adopters) have headings and no rows: the world has no
  early help assessments and no prospective adopters;
- optional columns the world has no data for are blank: statutory visits, IRO contacts,
  health and dental checks, permanence plans, placement orders, family identifiers, and the
  accommodation and activity of care leavers.
Allocated teams, workers and personal advisers are invented labels, never names.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import xlsxwriter
import yaml

from analytics import periods
from analytics.synthetic import annex_a_care as care
from analytics.synthetic import annex_a_lists as lists

SPEC = Path(__file__).parents[1] / "formats" / "specs" / "annex_a" / "Annex_A_schema.yml"
# A fixed creation date keeps the workbook the same, byte for byte, for the same seed.
CREATED = dt.datetime(2000, 1, 1)


@lru_cache(maxsize=1)
def headings() -> dict[int, list[str]]:
    """Each list's column headings, in the specification's order."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC.open(encoding="utf-8") as handle:
        columns = yaml.load(handle, Loader=loader)["column_map"]  # noqa: S506 (a safe loader)
    return {int(key.split("_")[1]): list(names) for key, names in columns.items()}


def as_at_default(world) -> dt.date:
    return periods.collection_year(world.years[-1])[1]


def rows_of(world, as_at: dt.date | None = None, months: int = 6) -> dict[int, list[dict]]:
    """Each list's rows (heading: value) on the inspection date."""
    view = lists.View(world, as_at or as_at_default(world), months)
    return {
        1: lists.contacts(view),
        2: [],
        3: lists.referrals(view),
        4: lists.assessments(view),
        5: lists.enquiries(view),
        6: lists.children_in_need(view),
        7: lists.protection_plans(view),
        8: care.looked_after(view),
        9: care.care_leavers(view),
        10: care.adoptions(view),
        11: [],
    }


def write(world, path: Path, as_at: dt.date | None = None, months: int = 6) -> dict[str, int]:
    """Write the workbook; the number of rows of each list."""
    found = rows_of(world, as_at, months)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    book.set_properties({"title": "Annex A (synthetic)", "created": CREATED})
    styles = {
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "heading": book.add_format({"bold": True, "text_wrap": True}),
    }
    for number, rows in found.items():
        _sheet(book, number, rows, styles)
    book.close()
    return {f"list_{n}": len(rows) for n, rows in found.items()}


def _sheet(book, number: int, rows: list[dict], styles: dict[str, Any]) -> None:
    sheet = book.add_worksheet(f"List {number}")
    names = headings()[number]
    sheet.write_row(0, 0, names, styles["heading"])
    sheet.set_column(0, len(names) - 1, 18)
    for line, row in enumerate(rows, start=1):
        for column, heading in enumerate(names):
            value = row.get(heading)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(
                    line, column, dt.datetime.combine(value, dt.time()), styles["date"]
                )
            elif isinstance(value, int | float | np.integer):
                sheet.write_number(line, column, int(value))
            else:
                sheet.write_string(line, column, str(value))
