"""Assure's printed documents typeset by Typst (decision 0019): tagged PDF/UA-1, A4
landscape, a running header, "Page n of N" and table headings repeated on every page.

Templates live in `typst/`: `print.typ` (what all share) and `document.typ`, which prints
every report (highlight, exception, board pack, annual, learning) from one list of blocks
built with the helpers below. What a document says goes to Typst as JSON data, never as
markup, so no text needs escaping.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typst

from assure.documents import links
from assure.documents.model import Cell, Table

TEMPLATES = Path(__file__).parent / "typst"
Block = dict[str, Any]


def typeset(template: str, name: str, data: dict[str, Any]) -> bytes:
    """The PDF of `template` with `data` as its input `name`."""
    return typst.compile(
        str(TEMPLATES / template),
        format="pdf",
        sys_inputs={name: json.dumps(data, ensure_ascii=False)},
        pdf_standards=["ua-1"],
    )


def base_url() -> str:
    """Links in documents are site paths; this makes them work from the file."""
    return links.base_url()


def document_pdf(title: str, running: str, blocks: Iterable[Block]) -> bytes:
    data = {"title": title, "running": running, "base": base_url(), "blocks": list(blocks)}
    return typeset("document.typ", "document", data)


def heading(
    text: str, level: int = 2, label: str = "", page: bool = False, rating: Cell | None = None
) -> Block:
    """A heading; `label` lets a link ("#label") reach it, `page` starts a new page, and a
    `rating` (a cell with a colour, or "No rating") follows its words."""
    shown = {"kind": "heading", "text": text, "level": level, "label": label, "page": page}
    return shown | ({"rating": cell(rating)} if rating is not None else {})


def facts(items: Iterable[tuple[str, Cell]]) -> Block:
    """Lines of "label: value", a value a cell so a rating shows its colour and word."""
    return {"kind": "facts", "items": [{"label": label, "value": cell(c)} for label, c in items]}


def paragraph(text: str, lead: str = "", href: str = "") -> Block:
    """Text with its line breaks kept, after a bold `lead`, linked to `href` if given."""
    return {"kind": "text", "text": text, "lead": lead, "href": href}


def meta(text: str) -> Block:
    return {"kind": "meta", "text": text}


def bullets(items: Iterable[str]) -> Block:
    return {"kind": "list", "items": list(items)}


def contents(title: str = "Contents") -> Block:
    """A table of contents of the document's sections, linked to them."""
    return {"kind": "contents", "text": title}


def cell(found: Cell) -> dict[str, Any]:
    """A table cell: `said` is heard, not seen; a figure is set to the right."""
    shown = {
        "text": found.text,
        "colour": found.colour or "",
        "href": found.href,
        "said": found.said or (" (suppressed)" if found.suppressed and found.numeric else ""),
        "figure": found.figure,
    }
    if found.chart:
        shown |= {"svg": found.chart.svg, "alt": found.chart.text}
    if found.icon:  # drawn before its words, which say what it means
        shown["icon"] = found.icon.svg
    return shown


def table(found: Table, columns: list[str] | None = None, size: float | None = None) -> Block:
    """A table; `columns` are Typst widths ("5%", "1fr", "auto"), by default sized to fit;
    `size` sets a dense table's type (points); a table whose last column runs below
    (`Table.last_below`) prints it on a full-width row under each row."""
    shown = len(found.header) - found.last_below
    return {
        "kind": "table",
        "caption": found.caption,
        "header": found.header,
        "columns": (columns or ["auto"] * len(found.header))[:shown],
        "rows": [[cell(c) for c in row] for row in found.rows],
        "empty": found.empty,
        "notes": list(found.notes),
        "size": size,
        "below": found.last_below,
    }
