"""Every write of the reports app: issuing a report as the version the board sees.

Issuing builds the report from today's data, keeps its model as JSON and its PDF as sent,
numbers the version (a second issue of the same plan and month is version 2; nothing is
overwritten), and records the change.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib

from django.db import transaction
from django.db.models import Max

from assure.core import audit
from assure.core.access import may
from assure.core.errors import DomainError
from assure.core.models import ChangeRecord, Membership
from assure.plans.models import Plan
from assure.reports.highlight.formats import RENDERERS
from assure.reports.highlight.model import highlight_report
from assure.reports.issued import serialisation
from assure.reports.models import IssuedDocument, IssuedReport


def issue_highlight_report(
    membership: Membership, plan: Plan, month: dt.date, *, today: dt.date | None = None
) -> IssuedReport:
    """Issue `plan`'s highlight report for the month holding `month`, as a new version."""
    if not may(membership, "manage"):
        raise DomainError("Only a business manager or an administrator can issue a report.")
    partnership = membership.partnership
    if plan.partnership_id != partnership.pk:
        raise DomainError("Choose a plan of this partnership.", field="plan")
    # Built and laid out before the transaction: the PDF takes seconds, and no lock need
    # be held while it is drawn.
    report = highlight_report(partnership, plan, month, report_date=today)
    documents = {
        IssuedDocument.Kind.MODEL: serialisation.dumps(report).encode(),
        IssuedDocument.Kind.PDF: RENDERERS["pdf"].render(report),
    }
    with transaction.atomic():
        # Locking the plan makes two managers issuing at once take versions in turn.
        Plan.objects.select_for_update().only("pk").get(pk=plan.pk)
        issued = IssuedReport.objects.create(
            partnership=partnership,
            kind=IssuedReport.Kind.HIGHLIGHT,
            plan=plan,
            month=report.month,
            version=_next_version(plan, report.month),
            title=plan.title,
            issued_by=membership.user,
            issued_by_name=_name_of(membership),
        )
        for kind, content in documents.items():
            _keep(issued, kind, content)
        audit.record(
            actor=membership.user,
            partnership=partnership,
            verb=ChangeRecord.Verb.CREATED,
            obj=issued,
            summary=f"Issued the {plan.title} highlight report for {issued.month_label} "
            f"(version {issued.version})",
        )
    return issued


def _next_version(plan: Plan, month: dt.date) -> int:
    issued = IssuedReport.objects.filter(
        plan=plan, kind=IssuedReport.Kind.HIGHLIGHT, month=month
    ).aggregate(highest=Max("version"))
    return (issued["highest"] or 0) + 1


def _name_of(membership: Membership) -> str:
    user = membership.user
    return str(membership.person or user.get_full_name() or user.get_username())


def _keep(issued: IssuedReport, kind: str, content: bytes) -> IssuedDocument:
    return IssuedDocument.objects.create(
        issued=issued,
        kind=kind,
        # mtime=0: the same bytes always compress to the same stored value.
        content=gzip.compress(content, mtime=0),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
