"""The annual report's pages, who may read which version, and the command line, on a small
plan of a partnership's own (tests/reports/factories.py). The demo's report, its sections,
figures and suppressed small numbers, is tested in test_seed_annual.py."""

from __future__ import annotations

import pytest

from assure.reports.command import main
from tests.factories import MemberFactory, PartnershipFactory, signed_in

from .factories import reported_plan


@pytest.fixture
def reported(partnership, people):  # type: ignore[no-untyped-def]
    return reported_plan(partnership, people("manager"))


def test_every_member_reads_the_public_version(signed_in_as, home, reported):
    page = signed_in_as("board").get(f"{home}reports/annual/?year=2021-22")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Annual report 2021/22" in html and "Public version" in html
    assert "Children&#x27;s Services Improvement Plan 2021/22" in html
    assert "reports/annual.docx?year=2021-22&amp;version=public" in html
    assert 'value="internal"' not in html


def test_the_internal_version_is_for_managers_and_analysts(signed_in_as, home, reported):
    url = f"{home}reports/annual/?year=2021-22&version=internal"
    assert signed_in_as("board").get(url).status_code == 403
    assert signed_in_as("owner").get(url.replace("/?", ".docx?")).status_code == 403
    page = signed_in_as("analyst").get(url)
    assert page.status_code == 200 and "not for publication" in page.content.decode()
    manager = signed_in_as("manager").get(url)
    assert manager.status_code == 200 and "not for publication" in manager.content.decode()


def test_an_outsider_gets_not_found(home, reported):
    outsider = signed_in(MemberFactory(partnership=PartnershipFactory()))
    assert outsider.get(f"{home}reports/annual/").status_code == 404
    assert outsider.get(f"{home}reports/annual.docx").status_code == 404


def test_a_year_not_understood_gets_a_message_not_an_error(signed_in_as, home, reported):
    page = signed_in_as("manager").get(f"{home}reports/annual/?year=2021-23")
    assert page.status_code == 200
    assert "Enter the financial year" in page.content.decode()
    assert signed_in_as("manager").get(f"{home}reports/annual.odt").status_code == 404


def test_the_word_download(signed_in_as, partnership, home, reported):
    response = signed_in_as("auditor").get(f"{home}reports/annual.docx?year=2021-22")
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    name = f"annual-report-{partnership.slug}-2021-22-public.docx"
    assert name in response["Content-Disposition"]


def test_the_command_writes_a_tagged_pdf(partnership, reported, tmp_path, capsys):
    target = tmp_path / "annual.pdf"
    argv = ["annual", "--partnership", partnership.slug, "--year", "2021-22", "--public"]
    assert main([*argv, "--format", "pdf", "-o", str(target)]) == 0
    assert "public annual report 2021/22" in capsys.readouterr().out
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(target.read_bytes())
    assert pdfium.raw.FPDFCatalog_IsTagged(document.raw)  # a tagged, PDF/UA document
    text = document[0].get_textpage().get_text_range()
    assert "annual report 2021/22" in text and "Page 1 of" in text


def test_the_command_names_the_partnerships_when_one_is_unknown(partnership, tmp_path, capsys):
    other = PartnershipFactory()
    argv = ["annual", "--partnership", "nowhere", "--year", "2021-22", "-o", str(tmp_path / "x")]
    assert main(argv) == 1
    said = capsys.readouterr().err
    assert "no partnership 'nowhere'; partnerships: " in said
    named = said.split("partnerships: ")[1].rstrip(".\n").split(", ")
    assert {partnership.slug, other.slug} <= set(named)
    assert not (tmp_path / "x").exists()
