"""A workbook of the partnership's tables brought in (tables.py, and the plans' actions on an
Actions sheet): every problem first, by sheet, row and column; then a preview; then, once
confirmed, every sheet through the apps' services in one transaction, or nothing.

The preview is the import itself, run in a transaction that is then rolled back: each sheet
is saved in the order of tables.py, so a name may point at a row of an earlier sheet (a group
chaired by a person the People sheet adds; a recommendation answered by an action of the
Actions sheet), and what the preview says is what confirming does. Names on the same or a
later sheet (an agency's lead, the group a group reports to) are set once every row exists.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from analytics.formats import workbooks
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.performance import services as performance_services
from assure.plans.models import Plan
from assure.transfer import plan_import, plan_table
from assure.transfer.plan_table import MAX_CELLS, Problem, sheets_of
from assure.transfer.tables import TABLES, Lookups, Table, name_key, read_cell, show, squeeze

ACTIONS = "Actions"  # the plans' actions, on the plan table's columns and a Plan column
FIGURES = "Figures"  # indicators' figures, in the figures file's columns
MAX_ROWS = 20_000  # a sheet's rows, as the figures loader allows
# The sheets an Actions sheet's rows name (owners, plans, cross-cutting themes); the sheets
# after them may name its themes and actions.
BEFORE_ACTIONS = {"Agencies", "People", "Groups", "Plans", "Cross-cutting themes"}


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
    actions: list[list[str]] = field(default_factory=list)  # the Actions sheet, as read
    figures: list[list[str]] = field(default_factory=list)  # the Figures sheet, as read
    counted: dict[str, tuple[int, int, int]] = field(
        default_factory=dict
    )  # sheet: new, changed, same

    def count(self, sheet: str, verb: str) -> int:
        return sum(1 for c in self.changes if c.sheet == sheet and c.verb == verb)

    @property
    def writes(self) -> int:
        counted = sum(new + changed for new, changed, _ in self.counted.values())
        return counted + sum(1 for c in self.changes if c.verb != "same")

    def summary(self) -> list[tuple[str, int, int, int]]:
        sheets = [t.sheet for t in TABLES if t.sheet in self.sheets]
        if self.actions:
            before = [s for s in sheets if s in BEFORE_ACTIONS]
            sheets.insert(len(before), ACTIONS)
        listed = [
            (s, self.count(s, "create"), self.count(s, "change"), self.count(s, "same"))
            for s in sheets
        ]
        return listed + [(sheet, *counts) for sheet, counts in self.counted.items()]


class Refused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


class _DryRun(Exception):
    pass


def read(path: Path, name: str) -> Preview:
    """The workbook's sheets that are tables of tables.py (or the Actions sheet), as text."""
    preview = Preview()
    by_name = {t.sheet.casefold(): t for t in TABLES}
    try:
        workbooks.check(path, max_cells=MAX_CELLS)  # unpacks or reaches far past a real one
    except workbooks.WorkbookTooLarge as refused:
        preview.problems.append(Problem(name, 1, "", str(refused)))
        return preview
    try:
        for sheet, rows in sheets_of(path, name):
            if len(rows) > MAX_ROWS + 1:
                preview.problems.append(
                    Problem(sheet, MAX_ROWS + 2, "", f"A sheet may hold at most {MAX_ROWS:,} rows.")
                )
                return preview
            if not rows:
                continue
            if ACTIONS.casefold() in {sheet.casefold(), Path(name).stem.casefold()}:
                preview.actions = rows
                continue
            if FIGURES.casefold() in {sheet.casefold(), Path(name).stem.casefold()}:
                preview.figures = rows
                continue
            found = by_name.get(sheet.casefold())
            if found is None and name.lower().endswith(".csv"):
                found = by_name.get(Path(name).stem.casefold())
            if found is not None:
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
    if not (preview.sheets or preview.actions or preview.figures or preview.problems):
        sheets = ", ".join([t.sheet for t in TABLES] + [ACTIONS, FIGURES])
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


