"""What the highlight report says of each measure besides its figures.

* Its **signal**: the Making Data Count variation and assurance icons, with their words, read
  by the performance dashboard's one rule (`assure.performance.control.control`) from the
  measure's series as it stood at the end of the reporting month (a May 2021 report does not
  read figures entered for later months).
* Its **latest months**: a measure with no monthly figure in the last three months of the
  report's window (004's workforce measures, last held for September 2020) is also shown in
  a table of the months to its own latest figure, labelled so, as 004 prints them; in the
  report's table its months are blanks, its year to date and targets those of the year.
* Where the figure is **also computed** from the exploitation register (`exploitation.
  reported`): the register's count beside the reported one, in the table's notes.
* **Where its figures come from** (`Observation.source`: entered by a person, loaded from a
  file, computed): one note a table, naming the months of a measure whose figures in the
  table came from more than one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from analytics import periods
from analytics.periods import month_start
from assure.core.models import Partnership
from assure.exploitation import reported
from assure.performance.control import Icon, control
from assure.performance.models import Observation
from assure.performance.queries import IndicatorData
from assure.performance.tables import MONTHS_SHOWN, PerformanceTable, build_table
from assure.performance.templatetags.performance import mdc_icon

RECENT_MONTHS = 3  # a measure with no figure in the window's last three months is behind
NO_ASSURANCE = "No assurance icon: no target with a direction for the year"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" '


@dataclass
class IconPicture:
    """An icon as a drawing in a cell (the `Chart` protocol): its SVG and its words."""

    svg: str
    text: str


@dataclass(frozen=True)
class Signal:
    variation: Icon | None
    assurance: Icon | None
    problem: str  # why there is no variation icon (too few figures)

    @property
    def variation_words(self) -> str:
        if self.variation is not None:
            return self.variation.label
        return f"No variation icon: {self.problem[:1].lower()}{self.problem[1:]}"

    @property
    def assurance_words(self) -> str:
        if self.assurance is not None:
            return self.assurance.label
        return NO_ASSURANCE if self.variation is not None else "No assurance icon"

    def picture(self, icon: Icon | None) -> IconPicture | None:
        if icon is None:
            return None
        # Its words are printed beside it: a screen reader hears them once, not twice.
        svg = str(mdc_icon(icon, False)).replace("<svg ", SVG, 1)
        svg = svg.replace('role="img"', 'aria-hidden="true"', 1)
        return IconPicture(svg, icon.label)


def as_at(data: IndicatorData, month: dt.date) -> IndicatorData:
    """The measure as it stood at the end of `month`: its figures to then, nothing later."""
    end = periods.month_end(month)
    held = {p: o for p, o in data.observations.items() if p.end <= end}
    return IndicatorData(data.indicator, held, data.targets, data.benchmarks)


def signal(data: IndicatorData, month: dt.date) -> Signal:
    reading = control(as_at(data, month))
    return Signal(reading.variation, reading.assurance, reading.problem)


def _latest_month(data: IndicatorData, through: dt.date) -> dt.date | None:
    held = [
        p.end
        for p, o in data.observations.items()
        if p.span == periods.MONTH and o.value is not None and p.end <= through
    ]
    return max(held, default=None)


def latest_months(table: PerformanceTable) -> list[PerformanceTable]:
    """For the table's measures that are behind, grouped by the month they were last held
    to, a table of the months to it, its heading saying so. The report's own table keeps
    them too: their year to date, targets, trend and benchmarks are of the report's year."""
    recent = periods.month_end(table.through, 1 - RECENT_MONTHS)
    behind: dict[dt.date, list[IndicatorData]] = {}
    for row in table.rows:
        latest = _latest_month(row.data, table.through)
        if latest is not None and latest < recent:
            behind.setdefault(latest, []).append(row.data)
    heading = table.heading or "Performance"
    return [
        build_table(rows, latest, f"{heading}: the latest months held, to {latest:%B %Y}")
        for latest, rows in sorted(behind.items())
    ]


def register_notes(partnership: Partnership, month: dt.date) -> dict[int, str]:
    """By indicator id, for each measure also computed from the exploitation register, what
    the register counts where it differs from the reported figure in the report's window."""
    months = [month_start(end) for end in periods.last_months(month, MONTHS_SHOWN)]
    notes = {}
    for comparison in reported.compare(partnership, months):
        listed = comparison.listed()
        notes[comparison.indicator.pk] = (
            f"{comparison.indicator.reference}: {listed}" if listed else ""
        )
    return notes


def register_note(table: PerformanceTable, notes: dict[int, str]) -> tuple[str, str] | None:
    """The table's one note on its measures the register also counts: which figure the
    report prints, and the register's count where the two differ."""
    rows = [row for row in table.rows if row.indicator.pk in notes]
    if not rows:
        return None
    differing = [notes[row.indicator.pk] for row in rows if notes[row.indicator.pk]]
    said = "; ".join(differing)
    tail = (
        f" Where they differ, the exploitation register counts {said}."
        if said
        else " The exploitation register agrees in every month shown."
    )
    references = ", ".join(row.indicator.reference for row in rows)
    return references, reported.REPORT_USES + tail


SOURCES_LABEL = "Where the figures come from"


def sources_note(table: PerformanceTable) -> tuple[str, str] | None:
    """How the figures in the table's window were recorded, measure by measure: each measure
    under the way most of its figures came, and under another way with the months that came
    so ("computed: 1.4 (Jun 21)"); nothing for a table with no figure."""
    start = periods.year_start(table.baseline_year)
    groups: dict[str, list[str]] = defaultdict(list)
    for row in table.rows:
        held = [
            (period, o.source)
            for period, o in sorted(row.data.observations.items(), key=lambda kv: kv[0].end)
            if o.value is not None and start <= period.end <= table.through
        ]
        if not held:
            continue
        counts = Counter(source for _, source in held)
        usual = counts.most_common(1)[0][0]
        reference = row.indicator.reference
        groups[usual].append(reference)
        for source in counts:
            if source != usual:
                months = ", ".join(p.label for p, found in held if found == source)
                groups[source].append(f"{reference} ({months})")
    if not groups:
        return None
    said = "; ".join(
        f"{Observation.Source(source).label.lower()}: {', '.join(references)}"
        for source, references in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    )
    return SOURCES_LABEL, f"{said[:1].upper()}{said[1:]}."
