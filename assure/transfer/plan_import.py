"""A plan table brought into a plan: every problem found first (sheet, row, column, what
was expected), then a preview of what will be created and changed, then, once confirmed,
all of it through the plans' services in one transaction, or nothing.

Rows are matched by their codes (theme, objective within it, action within the plan), so
importing the same table again changes nothing. Owners are matched by name to the
partnership's people, groups and agencies; a name that matches none, or several, is a
problem to fix before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from assure.core.errors import DomainError
from assure.partnership.models import Group, Organisation, Person
from assure.plans import services
from assure.plans.models import Action, Objective, Plan, Priority
from assure.transfer.plan_table import COLUMNS, PlanRow, PlanTable, Problem

# What a row's cell becomes, and so how long it may be: cell -> (model, field)
HELD_AS = {
    "theme_code": (Priority, "code"),
    "theme": (Priority, "title"),
    "objective_code": (Objective, "code"),
    "objective": (Objective, "title"),
    "code": (Action, "code"),
    "title": (Action, "title"),
}


class Refused(Exception):
    """A service refused a row the preview passed (the table changed in between, or a rule
    only the service knows): nothing of the import is saved."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _key(name: str) -> str:
    """A name as it is compared: case, spacing and spaces around hyphens ignored."""
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", name)).strip().casefold()


OWNER_FIELDS = {Person: "owner_person", Group: "owner_group", Organisation: "owner_organisation"}
WORDS = {Person: "a person", Group: "a group", Organisation: "an agency"}


def owners_of(plan: Plan) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for model in OWNER_FIELDS:
        for owner in model.objects.filter(partnership=plan.partnership):  # type: ignore[attr-defined]
            found.setdefault(_key(owner.name), []).append(owner)
    return found


def _date(text: str) -> dt.date | None:
    for shape in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, shape).date()
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class Change:
    kind: str  # theme, objective, action
    code: str
    title: str
    verb: str  # create, change, same
    differences: list[str] = field(default_factory=list)


@dataclass
class Preview:
    plan: Plan
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    themes: dict[str, dict[str, Any]] = field(default_factory=dict)
    objectives: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    actions: list[tuple[PlanRow, dict[str, Any]]] = field(default_factory=list)

    def count(self, verb: str, kind: str) -> int:
        return sum(1 for c in self.changes if c.verb == verb and c.kind == kind)

    @property
    def writes(self) -> int:
        return sum(1 for c in self.changes if c.verb != "same")


def prepare(plan: Plan, table: PlanTable) -> Preview:
    """Check every row against the plan and the partnership; say what would change."""
    preview = Preview(plan, problems=list(table.problems))
    owners = owners_of(plan)
    cross = {c.code.casefold(): c for c in plan.cross_cutting_themes.all()}
    seen: dict[str, PlanRow] = {}
    for row in table.rows:
        _check_lengths(preview, row)
        fields = _action_fields(preview, row, owners, cross)
        if row.code in seen:
            first = seen[row.code]
            preview.problems.append(
                Problem(
                    row.sheet,
                    row.row,
                    "Action code",
                    f"Action {row.code} is on row {first.row} already: give each its own.",
                )
            )
            continue
        seen[row.code] = row
        theme = preview.themes.setdefault(
            row.theme_code,
            {
                "code": row.theme_code,
                "title": "",
                "kind": row.theme_kind,
                "success_criteria": table.criteria.get(row.theme_code, ""),
            },
        )
        theme["title"] = theme["title"] or row.theme
        objective_code = row.objective_code or row.theme_code
        objective = preview.objectives.setdefault(
            (row.theme_code, objective_code), {"code": objective_code, "title": ""}
        )
        objective["title"] = (
            objective["title"] or row.objective or ("" if row.objective_code else row.theme)
        )
        preview.actions.append((row, fields))
    for code, (title, kind) in table.headed.items():  # themes with no actions (yet)
        theme = preview.themes.setdefault(
            code,
            {"code": code, "title": "", "kind": kind, "success_criteria": ""},
        )
        theme["title"] = theme["title"] or title
        theme["success_criteria"] = theme["success_criteria"] or table.criteria.get(code, "")
    _compare(preview, table)
    return preview


