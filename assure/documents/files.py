"""A document as a file to download, in the formats every table of Assure is written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from assure.documents import excel, word
from assure.documents.model import Table

T = TypeVar("T")


@dataclass(frozen=True)
class Output(Generic[T]):
    """A format a document is written in: its label, content type and renderer."""

    label: str
    content_type: str
    render: Callable[[T], bytes]


def attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file to download under `filename`, written into the header safely whatever it holds
    (a quote, a line break or a letter outside ASCII in a name typed by a user)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def download(table: Table, kind: str, filename: str) -> HttpResponse:
    """A table on its own (its notes said above it) as a Word or Excel attachment; `kind`
    is "docx" or "xlsx"."""
    if kind == "docx":
        body, mime = word.one_table(table), word.DOCX
    else:
        body, mime = excel.one_table(table), excel.XLSX
    return attachment(body, mime, f"{filename}.{kind}")
