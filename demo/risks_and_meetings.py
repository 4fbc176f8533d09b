"""Loads a demo partnership's risk register, meetings, action tracker and cabinet responses
from `demo/data/<slug>/risks/*.yaml` and `demo/data/<slug>/meetings/*.yaml`, through the
risks' and meetings' services. Called by `demo.loader.load_partnership` inside its
transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from assure.core.models import Membership, Partnership, Role
from assure.meetings import services as meetings
from assure.meetings.models import Meeting
from assure.partnership import services as structure
from assure.plans.models import Plan, Priority
from assure.risks import services as risks
from demo.loader import DemoDataError, Keys, load_person, read


def load_risks_and_meetings(
    partnership: Partnership, folder: Path, keys: Keys, today: dt.date
) -> None:
    for path in sorted((folder / "meetings").glob("*.yaml")):
        _load_meetings(partnership, read(path), keys, path.name)
    for path in sorted((folder / "risks").glob("*.yaml")):
        _load_risks(partnership, read(path), keys, path.name, today)


def _load_risks(
    partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str, today: dt.date
) -> None:
    """The register as the report printed it: each risk with the report's assessment as its
    one review so far."""
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
        risk = risks.raise_risk(
            None,
            partnership,
            first_review=False,  # its history is the report's review, brought in below
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
        risks.record_past_review(
            None,
            risk,
            reviewed_on=spec["reported_on"],
            probability=risk.probability,
            impact=risk.impact,
            note=spec.get("report_note") or "",
        )


def _load_meetings(partnership: Partnership, spec: dict[str, Any], keys: Keys, where: str) -> None:
    for item in spec.get("people") or []:
        keys.people[item["key"]] = load_person(partnership, item, keys, where)
    group = keys.get("groups", spec["group"], where)
    if spec.get("chair") and group.chair_id is None:
        chair = keys.get("people", spec["chair"], where)
        group = structure.save_group(None, partnership, group, name=group.name, chair=chair)
    meetings_on: dict[dt.date, Meeting] = {}
    for item in spec.get("meetings") or []:
        meetings_on[item["date"]] = _load_meeting(partnership, group, item)
    for item in spec.get("tracker") or []:
        _load_tracker_row(partnership, item, meetings_on, keys, where)
    if spec.get("cabinet_responses"):
        _load_responses(partnership, group, spec["cabinet_responses"])


def _business_manager(partnership: Partnership) -> Membership:
    """Who keeps the tracker: its comments are written as theirs, as the spreadsheet import
    writes them as the importer's."""
    membership = (
        Membership.objects.filter(partnership=partnership, role=Role.BUSINESS_MANAGER)
        .select_related("user", "person")
        .order_by("user__username")
        .first()
    )
    if membership is None:
        raise DemoDataError(f"{partnership.slug}: tracker comments need a business manager")
    return membership


def _load_meeting(partnership: Partnership, group: Any, item: dict[str, Any]) -> Meeting:
    time = item.get("time")
    meeting = meetings.save_meeting(
        None,
        partnership,
        None,
        group=group,
        held_on=item["date"],
        starts_at=dt.time.fromisoformat(time) if time else None,
        place=item.get("place") or "",
        present=item.get("present") or "",
        notes=item.get("note") or "",
    )
    for position, agenda in enumerate(item.get("agenda") or []):
        texts = {
            k: str(agenda.get(k) or "")
            for k in ("number", "title", "purpose", "presenter", "papers")
        }
        meetings.save_agenda_item(None, meeting, None, position=position, **texts)
    minutes = {}
    for position, minute in enumerate(item.get("minutes") or []):
        minutes[str(minute["number"])] = meetings.save_minute(
            None,
            meeting,
            None,
            number=str(minute["number"]),
            title=minute["title"],
            text=minute["text"],
            position=position,
        )
    for decision in item.get("decisions") or []:
        minute = minutes.get(str(decision.get("minute")))
        meetings.record_decision(None, meeting, text=decision["text"], minute=minute)
    return meeting


def _load_tracker_row(
    partnership: Partnership,
    item: dict[str, Any],
    meetings_on: dict[dt.date, Meeting],
    keys: Keys,
    where: str,
) -> None:
    meeting = meetings_on.get(item["meeting"])
    if meeting is None:
        raise DemoDataError(f"{where}: tracker row names a meeting on {item['meeting']} not listed")
    action = meetings.save_tracker_action(
        None,
        partnership,
        None,
        meeting=meeting,
        minute_number=str(item.get("minute") or ""),
        text=item["action"],
        owner=keys.get("people", item.get("owner"), where),
        due_date=item.get("due"),
        status=item.get("status") or "open",
    )
    for comment in item.get("comments") or []:
        keeper = _business_manager(partnership)
        meetings.comment_on_action(keeper, action, text=comment["text"], written_on=comment["date"])


def _load_responses(partnership: Partnership, group: Any, spec: dict[str, Any]) -> None:
    for item in spec.get("items") or []:
        recommendation = {
            "source_title": spec["source_title"],
            "issued_on": spec.get("issued_on"),
            "reference": str(item["ref"]),
            "text": item["recommendation"],
        }
        response = meetings.save_cabinet_response(
            None,
            partnership,
            None,
            recommendation=recommendation,
            group=group,
            text=item.get("response") or "",
        )
        if item.get("update"):
            meetings.add_response_update(
                None, response, text=item["update"], written_on=spec["updates_on"]
            )
