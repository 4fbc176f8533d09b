"""The partnership's tables as spreadsheets: each stated once here (its sheet, its columns and
what they mean, the columns that name a row, how a record becomes a row, and which service
saves a row), for the template, the whole-partnership export, its data dictionary, and the
import alike.

A cell is read by the kind of its column: text, a date (2021-09-30), a whole number, a
number, one of a list of choices (by its code or its words), the name of a person, group or
agency of the partnership, several names (separated by ";"), a plan by its title, a theme
by "plan title / code". Rows are matched to what is held by their key columns, so a table
imported twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from analytics import periods
from analytics.vocabulary import PeriodType, Polarity
from assure.core.models import Membership, Partnership, RagLevel, RagScheme
from assure.meetings import services as meeting_services
from assure.meetings.models import Meeting, TrackerAction
from assure.partnership import services as partnership_services
from assure.partnership.models import Group, Organisation, Person
from assure.performance import services as performance_services
from assure.performance import units
from assure.performance.models import Benchmark, Indicator, Target
from assure.plans import services as plan_services
from assure.plans.models import (
    Action,
    ActionUpdate,
    CrossCuttingTheme,
    Plan,
    Priority,
    Recommendation,
)
from assure.risks import services as risk_services
from assure.risks.models import Risk, RiskReview
from assure.transfer.plan_table import squeeze, tidy

LIST = ";"


@dataclass(frozen=True)
class Col:
    heading: str
    key: str
    kind: str = "text"  # text date int decimal bool choice person group organisation
    #                     people plan theme themes actions indicator
    meaning: str = ""
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()  # (code, words), for kind "choice"
    later: bool = False  # set once every sheet's rows exist (a name on a later sheet)
    source: str = ""  # where a record holds it, when not at `key` ("meeting.group")


@dataclass
class Table:
    sheet: str
    what: str
    columns: list[Col]
    key: tuple[str, ...]
    records: Callable[[Partnership], Any]
    save: Callable[[Any, Partnership, Any, dict[str, Any]], Any]
    names: str = ""  # the kind of record its rows are named as elsewhere (person, group...)
    fixed: dict[str, str] = field(default_factory=dict)  # column key -> why import can't change it
    sees_reviews: bool = False  # its save is told the risks the Risk reviews sheet names

    def key_of(self, values: dict[str, Any]) -> tuple[str, ...]:
        return tuple(squeeze(show(values.get(k))).casefold() for k in self.key)

    def values_of(self, record: Any) -> dict[str, Any]:
        return {c.key: _get(record, c) for c in self.columns}


def name_key(name: str) -> str:
    return re.sub(r"\s*-\s*", "-", squeeze(name)).casefold()


class Comments(tuple):
    """A tracker row's comments, as one cell: "2021-07-27: text | 2021-09-01: text". A
    comment's own | is written \\|, so " | " only ever separates two comments."""

    SEPARATOR = " | "

    @staticmethod
    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    @staticmethod
    def unescape(text: str) -> str:
        return text.replace("\\|", "|")


def show(value: Any) -> str:
    """A value as a cell holds it."""
    if value is None:
        return ""
    if isinstance(value, Comments):
        return Comments.SEPARATOR.join(
            f"{day.isoformat()}: {Comments.escape(text)}" for day, text in value
        )
    if isinstance(value, Meeting):
        return value.held_on.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (list, tuple, set)):
        return f"{LIST} ".join(sorted(show(v) for v in value))
    if isinstance(value, Priority):
        return f"{value.plan.title} / {value.code}"
    if isinstance(value, Action):
        return value.code
    if isinstance(value, Plan):
        return value.title
    if isinstance(value, Indicator | Risk):
        return value.reference
    if isinstance(value, RagLevel):
        return value.label
    if isinstance(value, RagScheme) or (
        hasattr(value, "name") and hasattr(value, "partnership_id")
    ):
        return str(value.name)
    return str(value)


