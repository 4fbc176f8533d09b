"""Units of measure: how a figure is read from text, checked against its numerator and
denominator, derived from them, and written in a table.

A cell that says there is no figure ("n/a", "N/A", "-", "not available for March", "No
adoptions this month so n/a") is read as a missing value with that text as its note: a
missing figure is never a zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from analytics.vocabulary import SCALE, Unit

ZERO = Decimal(0)
STORED = Decimal("0.0001")  # the places a figure is kept to


@dataclass(frozen=True)
class Rules:
    """What a figure in a unit (`vocabulary.Unit`) may be, and how it is written."""

    key: str
    label: str  # in a sentence: "A percentage cannot be above 100"
    whole: bool
    lowest: Decimal | None
    highest: Decimal | None
    suffix: str = ""

    @property
    def scale(self) -> Decimal | None:
        """value = numerator / denominator x scale; None for a plain count."""
        scale = SCALE.get(self.key)
        return None if scale is None else Decimal(scale)


UNITS: dict[str, Rules] = {
    Unit.PERCENT: Rules(Unit.PERCENT, "percentage", False, ZERO, Decimal(100), "%"),
    Unit.COUNT: Rules(Unit.COUNT, "count", True, ZERO, None),
    Unit.RATE: Rules(Unit.RATE, "rate per 10,000", False, ZERO, None),
    # Means: total days (or weeks, or scores) over the number of cases.
    Unit.DAYS: Rules(Unit.DAYS, "number of days", False, ZERO, None),
    Unit.WEEKS: Rules(Unit.WEEKS, "number of weeks", False, ZERO, None),
    Unit.SCORE: Rules(Unit.SCORE, "audit score", False, Decimal(1), Decimal(4)),
    # On a scale of 1 to 5, a change lies between -4 and +4; its numerator (the changes added
    # up) may be below nought too.
    Unit.CHANGE: Rules(Unit.CHANGE, "change on a rating scale", False, Decimal(-4), Decimal(4)),
}
# The units an indicator of the framework may be in (its field's choices).
CHOICES = [(key, Unit(key).label) for key in UNITS]

_NO_FIGURE = re.compile(r"(^-+$|^–$|\bn/?a\b|not available|no data|not applicable)", re.IGNORECASE)


class ValueProblem(ValueError):
    """A figure breaks a rule of its unit; `field` is value, numerator or denominator."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def read_number(text: object) -> tuple[Decimal | None, str]:
    """(number, '') for a figure, (None, text) for a cell saying there is none, (None, '') for
    an empty cell. ValueError for anything else. '84%' and '1,234' are read as 84 and 1234."""
    if text is None:
        return None, ""
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return Decimal(str(text)), ""
    cleaned = str(text).strip()
    if not cleaned:
        return None, ""
    try:
        number = Decimal(cleaned.rstrip("%").replace(",", "").strip())
    except InvalidOperation:
        if _NO_FIGURE.search(cleaned):
            return None, cleaned
        raise ValueError(f"'{cleaned}' is not a number") from None
    if not number.is_finite():
        raise ValueError(f"'{cleaned}' is not a number")
    return number, ""


def derive(unit_key: str, numerator: Decimal, denominator: Decimal) -> Decimal:
    scale = UNITS[unit_key].scale or Decimal(1)
    return numerator / denominator * scale


def _tolerance(value: Decimal) -> Decimal:
    """Half a unit of the last digit the value was written with: 13 matches 12.5."""
    exponent = value.as_tuple().exponent
    places = exponent if isinstance(exponent, int) else 0
    return Decimal(5).scaleb(places - 1) + Decimal("1e-9")


def check(
    unit_key: str, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
) -> Decimal | None:
    """The value to store: as given, or derived from the numerator and denominator.

    Raises ValueProblem when the figures break a rule of the unit or disagree with each other.
    """
    unit = UNITS[unit_key]
    _check_parts(unit, numerator, denominator)
    if numerator is not None and denominator is not None:
        derived = derive(unit_key, numerator, denominator)
        if value is None:
            value = derived.quantize(STORED)
        elif abs(value - derived) > _tolerance(value):
            shown = format_value(derived, unit_key, 2)
            raise ValueProblem(
                "value",
                f"{value} does not match {numerator} out of {denominator}, which is {shown}",
            )
    if value is not None:
        _check_range(unit, value)
    return value


def _check_parts(unit: Rules, numerator: Decimal | None, denominator: Decimal | None) -> None:
    if unit.scale is None and (numerator is not None or denominator is not None):
        raise ValueProblem(
            "numerator" if numerator is not None else "denominator",
            "A count has no numerator or denominator: give the count as the value",
        )
    if (numerator is None) != (denominator is None):
        missing = "denominator" if denominator is None else "numerator"
        raise ValueProblem(missing, "Give both the numerator and the denominator, or neither")
    if numerator is None or denominator is None:
        return
    if numerator < 0 and (unit.lowest is None or unit.lowest >= 0):
        raise ValueProblem("numerator", "The numerator cannot be negative")
    if denominator <= 0:
        raise ValueProblem("denominator", "The denominator must be more than 0")
    if unit.key == Unit.PERCENT and numerator > denominator:
        raise ValueProblem("numerator", "The numerator cannot be more than the denominator")


def _check_range(unit: Rules, value: Decimal) -> None:
    if unit.whole and value != value.to_integral_value():
        raise ValueProblem("value", f"A {unit.label} is a whole number, not {value}")
    if unit.lowest is not None and value < unit.lowest:
        raise ValueProblem("value", f"A {unit.label} cannot be below {unit.lowest}, not {value}")
    if unit.highest is not None and value > unit.highest:
        raise ValueProblem("value", f"A {unit.label} cannot be above {unit.highest}, not {value}")


def rounded(value: Decimal, decimals: int) -> Decimal:
    """Rounded half up, as a printed report rounds (12.5 to 13)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_value(value: Decimal | float | None, unit_key: str, decimals: int) -> str:
    """'9.6%', '1,234', '2.4'; an empty string for no value."""
    if value is None:
        return ""
    number = rounded(Decimal(str(value)), decimals)
    return f"{number:,}{UNITS[unit_key].suffix}"


def format_figure(
    value: Decimal | float | None, unit_key: str, decimals: int, extra: int = 1
) -> str:
    """At least `decimals` places, and up to `extra` more when the figure was recorded with
    them: a baseline printed as 51.3% in a table of whole percentages stays 51.3%."""
    if value is None:
        return ""
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_value(value, unit_key, min(max(decimals, own), decimals + extra))


def format_plain(value: Decimal | float | None, unit_key: str) -> str:
    """A benchmark or band edge as given, without trailing zeros: '77.6%', '14.8%', '90%'."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,f}{UNITS[unit_key].suffix}"
