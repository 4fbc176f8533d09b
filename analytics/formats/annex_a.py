"""Reading Ofsted Annex A workbooks (lists 1 to 11), whatever the authority called its columns.

Each sheet is matched to a list by its name ('List 6', 'list6 - CIN') or, failing that, by
its headers; each header is matched to a column by the list's own name or by one of the
header patterns authorities are known to use (`specs/annex_a/Annex_A_schema.yml`). The
lists are local exports, so an unexpected category is a warning, not a refusal.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import yaml

from analytics.formats import workbooks
from analytics.formats.tables import (
    CODE,
    DATE,
    FLAG,
    NUMBER,
    POSTCODE,
    TEXT,
    Column,
    RawTable,
    TableSpec,
    as_text,
)
from analytics.problems import Problem, fatal, warning

# The C loader where PyYAML has libyaml: the Annex A spec takes 4 s to parse otherwise.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SPEC = Path(__file__).parent / "specs" / "annex_a" / "Annex_A_schema.yml"
DATASET = "annex_a"
SHORT_NAMES = {
    "Child Unique ID": "child_id",
    "Date of Birth": "dob",
    "Age of Child (Years)": "age",
    "Does the Child have a Disability": "disability",
    "Strategy discussion initiating Section 47 Enquiry Start Date": "s47_start_date",
    "Was an Initial Child Protection Conference deemed unnecessary?": "icpc_unnecessary",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": "icpc_to_plan",
    "Number of Section 47 Enquiries in the last 12 months": "s47_last_12_months",
    "Was the child assessed as requiring LA children's social care support?": "needs_support",
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "uasc",
    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": "uasc",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?": (
        "rhi_accepted"
    ),
    "Was the child offered a Return Interview after their last missing episode (Y/N)?": (
        "rhi_offered"
    ),
    "Date the child was placed for fostering in FFA or concurrent planning placement": (
        "ffa_placement_date"
    ),
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": (
        "absences_last_12_months"
    ),
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": (
        "missing_last_12_months"
    ),
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months "
    "(Y/N)": "epo_last_6_months",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)": "second_period_12_months",
    "Date of Decision that Child Should No Longer be Placed for Adoption": "adoption_reversal_date",
    "Date of Decision that Child Should be Placed for Adoption": "adoption_decision_date",
    "Date of Matching Child and Prospective Adopters": "match_date",
    "Is the (prospective) adopter fostering for adoption?": "fostering_for_adoption",
}


# Only a row without its identifier is refused: the lists are local exports, so other gaps
# and unexpected values are warnings.
IDENTIFIERS = {"child_id", "individual_adopter_identifier"}


def _snake(header: str) -> str:
    if header in SHORT_NAMES:
        return SHORT_NAMES[header]
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def _loose(header: str) -> str:
    """A header compared loosely: case, quotes, spacing and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", " ", str(header).lower().replace("’", "'")).strip()


def _patterns(spec: dict[str, Any]) -> list[re.Pattern[str]]:
    found = []
    for text in spec.get("header_regex", []):
        match = re.match(r"^/(.*)/([a-z]*)", text.strip())
        if match:
            flags = re.IGNORECASE if "i" in match.group(2) else 0
            found.append(re.compile(match.group(1), flags))
    return found


def _column(header: str, spec: dict[str, Any]) -> Column:
    name, required = _snake(header), spec.get("canbeblank") is False
    strict = name in IDENTIFIERS
    if "date" in spec:
        return Column(name, DATE, required, header=header, strict=strict)
    if "numeric" in spec:
        minimum = spec["numeric"].get("min_value")
        return Column(name, NUMBER, required, minimum=minimum, header=header, strict=strict)
    if "category" in spec:
        codes = [entry.get("code") for entry in spec["category"]]
        if any(isinstance(code, bool) for code in codes):
            return Column(name, FLAG, required, strict=False, header=header)
        if len(codes) > 60:  # a list of place names, not codes
            return Column(name, TEXT, required, strict=False, header=header)
        aliases = {}
        for entry in spec["category"]:
            names = entry.get("name") or []
            for alias in names if isinstance(names, list) else [names]:
                aliases[str(alias).strip().upper()] = str(entry["code"]).strip()
            aliases[str(entry["code"]).strip().upper()] = str(entry["code"]).strip()
        return Column(
            name,
            CODE,
            required,
            codes=frozenset(aliases.values()),
            aliases=aliases,
            strict=False,
            header=header,
        )
    kind = POSTCODE if spec.get("string") == "postcode" else TEXT
    return Column(name, kind, required, header=header, strict=strict)


@lru_cache(maxsize=1)
def lists() -> dict[int, tuple[TableSpec, dict[str, list[re.Pattern[str]]]]]:
    with SPEC.open() as handle:
        column_map = yaml.load(handle, Loader=LOADER)["column_map"]  # noqa: S506 (a safe loader)
    found = {}
    for key, columns in column_map.items():
        number = int(key.split("_")[1])
        spec = TableSpec(
            f"{DATASET}_list_{number}",
            DATASET,
            f"Annex A list {number}",
            tuple(_column(h, s) for h, s in columns.items()),
        )
        found[number] = (spec, {_snake(h): _patterns(s) for h, s in columns.items()})
    return found