def _get(record: Any, column: Col) -> Any:
    if column.kind == "comments":
        return Comments((c.written_on, c.text) for c in record.comments.all())
    value = operator.attrgetter(column.source or column.key)(record)
    if column.kind in {"people", "themes", "actions"}:
        return list(value.all())
    return value


class Lookups:
    """The partnership's named records, to read names in cells; `expect` adds the names a
    sheet earlier in the same workbook will create."""

    def __init__(self, partnership: Partnership):
        self.by_kind: dict[str, dict[str, list[Any]]] = {}
        for kind, model in (("person", Person), ("group", Group), ("organisation", Organisation)):
            index: dict[str, list[Any]] = {}
            for record in model.objects.filter(partnership=partnership):
                index.setdefault(name_key(record.name), []).append(record)
            self.by_kind[kind] = index
        self.plans = {name_key(p.title): p for p in Plan.objects.filter(partnership=partnership)}
        self.meetings = {
            (name_key(m.group.name), m.held_on): m
            for m in Meeting.objects.filter(partnership=partnership).select_related("group")
        }
        self.schemes = {
            name_key(s.name): s for s in RagScheme.objects.filter(partnership=partnership)
        }
        self.themes = {
            (name_key(t.plan.title), t.code.casefold()): t
            for t in Priority.objects.filter(plan__partnership=partnership).select_related("plan")
        }
        self.actions: dict[tuple[int, str], Action] = {
            (a.objective.priority.plan_id, a.code.casefold()): a
            for a in Action.objects.filter(
                objective__priority__plan__partnership=partnership
            ).select_related("objective__priority")
        }
        self.risks = {
            r.reference.casefold(): r for r in Risk.objects.filter(partnership=partnership)
        }
        self.indicators = {
            i.reference.casefold(): i for i in Indicator.objects.filter(partnership=partnership)
        }
        self.expected: dict[str, set[str]] = {}

    def expect(self, kind: str, name: str) -> None:
        self.expected.setdefault(kind, set()).add(
            name.casefold() if kind == "indicator" else name_key(name)
        )

    def one(self, kind: str, name: str) -> Any:
        """The record called `name`; raises ValueError with the words to show."""
        kinds = ("person", "group") if kind == "owner" else (kind,)
        found = [r for k in kinds for r in self.by_kind[k].get(name_key(name), [])]
        pending = [k for k in kinds if name_key(name) in self.expected.get(k, set())]
        if len(found) + len(pending) > 1:
            raise ValueError(f"“{name}” is the name of more than one {_words(kinds)}")
        if found:
            return found[0]
        if pending:
            return PENDING
        raise ValueError(f"No {_words(kinds)} of the partnership is called “{name}”")


PENDING = object()  # a name a sheet earlier in the workbook creates


def _words(kinds: tuple[str, ...]) -> str:
    names = {"person": "person", "group": "group", "organisation": "agency"}
    return " or ".join(names[k] for k in kinds)


