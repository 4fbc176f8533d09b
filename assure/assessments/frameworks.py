"""Frameworks of standards as data: the shipped Section 11 and section 175/157 frameworks
(`frameworks/*.yaml`) installed into a partnership, copied for the next round and edited.

A framework a round has been sent with is kept as sent, so its returns keep the standards
they rated: a partnership edits a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from assure.assessments.models import Area, Framework, Level, Outcome, Standard
from assure.core import audit
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Partnership

SHIPPED = Path(__file__).parent / "frameworks"
KINDS: dict[str, str] = {
    Framework.Kind.SECTION_11: "section11.yaml",
    Framework.Kind.SECTION_175: "section175.yaml",
}


def shipped(kind: str) -> dict[str, Any]:
    """The framework Assure ships for `kind`, as its YAML says it."""
    if kind not in KINDS:
        raise DomainError(f"Assure ships no framework of kind '{kind}'.", field="kind")
    return yaml.safe_load((SHIPPED / KINDS[kind]).read_text(encoding="utf-8"))


def _check_name(partnership: Partnership, name: str, framework: Framework | None = None) -> None:
    if not name.strip():
        raise DomainError("Enter the framework's name.", field="name")
    clash = Framework.objects.filter(partnership=partnership, name__iexact=name.strip())
    if framework is not None:
        clash = clash.exclude(pk=framework.pk)
    if clash.exists():
        raise DomainError(f"There is already a framework called {name}.", field="name")


def _record(actor: Any, framework: Framework, summary: str) -> None:
    audit.record(
        actor=actor,
        partnership=framework.partnership,
        verb=ChangeRecord.Verb.CREATED,
        obj=framework,
        summary=summary,
    )


@transaction.atomic
def install_framework(actor: Any, partnership: Partnership, kind: str, name: str = "") -> Framework:
    """Add the shipped framework of `kind` to the partnership (under `name` if given)."""
    spec = shipped(kind)
    name = name or spec["name"]
    _check_name(partnership, name)
    framework = Framework.objects.create(
        partnership=partnership, name=name, kind=kind, description=spec.get("description", "")
    )
    for position, level in enumerate(spec["scale"]):
        Level.objects.create(
            framework=framework,
            label=level["label"],
            meaning=level.get("meaning", ""),
            outcome=Outcome(level["outcome"]),
            colour=level.get("colour") or "",
            position=position,
        )
    for a, area_spec in enumerate(spec["areas"]):
        area = Area.objects.create(
            framework=framework, number=area_spec["number"], title=area_spec["title"], position=a
        )
        for s, item in enumerate(area_spec["standards"]):
            Standard.objects.create(
                area=area,
                number=item["number"],
                title=item["title"],
                guidance=item.get("guidance", ""),
                evidence_expected=item.get("evidence", ""),
                position=s,
            )
    _record(actor, framework, f"Installed the framework {name}")
    return framework


@transaction.atomic
def copy_framework(actor: Any, framework: Framework, name: str) -> Framework:
    """A copy of the framework, its scale, areas and standards, to edit for the next round."""
    _check_name(framework.partnership, name)
    copy = Framework.objects.create(
        partnership=framework.partnership,
        name=name.strip(),
        kind=framework.kind,
        description=framework.description,
        copied_from=framework,
    )
    for level in framework.levels.all():
        level.pk, level.framework = None, copy
        level.save()
    for area in framework.areas.prefetch_related("standards"):
        standards = list(area.standards.all())
        area.pk, area.framework = None, copy
        area.save()
        for standard in standards:
            standard.pk, standard.area = None, area
            standard.save()
    _record(actor, copy, f"Copied the framework {framework} as {copy}")
    return copy


def _check_editable(framework: Framework) -> None:
    if framework.in_use:
        raise DomainError(
            f"{framework} has been sent in a round, so it is kept as sent: copy it and edit "
            "the copy for the next round."
        )


@transaction.atomic
def edit_framework(actor: Any, framework: Framework, **fields: Any) -> Framework:
    _check_name(framework.partnership, fields.get("name", ""), framework)
    return audit.save_recorded(
        actor, framework.partnership, framework, fields, f"framework {fields['name']}"
    )


@transaction.atomic
def save_area(actor: Any, framework: Framework, area: Area | None, **fields: Any) -> Area:
    _check_editable(framework)
    if area is not None and area.framework_id != framework.pk:
        raise DomainError("Choose an area of this framework.")
    area = area or Area(framework=framework, position=framework.areas.count())
    return audit.save_recorded(
        actor, framework.partnership, area, fields, f"area {fields['number']} of {framework}"
    )


@transaction.atomic
def save_standard(
    actor: Any, framework: Framework, standard: Standard | None, **fields: Any
) -> Standard:
    """Add or change a standard; its number is unique in the framework (rounds compare by it)."""
    _check_editable(framework)
    area = fields.get("area")
    if area is None or area.framework_id != framework.pk:
        raise DomainError("Choose an area of this framework.", field="area")
    clash = framework.standards().filter(number=fields.get("number", "").strip())
    if standard is not None:
        clash = clash.exclude(pk=standard.pk)
    if clash.exists():
        raise DomainError(f"The framework already has a standard {fields['number']}.", "number")
    standard = standard or Standard(area=area, position=area.standards.count())
    return audit.save_recorded(
        actor, framework.partnership, standard, fields, f"standard {fields['number']}"
    )


@transaction.atomic
def remove_standard(actor: Any, framework: Framework, standard: Standard) -> None:
    _check_editable(framework)
    if standard.area.framework_id != framework.pk:
        raise DomainError("Choose a standard of this framework.")
    audit.record(
        actor=actor,
        partnership=framework.partnership,
        verb=ChangeRecord.Verb.DELETED,
        obj=standard,
        summary=f"Removed standard {standard.number} from {framework}",
    )
    standard.delete()
