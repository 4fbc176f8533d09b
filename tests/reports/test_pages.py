"""The highlight report in the browser and as downloads, and the command line, on a small plan
of a partnership's own (tests/reports/factories.py)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from assure.reports.command import main
from tests.factories import MemberFactory, PartnershipFactory, PlanFactory, signed_in

from .factories import reported_plan


@pytest.fixture
def reported(partnership, people):  # type: ignore[no-untyped-def]
    return reported_plan(partnership, people("manager"))


def test_a_board_member_reads_the_report_with_links_behind_each_rating(
    signed_in_as, home, reported
):
    page = signed_in_as("board").get(f"{home}reports/highlight/?month=2021-05")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Key priority areas" in html and "Issue and risk register" in html
    assert "Children&#x27;s Services Improvement Plan 2021/22" in html
    action, risk = reported.actions["1.1.1"], reported.risks["R1"]
    assert f'href="{home}actions/{action.pk}/' in html and f'href="{home}risks/{risk.pk}/' in html
    assert "reports/highlight.docx?plan=" in html and "reports/highlight.pdf?plan=" in html


def test_an_outsider_gets_not_found(home, reported):
    outsider = signed_in(MemberFactory(partnership=PartnershipFactory()))
    assert outsider.get(f"{home}reports/highlight/").status_code == 404


def test_a_plan_of_another_partnership_is_not_found(signed_in_as, home, reported):
    plan = PlanFactory(partnership=PartnershipFactory())
    page = signed_in_as("manager").get(f"{home}reports/highlight/?plan={plan.pk}")
    assert page.status_code == 404


def test_the_word_download(signed_in_as, partnership, home, reported):
    response = signed_in_as("owner").get(f"{home}reports/highlight.docx?month=2021-06")
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    assert f"highlight-report-{partnership.slug}" in response["Content-Disposition"]


def test_an_unknown_format_is_not_found(signed_in_as, home, reported):
    assert signed_in_as("manager").get(f"{home}reports/highlight.odt").status_code == 404


def test_the_command_writes_an_excel_file(partnership, reported, tmp_path, capsys):
    target = tmp_path / "report.xlsx"
    code = main(
        [
            "highlight",
            "--partnership",
            partnership.slug,
            "--month",
            "2021-06",
            "--format",
            "xlsx",
            "-o",
            str(target),
        ]
    )
    assert code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Summary", "T1 Leadership"]


def test_the_command_names_the_plans_when_the_plan_is_unknown(
    partnership, reported, tmp_path, capsys
):
    code = main(
        [
            "highlight",
            "--partnership",
            partnership.slug,
            "--plan",
            "999999",
            "--month",
            "2021-06",
            "-o",
            str(tmp_path / "x.html"),
        ]
    )
    assert code == 1
    assert "Children's Services Improvement Plan 2021/22" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_an_unreadable_month_is_explained_not_a_crash(signed_in_as, home, reported):
    page = signed_in_as("manager").get(f"{home}reports/highlight/?month=May")
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()


def test_each_report_page_lists_the_others_and_marks_itself_and_the_menu_current(
    signed_in_as, home, reported
):
    for path, name in [
        ("highlight/?month=2021-05", "Highlight report"),
        ("exception/?month=2021-05", "Exception report"),
        ("annual/?year=2021-22", "Annual report"),
        ("issued/", "Issued reports"),
    ]:
        html = signed_in_as("board").get(f"{home}reports/{path}").content.decode()
        nav = html[html.index('aria-label="Reports"') :]
        nav = nav[: nav.index("</nav>")]
        for other in ("Highlight report", "Exception report", "Annual report", "Issued reports"):
            assert f">{other}</a>" in nav
        assert f'aria-current="page">{name}</a>' in nav
        menu = html[html.index(f'href="{home}reports/highlight/"') - 120 :]
        assert "govuk-service-navigation__item--active" in menu[:120], path


def test_the_command_offers_every_report(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    said = capsys.readouterr().out
    for kind in ("highlight", "exception", "board-pack", "annual"):
        assert kind in said, kind