def _check_lengths(preview: Preview, row: PlanRow) -> None:
    headings = {c.key: c.heading for c in COLUMNS}
    for key, (model, name) in HELD_AS.items():
        longest = getattr(model._meta.get_field(name), "max_length", None)
        if longest is not None and len(getattr(row, key)) > longest:
            preview.problems.append(
                Problem(
                    row.sheet,
                    row.row,
                    headings[key],
                    f"At most {longest} characters: this has {len(getattr(row, key))}.",
                )
            )


def _action_fields(
    preview: Preview, row: PlanRow, owners: dict[str, list[Any]], cross: dict[str, Any]
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "code": row.code,
        "title": row.title,
        "timescale": row.timescale[:200],
        "outcome_measure": row.outcome_measure,
        "impact_measure": row.impact_measure,
        "owner_person": None,
        "owner_group": None,
        "owner_organisation": None,
        "due_date": None,
        "cross_cutting_themes": [],
    }
    problem = lambda column, message: preview.problems.append(  # noqa: E731
        Problem(row.sheet, row.row, column, message)
    )
    for name in filter(None, (n.strip() for n in row.owner.split(";"))):
        matched = owners.get(_key(name), [])
        if not matched:
            problem(
                "Owner",
                f"No person, group or agency of the partnership is called "
                f"“{name}”: add them under Partnership, or write the name as it is there.",
            )
        elif len(matched) > 1:
            kinds = " and ".join(WORDS[type(m)] for m in matched)
            problem(
                "Owner",
                f"“{name}” is the name of {kinds}: rename one of them "
                "under Partnership so each name is one owner.",
            )
        elif fields[OWNER_FIELDS[type(matched[0])]] is not None:
            problem(
                "Owner",
                f"An action has at most one owner of each kind (a person, a group, an "
                f"agency): “{name}” is a second {WORDS[type(matched[0])].split()[-1]}.",
            )
        else:
            fields[OWNER_FIELDS[type(matched[0])]] = matched[0]
    if row.due_date:
        try:
            fields["due_date"] = _date(row.due_date)
        except ValueError:
            problem("Due date", f"“{row.due_date}” is not a date: write it like 2021-09-30.")
    for code in filter(None, (c.strip() for c in row.cross_cutting.split(","))):
        if code.casefold() in cross:
            fields["cross_cutting_themes"].append(cross[code.casefold()])
        else:
            known = ", ".join(sorted(c.code for c in cross.values())) or "none"
            problem(
                "Cross-cutting themes",
                f"The plan has no cross-cutting theme {code} (it has {known}).",
            )
    return fields


def objective_label(theme_code: str, code: str) -> str:
    """An objective as the preview names it: a theme's own (same code) by the theme's code."""
    return theme_code if code == theme_code else f"{code} of {theme_code}"


def _compare(preview: Preview, table: PlanTable) -> None:
    plan = preview.plan
    themes = {p.code: p for p in plan.priorities.all()}
    objectives = {
        (o.priority.code, o.code): o
        for o in Objective.objects.filter(priority__plan=plan).select_related("priority")
    }
    actions = {
        a.code: a
        for a in Action.objects.filter(objective__priority__plan=plan)
        .select_related("objective__priority")
        .prefetch_related("cross_cutting_themes")
    }
    for code, wanted in preview.themes.items():
        if not wanted["title"] and code not in themes:
            row = next(r for r, _ in preview.actions if r.theme_code == code)
            preview.problems.append(
                Problem(row.sheet, row.row, "Theme", f"Give theme {code} a title.")
            )
        _record(
            preview,
            "theme",
            code,
            wanted,
            themes.get(code),
            ("title", "success_criteria"),
            blank_keeps=True,
        )
    for (theme_code, code), wanted in preview.objectives.items():
        wanted["title"] = wanted["title"] or preview.themes[theme_code]["title"]
        _record(
            preview,
            "objective",
            objective_label(theme_code, code),
            wanted,
            objectives.get((theme_code, code)),
            ("title",),
            blank_keeps=True,
        )
    for row, fields in preview.actions:
        compared = (
            "title",
            "timescale",
            "due_date",
            "outcome_measure",
            "impact_measure",
            "owner_person",
            "owner_group",
            "owner_organisation",
        )
        existing = actions.get(row.code)
        change = _record(preview, "action", row.code, fields, existing, compared)
        if existing is not None:
            place = (existing.objective.priority.code, existing.objective.code)
            if place != (row.theme_code, row.objective_code or row.theme_code):
                change.verb = "change"
                change.differences.append(
                    f"moves to objective {row.objective_code or row.theme_code} of {row.theme_code}"
                )
            now = {c.pk for c in existing.cross_cutting_themes.all()}
            if now != {c.pk for c in fields["cross_cutting_themes"]}:
                change.verb = "change"
                change.differences.append("cross-cutting themes")


