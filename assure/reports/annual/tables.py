"""The parts the annual report is made of (sections, tables, cells as printed) and the one
place its tables of counts of children are built, so the public version suppresses them all
the same way (`analytics.suppression`). A table in the public version holds only what may
be published: a suppressed count is the text "c", never the number with a flag."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from analytics import suppression
from assure.documents.model import Cell, Table

Key = tuple[Any, Any]  # (row, column): a table's rows and columns are any hashable labels


@dataclass
class Section:
    heading: str
    anchor: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def walk(self) -> Iterable[Section]:
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass(frozen=True)
class Derived:
    """A column worked out from the counts of its row, e.g. a percentage: `figure(row)` is
    (the text, or None for nothing to work out; the keys of the counts it comes from)."""

    heading: str
    figure: Callable[[Hashable], tuple[str | None, Sequence[Key]]]


def percent(part: int | None, whole: int | None) -> str | None:
    if part is None or not whole:
        return None
    return f"{round(100 * part / whole)}%"


@dataclass
class CountTable:
    """Counts of children keyed (row, column), with the groups that add up (totals last)."""

    caption: str
    rows: Sequence[Any]
    columns: Sequence[Any]
    counts: Mapping[Key, int | None]
    groups: Sequence[Sequence[Key]] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)  # headings of the text columns
    row_text: Mapping[Any, list[str]] = field(default_factory=dict)
    derived: list[Derived] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    also: set[Key] = field(default_factory=set)  # hidden because another table hides them

    def hidden(self, public: bool) -> frozenset[Key]:
        if not public:
            return frozenset()
        return suppression.suppress(self.counts, self.groups, self.also)

    def table(self, public: bool) -> Table:
        hidden = self.hidden(public)
        columns = [str(column) for column in self.columns]
        header = [*(self.heads or [""]), *columns, *(d.heading for d in self.derived)]
        rows = []
        for row in self.rows:
            cells = [Cell(text) for text in self.row_text.get(row, [str(row)])]
            for column in self.columns:
                key = (row, column)
                cells.append(
                    Cell(suppression.show_count(self.counts.get(key), key in hidden), numeric=True)
                )
            for derived in self.derived:
                text, sources = derived.figure(row)
                cells.append(Cell(suppression.show_derived(text, sources, hidden), numeric=True))
            rows.append(cells)
        return Table(self.caption, header, rows, notes=list(self.notes))


def crossed(
    caption: str,
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    counts: Mapping[Key, int | None],
) -> CountTable:
    """A table whose last row and last column are totals: every row and column adds up."""
    return CountTable(caption, rows, columns, counts, suppression.crossed_groups(rows, columns))


def in_date_share(table: CountTable, part: str, whole: str, heading: str) -> Derived:
    """The percentage `part` is of `whole` in each row; it would give away every count of
    the row, so it comes from all of them."""

    def figure(row: Hashable) -> tuple[str | None, Sequence[Key]]:
        counts = table.counts
        return percent(counts.get((row, part)), counts.get((row, whole))), [
            (row, column) for column in table.columns
        ]

    return Derived(heading, figure)
