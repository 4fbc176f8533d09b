"""The change record: services call `record` after each write, with the values before it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q

from assure.core import versions
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Partnership


def _plain(value: Any) -> Any:
    if isinstance(value, AbstractBaseUser):  # a person's name, not their sign-in
        return getattr(value, "get_full_name", lambda: "")() or value.get_username()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time | Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
        return [_plain(v) for v in value]  # records in order, kept as records
    if isinstance(value, list | tuple | set):
        return sorted(str(_plain(v)) for v in value)
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own field values, as JSON-ready text keyed by field label."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in {"partnership"}:
            continue
        value = getattr(obj, field.name)
        if field.choices and value is not None:
            value = dict(field.flatchoices).get(value, value)
        values[str(field.verbose_name)] = _plain(value)
    if obj.pk:
        for field in obj._meta.many_to_many:
            values[str(field.verbose_name)] = _plain(list(getattr(obj, field.name).all()))
    return values


def record(
    *,
    actor: Any,
    partnership: Partnership,
    verb: str,
    obj: models.Model,
    summary: str,
    before: dict[str, Any] | None = None,
) -> ChangeRecord:
    after = {} if verb == ChangeRecord.Verb.DELETED else snapshot(obj)
    return ChangeRecord.objects.create(
        partnership=partnership,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        summary=summary[:300],
        before=before or {},
        after=after,
    )


def history(
    partnership: Partnership, obj: models.Model, *parts: models.Model
) -> models.QuerySet[ChangeRecord]:
    """The changes to `obj` and to the records shown as part of it (an action's updates)."""
    which = Q()
    for each in (obj, *parts):
        which |= Q(object_type=each._meta.label_lower, object_id=each.pk)
    return ChangeRecord.objects.filter(which, partnership=partnership).select_related("actor")


def in_hand(obj: models.Model) -> set[str]:
    """The foreign keys of `obj` set to an object loaded from (or saved to) the database, with
    no choices of their own to limit: that object exists, so there is nothing to look up."""
    found = set()
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        if field.validators or field.choices or field.get_limit_choices_to():
            continue  # checks of its own, which leaving it out would skip
        if not field.is_cached(obj):
            continue
        target = field.get_cached_value(obj)
        if target is not None and not target._state.adding and target.pk is not None:
            if getattr(target, field.target_field.attname) == getattr(obj, field.attname):
                found.add(field.name)
    return found


def full_clean(obj: models.Model) -> None:
    """`Model.full_clean`, less a query for each foreign key `in_hand`: Django asks the
    database whether the object a key names exists, one query a key (a fifth of all the
    demo's queries), though the services set keys to objects they have just read. The key's
    unique and check constraints are still validated, and the database still holds the key
    to an existing row when it is saved (an object deleted by another request between the
    read and the save fails there, at the commit, not at the field)."""
    errors: dict[str, Any] = {}
    for check in (lambda: obj.clean_fields(exclude=in_hand(obj)), obj.clean):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    # as Django does: a field already in error is left out of the unique and constraint checks
    exclude: set[str] = set()
    for validate in (obj.validate_unique, obj.validate_constraints):
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
        try:
            validate(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def save_recorded(
    actor: Any, partnership: Partnership, obj: models.Model, fields: dict[str, Any], what: str
) -> Any:
    """Apply field values, validate, save, and record the change with the values before it."""
    creating = obj.pk is None
    before = {}
    if not creating:
        versions.check_unchanged(obj)
        # as stored, not as the object in hand: an edit form has already set its values on it
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
    many = {f.name for f in obj._meta.many_to_many}
    for name, value in fields.items():
        if name not in many:
            setattr(obj, name, value)
    try:
        full_clean(obj)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(
            messages[0], field=None if field == NON_FIELD_ERRORS else field
        ) from error
    obj.save()
    for name in many & set(fields):
        getattr(obj, name).set(fields[name])
    verb = ChangeRecord.Verb.CREATED if creating else ChangeRecord.Verb.UPDATED
    record(
        actor=actor,
        partnership=partnership,
        verb=verb,
        obj=obj,
        summary=f"{verb.label} {what}",
        before=before,
    )
    return obj
