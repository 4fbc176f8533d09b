"""A titled table a committee clerk pastes into a board pack, as Word (.docx) and Excel (.xlsx).

Registers and trackers build one `PackTable`; both renderers read it, so the Word and the
Excel versions always hold the same rows in the same order.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assure.core import spreadsheets

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Fill colours for cells a renderer may shade: the band names of the risk heat map.
SHADES = {"low": "CCE2D8", "medium": "FFF7BF", "high": "FCD6C3", "very-high": "F4CDC6"}


@dataclass(frozen=True)
class Column:
    label: str
    width_cm: float = 3.0
    numeric: bool = False


@dataclass
class PackTable:
    title: str
    subtitle: str
    columns: list[Column]
    rows: list[list[str | int | None]] = field(default_factory=list)
    shades: list[dict[int, str]] = field(default_factory=list)  # per row: column → band

    def shade(self, row: int, column: int) -> str | None:
        if row >= len(self.shades):
            return None
        return SHADES.get(self.shades[row].get(column, ""))


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fill(cell: object, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def _landscape(document: object) -> None:
    section = document.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def to_docx(table: PackTable) -> bytes:
    """A landscape Word document: a heading, a note, and the table with a repeated header."""
    document = Document()
    _landscape(document)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(table.title, level=1)
    if table.subtitle:
        document.add_paragraph(table.subtitle)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, table.columns, strict=True):
        cell.text = column.label
        cell.paragraphs[0].runs[0].bold = True
        _fill(cell, "DDDDDD")
    for index, values in enumerate(table.rows):
        cells = grid.add_row().cells
        for number, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = "" if value is None else str(value)
            colour = table.shade(index, number)
            if colour:
                _fill(cell, colour)
    for number, column in enumerate(table.columns):
        for cell in grid.columns[number].cells:
            cell.width = Cm(column.width_cm)
    document.core_properties.title = table.title
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _sheet_name(title: str) -> str:
    """Excel refuses []:*?/\\ in a sheet's name and any name over 31 characters."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title)
    return " ".join(cleaned.split())[:31].strip() or "Sheet1"


def to_xlsx(table: PackTable) -> bytes:
    """One worksheet: title, note, a frozen header row with filters, wrapped text."""
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    book.set_properties({"title": table.title})
    sheet = book.add_worksheet(_sheet_name(table.title))
    bold = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True})
    wrap = {"text_wrap": True, "valign": "top", "border": 1}
    plain = book.add_format(wrap)
    shaded = {band: book.add_format({**wrap, "bg_color": f"#{c}"}) for band, c in SHADES.items()}
    sheet.write(0, 0, table.title, bold)
    sheet.write(1, 0, table.subtitle)
    first = 3
    for number, column in enumerate(table.columns):
        sheet.set_column(number, number, column.width_cm * 4.2)
        sheet.write(first, number, column.label, head)
    for index, values in enumerate(table.rows):
        for number, value in enumerate(values):
            band = table.shades[index].get(number) if index < len(table.shades) else None
            style = shaded.get(band or "", plain)
            if value is None:
                sheet.write_blank(first + 1 + index, number, None, style)
            elif isinstance(value, int):
                sheet.write_number(first + 1 + index, number, value, style)
            else:
                sheet.write_string(first + 1 + index, number, str(value), style)
    sheet.freeze_panes(first + 1, 0)
    sheet.autofilter(first, 0, first + len(table.rows), len(table.columns) - 1)
    sheet.set_landscape()
    sheet.repeat_rows(first)
    sheet.fit_to_pages(1, 0)
    book.close()
    return output.getvalue()


def download(table: PackTable, kind: str, filename: str) -> HttpResponse:
    """The table as a Word or Excel attachment; `kind` is "docx" or "xlsx"."""
    body, mime = (to_docx(table), DOCX) if kind == "docx" else (to_xlsx(table), XLSX)
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
