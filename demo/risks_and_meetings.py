"""Loads a demo partnership's risk register, meetings, action tracker and cabinet responses
from `demo/data/<slug>/risks/*.yaml` and `demo/data/<slug>/meetings/*.yaml`, and gives every
demo person a role-based e-mail address (`dcs@torbay.example`) so `assure remind` has
someone to write to. Called by `demo.loader.load_partnership` inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from assure.core.models import ChangeRecord, Partnership
from assure.meetings.models import (
    AgendaItem,
    CabinetResponse,
    Decision,
    Meeting,
    Minute,
    ResponseUpdate,
    TrackerAction,
    TrackerComment,
)
from assure.partnership.models import Person
from assure.plans.models import Plan, Priority, Recommendation
from assure.risks.models import Risk, RiskReview
from demo.loader import DemoDataError, Keys, read


def load_risks_and_meetings(
    partnership: Partnership, folder: Path, keys: Keys, today: dt.date
) -> None:
    for path in sorted((folder / "meetings").glob("*.yaml")):
        _load_meetings(partnership, read(path), keys, path.name)
    for path in sorted((folder / "risks").glob("*.yaml")):
        _load_risks(partnership, read(path), keys, path.name, today)
    _give_emails(partnership, keys)


def _give_emails(partnership: Partnership, keys: Keys) -> None:
    for key, person in keys.people.items():
        if not person.email:
            person.email = f"{key}@{partnership.slug}.example"
            person.save(update_fields=["email"])


def _loaded(partnership: Partnership, obj: Any, what: str) -> None:
    ChangeRecord.objects.create(
        partnership=partnership,
        verb=ChangeRecord.Verb.CREATED,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        summary=f"Loaded {what}",
    )


def _load_risks(
    partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str, today: dt.date
) -> None:
    plan = Plan.objects.filter(partnership=partnership, title=spec.get("plan")).first()
    if spec.get("plan") and plan is None:
        raise DemoDataError(f"{where}: no plan titled '{spec['plan']}'")
    group = keys.get("groups", spec.get("owner_group"), where)
    for item in spec.get("risks") or []:
        theme = item.get("theme")
        priority = Priority.objects.filter(plan=plan, code=theme).first() if theme else None
        if theme and priority is None:
            raise DemoDataError(f"{where}: risk {item['ref']} names theme {theme}, not in the plan")
        days = item.get("review_in_days")
        risk = Risk.objects.create(
            partnership=partnership,
            reference=str(item["ref"]),
            kind=item.get("kind") or "risk",
            description=item["description"],
            mitigation=item.get("mitigation") or "",
            raised_on=item["raised"],
            owner_person=keys.get("people", item.get("owner"), where),
            owner_group=group,
            probability=item["probability"],
            impact=item["impact"],
            target_score=item.get("target_score"),
            next_review=today + dt.timedelta(days=days) if days is not None else None,
            plan=plan,
            priority=priority,
        )
        RiskReview.objects.create(
            risk=risk,
            reviewed_on=spec["reported_on"],
            probability=risk.probability,
            impact=risk.impact,
            note=spec.get("report_note") or "",
        )
        _loaded(partnership, risk, f"{risk} from the demo file {where}")


def _people(partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str) -> None:
    for item in spec.get("people") or []:
        keys.people[item["key"]] = Person.objects.create(
            partnership=partnership,
            name=item["name"],
            job_title=item.get("job_title") or "",
            organisation=keys.get("organisations", item.get("organisation"), where),
        )


def _load_meetings(partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str) -> None:
    _people(partnership, spec, keys, where)
    group = keys.get("groups", spec["group"], where)
    if spec.get("chair") and group.chair_id is None:
        group.chair = keys.get("people", spec["chair"], where)
        group.save(update_fields=["chair"])
    meetings: dict[dt.date, Meeting] = {}
    for item in spec.get("meetings") or []:
        meetings[item["date"]] = _load_meeting(partnership, group, item)
    for item in spec.get("tracker") or []:
        _load_tracker_row(partnership, item, meetings, keys, where)
    if spec.get("cabinet_responses"):
        _load_responses(partnership, group, spec["cabinet_responses"])


def _load_meeting(partnership: Partnership, group: Any, item: dict[str, Any]) -> Meeting:
    time = item.get("time")
    meeting = Meeting.objects.create(
        partnership=partnership,
        group=group,
        held_on=item["date"],
        starts_at=dt.time.fromisoformat(time) if time else None,
        place=item.get("place") or "",
        present=item.get("present") or "",
        notes=item.get("note") or "",
    )
    for position, agenda in enumerate(item.get("agenda") or []):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            **{
                k: str(agenda.get(k) or "")
                for k in ("number", "title", "purpose", "presenter", "papers")
            },
        )
    minutes = {}
    for position, minute in enumerate(item.get("minutes") or []):
        minutes[str(minute["number"])] = Minute.objects.create(
            meeting=meeting,
            number=str(minute["number"]),
            title=minute["title"],
            text=minute["text"],
            position=position,
        )
    for decision in item.get("decisions") or []:
        Decision.objects.create(
            meeting=meeting, minute=minutes.get(str(decision.get("minute"))), text=decision["text"]
        )
    _loaded(partnership, meeting, f"the {meeting} from the demo data")
    return meeting


def _load_tracker_row(
    partnership: Partnership,
    item: dict[str, Any],
    meetings: dict[dt.date, Meeting],
    keys: Keys,
    where: str,
) -> None:
    meeting = meetings.get(item["meeting"])
    if meeting is None:
        raise DemoDataError(f"{where}: tracker row names a meeting on {item['meeting']} not listed")
    action = TrackerAction.objects.create(
        partnership=partnership,
        meeting=meeting,
        minute_number=str(item.get("minute") or ""),
        text=item["action"],
        owner=keys.get("people", item.get("owner"), where),
        due_date=item.get("due"),
        status=item.get("status") or "open",
    )
    for comment in item.get("comments") or []:
        TrackerComment.objects.create(
            action=action, written_on=comment["date"], text=comment["text"]
        )
    _loaded(partnership, action, f"the {action} from the demo data")


def _load_responses(partnership: Partnership, group: Any, spec: dict[str, Any]) -> None:
    for item in spec.get("items") or []:
        recommendation = Recommendation.objects.create(
            partnership=partnership,
            source=Recommendation.Source.SCRUTINY,
            source_title=spec["source_title"],
            issued_on=spec.get("issued_on"),
            reference=str(item["ref"]),
            text=item["recommendation"],
        )
        response = CabinetResponse.objects.create(
            recommendation=recommendation, group=group, response=item.get("response") or ""
        )
        if item.get("update"):
            ResponseUpdate.objects.create(
                response=response, written_on=spec["updates_on"], text=item["update"]
            )
        _loaded(partnership, response, f"the cabinet response to {recommendation.reference}")
