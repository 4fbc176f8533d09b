"""Reading a caseload extract (CSV) into the cases that can be sampled.

Columns: case_id, team, category, themes (themes separated by semicolons). The case_id is
turned into a keyed pseudonym as it is read and is never stored. A file with any bad row
loads nothing, and every problem is named by row, column and what was expected.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from assure.audits.models import Case

COLUMNS = ("case_id", "team", "category", "themes")
REQUIRED = ("case_id", "category")


@dataclass
class CaseRow:
    line: int
    identifier: str
    team: str
    category: str
    themes: list[str] = field(default_factory=list)


@dataclass
class Reading:
    rows: list[CaseRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


MAX_CASES = 50_000


def _category(text: str) -> str | None:
    wanted = text.strip().lower()
    for value, label in Case.Category.choices:
        if wanted in (value, label.lower()):
            return value
    return None


def _decode(data: bytes, name: str) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read(data: bytes, name: str, teams: set[str]) -> Reading:
    """Every row of the file, or the problems that stop it loading. `teams` are the names
    of the partnership's teams, in lower case."""
    reading = Reading()
    text = _decode(data, name)
    if text is None:
        reading.problems.append(f"{name}: not a text (CSV) file")
        return reading
    table = csv.DictReader(io.StringIO(text))
    headings = [h.strip().lower() for h in table.fieldnames or []]
    missing = [c for c in REQUIRED if c not in headings]
    if missing:
        found = ", ".join(headings) or "nothing"
        reading.problems.append(
            f"{name}: the first row must name the columns {', '.join(COLUMNS)}; "
            f"found {found}, so {', '.join(missing)} is missing"
        )
        return reading
    seen: dict[str, int] = {}
    for number, raw in enumerate(table, start=2):
        if number - 1 > MAX_CASES:
            reading.problems.append(
                f"{name}: more than {MAX_CASES:,} cases; a caseload is the cases open to the "
                "service, not every case ever held: check the extract"
            )
            return reading
        row = {str(k).strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        _read_row(reading, name, number, row, teams, seen)
    if not reading.rows and not reading.problems:
        reading.problems.append(f"{name}: no cases below the column names")
    return reading


def _read_row(
    reading: Reading,
    name: str,
    number: int,
    row: dict[str, str],
    teams: set[str],
    seen: dict[str, int],
) -> None:
    where = f"{name}, row {number}"
    identifier = row.get("case_id", "")
    category = _category(row.get("category", ""))
    team = row.get("team", "")
    problems = []
    if not identifier:
        problems.append(f"{where}, column case_id: empty; expected the case's identifier")
    elif identifier.upper() in seen:
        problems.append(f"{where}, column case_id: the same case as row {seen[identifier.upper()]}")
    if category is None:
        expected = ", ".join(label for _, label in Case.Category.choices)
        problems.append(
            f"{where}, column category: '{row.get('category', '')}' is not one of {expected}"
        )
    if team and team.lower() not in teams:
        problems.append(f"{where}, column team: no team called '{team}' in the programme")
    if problems:
        reading.problems += problems
        return
    seen[identifier.upper()] = number
    themes = [t.strip() for t in row.get("themes", "").split(";") if t.strip()]
    reading.rows.append(CaseRow(number, identifier, team, category or "", themes))
