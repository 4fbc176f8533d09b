"""The reminders as background work: queued each day by the worker's schedule."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from assure.reminders.services import remind
from assure.training.follow_ups import send_follow_ups


@task()
def send_reminders(day: str) -> dict[str, int]:
    outgoing = remind(dt.date.fromisoformat(day))
    sent = [o for o in outgoing if o.sent]
    follow_ups = send_follow_ups(dt.date.fromisoformat(day))
    return {
        "follow_ups": sum(f.attendees for f in follow_ups if f.sent),
        "emails": len(sent),
        "items": sum(len(o.items) for o in sent),
        "failed": len([o for o in outgoing if o.error]) + len([f for f in follow_ups if f.error]),
    }
