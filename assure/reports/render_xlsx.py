"""The highlight report as an Excel workbook: a Summary sheet, then one sheet per theme with
its overview, performance tables and key actions. RAG words are coloured by conditional
formatting, so a rating typed in later colours itself; rated figures are filled directly. Each
measure's trend chart is a picture in its row (PNG from the same SVG the PDF shows), with the
chart's words as its alternative text."""

from __future__ import annotations

import io

import xlsxwriter

from assure.core import spreadsheets
from assure.reports.grid import Grid, actions_grid, performance_grid, summary_grids
from assure.reports.highlight import HighlightReport
from assure.reports.trend_charts import WIDTH, TrendChart, png

FILLS = {"red": "#F4CDC6", "amber": "#FFDFBF", "green": "#CCE2D8", "bright-green": "#CCE2D8"}
WORDS = {"Red": "red", "Amber": "amber", "Green": "green", "Bright Green": "bright-green"}
CHART_PIXELS = 110  # the chart's width in the sheet; its row is made tall enough to hold it


class _Writer:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.book = workbook
        self.bold = workbook.add_format({"bold": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.head = workbook.add_format({"bold": True, "bg_color": "#F3F2F1", "border": 1})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.fills = {
            c: workbook.add_format({"bg_color": f, "border": 1, "valign": "top"})
            for c, f in FILLS.items()
        }

    def grid(self, sheet, row: int, grid: Grid) -> int:
        sheet.write(row, 0, grid.caption, self.bold)
        sheet.write_row(row + 1, 0, grid.header, self.head)
        first = row + 2
        for r, cells in enumerate(grid.rows, start=first):
            for c, cell in enumerate(cells):
                style = self.fills.get(cell.colour or "", self.wrap)
                if cell.chart is not None:
                    self.picture(sheet, r, c, cell.chart)
                if cell.value is not None and cell.text not in WORDS:
                    sheet.write_number(r, c, cell.value, style)
                else:
                    sheet.write_string(r, c, cell.text, style)
        last = first + max(len(grid.rows), 1) - 1
        self.rag_rules(sheet, first, last, len(grid.header) - 1)
        return last + 2

    def picture(self, sheet, row: int, col: int, chart: TrendChart) -> None:
        scale = CHART_PIXELS / (WIDTH * 3)  # the PNG is drawn at three times the SVG's size
        sheet.set_row(row, 26)
        options: dict[str, object] = {"x_scale": scale, "y_scale": scale, "x_offset": 2}
        options |= {"y_offset": 3, "object_position": 1, "description": chart.text}
        sheet.insert_image(
            row,
            col,
            f"{chart.reference}.png",
            {"image_data": io.BytesIO(png(chart.svg)), **options},
        )

    def rag_rules(self, sheet, first: int, last: int, last_col: int) -> None:
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
                    "format": self.book.add_format({"bg_color": FILLS[colour]}),
                },
            )


def _summary(writer: _Writer, report: HighlightReport) -> None:
    sheet = writer.book.add_worksheet("Summary")
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 4, 40)
    sheet.write(0, 0, report.title, writer.title)
    facts = [
        ("Partnership", report.partnership),
        ("Reporting month", report.month_label),
        ("Senior responsible officer", report.senior_responsible_officer),
        ("Date of report", f"{report.report_date:%-d %B %Y}"),
        ("Overall status", report.status.label if report.status else "No rating"),
        ("Overall progress", report.narrative),
    ]
    for r, (label, value) in enumerate(facts, start=2):
        sheet.write(r, 0, label, writer.bold)
        sheet.write(r, 1, value, writer.wrap)
    writer.rag_rules(sheet, 6, 6, 1)
    row = len(facts) + 3
    for grid in summary_grids(report):
        row = writer.grid(sheet, row, grid)


def _sheet_name(code: str, title: str, used: set[str]) -> str:
    name = f"{code} {title}"
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    name = name[:31]
    while name in used:
        name = f"{name[:28]} {len(used)}"
    used.add(name)
    return name


def render_xlsx(report: HighlightReport) -> bytes:
    buffer = io.BytesIO()
    workbook = spreadsheets.workbook(buffer)
    writer = _Writer(workbook)
    _summary(writer, report)
    used = {"Summary"}
    for theme in report.themes:
        sheet = workbook.add_worksheet(_sheet_name(theme.code, theme.title, used))
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 45)
        sheet.set_column(2, 30, 11)
        sheet.set_column(2, 2, 17)  # the trend charts of the performance tables
        sheet.write(0, 0, f"{theme.code} {theme.title}", writer.title)
        sheet.write(2, 0, "Overview RAG", writer.bold)
        sheet.write(2, 1, theme.rating.label if theme.rating else "No rating", writer.wrap)
        writer.rag_rules(sheet, 2, 2, 1)
        sheet.write(3, 0, "Overview", writer.bold)
        sheet.write(3, 1, theme.narrative, writer.wrap)
        row = 5
        for table in theme.tables:
            row = writer.grid(sheet, row, performance_grid(table, theme.charts))
        writer.grid(sheet, row, actions_grid(report, theme))
    workbook.close()
    return buffer.getvalue()
