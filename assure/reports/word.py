"""What every report's Word document does to its tables: RAG cells shaded in the colours of
the browser and the PDF, and a table's heading row repeated on every page."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FILLS = {"red": "F4CDC6", "amber": "FFDFBF", "green": "CCE2D8", "bright-green": "CCE2D8"}


def shade(cell, colour: str) -> None:
    """Fill a cell with a RAG colour (red, amber, green, bright-green)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), FILLS[colour])
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_heading(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