def read_cell(column: Col, text: str, lookups: Lookups, row: dict[str, str]) -> Any:
    """A cell's value for the service; raises ValueError with the words to show."""
    text = tidy(text) if column.kind in {"text", "comments"} else squeeze(text)
    if not text:
        if column.required:
            raise ValueError(f"Give the {column.heading.lower()}")
        if column.kind == "comments":
            return Comments()
        return [] if column.kind in {"people", "themes", "actions"} else _empty(column)
    kind = column.kind
    if kind == "text":
        return text
    if kind == "date":
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(f"“{text}” is not a date: write it like 2021-09-30") from None
    if kind == "int":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"“{text}” is not a whole number")
        return int(text)
    if kind == "decimal":
        try:
            number = Decimal(text.replace(",", "").rstrip("%"))
        except InvalidOperation:
            raise ValueError(f"“{text}” is not a number") from None
        if not number.is_finite() or not -12 <= number.adjusted() <= 12:
            raise ValueError(f"“{text}” is not a number Assure keeps: write it like 81.5")
        return number
    if kind == "bool":
        if text.casefold() not in {"yes", "no"}:
            raise ValueError(f"Write yes or no, not “{text}”")
        return text.casefold() == "yes"
    if kind == "choice":
        for value, label in column.choices:
            if text.casefold() in {str(value).casefold(), str(label).casefold()}:
                return value
        allowed = ", ".join(str(label) for _, label in column.choices)
        raise ValueError(f"“{text}” is not one of: {allowed}")
    if kind in {"person", "group", "organisation", "owner"}:
        return lookups.one(kind, text)
    if kind == "people":
        return [lookups.one("person", name) for name in _split(text)]
    if kind == "indicator":
        found = lookups.indicators.get(text.casefold())
        if found is None and text.casefold() in lookups.expected.get("indicator", set()):
            return PENDING
        if found is None:
            raise ValueError(f"No indicator {text}: give its reference, e.g. 2.21")
        return found
    if kind == "datetime":
        return periods.parse_moment(text)
    if kind == "risk":
        risk = lookups.risks.get(text.casefold())
        if risk is None:
            raise ValueError(f"The register has no risk {text}")
        return risk
    if kind in {"action", "rating"}:
        plan = lookups.plans.get(name_key(row.get("plan", "")))
        if plan is None:
            raise ValueError("Name the plan in the Plan column")
        if kind == "rating":
            for level in plan.rag_scheme.levels.all():
                if text.casefold() in {level.label.casefold(), level.code.casefold()}:
                    return level
            raise ValueError(f"“{text}” is not a rating of {plan.rag_scheme.name}")
        action = lookups.actions.get((plan.pk, text.casefold()))
        if action is None:
            raise ValueError(f"{plan.title} has no action {text}")
        return action
    if kind == "meeting":
        group = squeeze(row.get("group", ""))
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(
                f"“{text}” is not a date: write the meeting's, like 2021-07-27"
            ) from None
        meeting = lookups.meetings.get((name_key(group), day))
        if meeting is None:
            raise ValueError(f"{group or 'The group'} has no meeting on {day:%-d %B %Y}")
        return meeting
    if kind == "comments":
        comments = []
        for part in filter(None, (p.strip() for p in text.split(Comments.SEPARATOR))):
            written, _, said = part.partition(": ")
            try:
                comments.append((dt.date.fromisoformat(written.strip()), Comments.unescape(said)))
            except ValueError:
                raise ValueError(
                    f"Write each comment as its date, a colon and the comment, separated by "
                    f"“ | ”: “{part[:40]}” is not"
                ) from None
        return Comments(comments)
    if kind == "scheme":
        scheme = lookups.schemes.get(name_key(text))
        if scheme is None:
            known = ", ".join(s.name for s in lookups.schemes.values())
            raise ValueError(f"No RAG scheme “{text}”: the partnership has {known}")
        return scheme
    if kind == "plan":
        plan = lookups.plans.get(name_key(text))
        if plan is None:
            raise ValueError(f"No plan of the partnership is called “{text}”")
        return plan
    if kind in {"theme", "themes"}:
        themes = [_theme(name, lookups) for name in _split(text)]
        if kind == "theme" and not themes:
            raise ValueError("Name the theme: the plan's title, /, and the theme's code")
        return themes if kind == "themes" else themes[0]
    if kind == "actions":
        plan = lookups.plans.get(name_key(row.get("plan", "")))
        if plan is None:
            raise ValueError("Name the plan whose actions these are")
        codes: list[Action] = []
        for code in _split(text):
            action = lookups.actions.get((plan.pk, code.casefold()))
            if action is None:
                raise ValueError(f"{plan.title} has no action {code}")
            codes.append(action)
        return codes
    raise AssertionError(kind)


