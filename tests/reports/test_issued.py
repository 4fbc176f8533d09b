"""Issued reports: the business manager issues the May 2021 highlight report, the live plan
moves on, and the issued version still shows what the board saw while the comparison shows
what changed. The plan is a small one of a partnership's own (tests/reports/factories.py).
Laying out a PDF takes seconds, so these tests issue a stand-in PDF; the real one is tested
in test_seed_highlight.py."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from openpyxl import load_workbook

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.documents.files import Output
from assure.plans.services import submit_update
from assure.reports.highlight import formats
from assure.reports.models import IssuedReport
from assure.risks.services import review_risk
from tests.factories import MemberFactory, PartnershipFactory, PlanFactory, signed_in

from .factories import level, reported_plan

MAY = "2021-05"


@pytest.fixture(autouse=True)
def stand_in_pdf(monkeypatch):
    def render(report):  # type: ignore[no-untyped-def]
        top = max(risk.score for risk in report.risks)
        return f"%PDF stand-in: {report.plan}, {report.month_label}, {top}".encode()

    chosen = Output("PDF (A4, tagged for accessibility)", "application/pdf", render)
    monkeypatch.setitem(formats.RENDERERS, "pdf", chosen)


@pytest.fixture
def reported(partnership, people):  # type: ignore[no-untyped-def]
    return reported_plan(partnership, people("manager"))


@pytest.fixture
def outsider(db):  # type: ignore[no-untyped-def]
    """The business manager of another partnership."""
    return signed_in(MemberFactory(partnership=PartnershipFactory()))


def _issue(client, plan, month: str = MAY):  # type: ignore[no-untyped-def]
    return client.post(
        f"/p/{plan.partnership.slug}/reports/issue/", {"plan": plan.pk, "month": month}
    )


@pytest.fixture
def issued(signed_in_as, reported) -> IssuedReport:
    response = _issue(signed_in_as("manager"), reported.plan)
    assert response.status_code == 302
    return IssuedReport.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def _row(html: str, text: str) -> str:
    """The table row holding `text`."""
    return next(row for row in re.findall(r"<tr.*?</tr>", html, re.S) if text in row)


def test_a_manager_sees_the_issue_button_with_a_warning_and_a_board_member_does_not(
    signed_in_as, home, reported
):
    page = signed_in_as("manager").get(f"{home}reports/highlight/?month={MAY}").content.decode()
    form = page[page.index('id="issue-report"') :]
    assert "Issue this report" in form and "csrfmiddlewaretoken" in form
    assert "cannot be changed afterwards" in form
    board = signed_in_as("board").get(f"{home}reports/highlight/?month={MAY}").content.decode()
    assert "Issue this report" not in board and f"{home}reports/issued/" in board


def test_issuing_keeps_the_report_and_its_pdf_and_records_who_did_it(
    signed_in_as, people, home, issued
):
    assert (issued.month.isoformat(), issued.version) == ("2021-05-31", 1)
    manager = people("manager")
    assert issued.issued_by_name == manager.person.name
    pdf = signed_in_as("board").get(f"{home}reports/issued/{issued.pk}.pdf")
    assert (
        pdf.content == b"%PDF stand-in: Children's Services Improvement Plan 2021/22, May 2021, 25"
    )
    assert hashlib.sha256(pdf.content).hexdigest() == issued.documents.get(kind="pdf").sha256
    assert f"-{MAY}-v1.pdf" in pdf["Content-Disposition"]
    record = ChangeRecord.objects.get(object_type="reports.issuedreport", object_id=issued.pk)
    assert record.actor == manager.user
    assert "highlight report for May 2021 (version 1)" in record.summary


def test_the_issued_version_keeps_what_the_board_saw_after_the_plan_moves_on(
    signed_in_as, people, home, reported, issued
):
    risk = reported.risks["R1"]
    review_risk(people("manager"), risk, probability=1, impact=2, note="Mitigated")
    board = signed_in_as("board")
    page = board.get(f"{home}reports/issued/{issued.pk}/").content.decode()
    assert re.search(r"Issued on \d+ \w+ \d{4} at \d\d:\d\d by .+ \(version 1\)", page)
    assert '>25<span class="assure-said">' in page
    assert '>2<span class="assure-said">' not in page
    live = board.get(f"{home}reports/highlight/?month={MAY}").content.decode()
    assert '>2<span class="assure-said">' in live and '>25<span class="assure-said">' not in live
    xlsx = board.get(f"{home}reports/issued/{issued.pk}.xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx))["Summary"].iter_rows(values_only=True))
    assert any(row[:2] == ("R1", "Risk") and row[8] == 25 for row in rows)
    assert board.get(f"{home}reports/issued/{issued.pk}.pdf").content.endswith(b", 25")


def test_the_comparison_with_next_month_shows_the_changed_rating_and_score(
    signed_in_as, people, home, reported, issued
):
    manager = people("manager")
    risk = reported.risks["R1"]
    review_risk(manager, risk, probability=1, impact=2, note="Mitigated")
    action = reported.actions["1.1.2"]  # no Q1 update when the report was issued
    red = level(reported.plan, "red")
    submit_update(manager, action, period="2021-Q1", rag=red, progress="Stalled in June")
    html = signed_in_as("board").get(f"{home}reports/issued/{issued.pk}/compare/").content.decode()
    assert "Live report for June 2021" in html
    scored = _row(html, f"R1 {risk.description[:40]}")
    assert "25 (very high)" in scored and "2 (low)" in scored and "Better" in scored
    rated = _row(html, f"1.1.2 {action.title}")
    assert "Q1 2021/22" in rated and "No rating" in rated and ">Red<" in rated and "New" in rated
    assert "1.1.1 Audit supervision" not in html  # unchanged since it was issued


def test_issuing_the_same_month_again_makes_version_two_and_keeps_version_one(
    signed_in_as, people, home, reported, issued
):
    kept = bytes(issued.documents.get(kind="json").content)
    risk = reported.risks["R1"]
    review_risk(people("manager"), risk, probability=1, impact=2, note="Better")
    second = _issue(signed_in_as("manager"), reported.plan)
    versions = list(IssuedReport.objects.filter(plan=issued.plan).values_list("version", flat=True))
    assert sorted(versions) == [1, 2]
    assert bytes(issued.documents.get(kind="json").content) == kept
    listing = signed_in_as("board").get(f"{home}reports/issued/").content.decode()
    assert listing.count("May 2021") >= 2
    compared = signed_in_as("board").get(f"{second.url}compare/?with={issued.pk}").content.decode()
    assert "May 2021, version 1 as issued" in compared
    assert "2 (low)" in _row(compared, f"R1 {risk.description[:40]}")


def test_an_issued_report_cannot_be_changed(issued):
    issued.version = 7
    with pytest.raises(DomainError):
        issued.save()
    document = issued.documents.first()
    with pytest.raises(DomainError):
        document.save()


def test_a_board_member_reads_issued_versions_but_cannot_issue(
    signed_in_as, partnership, home, reported, issued
):
    board = signed_in_as("board")
    assert board.get(f"{home}reports/issued/").status_code == 200
    assert board.get(f"{home}reports/issued/{issued.pk}.html").status_code == 200
    assert _issue(board, reported.plan).status_code == 403
    assert IssuedReport.objects.filter(partnership=partnership).count() == 1


def test_an_outsider_finds_nothing(outsider, home, reported, issued):
    for address in ("", f"{issued.pk}/", f"{issued.pk}.pdf", f"{issued.pk}/compare/"):
        assert outsider.get(f"{home}reports/issued/{address}").status_code == 404
    assert _issue(outsider, reported.plan).status_code == 404
    assert IssuedReport.objects.count() == 1


def test_another_partnerships_issued_report_is_not_found(issued):
    """Its business manager, asking through their own partnership for this one's report."""
    outsider = MemberFactory(partnership=PartnershipFactory())
    mine = f"/p/{outsider.partnership.slug}/reports/issued/"
    assert signed_in(outsider).get(mine).status_code == 200
    assert signed_in(outsider).get(f"{mine}{issued.pk}/").status_code == 404


def test_bad_input_is_explained_and_nothing_is_issued(signed_in_as, home, reported):
    manager = signed_in_as("manager")
    plan = reported.plan
    response = manager.post(f"{home}reports/issue/", {"plan": plan.pk, "month": "May"})
    assert response.status_code == 400 and "e.g. 2021-05" in response.content.decode()
    other = PlanFactory(partnership=PartnershipFactory())
    response = manager.post(f"{home}reports/issue/", {"plan": other.pk, "month": MAY})
    assert response.status_code == 400 and "plan of this partnership" in response.content.decode()
    assert manager.get(f"{home}reports/issue/").status_code == 405
    assert not IssuedReport.objects.exists()


def test_a_kept_document_that_fails_its_checksum_is_explained_not_served(
    signed_in_as, home, issued
):
    issued.documents.filter(kind="pdf").update(sha256="0" * 64)
    response = signed_in_as("board").get(f"{home}reports/issued/{issued.pk}.pdf")
    assert response.status_code == 500
    assert "is damaged" in response.content.decode() and b"%PDF" not in response.content
