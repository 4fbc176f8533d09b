"""Reads of issued reports, scoped to the partnership, and what each one kept."""

from __future__ import annotations

import gzip
import hashlib

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from assure.core.models import Partnership
from assure.reports.highlight.model import HighlightReport
from assure.reports.issued import serialisation
from assure.reports.models import IssuedDocument, IssuedReport


class DamagedDocument(Exception):
    """A kept document no longer matches the SHA-256 taken when it was issued."""


def issued_reports_of(partnership: Partnership) -> QuerySet[IssuedReport]:
    return IssuedReport.objects.filter(partnership=partnership).select_related("plan")


def get_issued(partnership: Partnership, pk: int) -> IssuedReport:
    return get_object_or_404(issued_reports_of(partnership), pk=pk)


def versions_of_plan(issued: IssuedReport) -> QuerySet[IssuedReport]:
    """Every issued version of the same plan and kind: what one version is compared with."""
    return IssuedReport.objects.filter(
        partnership=issued.partnership_id, plan=issued.plan_id, kind=issued.kind
    )


def document_of(issued: IssuedReport, kind: str) -> bytes:
    """The bytes kept when `issued` was issued, checked against their SHA-256."""
    document = get_object_or_404(IssuedDocument, issued=issued, kind=kind)
    content = gzip.decompress(bytes(document.content))
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise DamagedDocument(f"The kept {document.get_kind_display()} of {issued} is damaged.")
    return content


def report_of(issued: IssuedReport) -> HighlightReport:
    """The report model exactly as it was issued."""
    report: HighlightReport = serialisation.loads(
        document_of(issued, IssuedDocument.Kind.MODEL).decode()
    )
    return report
