"""The one model of a table every document of Assure prints: the highlight report's grids,
the exception report's and the board pack's lists, the annual report's tables of counts,
and the register and tracker exports. A table is a caption, a heading row and rows of
cells; a cell is its text, with what it may carry besides: a rating colour (and its word,
shown beside it), a figure (a number in Excel, set to the right), a link, a chart, an
icon before its words.
The renderers (word.py, excel.py, pdf.py, and the print templates) are written once over it,
so every report shows the same columns in the same order in every format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

SUPPRESSED = "c"  # a count too small to publish, as the public annual report prints it


class Chart(Protocol):
    """A drawing in a cell: its SVG (HTML and PDF) and its words (alternative text)."""

    svg: str
    text: str


@dataclass
class Cell:
    text: str
    colour: str | None = None  # a RAG colour (red, amber, green, bright-green) or risk band
    value: float | None = None  # the figure, for a spreadsheet cell
    href: str = ""  # what lies behind it, linked in HTML, PDF and Excel
    said: str = ""  # the word of its colour: shown beside it (a grey print loses colour)
    chart: Chart | None = None  # SVG in HTML and PDF, PNG in Word and Excel
    numeric: bool = False  # a figure written as text ("12", "c"), set to the right
    icon: Chart | None = None  # a small drawing before its words (an SPC icon): never alone

    @property
    def figure(self) -> bool:
        return self.numeric or self.value is not None

    @property
    def suppressed(self) -> bool:
        return self.text == SUPPRESSED


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    kind: str = ""  # commitments, risks, guidance, performance, actions: sets column widths
    row_header: int | None = None  # the column that names each row
    empty: str = "None recorded."  # what the table says when it has no rows
    notes: list[str] = field(default_factory=list)
    widths_cm: list[float] = field(default_factory=list)  # each column's, where stated
    last_below: bool = False  # the last column (a narrative) runs on a row of its own below

    @property
    def numeric(self) -> frozenset[int]:
        """The columns holding figures, whose headings are set to the right too."""
        return frozenset(i for row in self.rows for i, cell in enumerate(row) if cell.figure)

    def column(self, heading: str) -> list[str]:
        index = self.header.index(heading)
        return [row[index].text for row in self.rows]


def figure(number: int | float | None) -> Cell:
    """A count or score as a cell: its text, and the number a spreadsheet keeps."""
    if number is None:
        return Cell("", numeric=True)
    return Cell(f"{number:,}" if isinstance(number, int) else str(number), value=number)


def line(cells: list[Cell], href: str) -> list[Cell]:
    """A row whose first cell links to what lies behind it (a list's entry, say)."""
    if cells and href:
        cells[0].href = href
    return cells
