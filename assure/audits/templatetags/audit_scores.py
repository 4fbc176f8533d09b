"""Template tags for audit scores: an average shown to one decimal place with its band, and a
grade as a tag. Colour is never the only signal: the figure or the grade's name is printed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from assure.audits.models import ScaleLevel

register = template.Library()

# 004 reads a lower score as better: at or under 2 meets good on average.
BANDS = ((Decimal("2.0"), "good"), (Decimal("2.5"), "mixed"))


def band(value: Decimal | None) -> str:
    if value is None:
        return "none"
    for edge, name in BANDS:
        if value <= edge:
            return name
    return "poor"


@register.simple_tag
def score_cell(value: Decimal | None, graded: int | None = None) -> str:
    """A table cell with an average: '2.4', shaded by band; N/A where nothing was graded."""
    if value is None:
        return mark_safe(  # noqa: S308 (a fixed string)
            '<td class="govuk-table__cell govuk-table__cell--numeric assure-score--none">N/A</td>'
        )
    title = f" ({graded} graded)" if graded is not None else ""
    shown = rounded(value)  # the band of the figure printed, so 2.5 is never shaded as over 2.5
    return format_html(
        '<td class="govuk-table__cell govuk-table__cell--numeric assure-score--{}">{}'
        '<span class="govuk-visually-hidden">{}</span></td>',
        band(shown),
        shown,
        title,
    )


def rounded(value: Decimal) -> Decimal:
    """To one decimal place, half up, as a printed report rounds (2.45 to 2.5)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


GRADE_CLASSES = {1: "govuk-tag--green", 2: "govuk-tag--turquoise", 3: "govuk-tag--red"}


@register.simple_tag
def grade(level: ScaleLevel | None, empty: str = "Not graded") -> str:
    if not isinstance(level, ScaleLevel):
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', empty)
    css = GRADE_CLASSES.get(level.score, "govuk-tag--grey") if level.counts else "govuk-tag--grey"
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, str(level))


@register.filter
def one_place(value: Decimal | None) -> str:
    return "N/A" if value is None else str(rounded(value))


@register.simple_tag
def may_audit(membership: object) -> bool:
    """Whether the member runs audits (the sub-navigation shows them the case-level pages)."""
    from assure.audits.access import AUDITORS

    return getattr(membership, "role", None) in AUDITORS
