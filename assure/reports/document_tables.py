"""Tables of the exception report and the board pack: a caption, a heading row and lines of
cells, each line with the address of what lies behind it; and how Word writes one (heading
row repeated on every page, RAG cells shaded)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Pt

from assure.reports.grid import GridCell
from assure.reports.word import FILLS, repeat_heading, shade


@dataclass
class Line:
    cells: list[GridCell]
    href: str


@dataclass
class Table:
    caption: str
    header: list[str]
    lines: list[Line]
    empty: str  # what the table says when nothing is found
    numeric: frozenset[int] = frozenset()  # columns of figures, set right-aligned


def word_table(document, table: Table, size: float = 8.5) -> None:
    document.add_heading(table.caption, level=3)
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    repeat_heading(grid.rows[0])
    for line in table.lines:
        for cell, value in zip(grid.add_row().cells, line.cells, strict=True):
            cell.text = value.text
            if value.colour in FILLS:
                shade(cell, value.colour)
    if not table.lines:
        grid.add_row().cells[0].text = table.empty
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
