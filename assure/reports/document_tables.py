"""Tables of the exception report and the board pack: a caption, a heading row and lines of
cells, each line with the address of what lies behind it; and how Word writes one (heading
row repeated on every page, RAG cells shaded)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from assure.reports.grid import GridCell

FILLS = {"red": "F4CDC6", "amber": "FFDFBF", "green": "CCE2D8", "bright-green": "CCE2D8"}


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


def _shade(cell, colour: str) -> None:  # type: ignore[no-untyped-def]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), FILLS[colour])
    cell._tc.get_or_add_tcPr().append(shading)


def word_table(document, table: Table, size: float = 8.5) -> None:  # type: ignore[no-untyped-def]
    document.add_heading(table.caption, level=3)
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(marker)
    for line in table.lines:
        for cell, value in zip(grid.add_row().cells, line.cells, strict=True):
            cell.text = value.text
            if value.colour in FILLS:
                _shade(cell, value.colour)
    if not table.lines:
        grid.add_row().cells[0].text = table.empty
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
