"""Template tags of the performance pages: RAG table cells, RAG tags, the direction of
change, and the Making Data Count icons. Each says in words what its colour or shape shows."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from assure.performance import targets, units
from assure.performance.control import Icon
from assure.performance.models import Indicator, Target
from assure.performance.tables import Cell

register = template.Library()

RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}
# Fixed markup with nothing from the data in it.
PROVISIONAL = mark_safe('<abbr class="assure-figure-mark" title="provisional">p</abbr>')  # noqa: S308
CALCULATED = mark_safe(  # noqa: S308
    '<abbr class="assure-figure-mark" title="worked out from the months">c</abbr>'
)
NOT_APPLICABLE = mark_safe('<span class="assure-meta">n/a</span>')  # noqa: S308
ARROWS = {"up": ("↑", "up"), "down": ("↓", "down"), "same": ("↔", "no change")}


@register.simple_tag
def figure_cell(cell: Cell, header: str = "") -> SafeString:
    """A numeric table cell coloured by its RAG rating, with the rating and any note in text.
    Built with escape() rather than format_html: a table page holds a thousand of these."""
    classes = "govuk-table__cell govuk-table__cell--numeric"
    extras = ""
    if cell.rating:
        classes += f" assure-rag assure-rag--{escape(cell.rating)}"
        extras = f'<span class="assure-said"> ({escape(cell.rating)})</span>'  # seen, as heard
    if cell.provisional:
        extras += PROVISIONAL
    if cell.calculated:
        extras += CALCULATED
    body = "n/a" if cell.value is None and cell.note else cell.text
    title = f' title="{escape(cell.note)}"' if cell.note else ""
    return mark_safe(f'<td class="{classes}"{title}>{escape(body)}{extras}</td>')  # noqa: S308


@register.simple_tag
def rag_tag(rating: str | None, empty: str = "No rating") -> SafeString:
    if not rating:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', empty)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', RAG_TAGS[rating], rating.capitalize()
    )


@register.simple_tag
def direction(move: str | None, judgement: str | None = None) -> SafeString:
    if move not in ARROWS:
        return NOT_APPLICABLE
    arrow, words = ARROWS[move]
    said = f"{words}, {judgement}" if judgement else words
    return format_html(
        '<span aria-hidden="true">{}</span><span class="govuk-visually-hidden">{}</span>',
        arrow,
        said,
    )


def _glyph(icon: Icon) -> SafeString:
    if icon.glyph in ("flat", "high", "low"):
        points = {"flat": "9,20 14,20 19,20 24,20 29,20", "high": "9,25 15,22 21,19 27,13"}
        points["low"] = "9,13 15,16 21,19 27,25"
        letter = {"high": "H", "low": "L"}.get(icon.glyph, "")
        line = format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
            points[icon.glyph],
            icon.colour,
        )
        if not letter:
            return line
        return format_html(
            '{}<text x="19" y="12" text-anchor="middle" font-size="9" font-weight="700" '
            'font-family="Arial, sans-serif" fill="{}">{}</text>',
            line,
            icon.colour,
            letter,
        )
    return format_html(
        '<text x="19" y="25" text-anchor="middle" font-size="15" font-weight="700" '
        'font-family="Arial, sans-serif" fill="{}">{}</text>',
        icon.colour,
        icon.glyph,
    )


@register.simple_tag
def mdc_icon(icon: Icon | None, labelled: bool = True) -> SafeString:
    """The icon as an inline SVG; with `labelled`, its meaning in words beside it."""
    if icon is None:
        return format_html('<span class="assure-meta">{}</span>', "None")
    svg = format_html(
        '<svg class="assure-mdc-icon" width="38" height="38" viewBox="0 0 38 38" role="img" '
        'aria-label="{}" focusable="false"><title>{}</title>'
        '<circle cx="19" cy="19" r="16" fill="#ffffff" stroke="{}" stroke-width="3"/>{}</svg>',
        icon.label,
        icon.label,
        icon.colour,
        _glyph(icon),
    )
    if not labelled:
        return svg
    return format_html(
        '<span class="assure-mdc">{}<span class="assure-mdc__label">{}</span></span>',
        svg,
        icon.label,
    )


@register.filter
def measure(value: object, indicator: Indicator) -> str:
    """A worked-out number (a mean, a limit) in the indicator's unit and places: '9.6%'."""
    return units.format_value(value, indicator.unit, indicator.decimals)  # type: ignore[arg-type]


@register.filter
def figure(value: object, indicator: Indicator) -> str:
    """A recorded figure, with the places it was recorded with (see units.format_figure)."""
    return units.format_figure(value, indicator.unit, indicator.decimals)  # type: ignore[arg-type]


@register.filter
def plain(value: object, indicator: Indicator) -> str:
    """A band edge or benchmark as given, in the indicator's unit: '77.6%'."""
    return units.format_plain(value, indicator.unit)  # type: ignore[arg-type]


@register.simple_tag
def band_reading(target: Target) -> str:
    """'At least 90%, stretch 100%': the band read with the indicator's polarity."""
    indicator = target.indicator
    reading = targets.describe(
        target.band, indicator.polarity, lambda v: units.format_plain(v, indicator.unit)
    )
    return reading or "No band"
