"""A plan's table read from a spreadsheet: Assure's own template, or a plan table as the
partnerships write them, copied from Word into Excel (the seeds' shapes).

The one statement of the plan table's columns (`COLUMNS`): the template, the export and the
reader all take them from here. A header row is found by its words, whichever of each
column's names it uses ("Aim/objective", "Key actions" and "Action" are the action;
"Owner/Subgroup Responsible" and "Lead" the owner). Above and between the rows, a heading
row such as "Priority 1: To promote the welfare ..." or "Objective 2: improve the response
..." starts a theme; a row under "Success criteria" gives the theme's criteria; a row with
no action but a timescale continues the action above (a revised timescale).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from analytics.formats import workbooks
from assure.core.spreadsheets import csv_text


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # as the template writes it
    names: tuple[str, ...]  # other headings that mean it (lower case, spaces squeezed)
    meaning: str
    required: bool = False


COLUMNS = [
    Column(
        "theme_code",
        "Theme code",
        ("priority", "theme no", "workstream"),
        "The theme's or priority's code, e.g. P1 or 2. Rows of one theme share it.",
    ),
    Column(
        "theme",
        "Theme",
        ("priority title", "workstream title"),
        "The theme's title: written on its first row, or on a heading row above its actions.",
    ),
    Column(
        "objective_code",
        "Objective code",
        ("objective no",),
        "The objective's code within the theme; empty when the theme has no objectives of its own.",
    ),
    Column("objective", "Objective", ("objective title",), "The objective's title."),
    Column(
        "code",
        "Action code",
        ("ref", "no", "number", "action no", "ref."),
        "The action's reference, unique in the plan, e.g. 1.1; importing again matches rows by it.",
        required=True,
    ),
    Column(
        "title",
        "Action",
        ("aim/objective", "key actions", "key action", "actions", "action description"),
        "What will be done.",
        required=True,
    ),
    Column(
        "owner",
        "Owner",
        ("owner/subgroup responsible", "lead", "owner/lead", "responsible", "lead officer", "who"),
        "A person, group or agency of the partnership, by the name it has in Assure.",
        required=True,
    ),
    Column(
        "timescale",
        "Timescale",
        ("time scale", "by when", "when", "deadline"),
        "As written: Quarterly, September 2014, Review November 2021.",
    ),
    Column("due_date", "Due date", ("due",), "A date (2021-09-30), when there is one."),
    Column(
        "outcome_measure",
        "Outcome measure",
        ("outcome and impact measure", "outcome", "success measure", "success measures", "measure"),
        "How the partnership will know it worked.",
    ),
    Column(
        "impact_measure",
        "Impact measure",
        ("impact",),
        "The difference it makes for children, if written apart.",
    ),
    Column(
        "cross_cutting",
        "Cross-cutting themes",
        ("cross cutting themes",),
        "The plan's cross-cutting theme codes, comma-separated, e.g. CC1, CC3.",
    ),
]
BY_KEY = {c.key: c for c in COLUMNS}
HEADING = re.compile(
    r"^(?P<kind>priority|objective|theme|workstream)\s+(?P<code>[\w.]+)\s*[:.\-–—]\s*(?P<title>.+)$",
    re.IGNORECASE | re.DOTALL,
)
LETTERED = re.compile(r"^\(?(?P<code>[a-z]{1,2}|\d+(?:\.\d+)*)[).]\s+(?P<title>.+)$", re.DOTALL)
MAX_ROWS = 5000
MAX_CELLS = 1_000_000  # a sheet's rectangle read whole: 20,000 rows of 50 columns


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class PlanRow:
    sheet: str
    row: int
    theme_code: str
    theme: str
    objective_code: str
    objective: str
    code: str
    title: str
    owner: str
    timescale: str = ""
    due_date: str = ""
    outcome_measure: str = ""
    impact_measure: str = ""
    cross_cutting: str = ""
    theme_kind: str = "priority"


@dataclass
class PlanTable:
    rows: list[PlanRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    criteria: dict[str, str] = field(default_factory=dict)  # theme code -> success criteria
    # every theme a heading row names, actions under it or not: code -> (title, kind)
    headed: dict[str, tuple[str, str]] = field(default_factory=dict)


def tidy(text: object) -> str:
    """A cell's text as kept: each line's spaces squeezed, the lines kept."""
    lines = str(text if text is not None else "").replace("\r\n", "\n").split("\n")
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in lines).strip()


def squeeze(text: object) -> str:
    return re.sub(r"\s+", " ", str(text if text is not None else "")).strip()


def _name(text: str) -> str:
    return squeeze(text).lower().rstrip(":")


def _header(cells: list[str]) -> dict[int, str] | None:
    """Column index -> key, when this row is a header (it names an action and an owner)."""
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        name = _name(cell)
        for column in COLUMNS:
            if name == column.heading.lower() or name in column.names:
                found.setdefault(index, column.key)
                break
    keys = set(found.values())
    if not ({"title", "owner"} <= keys or {"code", "title"} <= keys):
        return None
    title = next(i for i, key in found.items() if key == "title")
    if "code" not in keys and title > 0 and not squeeze(cells[title - 1]):
        found[title - 1] = "code"  # a table whose reference column has no heading
    return found


def sheets_of(path: Path, name: str) -> Iterator[tuple[str, list[list[str]]]]:
    """Each sheet's rows as text: a workbook's every sheet but the instructions, or a CSV."""
    if name.lower().endswith(".csv"):
        text = path.read_bytes().decode("utf-8-sig")
        yield name, [[csv_text(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
        return
    book = CalamineWorkbook.from_path(str(path))
    for sheet in book.sheet_names:
        if sheet.lower() in {"instructions", "lists"}:
            continue
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        yield sheet, [[_text(cell) for cell in row] for row in rows]


def _text(cell: object) -> str:
    if hasattr(cell, "isoformat"):
        return str(cell.isoformat())[:10]
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell) if cell is not None else ""


def read(path: Path, name: str) -> PlanTable:
    table = PlanTable()
    try:
        workbooks.check(path, max_cells=MAX_CELLS)
        for sheet, rows in sheets_of(path, name):
            _read_sheet(table, sheet, rows)
    except workbooks.WorkbookTooLarge as refused:
        table.problems.append(Problem(name, 1, "", str(refused)))
    except UnicodeDecodeError:
        table.problems.append(Problem(name, 1, "", "The file is not text: save it as CSV (UTF-8)."))
    except (CalamineError, csv.Error, ValueError, OSError, RuntimeError):
        table.problems.append(
            Problem(
                name,
                1,
                "",
                "The file cannot be opened: save it as an Excel workbook (.xlsx) or as CSV.",
            )
        )
        return table
    if not table.rows and not table.headed and not table.problems:
        table.problems.append(
            Problem(
                name,
                1,
                "",
                "No plan table found: no row names both an action and an owner (or a "
                "lead), and none is a heading such as “Priority 1: title”. Use the "
                "template's headings.",
            )
        )
    return table


def read_rows(table: PlanTable, sheet: str, rows: Iterable[list[str]]) -> None:
    """Rows of text already read from a sheet (the workbook import's Actions sheet)."""
    _read_sheet(table, sheet, rows)


def _read_sheet(table: PlanTable, sheet: str, rows: Iterable[list[str]]) -> None:
    header: dict[int, str] | None = None
    above = ("", "", "", "", "")  # theme code, theme, objective code, objective, theme kind
    criteria_next = False
    for number, cells in enumerate(rows, start=1):
        if number > MAX_ROWS:
            table.problems.append(Problem(sheet, number, "", f"More than {MAX_ROWS} rows."))
            return
        cells = [tidy(c) for c in cells]
        filled = [c for c in cells if c]
        if not filled:
            continue
        bullet = filled[0].lstrip("-•*· ").strip()  # a list of priorities (seed 001's shape)
        heading = HEADING.match(bullet) if len(filled) == 1 else None
        if heading:
            kind, code, title = heading["kind"].lower(), heading["code"], squeeze(heading["title"])
            within = header is not None and "theme_code" in header.values()
            if kind == "objective" and above[0] and within:
                above = (above[0], above[1], code, title, above[4])
            else:
                above = (code, title, "", "", "theme" if kind == "workstream" else kind)
                table.headed.setdefault(code, (title, above[4]))
            continue
        if criteria_next:
            criteria_next = False
            if above[0]:
                table.criteria[above[0]] = filled[0]
                continue
        if _name(filled[0]) == "success criteria":
            criteria_next = True
            continue
        found = _header(cells)
        if found is not None:
            header = found
            continue
        if header is None:
            continue
        values = {key: cells[i] if i < len(cells) else "" for i, key in header.items()}
        _row(table, sheet, number, values, above)


def _row(
    table: PlanTable, sheet: str, number: int, values: dict[str, str], above: tuple[str, ...]
) -> None:
    theme_code = values.get("theme_code") or above[0]
    theme = values.get("theme") or (above[1] if theme_code == above[0] else "")
    objective_code = values.get("objective_code") or above[2]
    objective = values.get("objective") or (above[3] if objective_code == above[2] else "")
    code, title = values.get("code", ""), values.get("title", "")
    lettered = LETTERED.match(title) if not code else None
    if lettered:
        code, title = lettered["code"], squeeze(lettered["title"])
        if not code[0].isdigit() and theme_code:
            code = f"{theme_code}{code}"  # "a)" under objective 1 is action 1a
    if not code and not title:
        previous = table.rows[-1] if table.rows else None
        if previous is not None and values.get("timescale"):  # a revised timescale
            previous.timescale = squeeze(f"{previous.timescale}; {values['timescale']}")
        return
    if not theme_code:
        theme_code = code.split(".")[0] if "." in code else ""
    row = PlanRow(
        sheet,
        number,
        theme_code,
        theme,
        objective_code,
        objective,
        code,
        title,
        values.get("owner", ""),
        theme_kind=above[4] or "priority",
    )
    for key in ("timescale", "due_date", "outcome_measure", "impact_measure", "cross_cutting"):
        setattr(row, key, values.get(key, ""))
    for key in ("code", "title", "owner"):
        if not getattr(row, key):
            heading = BY_KEY[key].heading
            table.problems.append(Problem(sheet, number, heading, f"Give the {heading.lower()}."))
    if not row.theme_code:
        table.problems.append(
            Problem(
                sheet,
                number,
                "Theme code",
                "Give the theme code, or a heading row such "
                "as “Priority 1: title” above the actions.",
            )
        )
    table.rows.append(row)
