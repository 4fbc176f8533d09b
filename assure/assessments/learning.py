"""The learning themes self-assessments found: tagged by the reviewers on a return's
findings (dated the day it was submitted) and on a challenge event (dated the day it met)."""

from __future__ import annotations

import datetime as dt

from assure.assessments.models import ChallengeEvent, Return
from assure.core.models import Partnership


def themes_found(partnership: Partnership) -> list[tuple[int, dt.date, str]]:
    """Each time a theme was found: (theme id, the day, where)."""
    found: list[tuple[int, dt.date, str]] = []
    on_returns = Return.themes.through.objects.filter(
        return__round__partnership=partnership, return__submitted_on__isnull=False
    ).values_list(
        "learningtheme_id",
        "return__submitted_on",
        "return__round__title",
        "return__organisation__name",
    )
    found += [(t, day, f"{title} return: {name}") for t, day, title, name in on_returns if day]
    at_events = ChallengeEvent.themes.through.objects.filter(
        challengeevent__round__partnership=partnership
    ).values_list(
        "learningtheme_id", "challengeevent__meeting__held_on", "challengeevent__round__title"
    )
    found += [(t, day, f"{title} challenge event") for t, day, title in at_events]
    return sorted(found, key=lambda f: (f[1], f[0]))
