"""Reading the SSDA903 looked-after children return: its CSV files and its XML.

A CSV file is recognised by its column set (see `recognition`); the XML (`<EXPSSDA903>`,
one `<CHILD>` each with a `<HEADER>` and `<EPISODE>`s) is cut into the same tables. The
collection year comes from the caller or, failing that, from the latest activity date in
the files, and picks the year's codes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from lxml import etree

from analytics.formats import dates
from analytics.formats.ssda903_schema import ACTIVITY_DATES, latest_year, specs
from analytics.formats.tables import RawTable, text_array
from analytics.problems import Problem, fatal

XML_ROOT = "EXPSSDA903"
# Elements inside <HEADER> that hold a row of another table.
XML_NESTED = {
    "AREVIEW": "reviews",
    "AMISSING": "missing",
    "OC2": "oc2",
    "PERMANENCE": "prev_perm",
    "AD_PLACED": "placed_adoption",
    "SW_EPISODE": "social_worker",
    "SWEPISODE": "social_worker",
}
# Header leaves whose presence means the child has a row in another table.
XML_MARKERS = {"uasc": "DUC", "oc3": "IN_TOUCH", "ad1": "DATE_INT"}
XML_RENAMES = {"CHILDID": "CHILD", "PL": "PLACE"}


def collection_year_of(day: dt.date) -> int:
    """The collection year (ending 31 March) a date falls in."""
    return day.year + 1 if day.month >= 4 else day.year


def raw_from_columns(
    table: str, name: str, columns: dict[str, pa.Array], rows: pa.Array, extra: list[str]
) -> RawTable:
    spec = specs(latest_year())[table]
    return RawTable(spec, name, columns, rows, extra_columns=extra)


def infer_year(tables: list[RawTable]) -> int | None:
    """The collection year of the latest activity date in a return's tables."""
    latest: dt.date | None = None
    for raw in tables:
        for column in ACTIVITY_DATES.get(raw.spec.name.removeprefix("ssda903_"), ()):
            if column not in raw.cells:
                continue
            values = dates.parse(raw.cells[column], dates.DMY).values
            top = pc.max(values).as_py()
            if top and (latest is None or top > latest):
                latest = top
    return collection_year_of(latest) if latest else None


def set_year(tables: list[RawTable], year: int) -> None:
    year_specs = specs(year)
    for raw in tables:
        raw.collection_year = year
        short = raw.spec.name.removeprefix("ssda903_")
        if short in year_specs:
            raw.spec = year_specs[short]


class _Rows:
    """Rows of each table as they are found in the XML, column-wise at the end."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, str | None]]] = defaultdict(list)
        self.lines: dict[str, list[int]] = defaultdict(list)

    def add(self, table: str, values: dict[str, str | None], line: int) -> None:
        self.rows[table].append(values)
        self.lines[table].append(line)

    def tables(self, name: str) -> list[RawTable]:
        found = []
        for table, rows in self.rows.items():
            names = specs(latest_year())[table].names
            columns = {c: text_array([r.get(c) for r in rows]) for c in names}
            lines = pa.array(np.array(self.lines[table], dtype=np.int64))
            found.append(raw_from_columns(table, name, columns, lines, []))
        return found


def _leaves(element: etree._Element) -> dict[str, str | None]:
    return {
        XML_RENAMES.get(leaf.tag, leaf.tag): leaf.text
        for leaf in element
        if len(leaf) == 0 and isinstance(leaf.tag, str)
    }


def _child(child: etree._Element, rows: _Rows) -> None:
    header = child.find("HEADER")
    about = _leaves(header) if header is not None else {}
    line = child.sourceline or 0
    rows.add("header", about, line)
    for table, marker in XML_MARKERS.items():
        if about.get(marker) or (table == "uasc" and about.get("UASC") == "1"):
            rows.add(table, about, line)
    for element in header if header is not None else []:
        nested = XML_NESTED.get(element.tag) if isinstance(element.tag, str) else None
        if nested:
            rows.add(nested, {**about, **_leaves(element)}, element.sourceline or line)
    for episode in child.iterfind("EPISODE"):
        rows.add("episodes", {**about, **_leaves(episode)}, episode.sourceline or line)


def read_xml(path: Path, name: str) -> tuple[list[RawTable], list[Problem]]:
    rows = _Rows()
    try:
        for _, child in etree.iterparse(str(path), tag="CHILD", huge_tree=True):
            _child(child, rows)
            child.clear(keep_tail=False)
    except etree.XMLSyntaxError as error:
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The XML is not well formed: {error.msg}.",
                row=error.lineno,
                expected="a complete SSDA903 XML file",
            )
        ]
    if not rows.rows:
        return [], [
            fatal(
                name,
                "file.empty",
                "The XML holds no <CHILD> records.",
                expected="one <CHILD> for each child looked after",
            )
        ]
    return rows.tables(name), []