def _match(headers: list[str | None], number: int) -> tuple[dict[int, str], list[str]]:
    """Which sheet column holds which store column, and the headers nobody claimed."""
    spec, patterns = lists()[number]
    claimed: dict[int, str] = {}
    for column in spec.columns:
        for index, header in enumerate(headers):
            if index in claimed or header is None:
                continue
            if _loose(header) == _loose(column.header) or any(
                p.search(str(header)) for p in patterns[column.name]
            ):
                claimed[index] = column.name
                break
    extra = [str(h) for i, h in enumerate(headers) if i not in claimed and h]
    return claimed, extra


def _list_number(title: str, headers: list[str | None]) -> int | None:
    match = re.search(r"list\s*_?(\d{1,2})\b", title, re.IGNORECASE)
    if match and int(match.group(1)) in lists():
        return int(match.group(1))
    scores = {n: len(_match(headers, n)[0]) / len(s.columns) for n, (s, _) in lists().items()}
    best = max(scores, key=lambda n: scores[n])
    return best if scores[best] >= 0.6 else None


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def _column_text(values: tuple[Any, ...]) -> pa.Array:
    """A column's cells as `text_array` writes them, a date as DD/MM/YYYY. A column of text,
    or of dates, with blanks is written in Arrow; in any other, a date or number is written
    once for each distinct value (a call per cell was most of a large workbook's reading),
    keyed by its type too, as 1 and True are equal keys but not the same text."""
    try:
        text = pc.utf8_trim_whitespace(pa.array(values, pa.string()))
        return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass  # dates or numbers among the text
    try:  # a column of dates and blanks, written by Arrow
        dated = pa.array([None if v == "" else v for v in values])
        if pa.types.is_timestamp(dated.type) or pa.types.is_date(dated.type):
            return pc.strftime(dated, "%d/%m/%Y")
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass  # text or numbers among the dates
    others = {(type(v), v) for v in values if type(v) is not str}
    written = {key: as_text(_cell(key[1])) for key in others}
    return pa.array(
        [v.strip() or None if type(v) is str else written[type(v), v] for v in values],
        pa.string(),
    )


def _sheet(title: str, grid: list[list[Any]], name: str) -> tuple[RawTable | None, list[Problem]]:
    """One sheet's rows, from cell A1 (so a row's position is its line in Excel)."""
    rows = iter(grid)
    headers = [(str(h).strip() or None) if h is not None else None for h in next(rows, ())]
    label = f"{name} (sheet {title})"
    number = _list_number(title, [h or "" for h in headers])
    if number is None:
        return None, [
            warning(
                label,
                "sheet.unrecognised",
                "This sheet is not one of Annex A lists 1 to 11; it was skipped.",
            )
        ]
    claimed, extra = _match(headers, number)
    # A row is blank when every cell is None or "" (counted in C, not a cell at a time).
    kept = [
        (line, row)
        for line, row in enumerate(rows, start=2)
        if row.count(None) + row.count("") < len(row)
    ]
    # Rows of one length (calamine reads the sheet's empty area too) are columns in one
    # transpose; a shorter row is padded with blanks first.
    table = [row for _, row in kept]
    width = max(map(len, table), default=0)
    if min(map(len, table), default=0) < width:
        table = [row + [None] * (width - len(row)) for row in table]
    columns = list(zip(*table, strict=True))
    cells = {
        column: _column_text(columns[index] if index < len(columns) else (None,) * len(kept))
        for index, column in claimed.items()
    }
    spec = lists()[number][0]
    lines = pa.array([line for line, _ in kept], pa.int64())
    return RawTable(spec, label, cells, lines, extra_columns=extra), []


def read_workbook(path: Path, name: str) -> tuple[list[RawTable], list[Problem]]:
    """Every sheet that is an Annex A list. Read with calamine (Rust): a large authority's
    workbook in 1.5 s, where openpyxl's read-only mode took 21 s (decision 0018)."""
    try:
        workbooks.check(path)
    except workbooks.WorkbookTooLarge as refused:
        return [], [fatal(name, "file.too_large", str(refused), expected="an Annex A workbook")]
    from python_calamine import CalamineWorkbook  # here: the specs alone are read without it

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # noqa: BLE001 - calamine raises several kinds for a bad file
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The workbook could not be opened: {error}.",
                expected="an Excel workbook (.xlsx)",
            )
        ]
    tables, problems = [], []
    try:
        for title in book.sheet_names:
            grid = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
            table, found = _sheet(title, grid, name)
            problems += found
            if table is not None:
                tables.append(table)
    except Exception as error:  # noqa: BLE001 - a damaged sheet inside a readable workbook
        return [], [
            fatal(
                name,
                "file.unreadable",
                f"The workbook could not be read: {error}.",
                expected="an Excel workbook (.xlsx)",
            )
        ]
    finally:
        book.close()
    if not tables:
        problems.append(
            fatal(
                name,
                "file.unrecognised",
                "No sheet is an Annex A list.",
                expected="sheets named List 1 to List 11",
            )
        )
    return tables, problems
