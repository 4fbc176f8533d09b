"""A workbook of the partnership's tables brought in (tables.py): the structure, the risk
register, recommendations, the indicator catalogue with targets and benchmarks. Every
problem first, by sheet, row and column; then a preview; then, once confirmed, every sheet
through the apps' services in one transaction, or nothing.

A name may point at a row of an earlier sheet of the same workbook (a group chaired by a
person the People sheet adds); names on a later sheet (an agency's lead, a group a group
reports to) are set once every sheet's rows exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.transfer.plan_table import Problem, sheets_of
from assure.transfer.tables import PENDING, TABLES, Lookups, Table, read_cell, show


@dataclass
class Row:
    number: int
    cells: dict[str, str]  # column key -> text


@dataclass
class Change:
    sheet: str
    key: str
    verb: str  # create, change, same
    differences: list[str] = field(default_factory=list)


@dataclass
class Preview:
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: dict[str, list[Row]] = field(default_factory=dict)

    def count(self, sheet: str, verb: str) -> int:
        return sum(1 for c in self.changes if c.sheet == sheet and c.verb == verb)

    @property
    def writes(self) -> int:
        return sum(1 for c in self.changes if c.verb != "same")

    def summary(self) -> list[tuple[str, int, int, int]]:
        return [
            (
                t.sheet,
                self.count(t.sheet, "create"),
                self.count(t.sheet, "change"),
                self.count(t.sheet, "same"),
            )
            for t in TABLES
            if t.sheet in self.sheets
        ]


class Refused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


def read(path: Path, name: str) -> Preview:
    """The workbook's sheets that are tables of tables.py, as rows of text by column."""
    preview = Preview()
    by_name = {t.sheet.casefold(): t for t in TABLES}
    try:
        for sheet, rows in sheets_of(path, name):
            found = by_name.get(sheet.casefold())
            if found is None and name.lower().endswith(".csv"):
                found = by_name.get(Path(name).stem.casefold())
            if found is None or not rows:
                continue
            _read_sheet(preview, found, rows)
    except Exception:  # noqa: BLE001 - a damaged file, whatever the reader raises
        preview.problems.append(
            Problem(
                name,
                1,
                "",
                "The file cannot be opened: save it as an Excel workbook (.xlsx) or as CSV.",
            )
        )
    if not preview.sheets and not preview.problems:
        sheets = ", ".join(t.sheet for t in TABLES)
        preview.problems.append(
            Problem(name, 1, "", f"No sheet of the file is one Assure reads: name them {sheets}.")
        )
    return preview


def _read_sheet(preview: Preview, table: Table, rows: list[list[str]]) -> None:
    headings = [str(h).strip().casefold() for h in rows[0]]
    index = {
        c.key: headings.index(c.heading.casefold())
        for c in table.columns
        if c.heading.casefold() in headings
    }
    for column in table.columns:
        if column.key not in index and column.required:
            preview.problems.append(
                Problem(
                    table.sheet,
                    1,
                    column.heading,
                    "This column is needed: add it with this heading.",
                )
            )
    kept = []
    for number, cells in enumerate(rows[1:], start=2):
        text = {
            key: (str(cells[i]) if i < len(cells) and cells[i] is not None else "")
            for key, i in index.items()
        }
        if any(v.strip() for v in text.values()):
            kept.append(Row(number, text))
    preview.sheets[table.sheet] = kept


def prepare(partnership: Partnership, preview: Preview) -> Preview:
    """Check every row against the partnership and what the sheets before it add."""
    lookups = Lookups(partnership)
    for table in TABLES:
        rows = preview.sheets.get(table.sheet)
        if rows is None:
            continue
        held = {table.key_of(table.values_of(r)): r for r in table.records(partnership)}
        seen: dict[tuple[str, ...], int] = {}
        for row in rows:
            values = _values(preview, table, row, lookups, later=True)
            if values is None:
                continue
            key = table.key_of(values)
            if key in seen:
                preview.problems.append(
                    Problem(
                        table.sheet,
                        row.number,
                        table.columns[0].heading,
                        f"Row {seen[key]} has this {' and '.join(table.key)} already.",
                    )
                )
                continue
            seen[key] = row.number
            record = held.get(key)
            if record is None:
                preview.changes.append(Change(table.sheet, " / ".join(key), "create"))
                if table.names:
                    lookups.expect(table.names, show(values[table.key[0]]))
                continue
            now = table.values_of(record)
            differences = [
                c.heading
                for c in table.columns
                if c.key in row.cells and show(now[c.key]) != show(values[c.key])
            ]
            for column in table.columns:
                if column.heading in differences and column.key in table.fixed:
                    preview.problems.append(
                        Problem(
                            table.sheet, row.number, column.heading, f"{table.fixed[column.key]}."
                        )
                    )
            verb = "change" if differences else "same"
            preview.changes.append(Change(table.sheet, " / ".join(key), verb, differences))
    return preview


def _values(
    preview: Preview | None, table: Table, row: Row, lookups: Lookups, later: bool
) -> dict[str, Any] | None:
    """The row's values for the service; its problems, each in its cell, on the preview."""
    values: dict[str, Any] = {}
    problems = []
    for column in table.columns:
        if column.key not in row.cells or (column.later and not later):
            continue
        try:
            values[column.key] = read_cell(column, row.cells[column.key], lookups, row.cells)
        except ValueError as problem:
            problems.append(Problem(table.sheet, row.number, column.heading, f"{problem}."))
    if problems:
        if preview is None:
            raise Refused(problems)
        preview.problems.extend(problems)
        return None
    return values


@transaction.atomic
def apply(actor: Any, partnership: Partnership, preview: Preview) -> None:
    """Every sheet, in the order of tables.py, then the names that point at later sheets."""
    verbs = {(c.sheet, c.key): c.verb for c in preview.changes}
    postponed: list[tuple[Table, Row, Any]] = []
    for table in TABLES:
        rows = preview.sheets.get(table.sheet)
        if rows is None:
            continue
        lookups = Lookups(partnership)
        held = {table.key_of(table.values_of(r)): r for r in table.records(partnership)}
        for row in rows:
            values = _values(None, table, row, lookups, later=False)
            assert values is not None  # noqa: S101 - refused above otherwise
            key = table.key_of(values)
            if verbs.get((table.sheet, " / ".join(key))) == "same":
                continue
            record = held.get(key)
            kept = table.values_of(record) if record is not None else {}
            whole = {c.key: kept.get(c.key) for c in table.columns if c.later} | values
            saved = _save(table, row, actor, partnership, record, whole)
            if any(c.later and c.key in row.cells for c in table.columns):
                postponed.append((table, row, saved))
    lookups = Lookups(partnership)
    for table, row, saved in postponed:
        values = _values(None, table, row, lookups, later=True)
        assert values is not None  # noqa: S101
        _save(table, row, actor, partnership, saved, values)


def _save(
    table: Table,
    row: Row,
    actor: Any,
    partnership: Partnership,
    record: Any,
    values: dict[str, Any],
) -> Any:
    if any(v is PENDING for v in values.values()):
        raise Refused([Problem(table.sheet, row.number, "", "A name on this row was not found.")])
    try:
        return table.save(actor, partnership, record, dict(values))
    except (DomainError, ValueError) as refused:
        message = refused.message if isinstance(refused, DomainError) else str(refused)
        heading = next(
            (
                c.heading
                for c in table.columns
                if isinstance(refused, DomainError) and c.key == refused.field
            ),
            "",
        )
        raise Refused([Problem(table.sheet, row.number, heading, message)]) from refused
