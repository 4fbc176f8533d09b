"""What the demo holds of seed 004's scrutiny board: its meetings, agenda and minutes, its
action tracker with the pack's dated comments, the cabinet's responses, and their pages and
exports."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from assure.meetings import queries, services
from assure.meetings.models import Meeting, TrackerAction
from assure.partnership.models import Group
from assure.plans.models import Recommendation

pytestmark = pytest.mark.usefixtures("demo")

TODAY = dt.date.today()
BOARD = "Children and Young People's Overview and Scrutiny Board"


def scrutiny(torbay):
    return Group.objects.get(partnership=torbay, name=BOARD)


def meeting_on(torbay, day):
    return Meeting.objects.get(partnership=torbay, group__name=BOARD, held_on=day)


def test_the_demo_holds_the_boards_meetings_agenda_and_minutes(torbay):
    days = list(
        Meeting.objects.filter(partnership=torbay, group__name=BOARD)
        .order_by("held_on")
        .values_list("held_on", flat=True)
    )
    assert days == [
        dt.date(2021, 1, 27),
        dt.date(2021, 3, 1),
        dt.date(2021, 5, 4),
        dt.date(2021, 7, 27),
    ]
    july = meeting_on(torbay, dt.date(2021, 7, 27))
    assert july.place == "Meadfoot Room, Town Hall" and july.starts_at == dt.time(9, 30)
    agenda = list(july.agenda.all())
    assert [a.number for a in agenda] == [str(n) for n in range(1, 10)]
    assert agenda[8].title == "Exploitation Update"
    assert agenda[8].presenter == "Exploitation Team Manager"
    may = meeting_on(torbay, dt.date(2021, 5, 4))
    assert [m.number for m in may.minutes.all()] == ["1", "2", "3", "4", "4.1", "5", "6"]
    assert may.decisions.count() == 5


def test_the_meeting_page_uses_role_titles_not_names(client_as, torbay):
    may = meeting_on(torbay, dt.date(2021, 5, 4))
    page = client_as("board").get(reverse("meeting", args=["torbay", may.pk])).content.decode()
    assert "Workforce Development and Sufficiency of Placements" in page
    assert "Director of Children&#x27;s Services" in page
    for name in ["Nancy Meehan", "Councillor Law", "Jo Morrell", "Jane Inett", "Bye"]:
        assert name not in page


def test_the_demo_tracker_holds_the_packs_row_with_its_dated_comments(torbay):
    row = TrackerAction.objects.get(
        partnership=torbay, meeting__held_on=dt.date(2021, 1, 27), minute_number="2"
    )
    assert "Membership and Terms of Reference" in row.text
    assert [c.written_on for c in row.comments.all()] == [
        dt.date(2021, 6, 10),
        dt.date(2021, 7, 14),
    ]
    board = TrackerAction.objects.filter(partnership=torbay, meeting__group=scrutiny(torbay))
    assert board.count() == 5  # seed 004's tracker (the QA sub-group has one of its own)


def test_the_demo_cabinet_responses_are_scrutiny_recommendations(torbay):
    responses = list(queries.cabinet_responses(torbay))
    assert [r.recommendation.reference for r in responses] == ["1", "2", "3"]
    assert {r.recommendation.source for r in responses} == {Recommendation.Source.SCRUTINY}
    third = responses[2]
    assert third.response.startswith("The appointment of dedicated Youth Offending Team Manager")
    assert "appointed 29 June 2021" in third.updates.get().text


def test_the_cabinet_response_table_page(client_as):
    page = client_as("auditor").get(reverse("cabinet-responses", args=["torbay"])).content.decode()
    assert "Review of the Youth Offending Team" in page
    assert "To support the appointment of a dedicated Youth Offending Team Manager." in page
    assert "Add an update" not in page


def test_before_the_boards_next_meeting_it_sees_its_five_open_actions(torbay):
    group = scrutiny(torbay)
    next_one = services.save_meeting(
        None, torbay, None, group=group, held_on=TODAY + dt.timedelta(days=30)
    )
    before = queries.before_the_meeting(group, TODAY)
    assert before.next_meeting == next_one and before.by == next_one.held_on
    assert len(before.open_actions) == 5


def test_the_demo_tracker_exports_to_word_and_excel_with_the_packs_rows(client_as, torbay):
    group = scrutiny(torbay)
    client = client_as("board")
    word = client.get(reverse("tracker-export", args=["torbay", "docx"]) + f"?group={group.pk}")
    table = Document(io.BytesIO(word.content)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "Date of meeting",
        "Minute No.",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Comments",
    ]
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "27/1/21" and first[1] == "2"
    assert "Membership and Terms of Reference" in first[2]
    assert first[6].startswith("10/6/21: A primary parent governor")
    assert len(table.rows) == 6
    excel = client.get(reverse("tracker-export", args=["torbay", "xlsx"]) + f"?group={group.pk}")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(excel.content)).active.iter_rows(values_only=True)
    )
    body = [r for r in rows if r[0] and r[0].endswith("/21")]
    assert len(body) == 5
    assert any(r[1] == "4.1" and "Freedom of the Borough" in r[2] for r in body)