def prepare(actor: Any, partnership: Partnership, preview: Preview) -> Preview:
    """Import in a transaction that is rolled back: the problems, and what would change."""
    if preview.problems:
        return preview
    try:
        with transaction.atomic():
            _run(actor, partnership, preview, dry=True)
            raise _DryRun
    except _DryRun:
        pass
    return preview


@transaction.atomic
def apply(actor: Any, partnership: Partnership, preview: Preview) -> Preview:
    """The import itself: every sheet, or nothing (Refused, with the problems). Returns what
    changed, as `prepare` would have said."""
    checked = Preview(sheets=preview.sheets, actions=preview.actions, figures=preview.figures)
    _run(actor, partnership, checked, dry=False)
    return checked


def _run(actor: Any, partnership: Partnership, preview: Preview, dry: bool) -> None:
    postponed: list[tuple[Table, Row, Any, dict[str, Any]]] = []
    actions_done = not preview.actions
    for table in TABLES:
        if not actions_done and table.sheet not in BEFORE_ACTIONS:
            _actions(actor, partnership, preview, dry)
            actions_done = True
        rows = preview.sheets.get(table.sheet)
        if rows is not None:
            postponed += _table(actor, partnership, preview, table, rows, dry)
    if preview.figures:
        _figures(actor, partnership, preview, dry)
    lookups = Lookups(partnership)
    for table, row, saved, before in postponed:
        values = _values(preview, table, row, lookups, later=True, dry=dry)
        if values is None:
            continue
        later = [c for c in table.columns if c.later and c.key in row.cells]
        if all(squeeze(show(before.get(c.key))) == squeeze(show(values[c.key])) for c in later):
            continue
        _mark_changed(preview, table, values, [c.heading for c in later])
        _save(preview, table, row, actor, partnership, saved, values, dry)
    if not dry and preview.problems:
        raise Refused(preview.problems)


def _table(
    actor: Any,
    partnership: Partnership,
    preview: Preview,
    table: Table,
    rows: list[Row],
    dry: bool,
) -> list[tuple[Table, Row, Any, dict[str, Any]]]:
    lookups = Lookups(partnership)
    held = {table.key_of(table.values_of(r)): r for r in table.records(partnership)}
    seen: dict[tuple[str, ...], int] = {}
    postponed = []
    for row in rows:
        values = _values(preview, table, row, lookups, later=False, dry=dry)
        if values is None:
            continue
        key = table.key_of(values)
        if key in seen:
            _problem(
                preview,
                dry,
                table.sheet,
                row.number,
                table.columns[0].heading,
                f"Row {seen[key]} has this {' and '.join(table.key)} already.",
            )
            continue
        seen[key] = row.number
        record = held.get(key)
        before = table.values_of(record) if record is not None else {}
        differences = [
            c.heading
            for c in table.columns
            if record is not None
            and not c.later
            and c.key in row.cells
            and _differs(c, before[c.key], values[c.key])
        ]
        for column in table.columns:
            if column.heading in differences and column.key in table.fixed:
                _problem(
                    preview,
                    dry,
                    table.sheet,
                    row.number,
                    column.heading,
                    f"{table.fixed[column.key]}.",
                )
        verb = "create" if record is None else "change" if differences else "same"
        preview.changes.append(Change(table.sheet, " / ".join(key), verb, differences))
        saved = record
        if verb != "same":
            whole = {c.key: before.get(c.key) for c in table.columns if c.later} | values
            saved = _save(preview, table, row, actor, partnership, record, whole, dry)
        if saved is not None and any(c.later and c.key in row.cells for c in table.columns):
            postponed.append((table, row, saved, before))
    return postponed


