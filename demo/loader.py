"""Builds the demo partnerships from the YAML made of the seed documents (see FORMAT.md).

Loading a partnership replaces it whole, in one transaction: a failure leaves the database
as it was. The demo opens the quarter after each current plan's latest updates for new
updates, due two weeks after loading, as a business manager would.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from assure.core import rag
from assure.core.models import ChangeRecord, Partnership, RagLevel, RagScheme
from assure.core.periods import Period
from assure.partnership import services as structure
from assure.partnership.models import FundingContribution, Group, Organisation, Person
from assure.plans.models import (
    Action,
    ActionUpdate,
    Commitment,
    CrossCuttingTheme,
    Objective,
    Plan,
    PlanStatus,
    Priority,
    PriorityReview,
    Recommendation,
)
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
    partnership = structure.start_partnership(
        None,
        **{k: info.get(k) or "" for k in ("slug", "name", "la_code", "la_name", "description")},
    )
    keys = Keys(schemes=rag.install_schemes(partnership))
    _load_structure(partnership, spec, keys, folder.name)
    _load_users(partnership, spec.get("users", []), keys)
    for path in sorted(folder.glob("*.yaml")):
        if path.name != "partnership.yaml":
            _load_plan(partnership, read(path), keys, path.name, today)
    from demo.risks_and_meetings import load_risks_and_meetings  # imports this module

    load_risks_and_meetings(partnership, folder, keys, today)
    load_performance(partnership, folder)
    from demo.audits import load_audits  # imports this module

    load_audits(partnership, folder, keys, today)
    if queue_child_level:
        from demo.tasks import load_child_level_later

        load_child_level_later.enqueue(partnership.pk, str(folder))
    else:
        from demo.child_level import load_child_level  # imports this module

        load_child_level(partnership, folder)
    return partnership


def _delete_partnership(slug: str) -> None:
    """Remove an earlier copy of a demo partnership, with everything that protects a deletion
    (a rating an update uses, an agency a person belongs to) removed first."""
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
        keys.organisations[item["key"]] = Organisation.objects.create(
            partnership=partnership, name=item["name"], kind=item["kind"]
        )
    for item in spec.get("people", []):
        keys.people[item["key"]] = Person.objects.create(
            partnership=partnership,
            name=item["name"],
            job_title=item.get("job_title") or "",
            organisation=keys.get("organisations", item.get("organisation"), where),
        )
    for item in spec.get("groups", []):
        keys.groups[item["key"]] = Group.objects.create(
            partnership=partnership,
            name=item["name"],
            kind=item["kind"],
            cycle=item.get("cycle") or "",
            cycle_weeks=item.get("cycle_weeks"),
            purpose=item.get("purpose") or "",
            chair=keys.get("people", item.get("chair"), where),
        )
    for item in spec.get("groups", []):
        group = keys.groups[item["key"]]
        group.reports_to = keys.get("groups", item.get("reports_to"), where)
        group.save(update_fields=["reports_to"])
        group.members.set([keys.get("people", k, where) for k in item.get("members") or []])
    for item in spec.get("funding", []):
        FundingContribution.objects.create(
            partnership=partnership,
            financial_year=item["financial_year"],
            organisation=keys.get("organisations", item["organisation"], where),
            amount=item["amount"],
            note=item.get("note") or "",
        )


def _load_users(partnership: Partnership, users: list[dict[str, Any]], keys: Keys) -> None:
    user_model = get_user_model()
    for item in users:
        user, created = user_model.objects.get_or_create(username=item["username"])
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
        person = keys.get("people", item.get("person"), "users")
        if person:
            user.first_name = person.name[:150]
        user.save()
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
    plan = Plan.objects.create(
        partnership=partnership,
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
        t["code"]: CrossCuttingTheme.objects.create(plan=plan, code=t["code"], title=t["title"])
        for t in spec.get("cross_cutting") or []
    }
    for status in spec.get("overall_status") or []:
        PlanStatus.objects.create(
            plan=plan,
            period=status["period"],
            narrative=status.get("narrative") or "",
            rag=_level(scheme, status["rag"], where),
        )
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
    ChangeRecord.objects.create(
        partnership=partnership,
        verb=ChangeRecord.Verb.CREATED,
        object_type="plans.plan",
        object_id=plan.pk,
        summary=f"Loaded {plan.title} from the demo file {where}",
    )


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
    priority = Priority.objects.create(
        plan=plan,
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
        PriorityReview.objects.create(
            priority=priority,
            period=review["period"],
            rag=_level(scheme, review["rag"], where),
            narrative=review.get("narrative") or "",
        )
    for index, spec in enumerate(item.get("objectives") or []):
        objective = Objective.objects.create(
            priority=priority,
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
    revised = timescale.get("revised") or []
    action = Action.objects.create(
        objective=objective,
        code=str(item["code"]),
        title=item["title"],
        position=order,
        owner_person=keys.get("people", item.get("owner_person"), where),
        owner_group=keys.get("groups", item.get("owner_group"), where),
        owner_organisation=keys.get("organisations", item.get("owner_organisation"), where),
        timescale=timescale.get("text") or "",
        recurrence=timescale.get("recurrence") or "none",
        due_date=revised[-1] if revised else timescale.get("due"),
        outcome_measure=item.get("outcome_measure") or "",
        impact_measure=item.get("impact_measure") or "",
        status=item.get("status") or "open",
    )
    action.cross_cutting_themes.set([themes[c] for c in item.get("cross_cutting") or []])
    previous = timescale.get("due")
    for new_due in revised:
        action.revisions.create(
            previous_due=previous, new_due=new_due, reason="Revised timescale printed in the plan"
        )
        previous = new_due
    for update in item.get("updates") or []:
        _load_update(action, update, keys, where)
    return action


def _load_update(action: Action, item: dict[str, Any], keys: Keys, where: str) -> None:
    scheme = objective_scheme(action)
    period = Period.parse(item["period"])
    update = ActionUpdate.objects.create(
        action=action,
        period=period.code,
        rag=_level(scheme, item["rag"], where),
        progress=item.get("progress") or "",
        barriers=item.get("barriers") or "",
        next_steps=item.get("next_steps") or "",
        evidence=item.get("evidence") or "",
        author_person=keys.get("people", item.get("author"), where),
        status=ActionUpdate.Status.ACCEPTED,
        rag_assigned=bool(item.get("rag_assigned")),
    )
    when = timezone.make_aware(dt.datetime.combine(period.end, dt.time(12)))
    ActionUpdate.objects.filter(pk=update.pk).update(submitted_at=when, reviewed_at=when)


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
        recommendation = Recommendation.objects.create(
            partnership=partnership,
            plan=plan,
            source=item["source"],
            source_title=item.get("source_title") or "",
            issued_on=item.get("date"),
            reference=str(item["ref"]),
            text=item["text"],
            paragraphs=str(item.get("paragraphs") or ""),
        )
        try:
            recommendation.priorities.set([priorities[c] for c in item.get("priorities") or []])
            recommendation.actions.set([actions[str(c)] for c in item.get("actions") or []])
        except KeyError as error:
            raise DemoDataError(
                f"{where}: recommendation {item['ref']} names {error}, which is not in the plan"
            ) from error


def _load_commitments(plan: Plan, extras: dict[str, Any], keys: Keys, where: str) -> None:
    kinds = {"key_priority_areas": "key_priority", "medium_term_developments": "medium_term"}
    for name, kind in kinds.items():
        for item in extras.get(name) or []:
            Commitment.objects.create(
                plan=plan,
                kind=kind,
                reference=str(item["ref"]),
                description=item["description"],
                owner=keys.get("people", item.get("owner"), where),
                by_when=item.get("by_when") or "",
                due_date=item.get("due"),
            )


def _open_next_quarter(plan: Plan, today: dt.date) -> None:
    """Ask for updates on the quarter after the latest recorded ones (current plans only)."""
    latest = (
        ActionUpdate.objects.filter(action__objective__priority__plan=plan)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    if latest:
        period = Period.parse(latest).next()
        last = Period.containing(plan.ends)
        plan.reporting_period = min(period, last).code
    if plan.is_current:
        # A plan with no updates yet has missed its first quarter's deadline; one with
        # updates has just been opened for the next quarter.
        plan.updates_due = today + dt.timedelta(days=14 if latest else -7)
    plan.save(update_fields=["reporting_period", "updates_due"])


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
