"""Target bands, read with the indicator's polarity, and the RAG rating each value earns.

A target for a financial year is a band of two numbers as a report prints them, "Min" and
"Upper" (004: "Min 90% Upper 100%"). Which end is which depends on the polarity:

* the **threshold** is the end on the worse side: the minimum standard to reach;
* the **stretch** is the end on the better side: what good looks like.

For a higher-is-better measure the threshold is the lower number ("Min 90% Upper 100%": at
least 90%, stretch 100%); for a lower-is-better measure it is the higher number (vacancies,
"Min 20% Upper 25%": at most 25%, stretch 20%). So a band printed the other way round
("Min 35% Upper 28%" for agency staff) reads the same.

The rating of a value:

* **green**: meets or beats the stretch;
* **amber**: inside the band: meets the threshold but not the stretch;
* **red**: misses the threshold.

A value exactly on an end meets it. A band with one number (or two equal ones) gives green or
red only. There is no rating for a missing value, a measure with no direction, or a band with no
numbers (a target "to be confirmed").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from analytics.vocabulary import Polarity

GREEN, AMBER, RED = "green", "amber", "red"
RATINGS = (RED, AMBER, GREEN)
HIGHER, LOWER = Polarity.HIGHER, Polarity.LOWER


@dataclass(frozen=True)
class Band:
    minimum: Decimal | None  # "Min" as printed
    upper: Decimal | None  # "Upper" as printed

    @property
    def is_set(self) -> bool:
        return self.minimum is not None or self.upper is not None

    def edges(self, polarity: str) -> tuple[Decimal | None, Decimal | None]:
        """(threshold, stretch) read with the polarity; (None, None) with no direction."""
        ends = sorted(end for end in (self.minimum, self.upper) if end is not None)
        if polarity not in (HIGHER, LOWER) or not ends:
            return None, None
        worse, better = (ends[0], ends[-1]) if polarity == HIGHER else (ends[-1], ends[0])
        return worse, (better if better != worse else None)


def _meets(value: Decimal, edge: Decimal, polarity: str) -> bool:
    return value >= edge if polarity == HIGHER else value <= edge


def rate(value: Decimal | None, band: Band | None, polarity: str) -> str | None:
    """green, amber, red or None (see the module docstring)."""
    if value is None or band is None:
        return None
    threshold, stretch = band.edges(polarity)
    if threshold is None:
        return None
    if not _meets(value, threshold, polarity):
        return RED
    if stretch is None or _meets(value, stretch, polarity):
        return GREEN
    return AMBER


def describe(band: Band | None, polarity: str, show: Callable[[Decimal], str] = str) -> str:
    """'At least 90%, stretch 100%'; `show` writes a number in the indicator's unit."""
    if band is None or not band.is_set:
        return ""
    threshold, stretch = band.edges(polarity)
    if threshold is None:
        named = (("Min", band.minimum), ("Upper", band.upper))
        return ", ".join(f"{name} {show(end)}" for name, end in named if end is not None)
    word = "At least" if polarity == HIGHER else "At most"
    text = f"{word} {show(threshold)}"
    return f"{text}, stretch {show(stretch)}" if stretch is not None else text


def assurance_target(band: Band | None, polarity: str) -> Decimal | None:
    """The number the SPC assurance icon tests the process limits against: the threshold,
    because a process that cannot reliably meet the minimum standard is the one to flag."""
    if band is None:
        return None
    return band.edges(polarity)[0]
