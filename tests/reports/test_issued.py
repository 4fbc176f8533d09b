"""Issued reports: the business manager issues the May 2021 highlight report, the live plan
moves on, and the issued version still shows what the board saw while the comparison shows
what changed. Laying out a PDF takes seconds, so these tests issue a stand-in PDF; the real
one is tested in test_highlight.py."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from openpyxl import load_workbook

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.documents.files import Output
from assure.plans.queries import actions_of
from assure.plans.services import submit_update
from assure.reports.highlight import formats
from assure.reports.highlight.model import current_plan
from assure.reports.models import IssuedReport
from assure.risks.services import review_risk

MAY = "2021-05"


@pytest.fixture(autouse=True)
def stand_in_pdf(monkeypatch):
    def render(report):  # type: ignore[no-untyped-def]
        top = max(risk.score for risk in report.risks)
        return f"%PDF stand-in: {report.plan}, {report.month_label}, {top}".encode()

    chosen = Output("PDF (A4, tagged for accessibility)", "application/pdf", render)
    monkeypatch.setitem(formats.RENDERERS, "pdf", chosen)


def _issue(client, torbay, month: str = MAY):  # type: ignore[no-untyped-def]
    plan = current_plan(torbay)
    return client.post("/p/torbay/reports/issue/", {"plan": plan.pk, "month": month})


@pytest.fixture
def issued(client_as, torbay) -> IssuedReport:
    response = _issue(client_as("manager"), torbay)
    assert response.status_code == 302
    return IssuedReport.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def _top_risk(torbay):  # type: ignore[no-untyped-def]
    """Risk 5 in the demo: the pace of improvement, scored 25 (no other risk scores 2)."""
    return max(torbay.risks.filter(plan=current_plan(torbay)), key=lambda r: r.score)


def _row(html: str, text: str) -> str:
    """The table row holding `text`."""
    return next(row for row in re.findall(r"<tr.*?</tr>", html, re.S) if text in row)


def test_a_manager_sees_the_issue_button_with_a_warning_and_a_board_member_does_not(client_as):
    page = client_as("manager").get(f"/p/torbay/reports/highlight/?month={MAY}").content.decode()
    form = page[page.index('id="issue-report"') :]
    assert "Issue this report" in form and "csrfmiddlewaretoken" in form
    assert "cannot be changed afterwards" in form
    board = client_as("board").get(f"/p/torbay/reports/highlight/?month={MAY}").content.decode()
    assert "Issue this report" not in board and "/p/torbay/reports/issued/" in board


def test_issuing_keeps_the_report_and_its_pdf_and_records_who_did_it(client_as, torbay, issued):
    assert (issued.month.isoformat(), issued.version) == ("2021-05-31", 1)
    assert issued.issued_by_name == "Safeguarding Partnership Business Manager"
    pdf = client_as("board").get(f"/p/torbay/reports/issued/{issued.pk}.pdf")
    assert pdf.content.startswith(b"%PDF stand-in: Children's Services Improvement Plan")
    assert hashlib.sha256(pdf.content).hexdigest() == issued.documents.get(kind="pdf").sha256
    assert f"-{MAY}-v1.pdf" in pdf["Content-Disposition"]
    record = ChangeRecord.objects.get(object_type="reports.issuedreport", object_id=issued.pk)
    assert record.actor.username == "torbay.manager"
    assert "highlight report for May 2021 (version 1)" in record.summary


def test_the_issued_version_keeps_what_the_board_saw_after_the_plan_moves_on(
    client_as, torbay, membership, issued
):
    risk = _top_risk(torbay)
    was = risk.score
    review_risk(membership("manager"), risk, probability=1, impact=2, note="Mitigated")
    board = client_as("board")
    page = board.get(f"/p/torbay/reports/issued/{issued.pk}/").content.decode()
    assert re.search(r"Issued on \d+ \w+ \d{4} at \d\d:\d\d by .+ \(version 1\)", page)
    assert f'>{was}<span class="assure-said">' in page
    assert '>2<span class="assure-said">' not in page
    live = board.get(f"/p/torbay/reports/highlight/?month={MAY}").content.decode()
    assert '>2<span class="assure-said">' in live
    xlsx = board.get(f"/p/torbay/reports/issued/{issued.pk}.xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx))["Summary"].iter_rows(values_only=True))
    assert any(row[:2] == (risk.reference, "Risk") and row[8] == was for row in rows)
    assert board.get(f"/p/torbay/reports/issued/{issued.pk}.pdf").content.endswith(
        f", {was}".encode()
    )


def test_the_comparison_with_next_month_shows_the_changed_rating_and_score(
    client_as, torbay, membership, issued
):
    manager = membership("manager")
    risk = _top_risk(torbay)
    was = risk.score
    review_risk(manager, risk, probability=1, impact=2, note="Mitigated")
    # an action with no Q1 update when the report was issued (a reviewed one is history)
    action = actions_of(torbay).get(objective__priority__plan=issued.plan, code="2.2.3")
    red = issued.plan.rag_scheme.levels.get(colour="red")
    submit_update(manager, action, period="2021-Q1", rag=red, progress="Stalled in June")
    html = client_as("board").get(f"/p/torbay/reports/issued/{issued.pk}/compare/").content.decode()
    assert "Live report for June 2021" in html
    scored = _row(html, f"{risk.reference} {risk.description[:40]}")
    assert f"{was} (very high)" in scored and "2 (low)" in scored and "Better" in scored
    rated = _row(html, f"{action.code} {action.title[:40]}")
    assert "Q1 2021/22" in rated and "No rating" in rated and ">Red<" in rated and "New" in rated


def test_issuing_the_same_month_again_makes_version_two_and_keeps_version_one(
    client_as, torbay, membership, issued
):
    kept = bytes(issued.documents.get(kind="json").content)
    risk = _top_risk(torbay)
    review_risk(membership("manager"), risk, probability=1, impact=2, note="Better")
    second = _issue(client_as("manager"), torbay)
    versions = list(IssuedReport.objects.filter(plan=issued.plan).values_list("version", flat=True))
    assert sorted(versions) == [1, 2]
    assert bytes(issued.documents.get(kind="json").content) == kept
    listing = client_as("board").get("/p/torbay/reports/issued/").content.decode()
    assert listing.count("May 2021") >= 2
    compared = client_as("board").get(f"{second.url}compare/?with={issued.pk}").content.decode()
    assert "May 2021, version 1 as issued" in compared
    assert "2 (low)" in _row(compared, f"{risk.reference} {risk.description[:40]}")


def test_an_issued_report_cannot_be_changed(issued):
    issued.version = 7
    with pytest.raises(DomainError):
        issued.save()
    document = issued.documents.first()
    with pytest.raises(DomainError):
        document.save()


def test_a_board_member_reads_issued_versions_but_cannot_issue(client_as, torbay, issued):
    board = client_as("board")
    assert board.get("/p/torbay/reports/issued/").status_code == 200
    assert board.get(f"/p/torbay/reports/issued/{issued.pk}.html").status_code == 200
    assert _issue(board, torbay).status_code == 403
    assert IssuedReport.objects.filter(partnership=torbay).count() == 1


def test_an_outsider_finds_nothing(client_as, torbay, issued):
    outsider = client_as("outsider")
    for address in ("", f"{issued.pk}/", f"{issued.pk}.pdf", f"{issued.pk}/compare/"):
        assert outsider.get(f"/p/torbay/reports/issued/{address}").status_code == 404
    assert _issue(outsider, torbay).status_code == 404


def test_another_partnerships_issued_report_is_not_found(client_as, torbay, issued):
    assert client_as("outsider").get(f"/p/stockton/reports/issued/{issued.pk}/").status_code == 404


def test_bad_input_is_explained_and_nothing_is_issued(client_as, torbay, stockton):
    manager = client_as("manager")
    plan = current_plan(torbay)
    response = manager.post("/p/torbay/reports/issue/", {"plan": plan.pk, "month": "May"})
    assert response.status_code == 400 and "e.g. 2021-05" in response.content.decode()
    other = stockton.plans.first()
    response = manager.post("/p/torbay/reports/issue/", {"plan": other.pk, "month": MAY})
    assert response.status_code == 400 and "plan of this partnership" in response.content.decode()
    assert manager.get("/p/torbay/reports/issue/").status_code == 405
    assert not IssuedReport.objects.exists()


def test_a_kept_document_that_fails_its_checksum_is_explained_not_served(client_as, issued):
    issued.documents.filter(kind="pdf").update(sha256="0" * 64)
    response = client_as("board").get(f"/p/torbay/reports/issued/{issued.pk}.pdf")
    assert response.status_code == 500
    assert "is damaged" in response.content.decode() and b"%PDF" not in response.content
