"""Each persona's main journey, walked in the browser as they would walk it.

The business manager records a plan, a priority, an objective, an action and a quarterly
update, and sends the update back with a challenge; the police lead (an action owner from a
partner agency) updates their own action and is refused another's; a board member reads the
plan and can change nothing; Stockton's business manager cannot see that Torbay exists.
"""

from __future__ import annotations

import re

import pytest

from assure.core.models import Partnership

from .pages import BUSINESS_PLAN, POLICE_ACTION, action, plan
from .visitor import Visitor

pytestmark = pytest.mark.browser

NEW_PLAN = "Torbay Safeguarding Children Partnership Business Plan 2026-2027"
EDITING = re.compile(r"^(Edit|Add|Rate|Record the overview|Write the|Review)\b")


def test_the_business_manager_records_a_plan_down_to_an_update_and_sends_it_back(visit):
    manager = visit("manager")
    assert manager.heading() == "Torbay Safeguarding Children Partnership"
    record_a_plan_with_a_priority_an_objective_and_an_action(manager)
    manager.follow("Write the Q1 2026/27 update")
    manager.fill_in({re.compile("^Amber"): True, "Progress": "The map is half drawn."})
    manager.submit()
    assert "Sent your Q1 2026/27 update for review" in manager.banner()
    assert "The map is half drawn." in manager.text()

    manager.follow("Updates")
    manager.follow("Review the update for 1.1.1")
    manager.fill_in({"Send it back with a challenge": True})
    manager.submit("Save the review", expect=400)  # a challenge must say what is wanted
    assert "Say what the owner needs to change or evidence." in manager.text()
    manager.fill_in({"Challenge (optional)": "Which lines reach which schools?"})
    manager.submit("Save the review")
    assert "Sent back: 1.1.1" in manager.banner()

    manager.follow("Plans")
    manager.follow(NEW_PLAN)
    manager.follow("1.1.1")
    assert "Sent back" in manager.text()
    assert "Which lines reach which schools?" in manager.text()
    manager.shot("journey-manager-sent-back")


def record_a_plan_with_a_priority_an_objective_and_an_action(manager: Visitor) -> None:
    manager.follow("Plans")
    manager.follow("Add a plan")
    manager.fill_in(
        {
            "Title": NEW_PLAN,
            "Kind": "Business plan",
            "Rag scheme": "Three-level RAG (red, amber, green)",
            "Starts": "2026-04-01",
            "Ends": "2027-03-31",
            "Reporting period": "2026-Q1",
        }
    )
    manager.submit()
    assert manager.heading() == NEW_PLAN
    assert f"Saved {NEW_PLAN}" in manager.banner()
    manager.follow("Add a priority or theme")
    manager.fill_in({"Code": "P1", "Title": "Children are safe from exploitation"})
    manager.submit()
    assert "P1 Children are safe from exploitation" in manager.text()
    manager.follow("Add an objective to P1")
    manager.fill_in({"Code": "1.1", "Title": "Disrupt the exploitation of children"})
    manager.submit()
    assert "Objective 1.1: Disrupt the exploitation of children" in manager.text()
    manager.follow("Add an action to objective 1.1")
    manager.fill_in(
        {
            "Code": "1.1.1",
            "Title": "Map the county lines that reach Torbay",
            "Owner (agency) (optional)": "Devon and Cornwall Police",
            "Recurrence": "Quarterly",
        }
    )
    manager.submit()
    assert manager.heading() == "Action 1.1.1"
    assert "Devon and Cornwall Police" in manager.text()


