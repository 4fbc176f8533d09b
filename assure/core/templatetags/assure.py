"""Template tags: RAG tags, periods, and the service navigation."""

from __future__ import annotations

import ast
import datetime as dt
import functools
import re

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from assure.core.models import RagLevel
from assure.core.periods import Period

register = template.Library()

TAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "bright-green": "govuk-tag--turquoise",
}


@register.simple_tag
def rag(level: RagLevel | None, empty: str = "No update") -> str:
    if not isinstance(level, RagLevel):
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', empty)
    css = TAG_CLASSES.get(level.colour, "govuk-tag--grey")
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, level.label)


STATE_CLASSES = {
    "done": "govuk-tag--green",
    "complete": "govuk-tag--green",
    "awaiting review": "govuk-tag--blue",
    "sent back": "govuk-tag--purple",
    "due": "govuk-tag--yellow",
    "overdue": "govuk-tag--red",
    "not requested": "govuk-tag--grey",
}


@register.simple_tag
def state(name: str) -> str:
    label = {"done": "Updated"}.get(name, name.capitalize())
    css = STATE_CLASSES.get(name, "govuk-tag--grey")
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label)


@register.filter
@functools.lru_cache(maxsize=512)
def period_label(code: str) -> str:
    try:
        return Period.parse(code).short_label
    except ValueError:
        return code


@register.simple_tag
def nav_item(request: HttpRequest, name: str, label: str, section: str = "") -> str:
    """A service navigation item, shown as current on its page and the pages under it, or
    under `section` (a path below the partnership's, e.g. "reports/") when that is given."""
    slug = request.partnership.slug  # type: ignore[attr-defined]
    url = reverse(name, args=[slug])
    within = reverse("partnership", args=[slug]) + section if section else url
    active = request.path.startswith(within)
    css = " govuk-service-navigation__item--active" if active else ""
    current = ' aria-current="page"' if request.path == url else ""
    return format_html(
        '<li class="govuk-service-navigation__item{}"><a class="govuk-service-navigation__link" '
        'href="{}"{}>{}</a></li>',
        css,
        url,
        mark_safe(current),  # noqa: S308 (one of two fixed strings)
        label,
    )


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key)


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@register.filter
def recorded_value(value: object) -> str:
    """A value kept in the record of changes, as a person reads it: dates and times in words,
    lists and mappings as lines of text, never Python's own notation."""
    if value is None or value == "" or value == [] or value == {}:
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {recorded_value(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(recorded_value(item) for item in value)
    text = str(value)
    if text.startswith("{") and text.endswith("}"):  # a record kept as text by an older version
        try:
            return recorded_value(ast.literal_eval(text))
        except (ValueError, SyntaxError):
            return text
    if ISO_DAY.match(text):
        return f"{dt.date.fromisoformat(text):%-d %b %Y}"
    if ISO_MOMENT.match(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{moment:%-d %b %Y at %H:%M}"
    return text
