"""The plan table as an Excel workbook: the template to fill (a plan with no rows) and a
plan's export (its rows), in the one layout the import reads (plan_table.COLUMNS), with a
sheet of instructions and a list of the partnership's owners to choose from."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

from assure.core import spreadsheets
from assure.partnership.models import Group, Organisation, Person
from assure.plans.models import Action, Plan
from assure.transfer.plan_table import COLUMNS


def workbook(plan: Plan, with_rows: bool) -> bytes:
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    _instructions(book, plan, bold, wrap)
    sheet = book.add_worksheet("Plan")
    widths = {
        "title": 60,
        "theme": 30,
        "objective": 30,
        "owner": 30,
        "outcome_measure": 40,
        "impact_measure": 30,
        "timescale": 20,
    }
    for index, column in enumerate(COLUMNS):
        spreadsheets.text(sheet, 0, index, column.heading, bold)
        sheet.set_column(index, index, widths.get(column.key, 14))
    sheet.freeze_panes(1, 0)
    owners = _owners(plan)
    lists = book.add_worksheet("Lists")
    spreadsheets.text(lists, 0, 0, "Owners", bold)
    for row, name in enumerate(owners, start=1):
        spreadsheets.text(lists, row, 0, name)
    lists.hide()
    owner_column = next(i for i, c in enumerate(COLUMNS) if c.key == "owner")
    if owners:
        sheet.data_validation(
            1,
            owner_column,
            4999,
            owner_column,
            {
                "validate": "list",
                "source": f"=Lists!$A$2:$A${len(owners) + 1}",
                "error_title": "Not an owner of the partnership",
                "error_message": "Choose a person, group or agency from the list, or add them "
                "under Partnership in Assure first.",
            },
        )
    if with_rows:
        for row, values in enumerate(rows_of(plan), start=1):
            for index, column in enumerate(COLUMNS):
                value = values[column.key]
                if column.key == "due_date" and value:
                    sheet.write_datetime(row, index, value, date)
                else:
                    spreadsheets.text(sheet, row, index, str(value or ""), wrap)
    book.close()
    return output.getvalue()


def _instructions(book: xlsxwriter.Workbook, plan: Plan, bold: object, wrap: object) -> None:
    sheet = book.add_worksheet("Instructions")
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 90)
    spreadsheets.text(sheet, 0, 0, f"{plan.title}: the plan table", bold)
    sheet.write(1, 0, "How", bold)
    sheet.write(2, 0, "", wrap)
    sheet.write(
        1,
        1,
        "Fill in the sheet Plan, a row an action, and upload it on the plan's page in Assure "
        "(Import a plan table). Nothing is saved until you have read the preview and "
        "confirmed it. Rows are matched by their action code: importing the same file again "
        "changes nothing, and a changed row changes that action. A plan table copied from "
        "Word, with its own headings (Aim/objective, Owner/Subgroup Responsible, Time Scale; "
        'or Key actions, Timescale, Lead) and heading rows such as "Priority 1: ...", is '
        "read too.",
        wrap,
    )
    sheet.write(3, 0, "Column", bold)
    sheet.write(3, 1, "What to write", bold)
    for row, column in enumerate(COLUMNS, start=4):
        heading = column.heading + (" (needed)" if column.required else "")
        spreadsheets.texts(sheet, row, [heading, column.meaning], wrap)


def _owners(plan: Plan) -> list[str]:
    names: set[str] = set()
    for model in (Person, Group, Organisation):
        names |= set(
            model.objects.filter(partnership=plan.partnership).values_list("name", flat=True)
        )
    return sorted(names, key=str.casefold)


def rows_of(plan: Plan) -> list[dict[str, Any]]:
    """The plan's actions as the table's rows, in the plan's order."""
    actions = (
        Action.objects.filter(objective__priority__plan=plan)
        .select_related("objective__priority", "owner_person", "owner_group", "owner_organisation")
        .prefetch_related("cross_cutting_themes")
        .order_by(
            "objective__priority__position",
            "objective__priority__code",
            "objective__position",
            "objective__code",
            "position",
            "code",
        )
    )
    rows = []
    for action in actions:
        objective, theme = action.objective, action.objective.priority
        owners = [action.owner_person, action.owner_group, action.owner_organisation]
        own_objective = objective.code != theme.code or objective.title != theme.title
        rows.append(
            {
                "theme_code": theme.code,
                "theme": theme.title,
                "objective_code": objective.code if own_objective else "",
                "objective": objective.title if own_objective else "",
                "code": action.code,
                "title": action.title,
                "owner": "; ".join(o.name for o in owners if o is not None),
                "timescale": action.timescale,
                "due_date": action.due_date,
                "outcome_measure": action.outcome_measure,
                "impact_measure": action.impact_measure,
                "cross_cutting": ", ".join(c.code for c in action.cross_cutting_themes.all()),
            }
        )
    return rows
