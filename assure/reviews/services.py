"""Every write to a serious incident and its rapid review: recording and notifying it, asking
the agencies for their summaries (and chronologies) and their return, the rapid review's
meeting, decision and sign-off, sending it to the national panel, the panel's response,
starting a local practice review, and closing.

Each function is atomic, refuses a write that breaks a rule with a DomainError naming the
field, moves the incident only through `stages.move`, and records the change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from assure.core import audit
from assure.core.errors import DomainError, DomainErrors
from assure.core.models import Membership
from assure.partnership.models import Organisation, Person
from assure.partnership.services import check_same_partnership
from assure.reviews import access, stages
from assure.reviews.models import AgencyRequest, Incident, Review
from assure.reviews.references import check_child_reference

Stage = Incident.Stage
PARTNERS = {  # the three safeguarding partners, and the field each signs the rapid review in
    Organisation.Kind.COUNCIL: "council_signed_on",
    Organisation.Kind.POLICE: "police_signed_on",
    Organisation.Kind.HEALTH: "health_signed_on",
}
OPEN_FOR = {  # the stages at which an agency may still return what was asked of it
    AgencyRequest.Kind.SUMMARY: {Stage.RECORDED, Stage.NOTIFIED},
    AgencyRequest.Kind.CHRONOLOGY: {Stage.PRACTICE_REVIEW},
}


def _not_future(day: dt.date | None, field: str, today: dt.date | None = None) -> None:
    if day is not None and day > (today or dt.date.today()):
        raise DomainError("The date cannot be in the future.", field=field)


def _save(actor: Any, incident: Incident, fields: dict[str, Any], what: str) -> Incident:
    return audit.save_recorded(actor, incident.partnership, incident, fields, what)


@transaction.atomic
def record_incident(
    actor: Any, partnership: Any, incident: Incident | None, **fields: Any
) -> Incident:
    """Record a serious incident (or correct one): a pseudonymous child, when it happened,
    when the local authority became aware, and the agencies involved."""
    check_same_partnership(partnership, agencies=list(fields.get("agencies", [])))
    check_same_partnership(partnership, lead=fields.get("lead"))
    fields["child_reference"] = check_child_reference(fields.get("child_reference", ""))
    if fields["aware_on"] < fields["incident_on"]:
        raise DomainError(
            "The local authority cannot become aware before the incident.", field="aware_on"
        )
    _not_future(fields["aware_on"], "aware_on")
    clash = Incident.objects.filter(partnership=partnership, reference=fields["reference"])
    if incident is not None:
        if incident.stage == Stage.CLOSED:
            raise DomainError(f"{incident} is closed: it can no longer be changed.")
        clash = clash.exclude(pk=incident.pk)
        if incident.notified_panel_on and fields["aware_on"] > incident.notified_panel_on:
            raise DomainError(
                "The local authority became aware before it notified the panel.", "aware_on"
            )
    if clash.exists():
        raise DomainError(f"There is already an incident {fields['reference']}.", "reference")
    incident = incident or Incident(partnership=partnership)
    return _save(actor, incident, fields, f"serious incident {fields['reference']}")


@transaction.atomic
def notify(
    actor: Any,
    incident: Incident,
    *,
    panel_on: dt.date,
    ofsted_on: dt.date | None,
    secretary_of_state_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Incident:
    """Record the notification to the national panel and Ofsted (and, for a looked-after
    child's death, the Secretary of State); the rapid review's clock starts."""
    problems = []
    for day, field in (
        (panel_on, "panel_on"),
        (ofsted_on, "ofsted_on"),
        (secretary_of_state_on, "secretary_of_state_on"),
    ):
        if day is not None and day < incident.aware_on:
            problems.append(DomainError("A notification comes after becoming aware.", field))
        elif day is not None and day > (today or dt.date.today()):
            problems.append(DomainError("The date cannot be in the future.", field))
    if ofsted_on is None:
        problems.append(DomainError("Enter the date Ofsted was notified.", "ofsted_on"))
    if incident.needs_secretary_of_state and secretary_of_state_on is None:
        problems.append(
            DomainError(
                "A looked-after child has died: notify the Secretary of State too, whatever "
                "the cause, and enter the date.",
                "secretary_of_state_on",
            )
        )
    DomainErrors.raise_any(problems)
    stages.move(incident, Stage.NOTIFIED)
    fields = {
        "notified_panel_on": panel_on,
        "notified_ofsted_on": ofsted_on,
        "notified_secretary_of_state_on": secretary_of_state_on,
    }
    return _save(actor, incident, fields, f"notification of {incident.reference}")


@transaction.atomic
def ask_agencies(
    actor: Any,
    incident: Incident,
    *,
    agencies: list[Organisation],
    due_on: dt.date,
    kind: str = AgencyRequest.Kind.SUMMARY,
    people: dict[int, Person] | None = None,
) -> list[AgencyRequest]:
    """Ask each agency for its summary (a rapid review) or chronology (a practice review),
    due by a date; the agency's lead is asked, and reminded, unless `people` names another
    (by the agency's id)."""
    people = people or {}
    check_same_partnership(incident.partnership, agencies=list(agencies))
    check_same_partnership(incident.partnership, people=list(people.values()))
    if not agencies:
        raise DomainError("Choose at least one agency.", field="agencies")
    if incident.stage not in OPEN_FOR[AgencyRequest.Kind(kind)]:
        what = AgencyRequest.Kind(kind).label.lower()
        raise DomainError(
            f"{incident} is at the stage '{Stage(incident.stage).label.lower()}': a {what} "
            "cannot be asked for now."
        )
    asked = []
    for agency in agencies:
        if AgencyRequest.objects.filter(incident=incident, organisation=agency, kind=kind).exists():
            raise DomainError(f"{agency} has been asked already.", field="agencies")
        request = AgencyRequest(incident=incident, organisation=agency, kind=kind)
        fields = {"due_on": due_on, "asked_of": people.get(agency.pk, agency.lead)}
        what = f"request to {agency} for {incident.reference}"
        asked.append(audit.save_recorded(actor, incident.partnership, request, fields, what))
    return asked


def is_open(request: AgencyRequest) -> bool:
    return request.incident.stage in OPEN_FOR[AgencyRequest.Kind(request.kind)]


@transaction.atomic
def return_request(
    membership: Membership, request: AgencyRequest, *, text: str, today: dt.date | None = None
) -> AgencyRequest:
    """An agency returns its summary or chronology (and may change it while it is open)."""
    if not access.may_write_request(membership, request):
        raise DomainError("You can write only what is asked of your own agency.")
    if not is_open(request):
        raise DomainError(
            f"{request.incident} has moved on to '{request.incident.get_stage_display()}': "
            "what was asked can no longer be changed."
        )
    if not text.strip():
        raise DomainError(f"Enter your agency's {request.get_kind_display().lower()}.", "text")
    fields = {
        "text": text,
        "submitted_on": today or dt.date.today(),
        "submitted_by": membership.user,
    }
    return audit.save_recorded(
        membership.user, request.incident.partnership, request, fields, str(request)
    )


def _check_rapid_review(incident: Incident, fields: dict[str, Any], today: dt.date | None) -> None:
    problems = []
    meeting = fields.get("meeting_on")
    if meeting and incident.notified_panel_on and meeting < incident.notified_panel_on:
        problems.append(DomainError("The meeting comes after the notification.", "meeting_on"))
    decision = fields.get("decision") or ""
    if decision and not fields.get("decision_reason", "").strip():
        problems.append(DomainError("Give the reason for the decision.", "decision_reason"))
    if decision and not fields.get("decided_on"):
        problems.append(DomainError("Enter the date of the decision.", "decided_on"))
    if decision and not meeting:
        problems.append(DomainError("Record the meeting before the decision.", "meeting_on"))
    for field in ("meeting_on", "decided_on", *PARTNERS.values()):
        if fields.get(field) and fields[field] > (today or dt.date.today()):
            problems.append(DomainError("The date cannot be in the future.", field))
    if not decision and any(fields.get(f) for f in PARTNERS.values()):
        problems.append(
            DomainError("The partners sign off a decision: record it first.", "decision")
        )
    DomainErrors.raise_any(problems)


@transaction.atomic
def record_rapid_review(
    actor: Any, incident: Incident, today: dt.date | None = None, **fields: Any
) -> Incident:
    """The rapid review as it goes: the meeting, the immediate actions, the decision and its
    reason, and each safeguarding partner's sign-off."""
    if incident.stage != Stage.NOTIFIED:
        raise DomainError(
            f"{incident} is at the stage '{incident.get_stage_display().lower()}': the rapid "
            "review is recorded after the notification and until it is sent to the panel."
        )
    _check_rapid_review(incident, fields, today)
    return _save(actor, incident, fields, f"rapid review of {incident.reference}")


@transaction.atomic
def send_rapid_review(
    actor: Any, incident: Incident, *, sent_on: dt.date, today: dt.date | None = None
) -> Incident:
    """Send the rapid review to the national panel: once decided and signed off by the
    council, the police and health."""
    if incident.stage == Stage.NOTIFIED:
        missing = [
            label
            for label, done in (
                ("record the meeting", incident.meeting_on),
                ("record the decision and its reason", incident.decision),
                (
                    "have it signed off by the council, the police and health",
                    incident.signed_off,
                ),
            )
            if not done
        ]
        if missing:
            raise DomainError(f"Before sending the rapid review, {' and '.join(missing)}.")
    if incident.notified_panel_on and sent_on < incident.notified_panel_on:
        raise DomainError("The rapid review is sent after the notification.", field="sent_on")
    _not_future(sent_on, "sent_on", today)
    stages.move(incident, Stage.REPORTED)
    fields = {"sent_to_panel_on": sent_on}
    return _save(actor, incident, fields, f"rapid review of {incident.reference} sent")


@transaction.atomic
def record_panel_response(
    actor: Any, incident: Incident, *, text: str, responded_on: dt.date
) -> Incident:
    if incident.sent_to_panel_on is None:
        raise DomainError("Send the rapid review to the national panel first.")
    if not text.strip():
        raise DomainError("Enter what the panel said.", field="text")
    if responded_on < incident.sent_to_panel_on:
        raise DomainError("The panel responds after the rapid review is sent.", "responded_on")
    fields = {"panel_response": text, "panel_responded_on": responded_on}
    return _save(actor, incident, fields, f"panel's response on {incident.reference}")


@transaction.atomic
def close_incident(actor: Any, incident: Incident) -> Incident:
    """Close an incident whose rapid review decided on no practice review, or whose practice
    review is published."""
    if incident.stage == Stage.REPORTED and incident.decision == Incident.Decision.LCSPR:
        raise DomainError(
            "The rapid review decided on a local practice review: start it, and publish it, "
            "before closing."
        )
    stages.move(incident, Stage.CLOSED)
    return _save(actor, incident, {}, f"{incident.reference} closed")


@transaction.atomic
def start_practice_review(actor: Any, incident: Incident, **fields: Any) -> Review:
    """Start the local child safeguarding practice review the rapid review decided on; its
    publication is expected six months from the decision."""
    if incident.decision != Incident.Decision.LCSPR:
        raise DomainError("The rapid review did not decide on a local practice review.")
    check_same_partnership(incident.partnership, lead=fields.get("lead"))
    stages.move(incident, Stage.PRACTICE_REVIEW)
    _save(actor, incident, {}, f"practice review of {incident.reference} started")
    if Review.objects.filter(
        partnership=incident.partnership, reference=fields["reference"]
    ).exists():
        raise DomainError(f"There is already a review {fields['reference']}.", "reference")
    review = Review(partnership=incident.partnership, incident=incident)
    fields |= {"kind": Review.Kind.LCSPR, "decided_on": incident.decided_on}
    return audit.save_recorded(
        actor, incident.partnership, review, fields, f"review {fields['reference']}"
    )
