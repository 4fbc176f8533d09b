"""The reminders as background work: queued each day by the worker's schedule."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from assure.reminders.services import remind


@task()
def send_reminders(day: str) -> dict[str, int]:
    outgoing = remind(dt.date.fromisoformat(day))
    sent = [o for o in outgoing if o.sent]
    return {
        "emails": len(sent),
        "items": sum(len(o.items) for o in sent),
        "failed": len([o for o in outgoing if o.error]),
    }