def test_the_police_lead_updates_their_own_action_and_no_one_elses(visit):
    owner = visit("owner")
    owner.follow("My actions")
    mine = owner.page.get_by_role("region", name="All your actions").get_by_role("link")
    my_paths = {link.get_attribute("href") for link in mine.all()}
    owner.follow(POLICE_ACTION)
    assert owner.path in my_paths
    owner.follow(re.compile(r"^Write the Q\d 20\d\d.\d\d update$"))
    owner.fill_in(
        {
            re.compile("^Green"): True,
            "Progress": "The 100 day plan is under way.",
            "Evidence (optional)": "https://example.org/100-day-plan",
        }
    )
    owner.submit()
    assert "for review" in owner.banner()
    assert "Awaiting review" in owner.text()

    owner.follow(BUSINESS_PLAN)
    listed = owner.page.locator("table a[href*='/actions/']").all()
    others = [a.get_attribute("href") for a in listed if a.get_attribute("href") not in my_paths]
    assert others, "every action of the plan is the police lead's: nothing to be refused"
    owner.go(others[0])
    assert not owner.page.get_by_role("link", name=EDITING).count()
    owner.go(f"{others[0]}update/", expect=403)
    assert owner.heading() == "You cannot do this"
    assert "only the actions that are yours to update" in owner.text()


def test_a_board_member_reads_the_plan_and_can_change_nothing(visit):
    board = visit("board")
    assert board.page.get_by_role("link", name="Updates").count() == 0
    board.follow("Plans")
    board.follow(BUSINESS_PLAN)
    assert board.heading() == BUSINESS_PLAN
    assert board.page.get_by_role("link", name=EDITING).count() == 0
    assert board.page.get_by_role("button", name=EDITING).count() == 0
    plan_path = board.path
    board.follow(POLICE_ACTION)
    assert board.page.get_by_role("link", name=EDITING).count() == 0
    action_path = board.path
    for refused in (f"{plan_path}edit/", f"{action_path}edit/", f"{action_path}update/"):
        board.go(refused, expect=403)
        assert board.heading() == "You cannot do this"


def test_the_other_partnerships_manager_is_told_torbay_does_not_exist(visit):
    outsider = visit("outsider")
    assert "Stockton" in outsider.heading()
    torbay = Partnership.objects.get(slug="torbay")
    for path in (
        "/p/torbay/",
        "/p/torbay/plans/",
        plan(BUSINESS_PLAN)(torbay),
        action(POLICE_ACTION)(torbay),
        action(POLICE_ACTION, "update-new")(torbay),
        "/p/torbay/updates/",
    ):
        outsider.go(path, expect=404)
        assert outsider.heading() == "Page not found"
        assert "Torbay" not in outsider.page.locator("body").inner_text()


def test_one_update_a_quarter_from_the_overview_to_the_review_and_back(visit):
    """#14 findings 1-4: the overview's count leads to work the person can do; a sent update is
    edited, not written twice; a sent-back one starts from its text; reviews come first."""
    owner = visit("owner")
    owner.follow(re.compile(r"^\d+ actions? needs? an update from you$"))
    owner.follow(POLICE_ACTION)
    owner.follow(re.compile(r"^Write the Q\d 20\d\d.\d\d update$"))
    owner.fill_in({re.compile("^Amber"): True, "Progress": "Half the schools are visited."})
    owner.submit()
    owner.follow(re.compile(r"^Edit the Q\d 20\d\d.\d\d update, awaiting review$"))
    assert owner.page.get_by_label("Progress").input_value() == "Half the schools are visited."
    owner.fill_in({"Progress": "Half the schools are visited; the rest in May."})
    owner.submit()

    manager = visit("manager")
    manager.follow("1 update awaiting your review")
    assert manager.heading() == "Quarterly updates"
    manager.follow(f"Review the update for {POLICE_ACTION}")
    assert "Half the schools are visited; the rest in May." in manager.text()
    assert "Earlier updates of this action" in manager.text()
    manager.fill_in(
        {"Send it back with a challenge": True, "Challenge (optional)": "Which schools?"}
    )
    manager.submit("Save the review")
    assert manager.path.endswith("/updates/#awaiting-review")  # none other waits: the queue
    assert "No update is waiting for you." in manager.text()

    owner.follow("My actions")
    owner.follow(POLICE_ACTION)
    owner.follow(re.compile(r"^Answer the challenge to the Q\d 20\d\d.\d\d update$"))
    assert "Which schools?" in owner.text()
    progress = owner.page.get_by_label("Progress").input_value()
    assert progress == "Half the schools are visited; the rest in May."
    owner.shot("journey-owner-answers-a-challenge")
