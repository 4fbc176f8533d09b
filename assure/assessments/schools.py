"""Schools and colleges brought in from a list: a CSV of URN and name (as Get Information
about Schools exports them), optionally with the safeguarding lead's name and e-mail. Each
school is an organisation of kind education, its URN kept beside it; a URN already known is
the same school. Every row is checked before any is saved: a bad row saves nothing and
names its row, column and what was expected.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from assure.assessments import services
from assure.assessments.models import Round, School
from assure.core.errors import DomainError
from assure.core.models import Partnership
from assure.partnership import services as structure
from assure.partnership.models import Organisation

URN = re.compile(r"^\d{6,7}$")
HEADINGS = {
    "urn": "urn",
    "name": "name",
    "school name": "name",
    "establishment name": "name",
    "establishmentname": "name",
    "lead name": "lead_name",
    "lead": "lead_name",
    "lead email": "lead_email",
    "email": "lead_email",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class SchoolRow:
    urn: str
    name: str
    lead_name: str = ""
    lead_email: str = ""


@dataclass
class SchoolsOutcome:
    file: str
    problems: list[str] = field(default_factory=list)
    added: list[Organisation] = field(default_factory=list)
    known: list[Organisation] = field(default_factory=list)

    @property
    def loaded(self) -> bool:
        return not self.problems


def _columns(file: str, header: list[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = HEADINGS.get(" ".join(heading.strip().lower().replace("_", " ").split()))
        if key and key not in columns:
            columns[key] = index
    missing = [name for name in ("urn", "name") if name not in columns]
    problems = [
        f"{file}: no column {name.upper() if name == 'urn' else name}: the first row must "
        f"name the columns URN and name (lead name and lead email may follow)"
        for name in missing
    ]
    return columns, problems


def _cell(values: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return values[index].strip() if index is not None and index < len(values) else ""


def read_schools(file: str, content: bytes) -> tuple[list[SchoolRow], list[str]]:
    """The rows of the list, or the problems that stop it being loaded."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [f"{file}: not a CSV file in UTF-8: save it from Excel as CSV UTF-8"]
    lines = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if not lines:
        return [], [f"{file}: the file is empty: expected a row of headings, then a school a row"]
    columns, problems = _columns(file, lines[0])
    if problems:
        return [], problems
    rows: list[SchoolRow] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(lines[1:], start=2):
        row = SchoolRow(*(_cell(values, columns, k) for k in SchoolRow.__dataclass_fields__))
        where = f"{file}, row {number}"
        if not URN.match(row.urn):
            problems.append(
                f"{where}, column URN: '{row.urn}' is not a URN: expected 6 or 7 digits"
            )
        elif row.urn in seen:
            problems.append(f"{where}, column URN: {row.urn} is also on row {seen[row.urn]}")
        seen.setdefault(row.urn, number)
        if not row.name:
            problems.append(f"{where}, column name: empty: expected the school's name")
        if row.lead_email and not EMAIL.match(row.lead_email):
            problems.append(
                f"{where}, column lead email: '{row.lead_email}' is not an e-mail address"
            )
        rows.append(row)
    return rows, problems


def _school(actor: Any, partnership: Partnership, row: SchoolRow) -> tuple[Organisation, bool]:
    known = School.objects.filter(
        organisation__partnership=partnership, urn=row.urn
    ).select_related("organisation")
    if found := known.first():
        return found.organisation, False
    if Organisation.objects.filter(partnership=partnership, name__iexact=row.name).exists():
        raise DomainError(f"URN {row.urn}: there is already an organisation called {row.name}.")
    organisation = structure.save_organisation(
        actor, partnership, None, name=row.name, kind=Organisation.Kind.EDUCATION
    )
    School.objects.create(organisation=organisation, urn=row.urn)
    if row.lead_name:
        lead = structure.save_person(
            actor,
            partnership,
            None,
            name=row.lead_name,
            job_title="Designated safeguarding lead",
            organisation=organisation,
            email=row.lead_email,
        )
        organisation = structure.save_organisation(
            actor, partnership, organisation, name=row.name, kind=organisation.kind, lead=lead
        )
    return organisation, True


def load_schools(
    actor: Any, partnership: Partnership, file: str, content: bytes, into: Round | None = None
) -> SchoolsOutcome:
    """Add every school on the list (or none), and ask each for a return in `into`."""
    outcome = SchoolsOutcome(file)
    rows, outcome.problems = read_schools(file, content)
    if outcome.problems:
        return outcome
    try:
        with transaction.atomic():
            for row in rows:
                organisation, added = _school(actor, partnership, row)
                (outcome.added if added else outcome.known).append(organisation)
            if into is not None:
                services.add_organisations(actor, into, outcome.added + outcome.known)
    except DomainError as error:
        outcome.problems.append(f"{file}: {error.message}")
        outcome.added, outcome.known = [], []
    return outcome
