"""The clocks of a case review, stated once: the notification is due five working days after
the local authority became aware (the day of becoming aware never counts); the rapid review
reaches the national panel within 15 working days of the notification; a local practice
review is expected to be published within six months of the decision to hold it (or by the
date its latest recorded delay gives). Working days are England and Wales'
(`analytics.working_days`)."""

from __future__ import annotations

import datetime as dt

from analytics.periods import add_months
from analytics.working_days import add_working_days, working_days_between
from assure.reviews.models import Incident, Review

NOTIFY_WITHIN = 5  # working days after becoming aware
RAPID_REVIEW_WITHIN = 15  # working days after the notification
PUBLISH_WITHIN_MONTHS = 6


def notification_due(incident: Incident) -> dt.date:
    return add_working_days(incident.aware_on, NOTIFY_WITHIN)


def rapid_review_due(incident: Incident) -> dt.date | None:
    if incident.notified_panel_on is None:
        return None
    return add_working_days(incident.notified_panel_on, RAPID_REVIEW_WITHIN)


def publication_expected(review: Review) -> dt.date | None:
    """Six months after the decision, or as the latest delay recorded puts it back to."""
    delays = list(review.delays.all())
    if delays:
        return max(delays, key=lambda d: (d.recorded_on, d.pk)).expected_on
    if review.decided_on is None:
        return None
    return add_months(review.decided_on, PUBLISH_WITHIN_MONTHS)


def working_days_taken(start: dt.date | None, end: dt.date | None) -> int | None:
    if start is None or end is None:
        return None
    return working_days_between(start, end)


def notified_in_time(incident: Incident) -> bool | None:
    if incident.notified_panel_on is None:
        return None
    return incident.notified_panel_on <= notification_due(incident)


def rapid_review_in_time(incident: Incident) -> bool | None:
    due = rapid_review_due(incident)
    if due is None or incident.sent_to_panel_on is None:
        return None
    return incident.sent_to_panel_on <= due
