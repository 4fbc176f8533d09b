"""Every Word document of Assure writes its tables here: the heading row repeated on every
page, rating and band cells shaded in the colours of the browser and the PDF with their word
beside the colour (never the colour alone: a grey print loses it), figures set to the right,
charts as pictures with their words as alternative text, and column widths from the content
or as a table states them."""

from __future__ import annotations

import functools
import io
from dataclasses import replace
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assure.documents.model import Cell, Chart, Table

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FILLS = {
    "red": "F4CDC6",
    "amber": "FFDFBF",
    "green": "CCE2D8",
    "bright-green": "CCE2D8",
    # the bands of the risk heat map
    "low": "CCE2D8",
    "medium": "FFF7BF",
    "high": "FCD6C3",
    "very-high": "F4CDC6",
    "heading": "DDDDDD",
}
PNG_SCALE = 3  # a chart 120 x 30 is drawn 360 x 90 pixels: sharp in Word and Excel


def shade(cell: Any, colour: str) -> None:
    """Fill a cell with a rating or band colour."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), FILLS[colour])
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_heading(row: Any) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


@functools.lru_cache(maxsize=512)
def png(svg: str) -> bytes:
    """A chart as a PNG for Word and Excel, converted from its one SVG drawing."""
    import cairosvg  # only Word and Excel need it

    return bytes(
        cairosvg.svg2png(bytestring=svg.encode(), scale=PNG_SCALE, background_color="white")
    )


def _picture(cell: Any, chart: Chart) -> None:
    run = cell.paragraphs[0].add_run()
    shape = run.add_picture(io.BytesIO(png(chart.svg)), width=Cm(2.2))
    shape._inline.docPr.set("descr", chart.text)  # the picture's alternative text


def table(document: Any, found: Table, size: float = 8, level: int | None = 3) -> None:
    """The table under its caption: a heading of `level`, a caption paragraph (None), or
    none (0: the document's own heading says it). A table whose last column runs below
    (`last_below`: a narrative) has it on a row of its own across the table, as the PDF."""
    if level is None:
        document.add_paragraph(found.caption, style="Caption")
    elif level and found.caption:
        document.add_heading(found.caption, level=level)
    below = found.last_below and found.rows
    shown = replace(found, header=found.header[:-1], rows=[r[:-1] for r in found.rows])
    shown = shown if below else found
    grid = document.add_table(rows=1, cols=len(shown.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, shown.header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        shade(cell, "heading")
    repeat_heading(grid.rows[0])
    spans = []
    for whole, row in zip(found.rows, shown.rows, strict=True):
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = value.text
            if _shown(value) != value.text:  # the word beside the colour, seen, not only heard
                cell.paragraphs[0].add_run(value.said).italic = True
            if value.chart is not None:
                _picture(cell, value.chart)
            if value.figure:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if value.colour in FILLS:
                shade(cell, value.colour)
        if below:
            label, text, *rest = grid.add_row().cells
            label.text = found.header[-1]
            text.text = whole[-1].text or found.empty
            spans.append((text, rest[-1] if rest else text))
    if not found.rows:
        grid.add_row().cells[0].text = found.empty
    grid.autofit = False
    _cell_margins(grid)
    for column, width in zip(grid.columns, widths(shown, _measure(document), size), strict=True):
        column.width = Cm(width)  # the table's grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Cm(width)  # and each cell's, which Word reads
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
    for first, last in spans:
        if first is not last:
            first.merge(last)
    for note in filter(None, found.notes):
        document.add_paragraph(note).runs[0].font.size = Pt(size)


MARGIN_CM = 0.08  # a cell's margin, each side (Word's own is 0.19)
PADDING_CM = 2 * MARGIN_CM + 0.05
CHART_CM = 2.4  # a chart is put in at 2.2 cm


def _cell_margins(grid: Any) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(MARGIN_CM * 567)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    grid._tbl.tblPr.append(margins)


def _measure(document: Any) -> float:
    """The width the text runs in, in centimetres."""
    section = document.sections[-1]
    return float((section.page_width - section.left_margin - section.right_margin) / 360000)


def _shown(cell: Cell) -> str:
    """What a cell shows: its text, and the word of its colour."""
    return cell.text + (cell.said if cell.said and cell.colour else "")


def widths(found: Table, measure: float, size: float) -> list[float]:
    """Each column's width in centimetres: those the table states, or else from its content.
    A row is as tall as its fullest cell, so columns share the measure in proportion to how
    much text each holds in a row, on average: a narrative column wide, a code or a figure
    narrow. Each gets at least its longest word (a code, a date, a figure) and at
    most what its longest text needs on one line; the table fills the measure."""
    if found.widths_cm:
        return list(found.widths_cm)
    per_char = size * 0.0353 * 0.6  # an average character of a proportional face
    count = len(found.header)
    least, most, weight = [], [], []
    for number in range(count):
        texts = [_shown(row[number]) for row in found.rows]
        words = [len(w) for text in texts for w in text.split()] or [1]
        heads = [len(w) for w in found.header[number].split()] or [1]
        longest_word = max(min(max(words), 16), min(max(heads), 7))  # a heading may hyphenate
        chart = any(row[number].chart is not None for row in found.rows)
        least.append(max(longest_word * per_char + PADDING_CM, CHART_CM if chart else 0))
        longest = max((len(text) for text in texts), default=len(found.header[number]))
        most.append(max(longest * per_char + PADDING_CM, least[-1]))
        weight.append(max(sum(len(text) for text in texts) / max(len(texts), 1), 1.0))
    if sum(most) <= measure:  # everything fits on a line: widen in proportion
        return [w * measure / sum(most) for w in most]
    if sum(least) >= measure:  # too many columns for their words: all narrowed alike
        return [w * measure / sum(least) for w in least]
    shares = least[:]
    open_ = set(range(count))
    spare = measure - sum(least)
    while spare > 1e-9 and open_:  # share what is left by weight, none past its most
        total = sum(weight[i] for i in open_)
        given = {i: spare * weight[i] / total for i in open_}
        spare = 0.0
        for i, more in given.items():
            room = most[i] - shares[i]
            shares[i] += min(more, room)
            if more >= room:
                spare += more - room
                open_.discard(i)
    return shares


def landscape(document: Any, title: str) -> None:
    """A4 landscape with 1.5 cm margins, the title in the running header and properties."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    section.header.paragraphs[0].text = title
    document.core_properties.title = title


def saved(document: Any) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def one_table(found: Table) -> bytes:
    """A table on its own (a register, a tracker): a landscape page, its caption as the
    heading, a note, the table."""
    document = Document()
    landscape(document, found.caption)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(found.caption, level=1)
    for note in found.notes:
        document.add_paragraph(note)
    table(document, replace(found, notes=[]), size=9, level=0)
    return saved(document)
