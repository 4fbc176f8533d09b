"""The stages a serious incident moves through, as data: which stage may follow which, and
what must come first. Services move an incident only through `move`, so no other path
exists."""

from __future__ import annotations

from assure.core.errors import DomainError
from assure.reviews.models import Incident

Stage = Incident.Stage

TRANSITIONS: dict[str, set[str]] = {
    Stage.RECORDED: {Stage.NOTIFIED},
    Stage.NOTIFIED: {Stage.REPORTED},
    Stage.REPORTED: {Stage.PRACTICE_REVIEW, Stage.CLOSED},
    Stage.PRACTICE_REVIEW: {Stage.PUBLISHED},
    Stage.PUBLISHED: {Stage.CLOSED},
    Stage.CLOSED: set(),
}

ORDER = list(Stage.values)  # the stages in the order an incident meets them

# What must have happened before an incident reaches each stage.
FIRST: dict[str, str] = {
    Stage.NOTIFIED: "record the notification to the national panel and Ofsted",
    Stage.REPORTED: "notify the national panel, then hold the rapid review",
    Stage.PRACTICE_REVIEW: "send the rapid review, deciding on a practice review, to the panel",
    Stage.PUBLISHED: "start the local practice review",
    Stage.CLOSED: (
        "send the rapid review to the national panel and publish any practice review it decided on"
    ),
}


def may_move(incident: Incident, to: str) -> bool:
    return to in TRANSITIONS[incident.stage]


def move(incident: Incident, to: str) -> None:
    """Set the incident's next stage, or refuse saying where it is and what comes first."""
    if not may_move(incident, to):
        now = Stage(incident.stage).label.lower()
        if incident.stage == Stage.CLOSED:
            raise DomainError(f"{incident} is closed: nothing more can happen to it.")
        if ORDER.index(to) <= ORDER.index(incident.stage):
            raise DomainError(
                f"{incident} is at the stage '{now}': it cannot go back to "
                f"'{Stage(to).label.lower()}'."
            )
        raise DomainError(
            f"{incident} is at the stage '{now}': first {FIRST[to]}, before it can be "
            f"'{Stage(to).label.lower()}'."
        )
    incident.stage = to
