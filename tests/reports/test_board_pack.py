"""How a meeting's board pack is built, dated, read, refused and written by the command, on a
small board of a partnership's own: its meetings of 4 May and 27 July 2021, the tracker of
the May meeting and the small improvement plan (tests/reports/factories.py). The demo's
pack of seed 004's board is tested in test_seed_board_pack.py."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from docx import Document

from assure.meetings import services as meetings
from assure.meetings.models import Meeting
from assure.reports.board_pack.files import render_html
from assure.reports.board_pack.model import board_pack
from assure.reports.command import main
from tests.factories import GroupFactory, MemberFactory, PartnershipFactory, signed_in
from tests.meetings.factories import MeetingFactory, TrackerActionFactory

from .factories import reported_plan

MAY, JULY = dt.date(2021, 5, 4), dt.date(2021, 7, 27)
PRODUCED = dt.date(2021, 7, 20)
BOARD = "Children and Young People's Overview and Scrutiny Board"


@pytest.fixture
def july(partnership, people) -> Meeting:
    """The board's July meeting, with two items on its agenda; in May it minuted one item,
    decided once on it, and gave two actions, due on the day of the July meeting and in
    September."""
    reported_plan(partnership, people("manager"))
    board = GroupFactory(partnership=partnership, name=BOARD, kind="board")
    may = MeetingFactory(partnership=partnership, group=board, held_on=MAY)
    minute = meetings.save_minute(None, may, None, number="1", title="Toolkits", text="Read.")
    meetings.record_decision(None, may, text="Report by team", minute=minute)
    for due in (JULY, dt.date(2021, 9, 1)):
        TrackerActionFactory(partnership=partnership, meeting=may, due_date=due)
    july = MeetingFactory(partnership=partnership, group=board, held_on=JULY)
    for number, title in (("1", "Apologies"), ("2", "Improvement plan update")):
        meetings.save_agenda_item(None, july, None, number=number, title=title)
    return july


def overdue(pack) -> list[str]:  # type: ignore[no-untyped-def]
    """The due dates of the pack's tracker actions marked overdue (in red, and in words)."""
    status = pack.tracker.header.index("Status")
    return [
        row[4].text
        for row in pack.tracker.rows
        if "overdue" in row[status].text and row[status].colour == "red"
    ]


def test_the_pack_holds_the_agenda_the_last_minutes_the_tracker_and_the_highlight(
    partnership, july
):
    pack = board_pack(partnership, july, today=PRODUCED)
    assert pack.title == f"{BOARD}: board pack for 27 July 2021"
    assert [line.title for line in pack.agenda] == ["Apologies", "Improvement plan update"]
    assert pack.previous.held_on == MAY
    [minute] = pack.previous.minutes
    assert (minute.title, minute.decisions) == ("Toolkits", ["Report by team"])
    assert pack.tracker.column("Due") == ["27/7/21", "1/9/21"]
    assert pack.highlight.plan == "Children's Services Improvement Plan 2021/22"
    assert pack.month == dt.date(2021, 5, 1)  # the latest month with figures before July


def test_tracker_items_past_due_on_the_date_of_the_pack_are_marked(partnership, july):
    pack = board_pack(partnership, july, today=PRODUCED)
    assert pack.as_at == PRODUCED and overdue(pack) == []
    later = board_pack(partnership, july, today=dt.date(2021, 8, 1))
    assert later.as_at == JULY  # made after the meeting, it is as at the meeting
    assert overdue(later) == []  # due on the day of the meeting: not yet overdue
    after = board_pack(partnership, july, as_at=dt.date(2021, 8, 1))
    assert overdue(after) == ["27/7/21"]
    assert after.highlight.report_date == dt.date(2021, 8, 1)
    slug = partnership.slug
    assert all(row[0].href.startswith(f"/p/{slug}/tracker/") for row in pack.tracker.rows)


def test_the_first_meeting_of_a_group_has_no_previous_minutes(partnership, july):
    first = board_pack(partnership, Meeting.objects.get(group=july.group, held_on=MAY))
    assert first.previous is None
    html = render_html(dataclasses.replace(first, highlight=None)).decode()
    assert "first recorded meeting" in html


def test_a_meeting_of_another_partnership_is_refused(july):
    with pytest.raises(ValueError):
        board_pack(PartnershipFactory(), july)


def test_the_meeting_page_links_to_its_board_pack(signed_in_as, home, july):
    page = signed_in_as("board").get(f"{home}meetings/{july.pk}/")
    assert f"{home}reports/board-pack/{july.pk}/" in page.content.decode()


def test_a_member_reads_the_pack_in_the_browser_and_downloads_it(
    signed_in_as, partnership, home, july
):
    member = signed_in_as("owner")
    page = member.get(f"{home}reports/board-pack/{july.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Minutes of the meeting of 4 May 2021" in html and "Overall progress" in html
    assert f"reports/board-pack/{july.pk}.docx" in html
    download = member.get(f"{home}reports/board-pack/{july.pk}.html")
    assert download.status_code == 200
    assert f"board-pack-{partnership.slug}-2021-07-27.html" in download["Content-Disposition"]


def test_an_outsider_or_a_meeting_of_another_partnership_is_not_found(signed_in_as, home, july):
    member = MemberFactory(partnership=PartnershipFactory())
    outsider = signed_in(member)
    assert outsider.get(f"{home}reports/board-pack/{july.pk}/").status_code == 404
    # The other partnership's business manager, asking through their own for this meeting.
    theirs = f"/p/{member.partnership.slug}/reports/board-pack/{july.pk}.docx"
    assert outsider.get(theirs).status_code == 404
    odt = signed_in_as("manager").get(f"{home}reports/board-pack/{july.pk}.odt")
    assert odt.status_code == 404


def test_the_command_writes_the_word_pack_and_names_the_meetings_when_unknown(
    partnership, july, tmp_path, capsys
):
    target = tmp_path / "pack.docx"
    args = ["board-pack", "--partnership", partnership.slug, "--format", "docx"]
    args += ["-o", str(target)]
    assert main([*args, "--meeting", str(july.pk)]) == 0
    assert Document(str(target)).paragraphs[0].text == f"{BOARD}: board pack for 27 July 2021"
    assert main([*args, "--meeting", "999999"]) == 1
    said = capsys.readouterr().err
    assert "4 May 2021" in said and "27 July 2021" in said


def test_the_page_offers_the_month_and_date_and_explains_a_bad_one(signed_in_as, home, july):
    manager = signed_in_as("manager")
    page = manager.get(f"{home}reports/board-pack/{july.pk}/?month=2021-05")
    text = page.content.decode()
    assert page.status_code == 200 and "Reporting month <strong>May 2021</strong>" in text
    assert "?month=2021-05&amp;as_at=2021-07-27" in text  # the downloads build the same pack
    bad = manager.get(f"{home}reports/board-pack/{july.pk}/?month=May&as_at=soon")
    said = bad.content.decode()
    assert bad.status_code == 400
    assert "Enter the reporting month as a year and month" in said
    assert "Enter the date of the report as a date" in said
