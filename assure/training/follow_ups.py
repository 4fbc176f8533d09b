"""The three-month follow-up: each attendee is e-mailed a link asking whether the training
changed their practice, once, on or after three months from the session. `assure remind`
calls `send_follow_ups` daily.

A follow-up is sent once because its link is recorded when it is issued (one link per
attendee and stage). One not sent within `LATE` of falling due (the reminders were not run,
say) is left: a question about a session half a year ago is not worth asking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analytics.periods import add_months
from assure.core.models import Partnership
from assure.training import evaluations
from assure.training.models import FOLLOW_UP_MONTHS, Session, Stage

LATE = dt.timedelta(days=92)


@dataclass
class FollowUp:
    """One session's follow-ups: sent (or, in a dry run, to be sent) to how many attendees."""

    partnership: str
    session: str
    due_on: dt.date
    attendees: int
    sent: bool = False
    error: str = ""

    def __str__(self) -> str:
        verb = "Sent" if self.sent else ("Could not send" if self.error else "Would send")
        plural = "s" if self.attendees != 1 else ""
        line = (
            f"{verb} the three-month follow-up to {self.attendees} attendee{plural} of "
            f"{self.session} ({self.partnership}, due {self.due_on:%-d %B %Y})"
        )
        return line + (f": {self.error}" if self.error else "")


def due_sessions(partnership: Partnership, today: dt.date) -> list[Session]:
    """Sessions whose follow-up has fallen due (`Session.follow_up_on`, the one statement of
    when) and is not too late to send. Months differ in length, so the candidates are chosen
    a few days wide and the rule itself decides."""
    wide = dt.timedelta(days=4)
    candidates = Session.objects.filter(
        course__partnership=partnership,
        held_on__lte=add_months(today, -FOLLOW_UP_MONTHS) + wide,
        held_on__gte=add_months(today - LATE, -FOLLOW_UP_MONTHS) - wide,
    ).select_related("course__partnership")
    return [s for s in candidates if today - LATE <= s.follow_up_on <= today]


def send_follow_ups(
    today: dt.date, *, dry_run: bool = False, slugs: list[str] | None = None
) -> list[FollowUp]:
    """E-mail (or, in a dry run, only list) each follow-up that has fallen due."""
    partnerships = Partnership.objects.all()
    if slugs:
        partnerships = partnerships.filter(slug__in=slugs)
    done = []
    for partnership in partnerships:
        for session in due_sessions(partnership, today):
            count = evaluations.waiting(session, Stage.FOLLOW_UP).count()
            if not count:
                continue
            item = FollowUp(partnership.slug, str(session), session.follow_up_on, count)
            done.append(item)
            if dry_run:
                continue
            sending = evaluations.send_links(None, session, Stage.FOLLOW_UP, today)
            item.attendees, item.sent = len(sending.sent), bool(sending.sent)
            if sending.refused:
                item.error = f"{len(sending.refused)} refused, e.g. {sending.refused[0]}"
    return done
