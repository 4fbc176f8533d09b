"""A round's results and an organisation's report as files: Word, Excel (a sheet a table)
and a tagged PDF, each printing the same tables of `results.py` through assure/documents."""

from __future__ import annotations

import io
from dataclasses import replace

from django.http import HttpResponse
from docx import Document

from assure.assessments import results
from assure.assessments.models import Return, Round
from assure.core import spreadsheets
from assure.documents import pdf, word
from assure.documents.excel import XLSX, Writer, sheet_name
from assure.documents.files import attachment
from assure.documents.model import Table
from assure.documents.word import DOCX

KINDS = {"docx": DOCX, "xlsx": XLSX, "pdf": "application/pdf"}


def _docx(title: str, lede: str, tables: list[Table]) -> bytes:
    document = Document()
    word.landscape(document, title)
    document.add_heading(title, level=0)
    document.add_paragraph(lede)
    for table in tables:
        document.add_heading(table.caption, level=1)
        for note in table.notes:
            document.add_paragraph(note)
        word.table(document, replace(table, notes=[]), size=8.5, level=0)
    return word.saved(document)


def _xlsx(title: str, lede: str, tables: list[Table]) -> bytes:
    output = io.BytesIO()
    book = spreadsheets.workbook(output)
    book.set_properties({"title": title})
    writer = Writer(book)
    used: set[str] = set()
    for number, table in enumerate(tables):
        sheet = book.add_worksheet(sheet_name(table.caption.split(": ")[-1], used))
        sheet.set_column(0, 0, 50)
        sheet.set_column(1, len(table.header), 18)
        spreadsheets.text(sheet, 0, 0, title if number == 0 else table.caption, writer.title)
        spreadsheets.text(sheet, 1, 0, lede if number == 0 else "")
        writer.table(sheet, 3, table)
    book.close()
    return output.getvalue()


def _pdf(title: str, lede: str, tables: list[Table]) -> bytes:
    blocks = [pdf.heading(title, 1), pdf.paragraph(lede)]
    blocks += [pdf.table(table) for table in tables]
    return pdf.document_pdf(title, title, blocks)


RENDER = {"docx": _docx, "xlsx": _xlsx, "pdf": _pdf}


def round_tables(found: Round) -> tuple[str, list[Table]]:
    summary = results.summary(found)
    lede = (
        f"{found.partnership.name}: {found.framework}, sent {found.opens_on:%-d %B %Y}, "
        f"returns due {found.due_on:%-d %B %Y}. {len(summary.submitted)} of "
        f"{len(summary.asked)} organisations returned."
    )
    tables = [
        results.summary_table(summary),
        results.heat_map(found),
        results.not_returned_table(summary),
    ]
    return lede, tables


def organisation_tables(assessment: Return) -> tuple[str, list[Table]]:
    lede = (
        f"{assessment.organisation}'s self-assessment for {assessment.round} "
        f"({assessment.round.framework}), with the rating the reviewers agreed beside its own."
    )
    return lede, [results.organisation_table(assessment)]


def download(title: str, lede: str, tables: list[Table], kind: str, filename: str) -> HttpResponse:
    return attachment(RENDER[kind](title, lede, tables), KINDS[kind], f"{filename}.{kind}")
