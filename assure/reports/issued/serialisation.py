"""A report model turned into JSON text and back, so an issued report can be rendered again,
in every format, exactly as it was on the day it was issued.

The walk is generic: it knows nothing of the highlight report's fields, so a field added to
the model later (a chart's SVG on a row, a new table) is kept without a change here. Every
JSON object it writes is a tag naming what it holds, so reading needs no type hints:

* a dataclass: ``{"dataclass": "module:QualName", "fields": {...}}``;
* a Django model instance (an indicator, a target, an observation): ``{"model":
  "app.Model", "ref": n, "fields": {...}, "cached": {...}}`` with its concrete field values
  as they were and the related objects already loaded with it; the same instance met again
  is written as ``{"ref": n}``, so each is stored once and loops are safe;
* ``{"decimal": "1.50"}``, ``{"date": ...}``, ``{"datetime": ...}``, ``{"bytes": base64}``,
  ``{"tuple": [...]}``, ``{"set": [...]}``, and ``{"dict": [[key, value], ...]}`` (keys
  may be periods or numbers, which JSON objects cannot hold).

Model instances come back unsaved in spirit: built from the stored values, never refreshed
from the database, and never to be saved. Classes are only loaded from the `assure` package.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import importlib
import json
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models

PACKAGES = ("assure.", "analytics.")
# Types that moved since reports were issued, by the name a stored report gives them.
MOVED = {"assure.performance.periods:ReportingPeriod": "analytics.periods:ReportingPeriod"}


class SerialisationError(ValueError):
    """The report holds something this module cannot write, or the stored text is not one."""


def dumps(report: Any) -> str:
    """The report as canonical JSON text: the same report always gives the same text."""
    plain = _Writer().plain(report)
    return json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(text: str) -> Any:
    """The report written by `dumps`, rebuilt."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SerialisationError(f"The stored report is not JSON: {error}") from error
    return _Reader().value(data)


class _Writer:
    def __init__(self) -> None:
        self.refs: dict[int, int] = {}
        self.checked: set[str] = set()

    def plain(self, value: Any) -> Any:  # noqa: PLR0911 - one branch per kind of value
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, Decimal):
            return {"decimal": str(value)}
        if isinstance(value, dt.datetime):
            return {"datetime": value.isoformat()}
        if isinstance(value, dt.date):
            return {"date": value.isoformat()}
        if isinstance(value, bytes):
            return {"bytes": base64.b64encode(value).decode("ascii")}
        if isinstance(value, list):
            return [self.plain(v) for v in value]
        if isinstance(value, tuple):
            return {"tuple": [self.plain(v) for v in value]}
        if isinstance(value, set | frozenset):
            return {"set": sorted((self.plain(v) for v in value), key=json.dumps)}
        if isinstance(value, dict):
            return {"dict": [[self.plain(k), self.plain(v)] for k, v in value.items()]}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.dataclass(value)
        if isinstance(value, models.Model):
            return self.model(value)
        raise SerialisationError(f"A report cannot hold a {type(value).__qualname__}: {value!r}")

    def dataclass(self, value: Any) -> dict[str, Any]:
        kind = type(value)
        name = f"{kind.__module__}:{kind.__qualname__}"
        # Checked when written, not when read back: a report that could not be rebuilt
        # must not be issued.
        if name not in self.checked:
            try:
                found = _class_named(name)
            except SerialisationError:
                found = None
            if found is not kind:
                raise SerialisationError(f"{name} cannot be found again by its name")
            self.checked.add(name)
        return {
            "dataclass": name,
            "fields": {
                f.name: self.plain(getattr(value, f.name)) for f in dataclasses.fields(value)
            },
        }

    def model(self, instance: models.Model) -> dict[str, Any]:
        if id(instance) in self.refs:
            return {"ref": self.refs[id(instance)]}
        ref = self.refs[id(instance)] = len(self.refs) + 1
        meta = instance._meta
        fields = {f.attname: self.plain(getattr(instance, f.attname)) for f in meta.concrete_fields}
        # Related objects loaded with the instance (an indicator's theme) are what the
        # renderers read; keeping them stops a re-render reading today's values instead.
        relations: list[Any] = [f for f in meta.concrete_fields if f.is_relation]
        cached = {
            f.name: self.plain(f.get_cached_value(instance))
            for f in relations
            if f.is_cached(instance)
        }
        return {"model": meta.label, "ref": ref, "fields": fields, "cached": cached}


class _Reader:
    def __init__(self) -> None:
        self.refs: dict[int, models.Model] = {}

    def value(self, data: Any) -> Any:  # noqa: PLR0911 - one branch per tag
        if isinstance(data, list):
            return [self.value(v) for v in data]
        if not isinstance(data, dict):
            return data
        if "decimal" in data:
            return Decimal(data["decimal"])
        if "datetime" in data:
            return dt.datetime.fromisoformat(data["datetime"])
        if "date" in data:
            return dt.date.fromisoformat(data["date"])
        if "bytes" in data:
            return base64.b64decode(data["bytes"])
        if "tuple" in data:
            return tuple(self.value(v) for v in data["tuple"])
        if "set" in data:
            return {self.value(v) for v in data["set"]}
        if "dict" in data:
            return {self.value(k): self.value(v) for k, v in data["dict"]}
        if "dataclass" in data:
            return self.dataclass(data["dataclass"], data["fields"])
        if "model" in data:
            return self.model(data)
        if "ref" in data:
            return self.refs[data["ref"]]
        raise SerialisationError(f"The stored report holds an unknown value: {sorted(data)}")

    def dataclass(self, name: str, stored: dict[str, Any]) -> Any:
        kind = _class_named(name)
        # Built without __init__ so values come back as stored, not recomputed.
        instance: Any = object.__new__(kind)
        for f in dataclasses.fields(kind):
            if f.name in stored:
                value = self.value(stored[f.name])
            elif f.default is not dataclasses.MISSING:
                value = f.default
            elif f.default_factory is not dataclasses.MISSING:
                value = f.default_factory()
            else:
                value = None  # a field added since the report was issued
            object.__setattr__(instance, f.name, value)
        return instance

    def model(self, data: dict[str, Any]) -> models.Model:
        try:
            kind = apps.get_model(data["model"])
        except LookupError as error:
            raise SerialisationError(f"No model {data['model']} to rebuild") from error
        known = {f.attname for f in kind._meta.concrete_fields}
        values = {k: self.value(v) for k, v in data["fields"].items() if k in known}
        instance = kind(**values)
        instance._state.adding = False
        self.refs[data["ref"]] = instance
        for name, stored in data["cached"].items():
            related = self.value(stored)
            kind._meta.get_field(name).set_cached_value(instance, related)
        return instance


def _class_named(name: str) -> type:
    module_name, _, qualname = MOVED.get(name, name).partition(":")
    if not module_name.startswith(PACKAGES) or not qualname:
        raise SerialisationError(f"A stored report may only hold Assure's own types, not {name}")
    try:
        found: Any = importlib.import_module(module_name)
    except ImportError as error:
        raise SerialisationError(f"No module {module_name} to rebuild {name}") from error
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if not isinstance(found, type) or not dataclasses.is_dataclass(found):
        raise SerialisationError(f"{name} is no longer a dataclass of Assure")
    return found
