"""Builds the demo partnerships from the YAML made of the seed documents (see FORMAT.md).

Every record is written through the services the web pages and the spreadsheet import use
(zulip's populate_db calls its actions), so the demo is held to the rules users are and its
changes are in the record of changes; history a user could not write today (past updates,
past reviews, audits completed before) goes through the services that bring history in.
Loading a partnership replaces it whole, in one transaction: a failure leaves the database
as it was. The demo opens the quarter after each current plan's latest updates for new
updates, due two weeks after loading, as a business manager would.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from assure.core.errors import DomainError
from assure.core.models import Partnership, RagLevel, RagScheme
from assure.core.periods import Period
from assure.partnership import services as structure
from assure.partnership.models import Group, Organisation, Person
from assure.plans import services as plans
from assure.plans.models import Action, ActionUpdate, CrossCuttingTheme, Objective, Plan, Priority
from demo.performance import load_performance

DATA = Path(__file__).parent / "data"
# Demo accounts only: a real partnership's users set their own passwords.
DEMO_PASSWORD = os.environ.get("ASSURE_DEMO_PASSWORD", "Assure-demo-2026")  # noqa: S105


class DemoDataError(Exception):
    pass


@dataclass
class Keys:
    """Records made so far, by the keys the YAML files use to link them."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    schemes: dict[str, RagScheme] = field(default_factory=dict)

    def get(self, kind: str, key: str | None, where: str) -> Any:
        if key is None:
            return None
        found = getattr(self, kind).get(key)
        if found is None:
            singular = {"people": "person", "groups": "group", "organisations": "organisation"}
            raise DemoDataError(f"{where}: no {singular.get(kind, kind)} with key '{key}'")
        return found


def partnership_folders() -> list[Path]:
    return sorted(p for p in DATA.iterdir() if (p / "partnership.yaml").exists())


def read(path: Path) -> dict[str, Any]:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise DemoDataError(f"{path}: not valid YAML: {error}") from error


@transaction.atomic
def load_partnership(
    folder: Path, today: dt.date | None = None, queue_child_level: bool = False
) -> Partnership:
    today = today or dt.date.today()
    spec = read(folder / "partnership.yaml")
    info = spec["partnership"]
    _delete_partnership(info["slug"])
    with refusals(folder.name):
        return _load(folder, spec, today, queue_child_level)


@contextmanager
def refusals(where: str) -> Iterator[None]:
    """A rule of the services that refuses the demo's data is named with where it was read."""
    try:
        yield
    except DemoDataError:
        raise
    except DomainError as error:
        field = f" (field {error.field})" if error.field else ""
        raise DemoDataError(f"{where}: refused: {error.message}{field}") from error


def _load(
    folder: Path, spec: dict[str, Any], today: dt.date, queue_child_level: bool
) -> Partnership:
    info = spec["partnership"]
    partnership = structure.start_partnership(
        None,
        **{k: info.get(k) or "" for k in ("slug", "name", "la_code", "la_name", "description")},
    )
    keys = Keys(schemes={scheme.key: scheme for scheme in partnership.schemes.all()})
    _load_structure(partnership, spec, keys, folder.name)
    _load_users(partnership, spec.get("users", []), keys)
    for path in sorted(folder.glob("*.yaml")):
        if path.name != "partnership.yaml":
            with refusals(f"{folder.name}/{path.name}"):
                _load_plan(partnership, read(path), keys, path.name, today)
    from demo.risks_and_meetings import load_risks_and_meetings  # imports this module

    load_risks_and_meetings(partnership, folder, keys, today)
    load_performance(partnership, folder)
    from demo.audits import load_audits  # imports this module

    load_audits(partnership, folder, keys, today)
    from demo.assessments import load_assessments
    from demo.reviews import load_reviews  # each imports this module
    from demo.training import load_training

    load_reviews(partnership, folder, keys, today)
    load_assessments(partnership, folder, keys, today)
    load_training(partnership, folder, keys, today)
    if queue_child_level:
        from demo.tasks import load_child_level_later

        load_child_level_later.enqueue(partnership.pk, str(folder))
    else:
        from demo.child_level import load_child_level  # imports this module

        load_child_level(partnership, folder)
    return partnership


