"""Edits that do not overwrite each other: every edit form carries the version of the object
it was read at, and saving over a newer version is refused.

An object's version is its latest change record (every write through a service leaves one).
An edit form of an existing object holds it in a hidden field (`ModelForm` adds it); when the
form is saved (`save_with`), the version it was read at is expected for that object, and
`audit.save_recorded` (which every edit goes through) locks the object's row and compares,
inside the write's transaction: if someone else's change came in between, the edit is refused
with who changed it and when, and what they changed, and the form is kept with the person's
own values and the new version, so saving again is a choice made knowing both.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.utils import timezone

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord

VERSION_FIELD = "read_at_version"
_expected: contextvars.ContextVar[dict[tuple[str, int], int] | None] = contextvars.ContextVar(
    "expected_versions", default=None
)


class EditConflict(DomainError):
    def __init__(self, message: str, version: int):
        super().__init__(message)
        self.version = version


def _key(obj: models.Model) -> tuple[str, int]:
    return obj._meta.label_lower, obj.pk


def latest_change(obj: models.Model) -> ChangeRecord | None:
    label, pk = _key(obj)
    return (
        ChangeRecord.objects.filter(object_type=label, object_id=pk)
        .exclude(verb=ChangeRecord.Verb.VIEWED)
        .select_related("actor")
        .order_by("-id")
        .first()
    )


def version_of(obj: models.Model) -> int:
    change = latest_change(obj)
    return change.pk if change else 0


@contextmanager
def expecting(obj: models.Model, version: int) -> Iterator[None]:
    """Within the block, a write to `obj` is refused unless it is still at `version`."""
    token = _expected.set({**(_expected.get() or {}), _key(obj): version})
    try:
        yield
    finally:
        _expected.reset(token)


def check_unchanged(obj: models.Model) -> None:
    """Called before a write to an existing object, inside its transaction."""
    expected = (_expected.get() or {}).get(_key(obj))
    if expected is None or obj.pk is None:
        return
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).exists()
    change = latest_change(obj)
    if change is None or change.pk == expected:
        # checked once: the rest of this save may write to the object again
        _expected.set({k: v for k, v in (_expected.get() or {}).items() if k != _key(obj)})
        return
    who = (
        (change.actor.get_full_name() or change.actor.get_username()) if change.actor else "someone"
    )
    when = timezone.localtime(change.at).strftime("%-d %B %Y at %H:%M")
    changed = _changed_fields(obj, expected)
    what = f" They changed {changed}." if changed else ""
    raise EditConflict(
        f"This was changed by {who} on {when}, since you opened it.{what} Your changes are "
        "below and have not been saved: check them against theirs, then save again to keep "
        "yours.",
        change.pk,
    )


def _changed_fields(obj: models.Model, since: int) -> str:
    """Their side: each field changed since `since`, with the value it has now."""
    label, pk = _key(obj)
    changes = ChangeRecord.objects.filter(object_type=label, object_id=pk, pk__gt=since).exclude(
        verb=ChangeRecord.Verb.VIEWED
    )
    now: dict[str, object] = {}
    for change in changes.order_by("id"):
        for field, value in (change.after or {}).items():
            if (change.before or {}).get(field) != value:
                now[field] = value
    return "; ".join(f"the {field} to \u201c{_shown(value)}\u201d" for field, value in now.items())


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 120 else f"{text[:117]}..."
