"""The first hour of each persona (#14), walked in the browser: one test a finding; findings
1-4 are walked in test_journeys.py (one update a quarter, from the overview to the review)."""

from __future__ import annotations

import re

import pytest

from .pages import POLICE_ACTION

pytestmark = pytest.mark.browser


def test_5_reports_open_on_the_latest_month_with_data(visit):
    board = visit("board")
    board.follow("Reports")
    assert "June 2021" in board.text()  # the plan's last update and figures, not this month
    board.follow("Annual report")
    assert "2021/22" in board.heading() + board.text()
    assert "No plan ran during" not in board.text()


def test_6_the_board_member_is_offered_no_control_they_cannot_use(visit):
    board = visit("board")
    for path in ("/p/torbay/audits/", "/p/torbay/plans/", "/p/torbay/risks/"):
        board.go(path)
        for name in ("Add a finding", "Edit the dip sample", "Add an action", "change"):
            assert board.page.get_by_role("link", name=name, exact=True).count() == 0, path


def test_7_a_theme_opens_on_its_own_and_the_plan_filters_by_rating(visit):
    manager = visit("manager")
    manager.follow("Plans")
    manager.follow("Children's Services Improvement Plan 2021/22")
    manager.fill_in({"Latest RAG": "Red"})
    manager.submit("Show the actions")
    matched = re.search(r"(\d+) actions? match", manager.text())
    assert (
        matched
        and int(matched.group(1)) == manager.page.locator("main table a[href*='/actions/']").count()
    )
    manager.follow(re.compile(r"^T2 "))
    assert manager.heading().startswith("Theme T2")
    manager.shot("first-hour-theme-filtered")


def test_8_an_audit_is_started_by_typing_the_case_identifier(visit):
    auditor = visit("auditor")
    auditor.go("/p/torbay/audits/case-audits/new/")
    assert auditor.page.get_by_label("Case").evaluate("el => el.tagName") == "INPUT"
    auditor.fill_in({"Case": "NOT-A-CASE", "Month": "2021-06"})
    auditor.submit("Save", expect=400)
    assert "No open case has this identifier" in auditor.text()


def test_9_the_record_of_changes_reads_as_words_and_links_to_each_record(visit):
    manager = visit("manager")
    manager.go("/p/torbay/changes/")
    text = manager.text()
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+|\{'", text)
    first = manager.page.locator("main table tbody a").first
    href = first.get_attribute("href")
    assert href and href.startswith("/p/torbay/")
    manager.follow(first.inner_text())
    assert manager.path == href


def test_10_an_upload_page_offers_its_format_in_the_service(visit):
    analyst = visit("analyst")
    analyst.go("/p/torbay/performance/load/")
    assert "docs/" not in analyst.text()
    analyst.follow("Read the format in full")
    assert analyst.heading() == "Performance files: figures and benchmarks"


def test_11_a_refusal_says_who_may_and_leads_back(visit):
    board = visit("board")
    board.go("/p/torbay/plans/")
    board.go("/p/torbay/updates/", expect=403)
    assert "Only an administrator or a business manager can do this." in board.text()


def test_a_double_click_on_save_sends_one_update(visit):
    from assure.plans.models import Action

    owner = visit("owner")
    owner.follow("My actions")
    owner.follow(POLICE_ACTION)
    path = owner.path
    owner.follow(re.compile(r"^Write the Q\d 20\d\d.\d\d update$"))
    owner.fill_in({re.compile("^Green"): True, "Progress": "Sent once."})
    with owner.page.expect_navigation():
        owner.page.get_by_role("button", name="Save").dblclick()
    owner.check()
    action = Action.objects.get(pk=int(path.rstrip("/").split("/")[-1]))
    assert action.updates.filter(progress="Sent once.").count() == 1