def _delete_partnership(slug: str) -> None:
    """Remove an earlier copy of a demo partnership, with everything that protects a deletion
    (a rating an update uses, an agency a person belongs to) removed first. The one write
    not made through a service: no user deletes a partnership, and its record of changes goes
    with it."""
    _force_delete(Partnership.objects.filter(slug=slug), depth=0)


def _force_delete(queryset: Any, depth: int) -> None:
    if depth > 12:
        raise DemoDataError("Could not remove the earlier copy of the demo partnership")
    for _ in range(20):
        try:
            queryset.delete()
            return
        except (ProtectedError, RestrictedError) as error:
            blocking = getattr(error, "protected_objects", None) or getattr(
                error, "restricted_objects", []
            )
            by_model: dict[Any, list[Any]] = {}
            for obj in blocking:
                by_model.setdefault(type(obj), []).append(obj.pk)
            for model, pks in by_model.items():
                _force_delete(model._default_manager.filter(pk__in=pks), depth + 1)


def _load_structure(partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str) -> None:
    for item in spec.get("organisations", []):
        keys.organisations[item["key"]] = structure.save_organisation(
            None, partnership, None, name=item["name"], kind=item["kind"]
        )
    for item in spec.get("people", []):
        keys.people[item["key"]] = load_person(partnership, item, keys, where)
    for item in spec.get("groups", []):  # a group reports to one listed above it
        keys.groups[item["key"]] = structure.save_group(
            None,
            partnership,
            None,
            name=item["name"],
            kind=item["kind"],
            cycle=item.get("cycle") or "",
            cycle_weeks=item.get("cycle_weeks"),
            purpose=item.get("purpose") or "",
            chair=keys.get("people", item.get("chair"), where),
            reports_to=keys.get("groups", item.get("reports_to"), where),
            members=[keys.get("people", k, where) for k in item.get("members") or []],
        )
    for item in spec.get("funding", []):
        structure.save_funding(
            None,
            partnership,
            None,
            financial_year=item["financial_year"],
            organisation=keys.get("organisations", item["organisation"], where),
            amount=item["amount"],
            note=item.get("note") or "",
        )


def load_person(partnership: Partnership, item: dict[str, Any], keys: Keys, where: str) -> Person:
    """A person of the demo, with a role-based e-mail address (`dcs@torbay.example`), so
    `assure remind` has someone to write to."""
    return structure.save_person(
        None,
        partnership,
        None,
        name=item["name"],
        job_title=item.get("job_title") or "",
        organisation=keys.get("organisations", item.get("organisation"), where),
        email=f"{item['key']}@{partnership.slug}.example",
    )


@cache
def demo_password_hash() -> str:
    """The demo password, hashed once a load: every demo sign-in shares its published
    password, so they may share its hash (hashing it for each took seconds)."""
    return make_password(DEMO_PASSWORD)