def _empty(column: Col) -> Any:
    return "" if column.kind in {"text", "choice"} else None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST) if part.strip()]


def _theme(text: str, lookups: Lookups) -> Priority:
    plan_title, _, code = text.rpartition("/")
    theme = lookups.themes.get((name_key(plan_title), code.strip().casefold()))
    if theme is None:
        raise ValueError(f"No theme “{text}”: write the plan's title, /, and the theme's code")
    return theme


# The tables, in the order an import saves them ----------------------------------------------


def _save_update(actor: Any, update: ActionUpdate | None, values: dict) -> ActionUpdate:
    if update is not None:
        return update  # history is not changed by an import (`fixed` refuses a change)
    values.pop("plan")
    return plan_services.record_past_update(actor, values.pop("action"), **values)


def _save_tracker(
    actor: Any, partnership: Partnership, action: TrackerAction | None, values: dict
) -> TrackerAction:
    """The row through the tracker's service; comments not held yet added as the importer's."""
    comments = values.pop("comments", Comments())
    values.pop("group", None)
    saved = meeting_services.save_tracker_action(actor, partnership, action, **values)
    held = {(c.written_on, squeeze(c.text)) for c in saved.comments.all()}
    member = Membership.objects.get(user=actor, partnership=partnership)
    for day, text in comments:
        if (day, squeeze(text)) not in held:
            meeting_services.comment_on_action(member, saved, text=text, written_on=day)
    return saved


UPDATES_ARE_HISTORY = (
    "An update, once sent, is history: its rating and words change by a new update in Assure"
)

SCORED_BY_REVIEW = (
    "A held risk's score changes by a review in Assure, so its history is kept: review it "
    "there, or leave the score as it is here"
)


def _save_risk(actor: Any, partnership: Partnership, risk: Risk | None, values: dict) -> Risk:
    reviewed = values.pop("reviewed", set())  # risks whose history the workbook brings
    if risk is None:
        brought = squeeze(values["reference"]).casefold() in reviewed
        return risk_services.raise_risk(actor, partnership, first_review=not brought, **values)
    same_score = (risk.probability, risk.impact) == (values["probability"], values["impact"])
    if not same_score:
        raise ValueError(
            f"Risk {risk.reference} is scored {risk.probability} × {risk.impact} in Assure: "
            "change a score by reviewing the risk, so its history is kept"
        )
    rest = {k: v for k, v in values.items() if k not in {"probability", "impact"}}
    return risk_services.edit_risk(actor, risk, **rest)