def _same_form(value: Any) -> Any:
    """A value as compared: text with its spacing squeezed, an empty value as None."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip() or None
    return value or None


def _record(
    preview: Preview,
    kind: str,
    code: str,
    wanted: dict[str, Any],
    existing: Any,
    compared: tuple[str, ...],
    blank_keeps: bool = False,
) -> Change:
    """A theme's or objective's empty cell keeps what is held (`blank_keeps`); an action's
    row is the whole action, so an empty cell empties it."""
    if existing is None:
        change = Change(kind, code, wanted.get("title", ""), "create")
    else:
        differences = [
            name.replace("_", " ").removeprefix("owner ")
            for name in compared
            if name in wanted
            and not (blank_keeps and not wanted[name])
            and _same_form(getattr(existing, name)) != _same_form(wanted[name])
        ]
        change = Change(
            kind, code, wanted.get("title", ""), "change" if differences else "same", differences
        )
    preview.changes.append(change)
    return change


@transaction.atomic
def apply(actor: Any, preview: Preview) -> str:
    """Write what the preview says will change, through the plans' services: all of it, or
    nothing (Refused, naming the row). What is the same is not written again."""
    try:
        return _apply(actor, preview)
    except Refused:
        raise
    except DomainError as refused:  # a theme or an objective
        sheet = preview.actions[0][0].sheet if preview.actions else ""
        raise Refused(Problem(sheet, 1, "", refused.message)) from refused


def _apply(actor: Any, preview: Preview) -> str:
    plan = preview.plan
    verbs = {(c.kind, c.code): c.verb for c in preview.changes}
    themes = {p.code: p for p in plan.priorities.all()}
    for code, wanted in preview.themes.items():
        existing = themes.get(code)
        if verbs[("theme", code)] == "same":
            continue
        fields = {
            "code": code,
            "title": wanted["title"] or (existing.title if existing else ""),
            "success_criteria": wanted["success_criteria"]
            or (existing.success_criteria if existing else ""),
        }
        if existing is None:
            fields.update(kind=wanted["kind"], position=len(themes) + 1)
        themes[code] = services.save_priority(actor, plan, existing, **fields)
    objectives = {
        (o.priority.code, o.code): o
        for o in Objective.objects.filter(priority__plan=plan).select_related("priority")
    }
    for (theme_code, code), wanted in preview.objectives.items():
        held = objectives.get((theme_code, code))
        if verbs[("objective", objective_label(theme_code, code))] != "same" or held is None:
            title = wanted["title"] or (held.title if held else "")
            objectives[(theme_code, code)] = services.save_objective(
                actor, themes[theme_code], held, code=code, title=title
            )
    actions = {a.code: a for a in Action.objects.filter(objective__priority__plan=plan)}
    for row, fields in preview.actions:
        if verbs[("action", row.code)] == "same":
            continue
        objective = objectives[(row.theme_code, row.objective_code or row.theme_code)]
        try:
            services.save_action(
                actor,
                objective,
                actions.get(row.code),
                revision_reason="Imported from a spreadsheet",
                **fields,
            )
        except DomainError as refused:
            column = {c.key: c.heading for c in COLUMNS}.get(refused.field or "", "")
            raise Refused(Problem(row.sheet, row.row, column, refused.message)) from refused
    return summary(preview)


def summary(preview: Preview) -> str:
    """What an import did, in words: "2 actions new, 1 changed; 1 theme new, 0 changed"."""
    parts = []
    for kind in ("action", "objective", "theme"):
        new, changed = preview.count("create", kind), preview.count("change", kind)
        if new or changed or kind == "action":
            parts.append(f"{new} {kind}{'s' if new != 1 else ''} new, {changed} changed")
    return "; ".join(parts)
