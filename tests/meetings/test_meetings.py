"""Meetings, the action tracker, cabinet responses and the "before the meeting" view.

Built with the factories (tests/factories.py, tests/meetings/factories.py) on a partnership of
its own; what the demo holds of seed 004's board is checked in test_seed_meetings.py."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from assure.core.errors import DomainError
from assure.core.models import ChangeRecord
from assure.meetings import queries, services
from assure.meetings.models import CabinetResponse, Meeting, TrackerAction, TrackerComment
from assure.plans.models import Action, Recommendation
from tests.factories import GroupFactory, MemberFactory, PersonFactory, RiskFactory, signed_in

from .factories import (
    CabinetResponseFactory,
    MeetingFactory,
    PlanFactory,
    TrackerActionFactory,
    plan_action,
)

TODAY = dt.date.today()
BOARD = "Children and Young People's Overview and Scrutiny Board"
JULY = dt.date(2021, 7, 27)


@pytest.fixture
def manager(member):
    return member("manager")


@pytest.fixture
def owner(member):
    """An action owner from a partner agency: the person who owns the rows built below."""
    return member("owner")


@pytest.fixture
def board(partnership):
    return GroupFactory(partnership=partnership, name=BOARD, kind="board")


@pytest.fixture
def july(partnership, board):
    return MeetingFactory(partnership=partnership, group=board, held_on=JULY)


def action_fields(july, owner_member, **overrides):
    fields = {
        "meeting": july,
        "minute_number": "9",
        "text": "Report toolkit compliance by team",
        "owner": owner_member.person,
        "due_date": dt.date(2021, 9, 1),
        "status": "open",
    }
    fields.update(overrides)
    return fields


def post_data(fields):
    return {k: getattr(v, "pk", v) for k, v in fields.items()}


def test_a_manager_adds_a_recommendation_response_and_update(partnership, manager, board):
    client = signed_in(manager)
    response = client.post(
        reverse("cabinet-response-new", args=[partnership.slug]),
        {
            "reference": "1", "source_title": "Review of Early Help", "issued_on": "2024-03-01",
            "recommendation": "Expand the hubs.", "group": board.pk,
            "response": "Agreed.", "responded_on": "2024-04-01",
        },
    )  # fmt: skip
    assert response.status_code == 302
    saved = CabinetResponse.objects.get(recommendation__source_title="Review of Early Help")
    assert saved.recommendation.partnership == partnership
    assert saved.recommendation.source == Recommendation.Source.SCRUTINY
    url = reverse("cabinet-response-update", args=[partnership.slug, saved.pk])
    assert (
        client.post(url, {"written_on": "2024-05-01", "text": "Two hubs open."}).status_code == 302
    )
    assert saved.updates.get().written_on == dt.date(2024, 5, 1)
    recommendations = client.get(reverse("recommendations", args=[partnership.slug]))
    assert "Expand the hubs." in recommendations.content.decode()


def test_the_cabinet_response_table_page(partnership, member, board):
    CabinetResponseFactory(
        partnership=partnership, group=board, source_title="Review of the Youth Offending Team",
        recommendation="To support the appointment of a dedicated Youth Offending Team Manager.",
    )  # fmt: skip
    url = reverse("cabinet-responses", args=[partnership.slug])
    page = signed_in(member("auditor")).get(url).content.decode()
    assert "Review of the Youth Offending Team" in page
    assert "To support the appointment of a dedicated Youth Offending Team Manager." in page
    assert "Add an update" not in page


def test_a_due_date_before_the_meeting_is_refused_and_nothing_saved(
    partnership, manager, owner, july
):
    before = (TrackerAction.objects.count(), ChangeRecord.objects.count())
    fields = action_fields(july, owner, due_date=dt.date(2021, 7, 1))
    url = reverse("tracker-new", args=[partnership.slug])
    response = signed_in(manager).post(url, post_data(fields))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        "The due date must be on or after the meeting the action came from (27 July 2021)." in page
    )
    with pytest.raises(DomainError) as error:
        services.save_tracker_action(None, partnership, None, **fields)
    assert error.value.field == "due_date"
    assert (TrackerAction.objects.count(), ChangeRecord.objects.count()) == before


def test_an_owner_from_another_partnership_is_refused(partnership, manager, owner, july):
    stranger = PersonFactory()  # of a partnership of its own
    before = TrackerAction.objects.count()
    fields = action_fields(july, owner, owner=stranger)
    url = reverse("tracker-new", args=[partnership.slug])
    response = signed_in(manager).post(url, post_data(fields))
    assert response.status_code == 400
    assert "Choose an owner from this partnership." in response.content.decode()
    with pytest.raises(DomainError) as error:
        services.save_tracker_action(None, partnership, None, **fields)
    assert error.value.field == "owner"
    assert TrackerAction.objects.count() == before


def test_a_manager_adds_a_tracker_action(partnership, manager, owner, july):
    fields = action_fields(july, owner)
    url = reverse("tracker-new", args=[partnership.slug])
    response = signed_in(manager).post(url, post_data(fields))
    assert response.status_code == 302
    saved = TrackerAction.objects.get(text="Report toolkit compliance by team")
    assert saved.partnership == partnership and saved.owner == owner.person
    assert ChangeRecord.objects.filter(object_type="meetings.trackeraction", object_id=saved.pk)


def test_the_owner_comments_on_their_action_and_closes_it(partnership, owner, july):
    action = services.save_tracker_action(None, partnership, None, **action_fields(july, owner))
    url = reverse("tracker-comment", args=[partnership.slug, action.pk])
    response = signed_in(owner).post(
        url, {"text": "Reported to the sub-group", "status": "complete"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "complete"
    comment = action.comments.get()
    assert comment.written_on == TODAY and comment.author_person == owner.person
    edit = reverse("tracker-edit", args=[partnership.slug, action.pk])
    assert signed_in(owner).get(edit).status_code == 403


def test_an_empty_comment_is_refused(partnership, owner, july):
    action = services.save_tracker_action(None, partnership, None, **action_fields(july, owner))
    url = reverse("tracker-comment", args=[partnership.slug, action.pk])
    response = signed_in(owner).post(url, {"text": "  ", "status": "complete"})
    assert response.status_code == 400
    assert "Enter the comment." in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open" and not action.comments.exists()


@pytest.mark.parametrize("persona", ["owner", "analyst", "auditor", "board"])
def test_members_cannot_update_actions_they_do_not_own(partnership, member, july, persona):
    row = TrackerActionFactory(partnership=partnership, meeting=july, minute_number="2")
    client = signed_in(member(persona))  # of the partnership, but not the row's owner
    slug = partnership.slug
    assert client.get(reverse("tracker-comment", args=[slug, row.pk])).status_code == 403
    assert client.get(reverse("tracker-new", args=[slug])).status_code == 403
    assert client.get(reverse("meeting-new", args=[slug])).status_code == 403
    assert client.get(reverse("cabinet-response-new", args=[slug])).status_code == 403
    assert client.get(reverse("tracker-action", args=[slug, row.pk])).status_code == 200


def test_an_outsider_gets_404(partnership, july):
    row = TrackerActionFactory(partnership=partnership, meeting=july, minute_number="2")
    client = signed_in(MemberFactory())  # a manager of another partnership
    slug = partnership.slug
    for url in [
        reverse("meetings", args=[slug]),
        reverse("meeting", args=[slug, row.meeting.pk]),
        reverse("tracker", args=[slug]),
        reverse("tracker-action", args=[slug, row.pk]),
        reverse("tracker-export", args=[slug, "docx"]),
        reverse("cabinet-responses", args=[slug]),
        reverse("before-meeting", args=[slug, row.meeting.group.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_another_partnerships_meeting_is_not_found_through_this_one(partnership, july):
    row = TrackerActionFactory(partnership=partnership, meeting=july, minute_number="2")
    outsider = MemberFactory()
    client = signed_in(outsider)  # asking through their own partnership's address
    theirs = outsider.partnership.slug
    assert client.get(reverse("meeting", args=[theirs, row.meeting.pk])).status_code == 404
    assert client.get(reverse("tracker-action", args=[theirs, row.pk])).status_code == 404
    group = row.meeting.group
    assert client.get(reverse("before-meeting", args=[theirs, group.pk])).status_code == 404


def test_a_manager_records_a_meeting_with_agenda_minutes_and_a_decision(
    partnership, manager, board
):
    client = signed_in(manager)
    slug = partnership.slug
    response = client.post(
        reverse("meeting-new", args=[slug]),
        {"group": board.pk, "held_on": "2021-11-09", "starts_at": "09:30", "place": "Town Hall"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(group=board, held_on=dt.date(2021, 11, 9))
    agenda_url = reverse("agenda-new", args=[slug, meeting.pk])
    client.post(agenda_url, {"number": "1", "title": "Apologies", "position": 0})
    minute_url = reverse("minute-new", args=[slug, meeting.pk])
    client.post(minute_url, {"number": "1", "title": "Apologies", "text": "None", "position": 0})
    minute = meeting.minutes.get()
    decision_url = reverse("decision-new", args=[slug, meeting.pk])
    client.post(decision_url, {"minute": minute.pk, "text": "Noted."})
    assert meeting.agenda.get().title == "Apologies"
    assert meeting.decisions.get().minute == minute
    again = client.post(
        reverse("meeting-new", args=[slug]), {"group": board.pk, "held_on": "2021-11-09"}
    )
    assert again.status_code == 400
    assert "This group already has a meeting on that day." in again.content.decode()


def test_before_the_meeting_lists_what_the_group_should_look_at(partnership, owner, member):
    group = GroupFactory(partnership=partnership, name="Children and Young People Exploitation")
    meeting = services.save_meeting(
        None, partnership, None, group=group, held_on=TODAY - dt.timedelta(days=40)
    )

    def row(text, due, **fields):
        fields.setdefault("meeting", meeting)
        due_date = TODAY + dt.timedelta(days=due)
        return TrackerActionFactory(partnership=partnership, text=text, due_date=due_date, **fields)

    overdue = row("Refresh the toolkit guidance", -1, minute_number="3", owner=owner.person)
    later = row("Plan the dip sample", 50, minute_number="4", owner=owner.person)
    row("Circulate the terms of reference", -5, status="complete")
    row("Another group's action", -1, meeting=MeetingFactory(partnership=partnership))
    risk = RiskFactory(
        partnership=partnership, reference="E1", description="If toolkits lapse, then harm.",
        raised_on=TODAY - dt.timedelta(days=100), owner_person=None, owner_group=group,
        probability=3, impact=4, next_review=TODAY + dt.timedelta(days=3),
    )  # fmt: skip
    later_review = TODAY + dt.timedelta(days=30)  # after the fortnight ahead
    RiskFactory(
        partnership=partnership, owner_person=None, owner_group=group, next_review=later_review
    )
    RiskFactory(partnership=partnership, owner_person=owner.person, next_review=TODAY)  # a person's
    plan = PlanFactory(partnership=partnership, updates_due=TODAY + dt.timedelta(days=7))
    needing = plan_action(plan, owner_group=group)
    plan_action(plan, owner_group=group, status=Action.Status.COMPLETE)
    plan_action(plan, owner_group=GroupFactory(partnership=partnership))
    before = queries.before_the_meeting(group, TODAY)
    assert before.next_meeting is None and before.by == TODAY + dt.timedelta(days=14)
    assert set(before.open_actions) == {overdue, later}
    assert before.overdue == [overdue]
    assert before.risks_due == [risk]
    owned = Action.objects.filter(owner_group=group, status="open")
    assert [row.action for row in before.plan_actions] == list(owned) == [needing]
    assert all(row.needs_update for row in before.plan_actions)
    url = reverse("before-meeting", args=[partnership.slug, group.pk])
    text = signed_in(member("board")).get(url).content.decode()
    assert "Refresh the toolkit guidance" in text and "If toolkits lapse" in text


def test_before_the_meeting_looks_ahead_to_the_next_meeting(partnership, board, july):
    open_rows = [TrackerActionFactory(partnership=partnership, meeting=july) for _ in range(2)]
    TrackerActionFactory(partnership=partnership, meeting=july, status="complete")
    next_one = services.save_meeting(
        None, partnership, None, group=board, held_on=TODAY + dt.timedelta(days=30)
    )
    services.save_meeting(None, partnership, None, group=board, held_on=TODAY + dt.timedelta(60))
    before = queries.before_the_meeting(board, TODAY)
    assert before.next_meeting == next_one and before.by == next_one.held_on
    assert set(before.open_actions) == set(open_rows)


def test_the_tracker_exports_to_word_and_excel_with_its_rows(partnership, manager, member, board):
    january = MeetingFactory(partnership=partnership, group=board, held_on=dt.date(2021, 1, 27))
    may = MeetingFactory(partnership=partnership, group=board, held_on=dt.date(2021, 5, 4))
    first_row = TrackerActionFactory(
        partnership=partnership, meeting=january, minute_number="2",
        text="Review the Membership and Terms of Reference", due_date=dt.date(2021, 3, 1),
    )  # fmt: skip
    july_comment, june_comment = "Agreed in July", "A primary parent governor has joined"
    services.comment_on_action(
        manager, first_row, text=july_comment, written_on=dt.date(2021, 7, 14)
    )
    services.comment_on_action(
        manager, first_row, text=june_comment, written_on=dt.date(2021, 6, 10)
    )
    TrackerActionFactory(
        partnership=partnership, meeting=may, minute_number="4.1",
        text="Respond to the Freedom of the Borough nomination",
    )  # fmt: skip
    TrackerActionFactory(partnership=partnership, text="Another group's action")
    client = signed_in(member("board"))
    slug, group = partnership.slug, f"?group={board.pk}"
    word = client.get(reverse("tracker-export", args=[slug, "docx"]) + group)
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
    assert first[3:6] == [first_row.owner.name, "1/3/21", "Open (overdue)"]
    assert first[6].startswith("10/6/21: A primary parent governor")
    assert first[6].endswith("\n14/7/21: Agreed in July")
    assert len(table.rows) == 3
    excel = client.get(reverse("tracker-export", args=[slug, "xlsx"]) + group)
    rows = list(
        openpyxl.load_workbook(io.BytesIO(excel.content)).active.iter_rows(values_only=True)
    )
    body = [r for r in rows if r[0] and r[0].endswith("/21")]
    assert len(body) == 2
    assert any(r[1] == "4.1" and "Freedom of the Borough" in r[2] for r in body)


def test_the_comment_is_kept_with_the_row(partnership, manager, july):
    row = TrackerActionFactory(partnership=partnership, meeting=july, minute_number="4.1")
    services.comment_on_action(manager, row, text="Response circulated", status="complete")
    assert TrackerComment.objects.filter(action=row).count() == 1
    row.refresh_from_db()
    assert not row.is_open and not row.is_overdue()
