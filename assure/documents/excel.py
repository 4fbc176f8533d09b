"""Every Excel workbook of Assure writes its tables here: a caption, a heading row, then the
rows, text as text (assure.core.spreadsheets), a figure as a number, a link as a link, a
rating or band filled in its colour with its word beside it (a figure stays a number, its
word part of its format), a chart as a picture in its row (PNG from the same SVG the PDF
shows, its words as alternative text), an icon as a small picture before its words. Rating
words are also coloured by conditional formatting, so a rating typed in later colours
itself."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

import xlsxwriter

from assure.core import spreadsheets
from assure.documents import links
from assure.documents.model import Chart, Table
from assure.documents.word import FILLS, png

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORDS = {"Red": "red", "Amber": "amber", "Green": "green", "Bright Green": "bright-green"}
# A figure's cell whose text is only its figure (12, 1,200, 88%, 4.5) is written as the
# number, formatted as written (88% is 0.88 shown as 88%); one with words besides ("Score 25:
# ...", "Due 3 June, 7 days overdue") keeps its words.
BARE_FIGURE = re.compile(r"£?-?[\d,]*\.?\d+%?")
CHART_PIXELS = 110  # a chart's width in the sheet; its row is made tall enough to hold it
CHART_WIDTH = 120  # the SVG's width; its PNG is drawn at three times
ICON_PIXELS, ICON_WIDTH = 20, 38  # an SPC icon's width in the sheet, and its SVG's


def figure(text: str) -> tuple[float, str]:
    """A figure as written ("88%", "1,200", "£4.50", "26.5") as the number a spreadsheet
    keeps (a percentage as its fraction, 0.88) and the format that shows it as written."""
    decimals = len(text.split(".")[1].rstrip("%")) if "." in text else 0
    places = "." + "0" * decimals if decimals else ""
    number = float(text.strip("£%").replace(",", ""))
    if text.endswith("%"):
        return number / 100, f"0{places}%"
    grouped = "#,##0" if "," in text or text.startswith("£") else "0"
    return number, ("£" if text.startswith("£") else "") + grouped + places


class Writer:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.head = book.add_format(
            {"bold": True, "bg_color": "#F3F2F1", "border": 1, "text_wrap": True}
        )
        self.wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.link = book.add_format(
            {"text_wrap": True, "valign": "top", "border": 1, "font_color": "blue", "underline": 1}
        )
        self.fills = {
            colour: book.add_format(
                {"bg_color": f"#{fill}", "border": 1, "valign": "top", "text_wrap": True}
            )
            for colour, fill in FILLS.items()
        }
        self.indented = book.add_format(
            {"text_wrap": True, "valign": "vcenter", "border": 1, "indent": 3}
        )
        self.charts = 0
        self.formats: dict[tuple[str, str], Any] = {}

    def format_of(self, colour: str | None, shown: str) -> Any:
        """The cell's fill with the figure's number format ("0%", "0.0", "£#,##0.00")."""
        key = (colour or "", shown)
        if key not in self.formats:
            fill = {"bg_color": f"#{FILLS[colour]}"} if colour in FILLS else {}
            self.formats[key] = self.book.add_format(
                {"num_format": shown, "border": 1, "valign": "top", **fill}
            )
        return self.formats[key]

    def table(self, sheet: Any, row: int, found: Table, caption: bool = True) -> int:
        """The table from `row`; the row after it (and a blank one)."""
        if caption:
            spreadsheets.text(sheet, row, 0, found.caption, self.bold)
            row += 1
        spreadsheets.texts(sheet, row, found.header, self.head)
        first = row + 1
        for r, cells in enumerate(found.rows, start=first):
            for c, cell in enumerate(cells):
                style = self.fills.get(cell.colour or "", self.wrap)
                # A colour's word beside it, as in Word, the PDF and HTML: a grey print, or a
                # reader who cannot tell the fills apart, loses the colour.
                said = cell.said if cell.colour and cell.said else ""
                if cell.chart is not None:
                    self.picture(sheet, r, c, cell.chart)
                if cell.icon is not None:
                    self.icon(sheet, r, c, cell.icon)
                    style = self.indented
                if cell.href and cell.chart is None:
                    url = links.base_url() + cell.href
                    sheet.write_url(r, c, url, self.link, cell.text + said)
                elif cell.figure and BARE_FIGURE.fullmatch(cell.text):
                    number, shown = figure(cell.text)
                    shown += f'"{said}"' if said else ""  # still a number, shown with its word
                    sheet.write_number(r, c, number, self.format_of(cell.colour, shown))
                else:
                    spreadsheets.text(sheet, r, c, cell.text + said, style)
        if not found.rows:
            spreadsheets.text(sheet, first, 0, found.empty)
        last = first + max(len(found.rows), 1) - 1
        self.rating_words(sheet, first, last, len(found.header) - 1)
        return last + 2

    def picture(self, sheet: Any, row: int, col: int, chart: Chart) -> None:
        scale = CHART_PIXELS / (CHART_WIDTH * 3)
        sheet.set_row(row, 26)
        options: dict[str, object] = {"x_scale": scale, "y_scale": scale, "x_offset": 2}
        options |= {"y_offset": 3, "object_position": 1, "description": chart.text}
        self.charts += 1
        name = f"chart-{self.charts}.png"
        sheet.insert_image(row, col, name, {"image_data": io.BytesIO(png(chart.svg)), **options})

    def icon(self, sheet: Any, row: int, col: int, icon: Chart) -> None:
        """A small icon at the start of the cell; its words, indented, follow it."""
        scale = ICON_PIXELS / (ICON_WIDTH * 3)
        sheet.set_row(row, 24)
        options: dict[str, object] = {"x_scale": scale, "y_scale": scale, "x_offset": 2}
        options |= {"y_offset": 2, "object_position": 1, "description": icon.text}
        self.charts += 1
        name = f"icon-{self.charts}.png"
        sheet.insert_image(row, col, name, {"image_data": io.BytesIO(png(icon.svg)), **options})

    def rating_words(self, sheet: Any, first: int, last: int, last_col: int) -> None:
        for word, colour in WORDS.items():
            sheet.conditional_format(
                first,
                0,
                last,
                last_col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": f'"{word}"',
                    "format": self.book.add_format({"bg_color": f"#{FILLS[colour]}"}),
                },
            )


def sheet_name(title: str, used: set[str] | None = None) -> str:
    """Excel refuses []:*?/\\ in a sheet's name, any name over 31 characters, and a name
    used twice in a workbook."""
    name = " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split())[:31].strip() or "Sheet1"
    if used is not None:
        while name in used:
            name = f"{name[:28]} {len(used)}"
        used.add(name)
    return name


def one_table(found: Table) -> bytes:
    """A table on its own (a register, a tracker): one worksheet with its caption, a note, a
    frozen heading row with filters, wrapped text, landscape, a page wide."""
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    book.set_properties({"title": found.caption})
    sheet = book.add_worksheet(sheet_name(found.caption))
    writer = Writer(book)
    spreadsheets.text(sheet, 0, 0, found.caption, writer.title)
    spreadsheets.text(sheet, 1, 0, " ".join(found.notes))
    first = 3
    for number, width in enumerate(found.widths_cm):
        sheet.set_column(number, number, width * 4.2)
    writer.table(sheet, first, replace(found, notes=[]), caption=False)
    sheet.freeze_panes(first + 1, 0)
    sheet.autofilter(first, 0, first + len(found.rows), len(found.header) - 1)
    sheet.set_landscape()
    sheet.repeat_rows(first)
    sheet.fit_to_pages(1, 0)
    book.close()
    return output.getvalue()