TABLES = [
    Table(
        "Agencies",
        "An agency (organisation) of the partnership.",
        [
            Col("Name", "name", required=True, meaning="As the partnership calls it."),
            Col("Kind", "kind", "choice", required=True, choices=Organisation.Kind.choices),
            Col(
                "Lead",
                "lead",
                "person",
                later=True,
                meaning="The person who does and is reminded of the agency's actions.",
            ),
        ],
        ("name",),
        lambda p: Organisation.objects.filter(partnership=p).select_related("lead"),
        lambda actor, p, record, v: partnership_services.save_organisation(actor, p, record, **v),
        names="organisation",
    ),
    Table(
        "People",
        "A person of the partnership: a role title rather than a name is fine.",
        [
            Col("Name", "name", required=True),
            Col("Job title", "job_title"),
            Col("Agency", "organisation", "organisation"),
            Col("E-mail", "email", meaning="For reminders."),
        ],
        ("name",),
        lambda p: Person.objects.filter(partnership=p).select_related("organisation"),
        lambda actor, p, record, v: partnership_services.save_person(actor, p, record, **v),
        names="person",
    ),
    Table(
        "Groups",
        "A board, sub-group, panel or forum of the partnership.",
        [
            Col("Name", "name", required=True),
            Col("Kind", "kind", "choice", required=True, choices=Group.Kind.choices),
            Col("Reports to", "reports_to", "group", later=True),
            Col("Chair", "chair", "person"),
            Col("Meets", "cycle", meaning="As written: every six weeks."),
            Col("Meets every (weeks)", "cycle_weeks", "int"),
            Col("Purpose", "purpose"),
            Col("Members", "members", "people", meaning=f"People, separated by “{LIST}”."),
        ],
        ("name",),
        lambda p: (
            Group.objects.filter(partnership=p)
            .select_related("reports_to", "chair")
            .prefetch_related("members")
        ),
        lambda actor, p, record, v: partnership_services.save_group(actor, p, record, **v),
        names="group",
    ),
    Table(
        "Plans",
        "A plan of the partnership: its actions are on the Actions sheet.",
        [
            Col(
                "Title", "title", required=True, meaning="Rows, and the Actions sheet, match by it."
            ),
            Col("Kind", "kind", "choice", required=True, choices=Plan.Kind.choices),
            Col("RAG scheme", "rag_scheme", "scheme", required=True),
            Col("Starts", "starts", "date", required=True),
            Col("Ends", "ends", "date", required=True),
            Col(
                "Reporting period",
                "reporting_period",
                required=True,
                meaning="The quarter updates are for: 2021-Q1 is April to June 2021.",
            ),
            Col("Updates due", "updates_due", "date"),
            Col("Senior responsible officer", "senior_responsible_officer", "person"),
            Col("Summary", "summary"),
            Col("Current", "is_current", "bool", meaning="yes for the current plan of its kind."),
        ],
        ("title",),
        lambda p: Plan.objects.filter(partnership=p).select_related(
            "rag_scheme", "senior_responsible_officer"
        ),
        lambda actor, p, record, v: plan_services.save_plan(actor, p, record, **v),
        names="plan",
    ),
    Table(
        "Cross-cutting themes",
        "A theme that runs across a plan's priorities, which its actions name.",
        [
            Col("Plan", "plan", "plan", required=True),
            Col("Code", "code", required=True, meaning="CC1: the Actions sheet names it so."),
            Col("Title", "title", required=True),
        ],
        ("plan", "code"),
        lambda p: CrossCuttingTheme.objects.filter(plan__partnership=p).select_related("plan"),
        lambda actor, p, record, v: plan_services.save_cross_cutting_theme(
            actor, v.pop("plan"), record, **v
        ),
    ),
    Table(
        "Risks",
        "A risk or issue of the register, scored probability × impact (1 to 5).",
        [
            Col("Reference", "reference", required=True, meaning="R1, I2: rows match by it."),
            Col("Risk or issue", "kind", "choice", required=True, choices=Risk.Kind.choices),
            Col("Description", "description", required=True, meaning="If ..., then ..."),
            Col("Mitigation", "mitigation"),
            Col("Date raised", "raised_on", "date", required=True),
            Col("Owner", "owner_person", "person"),
            Col("Owner group", "owner_group", "group"),
            Col("Probability", "probability", "int", required=True),
            Col("Impact", "impact", "int", required=True),
            Col("Target score", "target_score", "int"),
            Col("Status", "status", "choice", required=True, choices=Risk.Status.choices),
            Col("Next review", "next_review", "date"),
        ],
        ("reference",),
        lambda p: Risk.objects.filter(partnership=p).select_related("owner_person", "owner_group"),
        _save_risk,
        sees_reviews=True,
        fixed={
            "probability": SCORED_BY_REVIEW,
            "impact": SCORED_BY_REVIEW,
        },
    ),
    Table(
        "Risk reviews",
        "A past review of a risk's score (a review is made in Assure; these are kept as history).",
        [
            Col("Risk", "risk", "risk", required=True, meaning="Its reference."),
            Col("Reviewed on", "reviewed_on", "date", required=True),
            Col("Probability", "probability", "int", required=True, meaning="1 to 5."),
            Col("Impact", "impact", "int", required=True, meaning="1 to 5."),
            Col("Note", "note"),
        ],
        ("risk", "reviewed_on", "probability", "impact", "note"),
        lambda p: RiskReview.objects.filter(risk__partnership=p).select_related("risk"),
        lambda actor, p, record, v: risk_services.record_past_review(actor, v.pop("risk"), **v),
    ),
    Table(
        "Recommendations",
        "A recommendation (of an inspection or review) and what answers it.",
        [
            Col(
                "Reference",
                "reference",
                required=True,
                meaning="As the report numbers it; rows match by source, report and reference.",
            ),
            Col("Source", "source", "choice", required=True, choices=Recommendation.Source.choices),
            Col("Report", "source_title"),
            Col("Issued on", "issued_on", "date"),
            Col("Recommendation", "text", required=True),
            Col("Paragraphs", "paragraphs"),
            Col("Plan", "plan", "plan"),
            Col(
                "Themes",
                "priorities",
                "themes",
                meaning=f"“Plan title / code”, separated by “{LIST}”.",
            ),
            Col(
                "Actions",
                "actions",
                "actions",
                meaning=f"Codes of the plan's actions, separated by “{LIST}”.",
            ),
            Col("Status", "status", "choice", required=True, choices=Recommendation.Status.choices),
            Col("Evidence that it is met", "evidence_met"),
        ],
        ("source", "source_title", "reference"),  # reports number theirs from 1
        lambda p: (
            Recommendation.objects.filter(partnership=p)
            .select_related("plan")
            .prefetch_related("priorities__plan", "actions")
        ),
        lambda actor, p, record, v: plan_services.save_recommendation(actor, p, record, **v),
    ),
    Table(
        "Meetings",
        "A meeting of a group (its agenda and minutes are kept in Assure).",
        [
            Col("Group", "group", "group", required=True),
            Col("Date", "held_on", "date", required=True, meaning="Rows match by group and date."),
            Col("Place", "place"),
            Col("Present", "present"),
            Col("Notes", "notes"),
        ],
        ("group", "held_on"),
        lambda p: Meeting.objects.filter(partnership=p).select_related("group"),
        lambda actor, p, record, v: meeting_services.save_meeting(actor, p, record, **v),
    ),
    Table(
        "Tracker",
        "An action from a meeting, on the group's action tracker, with its comments.",
        [
            Col(
                "Group",
                "group",
                "group",
                required=True,
                meaning="The meeting's group.",
                source="meeting.group",
            ),
            Col("Meeting", "meeting", "meeting", required=True, meaning="The meeting's date."),
            Col("Minute", "minute_number"),
            Col(
                "Action",
                "text",
                required=True,
                meaning="Rows match by group, meeting, minute and action.",
            ),
            Col("Owner", "owner", "person"),
            Col("Due", "due_date", "date"),
            Col("Status", "status", "choice", required=True, choices=TrackerAction.Status.choices),
            Col(
                "Comments",
                "comments",
                "comments",
                meaning="Each its date, a colon and the comment, separated by “ | ”: "
                "2021-09-01: Report drafted | 2021-10-05: Sent to the board. Comments "
                "imported are written in your name; those held are kept.",
            ),
        ],
        ("group", "meeting", "minute_number", "text"),
        lambda p: (
            TrackerAction.objects.filter(partnership=p)
            .select_related("meeting__group", "owner")
            .prefetch_related("comments")
        ),
        lambda actor, p, record, v: _save_tracker(actor, p, record, v),
    ),
    Table(
        "Updates",
        "A past quarterly update of an action (updates are written in Assure; these are kept "
        "as history).",
        [
            Col("Plan", "plan", "plan", required=True, source="action.objective.priority.plan"),
            Col("Action code", "action", "action", required=True),
            Col("Period", "period", required=True, meaning="2021-Q1 is April to June 2021."),
            Col("Rating", "rag", "rating", meaning="A rating of the plan's RAG scheme."),
            Col("Status", "status", "choice", required=True, choices=ActionUpdate.Status.choices),
            Col("Progress", "progress", required=True),
            Col("Barriers", "barriers"),
            Col("Next steps", "next_steps"),
            Col("Evidence", "evidence"),
            Col(
                "Submitted at",
                "submitted_at",
                "datetime",
                required=True,
                meaning="Rows match by plan, action, period and this.",
            ),
            Col("Reviewed at", "reviewed_at", "datetime"),
            Col("Challenge", "challenge", meaning="Why it was sent back."),
        ],
        ("plan", "action", "period", "submitted_at"),
        lambda p: ActionUpdate.objects.filter(
            action__objective__priority__plan__partnership=p
        ).select_related("action__objective__priority__plan", "rag"),
        lambda actor, p, record, v: _save_update(actor, record, v),
        fixed={
            key: UPDATES_ARE_HISTORY
            for key in (
                "rag",
                "status",
                "progress",
                "barriers",
                "next_steps",
                "evidence",
                "reviewed_at",
                "challenge",
            )
        },
    ),
    Table(
        "Indicators",
        "A performance measure of the framework.",
        [
            Col("Reference", "reference", required=True, meaning="As reports print it: 2.21."),
            Col("Title", "title", required=True),
            Col("Theme", "theme", "theme", meaning="“Plan title / code”."),
            Col("Sub-heading", "sub_heading"),
            Col("Unit", "unit", "choice", required=True, choices=units.CHOICES),
            Col("Decimals", "decimals", "int", required=True),
            Col("Better when", "polarity", "choice", required=True, choices=Polarity.choices),
            Col("Period", "period_type", "choice", required=True, choices=PeriodType.choices),
            Col(
                "Year to date",
                "year_to_date",
                "choice",
                required=True,
                choices=Indicator.YearToDate.choices,
            ),
            Col("Definition", "definition"),
            Col("Numerator", "numerator_definition"),
            Col("Denominator", "denominator_definition"),
            Col("Standing notes", "standing_notes"),
        ],
        ("reference",),
        lambda p: Indicator.objects.filter(partnership=p).select_related("theme__plan"),
        lambda actor, p, record, v: performance_services.save_indicator(actor, p, record, **v),
        names="indicator",
    ),
]