def demo_account(username: str, person: Person | None) -> Any:
    """A demo sign-in with the demo password, kept across reloads. Written directly: a user
    account is not a partnership's record, and Assure makes local accounts only from an
    invitation (or `assure partnership new`); the role goes through `add_member`."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created or not user.has_usable_password():
        user.password = demo_password_hash()
    if person:
        user.first_name = person.name[:150]
    user.save()
    return user


def _load_users(partnership: Partnership, users: list[dict[str, Any]], keys: Keys) -> None:
    for item in users:
        person = keys.get("people", item.get("person"), "users")
        user = demo_account(item["username"], person)
        structure.add_member(None, partnership, user, item["role"], person)


def _level(scheme: RagScheme, code: str, where: str) -> RagLevel:
    level = scheme.levels.filter(code=code).first()
    if level is None:
        raise DemoDataError(f"{where}: '{code}' is not a rating of {scheme.name}")
    return level


def _load_plan(
    partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str, today: dt.date
) -> None:
    info = spec["plan"]
    scheme = keys.schemes[info["rag_scheme"]]
    plan = plans.save_plan(
        None,
        partnership,
        None,
        title=info["title"],
        kind=info["kind"],
        rag_scheme=scheme,
        starts=info["starts"],
        ends=info["ends"],
        summary=info.get("summary") or "",
        senior_responsible_officer=keys.get(
            "people", info.get("senior_responsible_officer"), where
        ),
        is_current=bool(info.get("current")),
        reporting_period=Period.containing(info["starts"]).code,
    )
    themes = {
        t["code"]: plans.save_cross_cutting_theme(
            None, plan, None, code=t["code"], title=t["title"]
        )
        for t in spec.get("cross_cutting") or []
    }
    for status in spec.get("overall_status") or []:
        rag = _level(scheme, status["rag"], where)
        narrative, assigned = status.get("narrative") or "", bool(status.get("rag_assigned"))
        plans.record_plan_status(None, plan, status["period"], rag, narrative, assigned)
    actions: dict[str, Action] = {}
    priorities: dict[str, Priority] = {}
    for position, item in enumerate(spec.get("priorities") or []):
        priority = _load_priority(plan, item, position, keys, themes, actions, where)
        priorities[priority.code] = priority
    _load_recommendations(
        partnership, plan, spec.get("recommendations") or [], priorities, actions, where
    )
    _load_commitments(plan, spec.get("extras") or {}, keys, where)
    _open_next_quarter(plan, today)


def _load_priority(
    plan: Plan,
    item: dict[str, Any],
    position: int,
    keys: Keys,
    themes: dict[str, CrossCuttingTheme],
    actions: dict[str, Action],
    where: str,
) -> Priority:
    scheme = plan.rag_scheme
    priority = plans.save_priority(
        None,
        plan,
        None,
        code=item["code"],
        title=item["title"],
        kind=item.get("kind") or "priority",
        description=item.get("description") or "",
        position=position,
        success_criteria=item.get("success_criteria") or "",
        lead_group=keys.get("groups", item.get("lead_group"), where),
        lead_person=keys.get("people", item.get("lead_person"), where),
    )
    for review in item.get("overview") or []:
        rag = _level(scheme, review["rag"], where)
        narrative, assigned = review.get("narrative") or "", bool(review.get("rag_assigned"))
        plans.review_priority(None, priority, review["period"], rag, narrative, assigned)
    for index, spec in enumerate(item.get("objectives") or []):
        objective = plans.save_objective(
            None,
            priority,
            None,
            code=spec["code"],
            title=spec["title"],
            position=index,
            lead_person=keys.get("people", spec.get("lead_person"), where),
        )
        for order, action_spec in enumerate(spec.get("actions") or []):
            action = _load_action(objective, action_spec, order, keys, themes, where)
            actions[action.code] = action
    return priority


def _load_action(
    objective: Objective,
    item: dict[str, Any],
    order: int,
    keys: Keys,
    themes: dict[str, CrossCuttingTheme],
    where: str,
) -> Action:
    timescale = item.get("timescale") or {}
    fields = {
        "code": str(item["code"]),
        "title": item["title"],
        "position": order,
        "owner_person": keys.get("people", item.get("owner_person"), where),
        "owner_group": keys.get("groups", item.get("owner_group"), where),
        "owner_organisation": keys.get("organisations", item.get("owner_organisation"), where),
        "timescale": timescale.get("text") or "",
        "recurrence": timescale.get("recurrence") or "none",
        "due_date": timescale.get("due"),
        "outcome_measure": item.get("outcome_measure") or "",
        "impact_measure": item.get("impact_measure") or "",
        "status": item.get("status") or "open",
        "cross_cutting_themes": [themes[c] for c in item.get("cross_cutting") or []],
    }
    action = plans.save_action(None, objective, None, **fields)
    for new_due in timescale.get("revised") or []:  # each earlier date kept as a revision
        reason = "Revised timescale printed in the plan"
        fields["due_date"] = new_due
        action = plans.save_action(None, objective, action, revision_reason=reason, **fields)
    for update in item.get("updates") or []:
        _load_update(action, update, keys, where)
    return action


def _load_update(action: Action, item: dict[str, Any], keys: Keys, where: str) -> None:
    scheme = objective_scheme(action)
    period = Period.parse(item["period"])
    when = timezone.make_aware(dt.datetime.combine(period.end, dt.time(12)))
    plans.record_past_update(
        None,
        action,
        period=period.code,
        rag=_level(scheme, item["rag"], where),
        progress=item.get("progress") or "",
        barriers=item.get("barriers") or "",
        next_steps=item.get("next_steps") or "",
        evidence=item.get("evidence") or "",
        author_person=keys.get("people", item.get("author"), where),
        status=ActionUpdate.Status.ACCEPTED,
        rag_assigned=bool(item.get("rag_assigned")),
        submitted_at=when,
        reviewed_at=when,
    )


def objective_scheme(action: Action) -> RagScheme:
    return action.objective.priority.plan.rag_scheme


def _load_recommendations(
    partnership: Partnership,
    plan: Plan,
    items: list[dict[str, Any]],
    priorities: dict[str, Priority],
    actions: dict[str, Action],
    where: str,
) -> None:
    for item in items:
        try:
            answered_by = [priorities[c] for c in item.get("priorities") or []]
            answering = [actions[str(c)] for c in item.get("actions") or []]
        except KeyError as error:
            raise DemoDataError(
                f"{where}: recommendation {item['ref']} names {error}, which is not in the plan"
            ) from error
        plans.save_recommendation(
            None,
            partnership,
            None,
            plan=plan,
            source=item["source"],
            source_title=item.get("source_title") or "",
            issued_on=item.get("date"),
            reference=str(item["ref"]),
            text=item["text"],
            paragraphs=str(item.get("paragraphs") or ""),
            priorities=answered_by,
            actions=answering,
        )


def _load_commitments(plan: Plan, extras: dict[str, Any], keys: Keys, where: str) -> None:
    kinds = {"key_priority_areas": "key_priority", "medium_term_developments": "medium_term"}
    for name, kind in kinds.items():
        for item in extras.get(name) or []:
            plans.save_commitment(
                None,
                plan,
                None,
                kind=kind,
                reference=str(item["ref"]),
                description=item["description"],
                owner=keys.get("people", item.get("owner"), where),
                joint_owners=[keys.get("people", item["joint_owner"], where)]
                if item.get("joint_owner")
                else [],
                by_when=item.get("by_when") or "",
                due_date=item.get("due"),
            )


def _open_next_quarter(plan: Plan, today: dt.date) -> None:
    """Ask for updates on the quarter after the latest recorded ones (current plans only), as
    the business manager does on the plan's page."""
    latest = (
        ActionUpdate.objects.filter(action__objective__priority__plan=plan)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    period, due = plan.reporting_period, plan.updates_due
    if latest:
        period = min(Period.parse(latest).next(), Period.containing(plan.ends)).code
    if plan.is_current:
        # A plan with no updates yet has missed its first quarter's deadline; one with
        # updates has just been opened for the next quarter.
        due = today + dt.timedelta(days=14 if latest else -7)
    if (period, due) == (plan.reporting_period, plan.updates_due):
        return
    fields = {name: getattr(plan, name) for name in ("title", "kind", "starts", "ends")}
    fields |= {"is_current": plan.is_current, "reporting_period": period, "updates_due": due}
    plans.save_plan(None, plan.partnership, plan, **fields)


def load_all(today: dt.date | None = None, queue_child_level: bool = False) -> list[Partnership]:
    """Load every demo partnership. The synthetic child-level returns are simulated and
    loaded as the rest loads, or, with `queue_child_level`, by the task worker afterwards
    (`assure demo` does that, so the service starts without waiting for them)."""
    from demo.child_level import generating  # imports this module

    folders = partnership_folders()
    if queue_child_level:
        return [load_partnership(folder, today, queue_child_level) for folder in folders]
    with generating(folders):  # synthetic returns simulated meanwhile, in another process
        return [load_partnership(folder, today) for folder in folders]
