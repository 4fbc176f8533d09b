"""A document as a file to download, in the formats every table of Assure is written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.http import HttpResponse

from assure.documents import excel, word
from assure.documents.model import Table

T = TypeVar("T")


@dataclass(frozen=True)
class Output(Generic[T]):
    """A format a document is written in: its label, content type and renderer."""

    label: str
    content_type: str
    render: Callable[[T], bytes]


def download(table: Table, kind: str, filename: str) -> HttpResponse:
    """A table on its own (its notes said above it) as a Word or Excel attachment; `kind`
    is "docx" or "xlsx"."""
    if kind == "docx":
        body, mime = word.one_table(table), word.DOCX
    else:
        body, mime = excel.one_table(table), excel.XLSX
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response