def table(sheet: str) -> Table:
    return next(t for t in TABLES if t.sheet == sheet)


# Targets and benchmarks name their indicator by reference.
INDICATOR = Col(
    "Indicator", "indicator", "indicator", required=True, meaning="The indicator's reference."
)
TABLES += [
    Table(
        "Targets",
        "An indicator's target band for a financial year (the year it starts).",
        [
            INDICATOR,
            Col(
                "Financial year", "financial_year", "int", required=True, meaning="2021 is 2021/22."
            ),
            Col("Min", "minimum", "decimal"),
            Col("Upper", "upper", "decimal"),
            Col("Note", "note", meaning="TBC, where there is no band yet."),
        ],
        ("indicator", "financial_year"),
        lambda p: Target.objects.filter(indicator__partnership=p).select_related("indicator"),
        lambda actor, p, record, v: performance_services.save_target(
            actor, v.pop("indicator"), record, **v
        ),
    ),
    Table(
        "Benchmarks",
        "A published comparison for an indicator and a financial year.",
        [
            INDICATOR,
            Col("Financial year", "financial_year", "int", required=True),
            Col("Kind", "kind", "choice", required=True, choices=Benchmark.Kind.choices),
            Col("Label", "label", meaning="The authority named, or the group's name."),
            Col("Value", "value", "decimal", required=True),
            Col("Source", "source"),
        ],
        ("indicator", "financial_year", "kind", "label"),
        lambda p: Benchmark.objects.filter(indicator__partnership=p).select_related("indicator"),
        lambda actor, p, record, v: performance_services.save_benchmark(
            actor, v.pop("indicator"), record, **v
        ),
    ),
]