def _actions(actor: Any, partnership: Partnership, preview: Preview, dry: bool) -> None:
    """The Actions sheet, a plan at a time, through the plan table's own import."""
    header = [str(c).strip() for c in preview.actions[0]]
    if "Plan" not in header:
        _problem(
            preview,
            dry,
            ACTIONS,
            1,
            "Plan",
            "This column is needed: add it with this heading, holding each action's plan title.",
        )
        return
    at = header.index("Plan")
    plans = {name_key(p.title): p for p in Plan.objects.filter(partnership=partnership)}
    firsts: dict[str, int] = {}
    for number, cells in enumerate(preview.actions[1:], start=2):
        title = name_key(str(cells[at])) if at < len(cells) and cells[at] else ""
        firsts.setdefault(title, number)
    for title, first in firsts.items():
        plan = plans.get(title)
        if plan is None:
            _problem(
                preview,
                dry,
                ACTIONS,
                first,
                "Plan",
                "Give the title of a plan of the Plans sheet, or of Assure.",
            )
            continue
        # the plan's own rows, the others left empty so that row numbers stay the sheet's
        rows = [
            [c for i, c in enumerate(cells) if i != at]
            if number == 1 or (at < len(cells) and name_key(str(cells[at])) == title)
            else []
            for number, cells in enumerate(preview.actions, start=1)
        ]
        read = plan_table.PlanTable()
        plan_table.read_rows(read, ACTIONS, rows)
        checked = plan_import.prepare(plan, read)
        for problem in checked.problems:
            _problem(preview, dry, problem.sheet, problem.row, problem.column, problem.message)
        for change in checked.changes:
            if change.kind == "action":
                key = f"{plan.title} / {change.code}"
                preview.changes.append(Change(ACTIONS, key, change.verb, change.differences))
        if not checked.problems and checked.writes:
            try:
                plan_import.apply(actor, checked)
            except plan_import.Refused as refused:
                found = refused.problem
                _problem(preview, dry, ACTIONS, found.row, found.column, found.message)


def _figures(actor: Any, partnership: Partnership, preview: Preview, dry: bool) -> None:
    """The Figures sheet through Performance's own loader (a correction keeps the earlier)."""
    text = io.StringIO()
    csv.writer(text).writerows(preview.figures)
    outcome = performance_services.load_observations(
        actor, partnership, f"{FIGURES}.csv", text.getvalue().encode()
    )
    for problem in outcome.problems:
        _problem(preview, dry, FIGURES, problem.row or 1, problem.column, problem.message)
    if not outcome.problems:
        preview.counted[FIGURES] = (0, outcome.changed, outcome.rows - outcome.changed)


def _differs(column: Any, held: Any, given: Any) -> bool:
    """Whether the row changes what is held (spacing aside): comments are only added to."""
    if column.kind == "comments":
        return bool(set(given) - set(held))
    return squeeze(show(held)) != squeeze(show(given))


def _problem(preview: Preview, dry: bool, sheet: str, row: int, column: str, text: str) -> None:
    preview.problems.append(Problem(sheet, row, column, text))


def _mark_changed(preview: Preview, table: Table, values: dict[str, Any], headings: list[str]):
    key = " / ".join(table.key_of(values))
    for change in preview.changes:
        if change.sheet == table.sheet and change.key == key and change.verb == "same":
            change.verb = "change"
            change.differences += headings


def _values(
    preview: Preview, table: Table, row: Row, lookups: Lookups, later: bool, dry: bool
) -> dict[str, Any] | None:
    """The row's values for the service; its problems, each in its cell, on the preview."""
    values: dict[str, Any] = {}
    problems = 0
    for column in table.columns:
        if column.key not in row.cells or (column.later and not later):
            continue
        try:
            values[column.key] = read_cell(column, row.cells[column.key], lookups, row.cells)
        except ValueError as problem:
            problems += 1
            _problem(preview, dry, table.sheet, row.number, column.heading, f"{problem}.")
    return None if problems else values


def _save(
    preview: Preview,
    table: Table,
    row: Row,
    actor: Any,
    partnership: Partnership,
    record: Any,
    values: dict[str, Any],
    dry: bool,
) -> Any:
    """Save through the table's service; a refusal is a problem of the row."""
    given = dict(values)
    if table.sees_reviews:  # the risks whose reviews the workbook brings
        reviews = preview.sheets.get("Risk reviews", [])
        given["reviewed"] = {squeeze(r.cells.get("risk", "")).casefold() for r in reviews}
    try:
        with transaction.atomic():
            return table.save(actor, partnership, record, given)
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
        _problem(preview, dry, table.sheet, row.number, heading, message.rstrip(".") + ".")
        return None
