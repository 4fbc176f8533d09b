"""The highlight report in the browser and as downloads, and the command line."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from assure.reports.command import main


def test_a_board_member_reads_the_report_with_links_behind_each_rating(client_as, torbay):
    page = client_as("board").get("/p/torbay/reports/highlight/?month=2021-05")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Key priority areas" in html and "Issue and risk register" in html
    assert "Children&#x27;s Services Improvement Plan 2021/22" in html
    assert 'href="/p/torbay/actions/' in html and 'href="/p/torbay/risks/' in html
    assert "reports/highlight.docx?plan=" in html and "reports/highlight.pdf?plan=" in html


def test_an_outsider_gets_not_found(client_as):
    assert client_as("outsider").get("/p/torbay/reports/highlight/").status_code == 404


def test_a_plan_of_another_partnership_is_not_found(client_as, stockton):
    plan = stockton.plans.first()
    page = client_as("manager").get(f"/p/torbay/reports/highlight/?plan={plan.pk}")
    assert page.status_code == 404


def test_the_word_download(client_as):
    response = client_as("owner").get("/p/torbay/reports/highlight.docx?month=2021-06")
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    assert "highlight-report-torbay" in response["Content-Disposition"]


def test_an_unknown_format_is_not_found(client_as):
    assert client_as("manager").get("/p/torbay/reports/highlight.odt").status_code == 404


def test_the_command_writes_an_excel_file(db, tmp_path, capsys):
    target = tmp_path / "report.xlsx"
    code = main(
        [
            "highlight",
            "--partnership",
            "torbay",
            "--month",
            "2021-06",
            "--format",
            "xlsx",
            "-o",
            str(target),
        ]
    )
    assert code == 0
    assert "Summary" in load_workbook(target).sheetnames


def test_the_command_names_the_plans_when_the_plan_is_unknown(db, tmp_path, capsys):
    code = main(
        [
            "highlight",
            "--partnership",
            "torbay",
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


def test_an_unreadable_month_is_explained_not_a_crash(client_as):
    page = client_as("manager").get("/p/torbay/reports/highlight/?month=May")
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()


def test_each_report_page_lists_the_others_and_marks_itself_and_the_menu_current(client_as):
    for path, name in [
        ("highlight/?month=2021-05", "Highlight report"),
        ("exception/?month=2021-05", "Exception report"),
        ("annual/?year=2021-22", "Annual report"),
        ("issued/", "Issued reports"),
    ]:
        html = client_as("board").get(f"/p/torbay/reports/{path}").content.decode()
        nav = html[html.index('aria-label="Reports"') :]
        nav = nav[: nav.index("</nav>")]
        for other in ("Highlight report", "Exception report", "Annual report", "Issued reports"):
            assert f">{other}</a>" in nav
        assert f'aria-current="page">{name}</a>' in nav
        menu = html[html.index('href="/p/torbay/reports/highlight/"') - 120 :]
        assert "govuk-service-navigation__item--active" in menu[:120], path


def test_the_command_offers_every_report(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    said = capsys.readouterr().out
    for kind in ("highlight", "exception", "board-pack", "annual"):
        assert kind in said, kind
